from datetime import date

import pytest
from django.urls import reverse

from vstb.commendations import services
from vstb.commendations.models import Proposal
from vstb.commendations.tests.helpers import year_of_evidence
from vstb.conftest import queries_of
from vstb.core.inbox import inbox_for
from vstb.issuing import services as issuing
from vstb.org.models import Committee, Membership, Position, Unit

pytestmark = pytest.mark.django_db


def sent_round(world, unit=None, award="bang_khen_tinh"):
    round_ = services.open_round(unit or world.district, 2025, date(2025, 12, 25))
    round_.proposals.update(award=award)
    submission = services.send(round_)[0]
    issuing.issue(submission.proposal_document, on=date(2025, 12, 22))
    return submission


def test_the_deciding_units_secretariat_finds_the_proposals_on_its_home_page(world, login):
    year_of_evidence(world)
    submission = sent_round(world)
    user = world.users["province_secretariat"]
    (block,) = [b for b in inbox_for(user).blocks if b.commendations]
    assert block.unit == world.province and block.commendations == [submission]
    page = login(user).get(reverse("home")).content.decode()
    assert reverse("commendations:submission", args=[submission.pk]) in page
    # Not the proposing district's: it waits for nothing.
    assert not any(b.commendations for b in inbox_for(world.users["district_secretariat"]).blocks)


def test_the_inbox_reads_proposals_to_decide_in_the_same_queries_however_many(world):
    year_of_evidence(world)
    sent_round(world)
    user = world.users["province_secretariat"]

    def count():
        user.__dict__.pop("_vstb_grants", None)
        return queries_of(lambda: inbox_for(user))

    few = count()
    for n in range(3):
        district = Unit.objects.create(
            code=f"09{n}", name=f"Quận {n}", kind="quan", parent=world.province
        )
        ward = Unit.objects.create(
            code=f"0990{n}", name=f"Phường {n}", kind="phuong", parent=district
        )
        committee = Committee.objects.create(unit=district, name=f"Ban VSTBPN quận {n}")
        Membership.objects.create(
            committee=committee,
            full_name=f"Chủ tịch {n}",
            position=Position.CHAIR,
            start=date(2024, 1, 1),
        )
        round_ = services.open_round(district, 2025, None)
        services.add_proposal(round_, f"unit:{ward.pk}", "bang_khen_tinh", "")
        issuing.issue(services.send(round_)[0].proposal_document, on=date(2025, 12, 22))
    assert len([b for b in inbox_for(user).blocks if b.commendations][0].commendations) == 4
    assert count() == few


def test_lists_are_paginated_and_searchable(world, login):
    year_of_evidence(world)
    round_ = services.open_round(world.district, 2025, None)
    client = login(world.users["district_secretariat"])
    url = reverse("commendations:detail", args=[round_.pk])
    page = client.get(url, {"q": "bo de"})
    assert [p.name for p in page.context["page_obj"]] == [world.ward.name]
    assert page.context["page_obj"].paginator.count == 1
    assert client.get(url, {"page": "x"}).status_code == 200
    listing = client.get(reverse("commendations:list"))
    assert listing.status_code == 200 and round_ in listing.context["page_obj"]
    assert queries_of(lambda: client.get(url)) == queries_of(
        lambda: client.get(url, {"q": "phong"})
    )


def test_an_award_issued_shows_on_the_unit_page(world, login):
    year_of_evidence(world)
    submission = sent_round(world, award="giay_khen_huyen")
    for proposal in Proposal.objects.filter(submission=submission):
        services.decide(proposal, True, "", proposal.version)
    decision = services.draft_decision(submission)
    issuing.issue(decision, on=date(2025, 12, 28))
    page = login(world.users["district_viewer"]).get(
        reverse("org:unit_detail", args=[world.district.pk])
    )
    text = page.content.decode()
    assert "Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện" in text and world.justice.name in text
    assert reverse("issuing:detail", args=[decision.pk]) in text
    ward_page = login(world.users["ward_officer"]).get(
        reverse("org:unit_detail", args=[world.ward.pk])
    )
    assert "Giấy khen của Chủ tịch" in ward_page.content.decode()


def test_the_day_proposals_go_up_is_on_the_calendar_of_the_rounds_unit(world):
    from vstb.activities.calendar import COMMENDATION_DUE, entries_for

    round_ = services.open_round(world.district, 2025, date(2025, 12, 25))

    def dues(user, unit=None):
        found = entries_for(user, date(2025, 12, 1), date(2025, 12, 31), unit)
        return [e for e in found if e.kind == COMMENDATION_DUE]

    (entry,) = dues(world.users["district_secretariat"])
    assert entry.start == date(2025, 12, 25) and entry.url == reverse(
        "commendations:detail", args=[round_.pk]
    )
    assert dues(world.users["ward_officer"]) == []
    assert dues(world.users["other_district_officer"]) == []
    assert len(dues(world.users["province_secretariat"], world.district)) == 1


def test_the_round_page_reads_the_same_queries_however_many_proposals(world, login):
    year_of_evidence(world)
    round_ = services.open_round(world.district, 2025, None)
    client = login(world.users["district_secretariat"])
    url = reverse("commendations:detail", args=[round_.pk])
    client.get(url)
    few = queries_of(lambda: client.get(url))
    for n in range(4):
        ward = Unit.objects.create(
            code=f"0098{n}", name=f"Phường Mới {n}", kind="phuong", parent=world.district
        )
        services.add_proposal(round_, f"unit:{ward.pk}", "giay_khen_huyen", "")
    assert round_.proposals.count() >= 8
    assert queries_of(lambda: client.get(url)) == few


def test_the_round_page_says_why_a_candidate_was_not_proposed(world, login):
    year_of_evidence(world)
    round_ = services.open_round(world.district, 2025, None)
    page = login(world.users["district_viewer"]).get(
        reverse("commendations:detail", args=[round_.pk])
    )
    assert page.status_code == 200 and "add_form" not in page.context
    names = [c.name for c in page.context["not_proposed"]]
    assert world.other_ward.name in names and world.ward.name not in names
    assert "Gửi đúng hạn 0/1 báo cáo (1 báo cáo gửi muộn)." in page.content.decode()
