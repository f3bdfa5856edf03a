from django.urls import path

from vstb.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/open/", views.notification_open, name="open"),
    path("preferences/", views.preferences, name="preferences"),
    path("unit/<int:pk>/settings/", views.unit_settings, name="unit_settings"),
]
