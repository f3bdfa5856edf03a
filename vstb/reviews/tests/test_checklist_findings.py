"""The reviewer's work: the checklist, findings article by article, stale edits refused."""

import pytest
from django.urls import reverse

from vstb.issuing import services as issuing
from vstb.lib.versioning import STALE
from vstb.reviews import services
from vstb.reviews.criteria import CRITERIA
from vstb.reviews.models import CriterionAnswer, Finding, ReviewStatus
from vstb.reviews.tests.helpers import receive, shown

pytestmark = pytest.mark.django_db


def _checklist(review, **answers):
    data = {"version": review.version}
    for criterion in CRITERIA:
        data[criterion.code] = answers.get(criterion.code, "")
        data[f"{criterion.code}_note"] = answers.get(f"{criterion.code}_note", "")
    return data


def test_checklist_answers_and_notes_are_saved_and_start_the_review(world, login):
    review = receive(world)
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("reviews:checklist", args=[review.pk]),
        _checklist(
            review,
            gender_issue="yes",
            gender_impact="no",
            gender_impact_note="Tờ trình không có phần đánh giá tác động giới",
            sex_disaggregated="partly",
            principles="na",
        ),
    )
    assert response.status_code == 302 and response.url.endswith("#checklist")
    saved = {a.code: (a.answer, a.note) for a in CriterionAnswer.objects.filter(review=review)}
    assert saved == {
        "gender_issue": ("yes", ""),
        "gender_impact": ("no", "Tờ trình không có phần đánh giá tác động giới"),
        "sex_disaggregated": ("partly", ""),
        "principles": ("na", ""),
    }
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_REVIEW and review.version == 2
    page = client.get(reverse("reviews:detail", args=[review.pk])).content.decode()
    assert "Tờ trình không có phần đánh giá tác động giới" in page


def test_clearing_an_answer_removes_it(world):
    review = receive(world)
    services.save_checklist(review, {"gender_issue": ("yes", ""), "resources": ("no", "")}, 1)
    services.save_checklist(review, {"gender_issue": ("partly", "chưa rõ")}, 2)
    assert list(review.answers.values_list("code", "answer", "note")) == [
        ("gender_issue", "partly", "chưa rõ")
    ]


def test_a_note_without_an_answer_is_refused(world, login):
    review = receive(world)
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("reviews:checklist", args=[review.pk]),
        _checklist(review, resources_note="Không rõ nguồn kinh phí"),
    )
    assert response.status_code == 200
    assert shown("Choose an answer for this question, or clear its note.") in (
        response.content.decode()
    )
    assert not review.answers.exists()


def test_a_stale_checklist_is_refused_and_changes_nothing(world, login):
    review = receive(world)
    client = login(world.users["district_secretariat"])
    url = reverse("reviews:checklist", args=[review.pk])
    shown_form = _checklist(review, gender_issue="yes")  # both opened the page at version 1
    assert client.post(url, shown_form).status_code == 302
    response = client.post(url, {**shown_form, "gender_issue": "no"}, follow=True)
    assert shown(str(services.STALE_REVIEW)) in response.content.decode()
    assert review.answers.get().answer == "yes"


def test_findings_are_added_in_order_edited_and_removed(world, login):
    review = receive(world)
    client = login(world.users["district_secretariat"])
    url = reverse("reviews:finding_add", args=[review.pk])
    client.post(
        url,
        {
            "reference": "Điều 5, khoản 2",
            "finding": "Điều kiện hỗ trợ không tính đến phụ nữ nghỉ thai sản.",
            "recommendation": "Bổ sung thời gian nghỉ thai sản vào thời gian được tính.",
        },
    )
    client.post(url, {"reference": "Điều 7", "finding": "Số liệu chưa tách theo giới tính."})
    findings = list(review.findings.all())
    assert [(f.order, f.reference) for f in findings] == [(1, "Điều 5, khoản 2"), (2, "Điều 7")]
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_REVIEW

    second = findings[1]
    edit = reverse("reviews:finding_edit", args=[second.pk])
    assert client.get(edit).status_code == 200
    response = client.post(
        edit,
        {
            "reference": "Điều 7, khoản 1",
            "finding": "Số liệu chưa tách theo giới tính.",
            "recommendation": "Tách số liệu theo nam, nữ.",
            "version": second.version,
        },
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert (
        second.reference == "Điều 7, khoản 1"
        and second.recommendation == "Tách số liệu theo nam, nữ."
    )

    client.post(reverse("reviews:finding_delete", args=[findings[0].pk]))
    assert list(review.findings.values_list("reference", flat=True)) == ["Điều 7, khoản 1"]


def test_a_finding_needs_its_text(world, login):
    review = receive(world)
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("reviews:finding_add", args=[review.pk]), {"reference": "Điều 3", "finding": ""}
    )
    assert response.status_code == 200 and not review.findings.exists()


def test_a_stale_finding_edit_shows_both_versions_and_saves_nothing(world, login):
    review = receive(world)
    finding = services.add_finding(review, "Điều 5", "Bản của người thứ nhất.", "")
    client = login(world.users["district_secretariat"])
    edit = reverse("reviews:finding_edit", args=[finding.pk])
    first = {"reference": "Điều 5", "finding": "Bản của người thứ nhất, đã sửa.", "version": 1}
    assert client.post(edit, first).status_code == 302
    response = client.post(
        edit, {"reference": "Điều 5", "finding": "Bản của người thứ hai.", "version": 1}
    )
    page = response.content.decode()
    assert response.status_code == 200 and shown(str(STALE)) in page
    assert "Bản của người thứ hai." in page and "Bản của người thứ nhất, đã sửa." in page
    finding.refresh_from_db()
    assert finding.finding == "Bản của người thứ nhất, đã sửa."


def test_after_the_opinion_is_issued_the_checklist_and_findings_are_frozen(world, login):
    review = receive(world)
    services.save_checklist(review, {"gender_issue": ("no", "")}, review.version)
    finding = services.add_finding(review, "Điều 5", "Chưa có biện pháp.", "Bổ sung biện pháp.")
    issuing.issue(services.draft_opinion(review), on=None)
    review.refresh_from_db()
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("reviews:checklist", args=[review.pk]),
        _checklist(review, gender_issue="yes"),
        follow=True,
    )
    assert shown(str(services.CLOSED)) in response.content.decode()
    client.post(reverse("reviews:finding_add", args=[review.pk]), {"finding": "Thêm sau."})
    client.post(reverse("reviews:finding_delete", args=[finding.pk]))
    response = client.get(reverse("reviews:finding_edit", args=[finding.pk]), follow=True)
    assert shown(str(services.CLOSED)) in response.content.decode()
    assert review.answers.get().answer == "no"
    assert list(Finding.objects.filter(review=review)) == [finding]
    # The page offers no more forms for them.
    page = client.get(reverse("reviews:detail", args=[review.pk])).content.decode()
    assert reverse("reviews:checklist", args=[review.pk]) not in page
    assert reverse("reviews:finding_add", args=[review.pk]) not in page


def test_the_drafts_details_are_corrected_and_a_stale_correction_is_refused(world, login):
    review = receive(world)
    client = login(world.users["district_secretariat"])
    url = reverse("reviews:edit", args=[review.pk])
    form = {
        "draft_kind": "decision",
        "draft_title": "Quyết định ban hành quy chế hỗ trợ phụ nữ khởi nghiệp",
        "drafting_agency": world.justice.pk,
        "received_on": "02/03/2026",
        "opinion_due": "25/03/2026",
        "reviewer_agency": world.womens_union.pk,
        "version": 1,
    }
    assert client.post(url, form).status_code == 302
    review.refresh_from_db()
    assert review.draft_kind == "decision" and review.reviewer_agency == world.womens_union
    assert review.version == 2
    response = client.post(url, {**form, "draft_title": "Bản sửa cũ"})  # the page of version 1
    assert response.status_code == 200 and shown(str(STALE)) in response.content.decode()
    review.refresh_from_db()
    assert review.draft_title == "Quyết định ban hành quy chế hỗ trợ phụ nữ khởi nghiệp"
