"""Two people editing the same thing: the second save is refused with both versions shown,
never a silent overwrite (issue 12, finding 4; issue 11, item 12)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from vstb.activities.models import Activity
from vstb.conftest import vi
from vstb.lib.versioning import STALE
from vstb.org.models import Committee, Membership
from vstb.plans.models import Section
from vstb.reporting.models import Requirement

pytestmark = pytest.mark.django_db


def _form_data(response) -> dict:
    """What the edit page's form would send as shown (bound values, the hidden version)."""
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(value, date):
            data[name] = value.strftime("%d/%m/%Y")
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = value
    return data


def _requirement(world) -> Requirement:
    requirement = Requirement(
        unit=world.district, title="Báo cáo sơ kết 6 tháng đầu năm 2025", kind="six_month",
        period_rule="six_month", year=2025, due_dates={"3": "2025-06-25"},
    )  # fmt: skip
    requirement.full_clean()
    requirement.save()
    return requirement


CASES = [
    ("activities:edit", lambda w: w.activity, "title", Activity),
    ("plans:section_edit", lambda w: w.draft_section, "title", Section),
    ("org:committee_edit", lambda w: w.committee, "name", Committee),
    ("org:membership_edit", lambda w: w.member, "full_name", Membership),
    ("reporting:edit", _requirement, "title", Requirement),
]


@pytest.mark.parametrize(("url_name", "target", "field", "model"), CASES)
def test_the_second_of_two_saves_from_the_same_version_is_refused_with_both_shown(
    world, login, url_name, target, field, model
):
    obj = target(world)
    key = obj.unit_id if url_name == "org:committee_edit" else obj.pk  # by unit
    url = reverse(url_name, args=[key])
    client = login(world.users["district_secretariat"])
    shown = _form_data(client.get(url))  # two tabs open on the same version
    first = client.post(url, {**shown, field: "Phiên bản của chị Lan"})
    assert first.status_code == 302, first.context["form"].errors if first.context else first

    second = client.post(url, {**shown, field: "Phiên bản của anh Minh"})

    assert second.status_code == 200
    page = second.content.decode()
    with translation.override("en"):
        assert vi(str(STALE)) in page
    assert "Phiên bản của chị Lan" in page and "Phiên bản của anh Minh" in page  # side by side
    assert getattr(model.objects.get(pk=obj.pk), field) == "Phiên bản của chị Lan"
    # Saving again from there is a deliberate choice, and goes through.
    again = _form_data(second)
    assert client.post(url, {**again, field: "Phiên bản của anh Minh"}).status_code == 302
    assert getattr(model.objects.get(pk=obj.pk), field) == "Phiên bản của anh Minh"
