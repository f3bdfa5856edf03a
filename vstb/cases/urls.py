from django.urls import path

from vstb.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_new, name="new"),
    path("reported/", views.case_reported, name="reported"),
    path("figures/", views.case_figures, name="figures"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/reveal/", views.case_reveal, name="reveal"),
    path("<int:pk>/edit/", views.case_edit, name="edit"),
    path("<int:pk>/consent/", views.consent_add, name="consent"),
    path("<int:pk>/incidents/new/", views.incident_add, name="incident_add"),
    path("<int:pk>/orders/", views.order_add, name="order_add"),
    path("<int:pk>/services/", views.service_add, name="service_add"),
    path("<int:pk>/shelter/", views.shelter_add, name="shelter_add"),
    path("<int:pk>/follow-ups/", views.follow_up_add, name="follow_up_add"),
    path("follow-ups/<int:pk>/done/", views.follow_up_done, name="follow_up_done"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/close/decide/", views.closure_decide, name="closure_decide"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
    path("<int:pk>/log/", views.access_log, name="log"),
    path("<int:pk>/receipt.docx", views.receipt_docx, name="receipt_docx"),
    path("referrals/<int:pk>/slip.docx", views.referral_docx, name="referral_docx"),
    path("<int:pk>/refer/", views.refer, name="refer"),
    path("referrals/", views.referral_inbox, name="referrals"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral"),
    path("referrals/<int:pk>/answer/", views.referral_answer, name="referral_answer"),
    path("referrals/<int:pk>/withdraw/", views.referral_withdraw, name="referral_withdraw"),
    path("exports/", views.exports, name="exports"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
    path("exports/<int:pk>/decide/", views.export_decide, name="export_decide"),
    path("providers/", views.provider_list, name="providers"),
    path("providers/new/", views.provider_add, name="provider_add"),
    path("providers/<int:pk>/", views.provider_edit, name="provider_edit"),
]
