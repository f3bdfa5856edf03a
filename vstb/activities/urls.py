from django.urls import path

from vstb.activities import views, views_calendar, views_xlsx

app_name = "activities"
urlpatterns = [
    path("unit/<int:unit_pk>/", views.activity_list, name="list"),
    path("unit/<int:unit_pk>/new/", views.activity_create, name="create"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/edit/", views.activity_edit, name="edit"),
    path("<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
]

# The calendar.
urlpatterns += [
    path("calendar/", views_calendar.calendar_month, name="calendar"),
    path("calendar/agenda/", views_calendar.calendar_agenda, name="calendar_agenda"),
    path("calendar/feed/", views_calendar.calendar_token, name="calendar_token"),
    path("calendar/ics/<str:token>/", views_calendar.calendar_feed, name="calendar_feed"),
]

# Spreadsheets: export, import template, import.
urlpatterns += [
    path("unit/<int:unit_pk>/xlsx/", views_xlsx.activity_export, name="export"),
    path("unit/<int:unit_pk>/import/template/", views_xlsx.import_template, name="import_template"),
    path("unit/<int:unit_pk>/import/", views_xlsx.activity_import, name="import"),
]
