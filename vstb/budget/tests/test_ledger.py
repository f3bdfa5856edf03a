from datetime import date

import pytest

from vstb.budget import services
from vstb.budget.models import EstimateLine, Source
from vstb.budget.tests.helpers import activity, estimate_with_lines
from vstb.conftest import queries_of
from vstb.notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db


def test_estimate_totals_by_line_item_and_source(world):
    estimate = estimate_with_lines(world)
    book = services.ledger(estimate)
    assert [f.line.amount for f in book.lines] == [10_000_000, 6_000_000, 4_000_000]
    assert book.estimated == 20_000_000
    assert [(t.key, t.estimated) for t in book.by_source] == [
        (Source.DISTRICT, 16_000_000),
        (Source.MOBILISED, 4_000_000),
    ]
    assert [(t.key, t.estimated) for t in book.by_item] == [
        ("2a", 10_000_000),
        ("2đ", 4_000_000),
        ("4", 6_000_000),
    ]


def test_spending_follows_activity_costs(world):
    estimate = estimate_with_lines(world)
    world.activity.cost = 3_000_000
    world.activity.save()
    services.link(world.line_media, world.activity)
    training = activity(world, "Tập huấn cán bộ", 2_500_000)
    services.link(world.line_training, training)
    book = services.ledger(estimate)
    assert [f.spent for f in book.lines] == [3_000_000, 2_500_000, 0]
    assert book.spent == 5_500_000
    # The activity's cost is corrected: the spending follows, nothing stored to update.
    world.activity.cost = 3_200_000
    world.activity.save()
    book = services.ledger(estimate)
    assert book.lines[0].spent == 3_200_000
    assert [(t.key, t.spent) for t in book.by_source] == [
        (Source.DISTRICT, 5_700_000),
        (Source.MOBILISED, 0),
    ]
    # By task: the communication activity was done for the justice task; the training for
    # none of the plan's tasks.
    by_task = {t.key: t.spent for t in book.by_task}
    assert by_task[str(world.justice_task.pk)] == 3_200_000
    assert by_task[str(world.wards_task.pk)] == 0
    assert book.spent_outside_tasks == 2_500_000
    # Moving an activity to another line moves its cost.
    services.link(world.line_clubs, training)
    book = services.ledger(estimate)
    assert [f.spent for f in book.lines] == [3_200_000, 0, 2_500_000]


def test_only_the_plan_units_activities_of_its_year_are_spent_on_it(world):
    estimate_with_lines(world)
    last_year = activity(world, "Hội nghị năm trước", 1_000, start=date(2024, 12, 1))
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.link(world.line_media, last_year)


def test_overspend_warns_and_tells_the_units_managers_once(world):
    estimate = estimate_with_lines(world)
    training = activity(world, "Tập huấn cán bộ", 5_000_000)
    services.link(world.line_training, training)
    assert not services.ledger(estimate).lines_over
    assert not Notification.objects.filter(kind=Kind.OVERSPEND).exists()

    training.cost = 7_000_000  # the line's amount is 6 000 000
    training.save()
    book = services.ledger(estimate)
    assert [f.line.pk for f in book.lines_over] == [world.line_training.pk]
    assert not book.over
    told = Notification.objects.filter(kind=Kind.OVERSPEND)
    secretariat = world.users["district_secretariat"]
    assert list(told.values_list("user", flat=True)) == [secretariat.pk]
    assert "Tập huấn" in told.get().title
    assert told.get().url == f"/budget/plans/{world.district_plan.pk}/spending/"

    # Saving again, more spending on the same line: no second notification.
    training.cost = 8_000_000
    training.save()
    services.link(world.line_training, training)
    assert told.count() == 1

    # The whole plan passes its estimate: told once more, once.
    big = activity(world, "Hội thi", 14_000_000)
    services.link(world.line_media, big)
    assert told.count() == 3  # the media line and the plan
    big.save()
    assert told.count() == 3
    assert services.ledger(estimate).over


def test_a_smaller_amount_can_pass_the_spending(world):
    from vstb.budget.forms import LineForm

    estimate_with_lines(world)
    services.link(world.line_clubs, activity(world, "Câu lạc bộ", 3_000_000))
    line = EstimateLine.objects.get(pk=world.line_clubs.pk)
    form = LineForm(
        {
            "item": "2đ",
            "source": "mobilised",
            "description": "Câu lạc bộ",
            "amount": "2000000",
            "version": line.version,
        },
        instance=line,
        plan=world.district_plan,
    )
    assert form.is_valid(), form.errors
    services.save_line(form)
    # The line is now passed (3 000 000 of 2 000 000); the plan is not.
    told = Notification.objects.filter(kind=Kind.OVERSPEND)
    assert told.count() == 1
    assert "Câu lạc bộ" in told.get().title


def test_ledger_reads_a_fixed_number_of_queries(world):
    estimate = estimate_with_lines(world)
    services.link(world.line_media, activity(world, "Một", 1_000))
    estimate.refresh_from_db()
    few = queries_of(lambda: services.ledger(estimate))
    for number in range(8):
        line = services.add_line(
            estimate, EstimateLine(item="12", source=Source.COMMUNE, amount=1_000 * number)
        )
        for repeat in range(3):
            work = activity(world, f"Hoạt động {number}-{repeat}", 500)
            work.tasks.add(world.justice_task)
            services.link(line, work)
    estimate.refresh_from_db()
    assert queries_of(lambda: services.ledger(estimate)) == few == 4


def test_approved_estimate_is_fixed(world):
    from django.core.exceptions import ValidationError

    estimate = estimate_with_lines(world)
    with pytest.raises(ValidationError):
        services.approve(estimate, estimate.version - 1)  # an older page
    services.approve(estimate, estimate.version)
    assert not estimate.is_draft
    with pytest.raises(ValidationError):
        services.add_line(estimate, EstimateLine(item="12", source=Source.COMMUNE, amount=1))
    with pytest.raises(ValidationError):
        services.delete_line(world.line_media)


def test_unit_list_figures_in_a_fixed_number_of_queries(world):
    estimate_with_lines(world)
    services.link(world.line_media, activity(world, "Một", 1_500))
    plans = [world.district_plan, world.district_draft]
    rows = services.funding_of_plans(plans)
    assert [(r.estimated, r.spent, r.estimate is not None) for r in rows] == [
        (20_000_000, 1_500, True),
        (0, 0, False),
    ]
    assert queries_of(lambda: services.funding_of_plans(plans)) == 3
