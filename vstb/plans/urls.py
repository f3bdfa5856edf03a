from django.urls import path

from vstb.plans import views, views_import

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/<int:unit_pk>/", views.plan_create, name="create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/sections/add/", views.section_add, name="section_add"),
    path("<int:pk>/issue/", views.plan_issue, name="issue"),
    path("<int:pk>/docx/", views.plan_docx, name="docx"),
    path("<int:pk>/pdf/", views.plan_pdf, name="pdf"),
    path("<int:pk>/cascade/", views.plan_cascade, name="cascade"),
    path("<int:pk>/coverage/", views.plan_coverage, name="coverage"),
    path("sections/<int:pk>/", views.section_edit, name="section_edit"),
    path("sections/<int:pk>/move/", views.section_move, name="section_move"),
    path("sections/<int:pk>/delete/", views.section_delete, name="section_delete"),
    path("sections/<int:pk>/task/", views.task_edit, name="task_edit"),
    path("import/<int:unit_pk>/", views_import.import_upload, name="import_upload"),
    path("import/review/<int:pk>/", views_import.import_review, name="import_review"),
    path("import/review/<int:pk>/read/", views_import.import_read, name="import_read"),
    path("<int:pk>/source/", views_import.plan_source, name="source"),
    path("<int:pk>/record-issued/", views_import.plan_record_issued, name="record_issued"),
    path("tasks/mine/", views.my_tasks, name="my_tasks"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
]
