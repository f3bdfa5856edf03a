from django.urls import path

from vstb.commendations import views

app_name = "commendations"

urlpatterns = [
    path("", views.round_list, name="list"),
    path("units/<int:unit_pk>/open/", views.round_open, name="open"),
    path("<int:pk>/", views.round_detail, name="detail"),
    path("<int:pk>/edit/", views.round_edit, name="edit"),
    path("<int:pk>/refresh/", views.round_refresh, name="refresh"),
    path("<int:pk>/proposals/", views.proposal_add, name="proposal_add"),
    path("<int:pk>/send/", views.round_send, name="send"),
    path("proposals/<int:pk>/", views.proposal_edit, name="proposal_edit"),
    path("proposals/<int:pk>/remove/", views.proposal_remove, name="proposal_remove"),
    path("proposals/<int:pk>/decide/", views.proposal_decide, name="proposal_decide"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission"),
    path("submissions/<int:pk>/decision/", views.submission_decision, name="decision"),
]
