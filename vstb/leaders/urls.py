from django.urls import path

from vstb.leaders import views

app_name = "leaders"

urlpatterns = [
    path("", views.index, name="index"),
    path("units/<int:unit_pk>/", views.candidate_list, name="list"),
    path("units/<int:unit_pk>/add/", views.candidate_add, name="add"),
    path("units/<int:unit_pk>/review/", views.review, name="review"),
    path("units/<int:unit_pk>/review/proposals/", views.proposals, name="proposals"),
    path("units/<int:unit_pk>/review/report/", views.review_report, name="review_report"),
    path("units/<int:unit_pk>/review/indicators/", views.record_indicators, name="indicators"),
    path("units/<int:unit_pk>/xlsx/", views.export, name="export"),
    path("units/<int:unit_pk>/template/", views.import_template, name="import_template"),
    path("units/<int:unit_pk>/import/", views.candidate_import, name="import"),
    path("<int:pk>/", views.candidate_detail, name="detail"),
    path("<int:pk>/edit/", views.candidate_edit, name="edit"),
    path("<int:pk>/appoint/", views.candidate_appoint, name="appoint"),
    path("<int:pk>/remove/", views.candidate_remove, name="remove"),
]
