import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from vstb.commendations import services
from vstb.commendations.models import Award, Proposal, ProposalStatus, Submission
from vstb.commendations.tests.helpers import year_of_evidence
from vstb.documents.docx import render_docx
from vstb.issuing import services as issuing
from vstb.notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(world):
    year_of_evidence(world)
    return services.open_round(world.district, 2025, date(2025, 12, 25))


def proposal_of(round_, name) -> Proposal:
    return round_.proposals.get(name=name)


def docx_text(document) -> str:
    docx = Document(io.BytesIO(render_docx(document.content)))
    cells = [c.text for t in docx.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in docx.paragraphs] + cells)


def test_the_secretariat_edits_a_proposal_and_a_stale_form_is_refused(world, round_, login):
    client = login(world.users["district_secretariat"])
    ward = proposal_of(round_, world.ward.name)
    url = reverse("commendations:proposal_edit", args=[ward.pk])
    data = {
        "award": "bang_khen_tinh",
        "reason": "Dẫn đầu phong trào thi đua",
        "version": ward.version,
    }
    assert client.post(url, data).status_code == 302
    ward.refresh_from_db()
    assert (ward.award, ward.reason, ward.version) == (
        "bang_khen_tinh",
        "Dẫn đầu phong trào thi đua",
        2,
    )
    stale = client.post(url, {**data, "reason": "Khác", "version": 1})
    assert stale.status_code == 200 and "Khác" not in Proposal.objects.get(pk=ward.pk).reason
    bad = client.post(url, {**data, "award": "giay_khen_xa", "version": 2})
    assert bad.status_code == 200
    assert bad.context["form"].errors["award"]
    assert Proposal.objects.get(pk=ward.pk).award == "bang_khen_tinh"


def test_a_proposal_added_by_hand_and_one_removed_stay_so_after_a_refresh(world, round_, login):
    client = login(world.users["district_secretariat"])
    add = reverse("commendations:proposal_add", args=[round_.pk])
    key = f"unit:{world.other_ward.pk}"
    assert (
        client.post(add, {"candidate": key, "award": "giay_khen_huyen", "reason": ""}).status_code
        == 302
    )
    added = proposal_of(round_, world.other_ward.name)
    assert not added.from_evidence and added.evidence == [
        "Gửi đúng hạn 0/1 báo cáo (1 báo cáo gửi muộn)."
    ]
    again = client.post(add, {"candidate": key, "award": "giay_khen_huyen", "reason": ""})
    assert (
        again.status_code == 200
        and round_.proposals.filter(name=world.other_ward.name).count() == 1
    )
    justice = proposal_of(round_, world.justice.name)
    remove = reverse("commendations:proposal_remove", args=[justice.pk])
    assert client.post(remove, {"version": justice.version}).status_code == 302
    services.refresh(round_)
    round_.refresh_from_db()
    assert not round_.proposals.filter(name=world.justice.name).exists()
    assert services.refresh(round_) == 0


def test_a_round_goes_up_is_decided_and_its_awards_are_recorded(world, round_):
    ward = proposal_of(round_, world.ward.name)
    justice = proposal_of(round_, world.justice.name)
    submissions = services.send(round_)
    assert [s.deciding_unit for s in submissions] == [world.district]
    submission = submissions[0]
    issuing.issue(submission.proposal_document, on=date(2025, 12, 22))
    text = docx_text(submission.proposal_document)
    assert "TỜ TRÌNH" in text and world.ward.name in text and "Gửi đúng hạn 1/1 báo cáo." in text
    ward.refresh_from_db()
    assert ward.status == ProposalStatus.SENT and ward.evidence[0] == "Gửi đúng hạn 1/1 báo cáo."
    told = Notification.objects.filter(
        kind=Kind.COMMENDATION, user=world.users["district_secretariat"]
    )
    assert told.exists()

    with pytest.raises(ValidationError):
        services.decide(justice, False, "", justice.version)
    for proposal in Proposal.objects.filter(submission=submission):
        refuse = proposal.pk == justice.pk
        services.decide(
            proposal, not refuse, "Chưa đủ tiêu chuẩn" if refuse else "", proposal.version
        )
    decision = services.draft_decision(submission)
    issuing.issue(decision, on=date(2025, 12, 28))
    text = docx_text(decision)
    assert "QUYẾT ĐỊNH" in text and "Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện" in text
    assert f"{world.ward.name}: Đã có thành tích xuất sắc" in text
    assert "cho 1 tập thể và 2 cá nhân" in text  # Phòng Tư pháp refused; its member and officer not
    awards = Award.objects.filter(decision=decision)
    assert (
        world.ward in [a.unit for a in awards] and not awards.filter(agency=world.justice).exists()
    )
    assert Submission.objects.get(pk=submission.pk).decided
    outcome = Notification.objects.filter(
        kind=Kind.COMMENDATION,
        user=world.users["district_secretariat"],
        url=reverse("commendations:detail", args=[round_.pk]),
    )
    assert outcome.count() == 1


def test_a_bang_khen_goes_to_the_province_whose_secretariat_decides(world, round_, login):
    ward = proposal_of(round_, world.ward.name)
    Proposal.objects.filter(pk=ward.pk).update(award="bang_khen_tinh")
    submissions = services.send(round_)
    province = next(s for s in submissions if s.award == "bang_khen_tinh")
    assert province.deciding_unit == world.province
    assert list(province.proposal_document.addressees.all()) == [world.province]
    issuing.issue(province.proposal_document, on=date(2025, 12, 22))
    assert Notification.objects.filter(
        kind=Kind.COMMENDATION, user=world.users["province_secretariat"]
    ).exists()
    # The district's secretariat reads it but does not decide it; the province's does.
    url = reverse("commendations:proposal_decide", args=[ward.pk])
    data = {f"p{ward.pk}-approve": "yes", f"p{ward.pk}-reason": "", f"p{ward.pk}-version": "1"}
    assert login(world.users["district_secretariat"]).post(url, data).status_code == 403
    assert login(world.users["province_secretariat"]).post(url, data).status_code == 302
    assert Proposal.objects.get(pk=ward.pk).status == ProposalStatus.APPROVED
    home = login(world.users["province_secretariat"]).get(
        reverse("commendations:submission", args=[province.pk])
    )
    assert home.status_code == 200


def test_refusing_without_a_reason_is_refused_with_a_sentence(world, round_, login):
    submission = services.send(round_)[0]
    issuing.issue(submission.proposal_document, on=date(2025, 12, 22))
    ward = proposal_of(round_, world.ward.name)
    client = login(world.users["district_secretariat"])
    url = reverse("commendations:proposal_decide", args=[ward.pk])
    response = client.post(url, {f"p{ward.pk}-approve": "no", f"p{ward.pk}-version": ward.version})
    assert response.status_code == 200
    assert Proposal.objects.get(pk=ward.pk).status == ProposalStatus.SENT


def test_a_sent_proposal_can_no_longer_be_edited_or_removed(world, round_):
    submission = services.send(round_)[0]
    issuing.issue(submission.proposal_document, on=date(2025, 12, 22))
    ward = proposal_of(round_, world.ward.name)
    with pytest.raises(ValidationError):
        services.remove_proposal(ward, ward.version)
    with pytest.raises(ValidationError):
        services.send(round_)


def test_a_second_round_of_the_same_year_is_refused(world, round_, login):
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("commendations:open", args=[world.district.pk]),
        {"year": "2025", "proposals_due": ""},
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    bad = client.post(
        reverse("commendations:open", args=[world.district.pk]),
        {"year": "abc", "proposals_due": "31/13/2025"},
    )
    assert bad.status_code == 200 and bad.context["form"].errors.keys() == {"year", "proposals_due"}


def test_when_every_proposal_is_refused_the_round_is_closed_and_its_committee_told(world, round_):
    submission = services.send(round_)[0]
    issuing.issue(submission.proposal_document, on=date(2025, 12, 22))
    for proposal in Proposal.objects.filter(submission=submission):
        services.decide(proposal, False, "Chưa đủ tiêu chuẩn", proposal.version)
    submission.refresh_from_db()
    assert submission.decided and submission.decision is None
    with pytest.raises(ValidationError):
        services.draft_decision(submission)
    told = Notification.objects.filter(
        kind=Kind.COMMENDATION, url=reverse("commendations:detail", args=[round_.pk])
    )
    assert told.count() == 1 and "2025" in told.get().title
    assert not Award.objects.exists()


def test_the_rounds_date_is_changed_version_checked(world, round_, login):
    client = login(world.users["district_secretariat"])
    url = reverse("commendations:edit", args=[round_.pk])
    assert client.post(url, {"proposals_due": "28/12/2025", "version": "1"}).status_code == 302
    round_.refresh_from_db()
    assert round_.proposals_due == date(2025, 12, 28) and round_.version == 2
    stale = client.post(url, {"proposals_due": "30/12/2025", "version": "1"})
    assert stale.status_code == 200 and stale.context["form"].stale_rows
    bad = client.post(url, {"proposals_due": "30/13/2025", "version": "2"})
    assert bad.status_code == 200 and bad.context["form"].errors["proposals_due"]
    round_.refresh_from_db()
    assert round_.proposals_due == date(2025, 12, 28)


def test_a_commune_under_its_province_since_the_reform_proposes_the_provinces_bang_khen(world):
    from vstb.commendations import awards
    from vstb.org.models import Unit

    commune = Unit.objects.create(
        code="26734", name="Phường Bồ Đề mới", kind="phuong", parent=world.province
    )
    assert [f.code for f in awards.forms_for(commune)] == ["giay_khen_xa", "bang_khen_tinh"]
    assert [f.code for f in awards.forms_for(world.ward)] == ["giay_khen_xa", "giay_khen_huyen"]
    round_ = services.open_round(commune, 2025, None)
    assert services.deciding_unit(round_, "bang_khen_tinh") == world.province
    assert services.deciding_unit(round_, "giay_khen_xa") == commune
    with pytest.raises(ValidationError):
        services.deciding_unit(round_, "giay_khen_huyen")
