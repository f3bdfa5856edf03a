from django.urls import path

from vstb.inspections import views

app_name = "inspections"
urlpatterns = [
    path("units/<int:unit_pk>/", views.plan_list, name="list"),
    path("units/<int:unit_pk>/new/", views.plan_create, name="create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/suggestions/", views.plan_suggestions, name="suggestions"),
    path("<int:pk>/targets/", views.target_add, name="target_add"),
    path("targets/<int:pk>/delete/", views.target_delete, name="target_delete"),
    path("<int:pk>/team/", views.team_add, name="team_add"),
    path("team/<int:pk>/delete/", views.team_delete, name="team_delete"),
    path("<int:pk>/plan-document/", views.plan_document, name="plan_document"),
    path("<int:pk>/team-decision/", views.team_decision, name="team_decision"),
    path("<int:pk>/close/", views.plan_close, name="close"),
    path("visits/<int:pk>/", views.visit_detail, name="visit"),
    path("visits/<int:pk>/record/", views.visit_record, name="visit_record"),
    path("visits/<int:pk>/evidence/", views.finding_evidence_upload, name="evidence_upload"),
    path("visits/<int:pk>/recommendations/", views.recommendation_add, name="recommendation_add"),
    path("visits/<int:pk>/conclusions/", views.visit_conclusions, name="conclusions"),
    path("evidence/<int:pk>/", views.finding_evidence_download, name="evidence"),
    path("evidence/<int:pk>/delete/", views.finding_evidence_delete, name="evidence_delete"),
    path("recommendations/", views.recommendation_list, name="recommendations"),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation"),
    path(
        "recommendations/<int:pk>/report/",
        views.recommendation_report,
        name="recommendation_report",
    ),
    path(
        "recommendations/<int:pk>/review/",
        views.recommendation_review,
        name="recommendation_review",
    ),
    path(
        "recommendations/<int:pk>/delete/",
        views.recommendation_delete,
        name="recommendation_delete",
    ),
    path("reports/evidence/<int:pk>/", views.response_evidence_download, name="response_evidence"),
]
