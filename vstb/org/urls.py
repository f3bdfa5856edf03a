from django.urls import path

from vstb.org import views

app_name = "org"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("<int:pk>/", views.unit_detail, name="unit_detail"),
    path("<int:pk>/children/", views.unit_children, name="unit_children"),
    path("<int:pk>/committee/", views.committee_edit, name="committee_edit"),
    path("<int:pk>/committee/members/add/", views.membership_add, name="membership_add"),
    path(
        "<int:pk>/committee/reconstitute/",
        views.committee_reconstitute,
        name="committee_reconstitute",
    ),
    path("memberships/<int:pk>/", views.membership_edit, name="membership_edit"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership_end"),
]
