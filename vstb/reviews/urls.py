from django.urls import path

from vstb.reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.review_list, name="list"),
    path("units/<int:unit_pk>/receive/", views.review_receive, name="receive"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/edit/", views.review_edit, name="edit"),
    path("<int:pk>/draft/", views.draft_file, name="draft_file"),
    path("<int:pk>/checklist/", views.review_checklist, name="checklist"),
    path("<int:pk>/findings/", views.finding_add, name="finding_add"),
    path("findings/<int:pk>/", views.finding_edit, name="finding_edit"),
    path("findings/<int:pk>/delete/", views.finding_delete, name="finding_delete"),
    path("<int:pk>/opinion/", views.review_opinion, name="opinion"),
    path("<int:pk>/outcome/", views.review_outcome, name="outcome"),
]
