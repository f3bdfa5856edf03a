from django.urls import path

from vstb.issuing import views

app_name = "issuing"

urlpatterns = [
    path("", views.document_list, name="list"),
    path(
        "units/<int:unit_pk>/committee-decision/",
        views.committee_decision,
        name="committee_decision",
    ),
    path("units/<int:unit_pk>/letter/", views.letter_create, name="letter"),
    path("requirements/<int:pk>/letter/", views.requirement_letter, name="requirement_letter"),
    path(
        "requirements/<int:pk>/units/<int:unit_pk>/chase-letter/",
        views.chase_letter,
        name="chase_letter",
    ),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/edit/", views.document_edit, name="edit"),
    path("<int:pk>/rebuild/", views.document_rebuild, name="rebuild"),
    path("<int:pk>/issue/", views.document_issue, name="issue"),
    path("<int:pk>/replace/", views.document_replace, name="replace"),
    path("<int:pk>/sign/", views.document_sign, name="sign"),
    path("<int:pk>/docx/", views.document_docx, name="docx"),
    path("<int:pk>/pdf/", views.document_pdf, name="pdf"),
]
