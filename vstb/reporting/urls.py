from django.urls import path

from vstb.reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.requirement_list, name="list"),
    path("mine/", views.my_reports, name="my_reports"),
    path("received/", views.received_reports, name="received"),
    path("new/<int:unit_pk>/", views.requirement_create, name="create"),
    path(
        "from-plan/<int:plan_pk>/<int:index>/",
        views.requirement_from_deadline,
        name="from_deadline",
    ),
    path("requirements/<int:pk>/", views.requirement_detail, name="requirement"),
    path("requirements/<int:pk>/edit/", views.requirement_edit, name="edit"),
    path("requirements/<int:pk>/figures/", views.requirement_figures, name="figures"),
    path(
        "requirements/<int:pk>/open/<str:kind>/<int:reporter_pk>/",
        views.report_open,
        name="open",
    ),
    path(
        "requirements/<int:pk>/units/<int:unit_pk>/",
        views.completeness,
        name="completeness",
    ),
    path("requirements/<int:pk>/units/<int:unit_pk>/chase/", views.chase, name="chase"),
    path(
        "requirements/<int:pk>/units/<int:unit_pk>/compile/",
        views.compile_report,
        name="compile",
    ),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/submit/", views.report_submit, name="submit"),
    path("<int:pk>/return/", views.report_return, name="return"),
    path("<int:pk>/accept/", views.report_accept, name="accept"),
    path("<int:pk>/issue/", views.report_issue, name="issue"),
    path("<int:pk>/docx/", views.report_docx, name="docx"),
    path("<int:pk>/pdf/", views.report_pdf, name="pdf"),
    path("<int:pk>/sign/", views.report_sign, name="sign"),
    path("<int:pk>/xlsx/", views.report_xlsx, name="xlsx"),
    path("<int:pk>/xlsx/import/", views.report_xlsx_import, name="xlsx_import"),
    path("<int:pk>/figures/<int:figure_pk>/", views.report_figure, name="figure"),
]
