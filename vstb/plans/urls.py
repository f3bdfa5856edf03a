from django.urls import path

from vstb.plans import views

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
    path("tasks/mine/", views.my_tasks, name="my_tasks"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
]
