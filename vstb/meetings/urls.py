from django.urls import path

from vstb.meetings import views

app_name = "meetings"
urlpatterns = [
    path("units/<int:unit_pk>/", views.meeting_list, name="list"),
    path("units/<int:unit_pk>/new/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/attendance/", views.meeting_attendance, name="attendance"),
    path("<int:pk>/notes/", views.meeting_notes, name="notes"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="cancel"),
    path("<int:pk>/invitation/", views.meeting_invitation, name="invitation"),
    path("<int:pk>/minutes/", views.meeting_minutes, name="minutes"),
    path("<int:pk>/notice/", views.meeting_notice, name="notice"),
    path("<int:pk>/conclusions/", views.conclusion_add, name="conclusion_add"),
    path("conclusions/<int:pk>/task/", views.conclusion_task, name="conclusion_task"),
    path("conclusions/<int:pk>/delete/", views.conclusion_delete, name="conclusion_delete"),
]
