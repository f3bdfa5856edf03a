from django.urls import path

from vstb.indicators import views, views_public

app_name = "indicators"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("unit/<int:unit_pk>/", views.unit_progress, name="progress"),
    path("unit/<int:unit_pk>/dashboard/", views.unit_dashboard, name="dashboard"),
    path("unit/<int:unit_pk>/dashboard/ranking.xlsx", views.ranking_xlsx, name="ranking_xlsx"),
    path("unit/<int:unit_pk>/dashboard/lower-units.xlsx", views.matrix_xlsx, name="matrix_xlsx"),
    path("unit/<int:unit_pk>/public-page/", views.public_page_settings, name="public_settings"),
    path(
        "unit/<int:unit_pk>/public-page/publish/",
        views.public_page_publish,
        name="public_publish",
    ),
    path("unit/<int:unit_pk>/figures/<int:year>/", views.entry, name="entry"),
    path("unit/<int:unit_pk>/figures/<int:year>/template/", views.template_xlsx, name="template"),
    path("unit/<int:unit_pk>/figures/import/", views.import_xlsx, name="import"),
    path("unit/<int:unit_pk>/targets/new/", views.target_add, name="target_add"),
    path("unit/<int:unit_pk>/leadership/", views.leadership, name="leadership"),
    path("unit/<int:unit_pk>/leadership/new/", views.position_add, name="position_add"),
    path(
        "unit/<int:unit_pk>/leadership/record/", views.leadership_record, name="leadership_record"
    ),
    path("leadership/<int:pk>/", views.position_edit, name="position_edit"),
    path("publish/plan/<int:pk>/", views_public.publish_plan, name="publish_plan"),
    path("publish/report/<int:pk>/", views_public.publish_report, name="publish_report"),
]
