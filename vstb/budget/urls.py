from django.urls import path

from vstb.budget import views

app_name = "budget"

urlpatterns = [
    path("", views.estimate_list, name="estimates"),
    path("units/<int:unit_pk>/", views.unit_plans, name="unit_plans"),
    path("plans/<int:plan_pk>/", views.estimate, name="estimate"),
    path("plans/<int:plan_pk>/lines/", views.line_add, name="line_add"),
    path("plans/<int:plan_pk>/approve/", views.approve, name="approve"),
    path("plans/<int:plan_pk>/reopen/", views.reopen, name="reopen"),
    path("plans/<int:plan_pk>/spending/", views.spending, name="spending"),
    path("plans/<int:plan_pk>/link/", views.link, name="link"),
    path("plans/<int:plan_pk>/unlink/<int:activity_pk>/", views.unlink, name="unlink"),
    path("plans/<int:plan_pk>/xlsx/", views.export, name="export"),
    path("plans/<int:plan_pk>/import/", views.import_xlsx, name="import"),
    path("lines/<int:pk>/", views.line_edit, name="line_edit"),
    path("lines/<int:pk>/delete/", views.line_delete, name="line_delete"),
]
