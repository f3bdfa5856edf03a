from django.urls import path

from vstb.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/open/", views.notification_open, name="open"),
    path("preferences/", views.preferences, name="preferences"),
    path("unit/<int:pk>/settings/", views.unit_settings, name="unit_settings"),
    path("unit/<int:pk>/webhooks/", views.webhooks, name="webhooks"),
    path("webhooks/<int:pk>/active/", views.webhook_active, name="webhook_active"),
    path("webhooks/<int:pk>/secret/", views.webhook_secret, name="webhook_secret"),
    path("webhooks/<int:pk>/delete/", views.webhook_delete, name="webhook_delete"),
    path("webhooks/deliveries/<int:pk>/again/", views.delivery_again, name="delivery_again"),
]
