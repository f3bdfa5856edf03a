"""Follow-up in the adopted text, and what a period counts for reports."""

from datetime import date

import pytest
from django.urls import reverse

from vstb.conftest import queries_of
from vstb.issuing import services as issuing
from vstb.reviews import services
from vstb.reviews.models import DraftReview, Outcome, ReviewStatus
from vstb.reviews.tests.helpers import receive, shown

pytestmark = pytest.mark.django_db


def _answered(world, issued_on=date(2026, 3, 18), **kwargs):
    review = receive(world, **kwargs)
    services.add_finding(
        review, "Điều 5, khoản 2", "Chưa tính thời gian nghỉ thai sản.", "Bổ sung."
    )
    services.add_finding(review, "Điều 9", "Chỉ tiêu chưa tách theo giới tính.", "Tách theo giới.")
    issuing.issue(services.draft_opinion(review), on=issued_on)
    review.refresh_from_db()
    return review


def _outcome_form(review, **changes):
    first, second = review.findings.all()
    data = {
        "outcome": "partly",
        "adopted_reference": "Nghị quyết số 12/2026/NQ-HĐND",
        "adopted_on": "10/04/2026",
        "version": review.version,
        f"finding_{first.pk}": "taken_up",
        f"finding_{second.pk}": "not_taken_up",
    }
    data.update(changes)
    return data


def test_the_outcome_is_recorded_overall_and_finding_by_finding(world, login):
    review = _answered(world)
    client = login(world.users["district_secretariat"])
    response = client.post(reverse("reviews:outcome", args=[review.pk]), _outcome_form(review))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.OUTCOME_RECORDED and review.outcome == Outcome.PARTLY
    assert review.adopted_reference == "Nghị quyết số 12/2026/NQ-HĐND"
    assert review.adopted_on == date(2026, 4, 10)
    assert list(review.findings.values_list("taken_up", flat=True)) == [
        "taken_up",
        "not_taken_up",
    ]
    page = client.get(reverse("reviews:detail", args=[review.pk])).content.decode()
    assert "Nghị quyết số 12/2026/NQ-HĐND" in page


def test_the_outcome_waits_for_the_opinion(world, login):
    review = receive(world)
    services.add_finding(review, "Điều 5", "Chưa có biện pháp.", "")
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("reviews:outcome", args=[review.pk]),
        _outcome_form_without_findings(review) | {f"finding_{review.findings.get().pk}": "partly"},
        follow=True,
    )
    assert (
        shown(
            "Issue the opinion letter first; the outcome is recorded when the adopted text comes back."
        )
        in response.content.decode()
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_REVIEW and review.outcome == ""


def _outcome_form_without_findings(review):
    return {
        "outcome": "taken_up",
        "adopted_reference": "Nghị quyết số 12/2026/NQ-HĐND",
        "adopted_on": "10/04/2026",
        "version": review.version,
    }


def test_every_finding_needs_its_outcome(world, login):
    review = _answered(world)
    first = review.findings.first()
    client = login(world.users["district_secretariat"])
    data = _outcome_form(review)
    del data[f"finding_{first.pk}"]
    response = client.post(reverse("reviews:outcome", args=[review.pk]), data)
    assert response.status_code == 200
    review.refresh_from_db()
    assert review.status == ReviewStatus.OPINION_ISSUED


def test_a_stale_outcome_is_refused(world, login):
    review = _answered(world)
    client = login(world.users["district_secretariat"])
    url = reverse("reviews:outcome", args=[review.pk])
    form = _outcome_form(review)
    client.post(url, form)
    response = client.post(url, {**form, "outcome": "taken_up"}, follow=True)
    assert shown(str(services.STALE_REVIEW)) in response.content.decode()
    review.refresh_from_db()
    assert review.outcome == Outcome.PARTLY


def test_a_period_counts_what_happened_in_it(world):
    march = _answered(world, received_on=date(2026, 3, 2), issued_on=date(2026, 3, 18))
    services.record_outcome(
        march,
        outcome=Outcome.TAKEN_UP,
        reference="Nghị quyết số 12/2026/NQ-HĐND",
        adopted_on=date(2026, 4, 10),
        taken_up={f.pk: Outcome.TAKEN_UP for f in march.findings.all()},
        version=march.version,
    )
    april = _answered(world, received_on=date(2026, 4, 1), issued_on=date(2026, 4, 20))
    services.record_outcome(
        april,
        outcome=Outcome.NOT_TAKEN_UP,
        reference="Quyết định số 30/2026/QĐ-UBND",
        adopted_on=date(2026, 5, 5),
        taken_up={f.pk: Outcome.NOT_TAKEN_UP for f in april.findings.all()},
        version=april.version,
    )
    receive(world, received_on=date(2026, 4, 28))  # still in review
    receive(world, received_on=date(2025, 12, 30))  # the year before
    first_half = services.reviews_in_period(world.district, date(2026, 1, 1), date(2026, 6, 30))
    assert (first_half.received, first_half.opinions_issued) == (3, 2)
    assert (first_half.taken_up, first_half.partly, first_half.not_taken_up) == (1, 0, 1)
    april_only = services.reviews_in_period(world.district, date(2026, 4, 1), date(2026, 4, 30))
    assert (april_only.received, april_only.opinions_issued, april_only.outcomes) == (2, 1, 1)
    assert april_only.taken_up == 1  # the March draft's resolution was adopted on 10 April
    # Another unit's reviews are its own.
    assert (
        services.reviews_in_period(world.ward, date(2026, 1, 1), date(2026, 12, 31)).received == 0
    )


def test_the_list_shows_the_year_and_its_counts_in_a_constant_number_of_queries(world, login):
    _answered(world)
    client = login(world.users["district_secretariat"])
    url = reverse("reviews:list") + f"?unit={world.district.pk}&year=2026"
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    counts = page.context["counts"]
    assert (counts.received, counts.opinions_issued) == (1, 1)
    assert "01/BVSTBPN" in html
    one = queries_of(lambda: client.get(url))
    for day in (3, 4, 5):
        review = receive(world, received_on=date(2026, 3, day))
        services.add_finding(review, "", "Chưa lồng ghép.", "")
        services.draft_opinion(review)
    assert queries_of(lambda: client.get(url)) == one
    assert DraftReview.objects.filter(unit=world.district).count() == 4


def test_a_units_report_counts_its_reviews_where_its_figures_ask(world):
    """A 6-month report of the district whose figure asks for drafts reviewed is pre-filled
    with the district's reviews received in the window."""
    from datetime import timedelta

    from vstb.reporting import services as reporting
    from vstb.reporting.models import Figure, FigureValue, Requirement

    requirement = Requirement(
        unit=world.province,
        title="Báo cáo sơ kết 6 tháng đầu năm 2026",
        kind="six_month",
        period_rule="six_month",
        year=2026,
        due_dates={"2": "2026-06-20"},
    )
    requirement.full_clean()
    requirement.save()
    drafts = Figure.objects.create(
        requirement=requirement, code="DT", label="Số dự thảo", source="drafts_reviewed"
    )
    inside = requirement.window_start
    receive(world, received_on=inside)
    receive(world, received_on=inside)
    receive(world, received_on=requirement.window_end + timedelta(days=1))  # after the window
    report = reporting.open_report(requirement, world.district, world.users["district_secretariat"])
    assert FigureValue.objects.get(report=report, figure=drafts).total == 2
