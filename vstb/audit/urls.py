from django.urls import path

from vstb.audit import views

app_name = "audit"
urlpatterns = [
    path("<str:app_label>/<str:model_name>/<str:pk>/", views.history, name="history"),
]
