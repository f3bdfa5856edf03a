import pytest
from django.urls import reverse

from vstb.budget import services
from vstb.budget.tests.helpers import activity, estimate_with_lines
from vstb.conftest import queries_of
from vstb.core.inbox import inbox_for

pytestmark = pytest.mark.django_db


def _overspent(user):
    return [e.plan_id for block in inbox_for(user).blocks for e in block.overspent]


def test_an_overspent_plan_waits_in_its_units_managers_inbox(world, login):
    estimate_with_lines(world)
    secretariat = world.users["district_secretariat"]
    services.link(world.line_media, activity(world, "Một", 1_000))
    assert _overspent(secretariat) == []
    services.link(world.line_training, activity(world, "Hai", 6_000_001))
    assert _overspent(secretariat) == [world.district_plan.pk]
    assert _overspent(world.users["district_viewer"]) == []
    assert _overspent(world.users["ward_officer"]) == []
    # The overspent plans are read in one query, however many lines have passed.
    before = queries_of(lambda: inbox_for(secretariat))
    services.link(world.line_media, activity(world, "Ba", 900_000_000))
    assert _overspent(secretariat) == [world.district_plan.pk]
    assert queries_of(lambda: inbox_for(secretariat)) == before
    home = login(secretariat).get(reverse("home")).content.decode()
    assert reverse("budget:spending", args=[world.district_plan.pk]) in home
