"""Appointing a candidate records the key position in the register, which feeds the
leadership indicators; trainings link to activities of kind training; edits are
version-checked."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from vstb.activities.models import Activity
from vstb.indicators.models import DataValue, LeadershipPosition
from vstb.leaders import services
from vstb.leaders.models import CandidateStatus
from vstb.leaders.tests.helpers import candidate
from vstb.org.models import Sex

pytestmark = pytest.mark.django_db


def test_appointing_to_a_key_position_records_it_in_the_register(world, login):
    hoa = candidate(world.district, world.labour, planned_title="Trưởng phòng LĐTBXH")
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("leaders:appoint", args=[hoa.pk]),
        {"appointed_on": "01/03/2026", "record_position": "on", "version": hoa.version},
    )
    assert response.status_code == 302
    hoa.refresh_from_db()
    assert hoa.status == CandidateStatus.APPOINTED and hoa.appointed_on == date(2026, 3, 1)
    position = LeadershipPosition.objects.get()
    assert hoa.position == position
    assert (position.unit, position.agency, position.title, position.rank) == (
        world.district,
        world.labour,
        "Trưởng phòng LĐTBXH",
        "head",
    )
    assert (position.holder_sex, position.start, position.end) == (
        Sex.FEMALE,
        date(2026, 3, 1),
        None,
    )
    # Appointed once: a second appointment is refused and records nothing more.
    with pytest.raises(ValidationError):
        services.appoint(hoa, date(2026, 4, 1), hoa.version)
    assert LeadershipPosition.objects.count() == 1


def test_a_position_not_key_or_already_registered_is_not_recorded(world):
    deputy = candidate(world.district, world.justice, key_position=False, planned_rank="deputy")
    services.appoint(deputy, date(2026, 3, 1), deputy.version)
    head = candidate(world.district, world.labour, "Bà Lan")
    services.appoint(head, date(2026, 3, 1), head.version, record_position=False)
    assert not LeadershipPosition.objects.exists()


def test_the_review_feeds_the_leadership_indicators_through_the_register(world, login):
    hoa = candidate(world.district, world.labour)
    services.appoint(hoa, date(2026, 3, 1), hoa.version)
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("leaders:indicators", args=[world.district.pk]), {"year": "2026"}
    )
    assert response.status_code == 302
    values = {
        (v.element.code, v.sex): v.value
        for v in DataValue.objects.filter(unit=world.district, year=2026).select_related("element")
    }
    assert values[("LD_CO_QUAN", "")] == 1 and values[("LD_CO_QUAN_CO_NU", "")] == 1
    assert values[("LD_LANH_DAO", "f")] == 1 and values[("LD_LANH_DAO", "m")] == 0


def test_a_stale_appointment_or_a_future_date_is_refused_and_changes_nothing(world, login):
    hoa = candidate(world.district, world.labour)
    client = login(world.users["district_secretariat"])
    url = reverse("leaders:appoint", args=[hoa.pk])
    response = client.post(url, {"appointed_on": "01/03/2026", "version": hoa.version - 1})
    assert response.status_code == 200 and "form" in response.context
    response = client.post(url, {"appointed_on": "01/03/2099", "version": hoa.version})
    assert response.context["form"].errors["appointed_on"]
    response = client.post(url, {"appointed_on": "31/02/2026", "version": hoa.version})
    assert response.context["form"].errors["appointed_on"]
    hoa.refresh_from_db()
    assert hoa.status == CandidateStatus.IN_PLANNING and not LeadershipPosition.objects.exists()


def test_training_links_to_training_activities_of_the_unit_and_above(world, login):
    course = Activity.objects.create(
        unit=world.province,
        kind="training",
        title="Lớp bồi dưỡng cán bộ nữ",
        start=date(2026, 5, 4),
    )
    ward_course = Activity.objects.create(
        unit=world.ward, kind="training", title="Lớp của phường", start=date(2026, 5, 5)
    )
    offered = set(services.trainings_for(world.district))
    assert course in offered and ward_course not in offered and world.activity not in offered
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("leaders:add", args=[world.district.pk]),
        {
            "full_name": "  Trần Thị   Mai ", "sex": Sex.FEMALE, "current_position": "Phó Chánh Văn phòng",
            "planned_agency": world.labour.pk, "planned_title": "Trưởng phòng", "planned_rank": "head",
            "key_position": "on", "term_start": "2026", "term_end": "2031", "trainings": [course.pk],
        },
    )  # fmt: skip
    assert response.status_code == 302
    mai = world.district.leader_candidates.get()
    assert mai.full_name == "Trần Thị Mai" and list(mai.trainings.all()) == [course]
    page = client.get(reverse("leaders:detail", args=[mai.pk])).content.decode()
    assert "Lớp bồi dưỡng cán bộ nữ" in page
    # A training of a ward below is not one to choose: the form says so, nothing is saved.
    response = client.post(
        reverse("leaders:edit", args=[mai.pk]),
        {"full_name": "Trần Thị Mai", "sex": Sex.FEMALE, "current_position": "x",
         "planned_agency": world.labour.pk, "planned_title": "T", "planned_rank": "head",
         "term_start": "2026", "term_end": "2031", "trainings": [ward_course.pk],
         "version": mai.version},
    )  # fmt: skip
    assert response.status_code == 200 and response.context["form"].errors["trainings"]


def test_bad_input_gets_a_sentence_and_saves_nothing(world, login):
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("leaders:add", args=[world.district.pk]),
        {"full_name": "Bà X", "sex": Sex.FEMALE, "current_position": "x",
         "planned_agency": world.ward_committee_agency.pk, "planned_title": "T",
         "planned_rank": "head", "term_start": "2031", "term_end": "2026"},
    )  # fmt: skip
    errors = response.context["form"].errors
    assert "planned_agency" in errors and "term_end" in errors
    assert not world.district.leader_candidates.exists()


def test_two_people_editing_at_once_do_not_lose_an_update(world, login):
    hoa = candidate(world.district, world.labour)
    data = {
        "full_name": "Nguyễn Thị Hoa", "sex": Sex.FEMALE, "current_position": "Trưởng ban",
        "planned_agency": world.labour.pk, "planned_title": "Trưởng phòng", "planned_rank": "head",
        "key_position": "on", "term_start": "2026", "term_end": "2031", "version": hoa.version,
    }  # fmt: skip
    client = login(world.users["district_secretariat"])
    url = reverse("leaders:edit", args=[hoa.pk])
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "current_position": "Phó Chủ tịch"})
    assert response.status_code == 200 and response.context["form"].stale_rows
    hoa.refresh_from_db()
    assert hoa.current_position == "Trưởng ban"


def test_removing_from_planning_takes_the_candidate_out_of_the_shares(world, login):
    hoa = candidate(world.district, world.labour)
    client = login(world.users["district_secretariat"])
    url = reverse("leaders:remove", args=[hoa.pk])
    assert client.get(url).status_code == 405  # a change is never a GET
    response = client.post(url, {"removed_on": "15/06/2026", "version": hoa.version})
    assert response.status_code == 302
    hoa.refresh_from_db()
    assert hoa.status == CandidateStatus.REMOVED and hoa.removed_on == date(2026, 6, 15)
    assert services.shares(world.district, 2026).planned == 0
    # Removed: neither appointed nor removed again.
    response = client.post(url, {"removed_on": "16/06/2026", "version": hoa.version})
    hoa.refresh_from_db()
    assert hoa.removed_on == date(2026, 6, 15)
    with pytest.raises(ValidationError):
        services.appoint(hoa, date(2026, 7, 1), hoa.version)


@pytest.mark.parametrize("name", ["proposals", "review_report", "indicators"])
def test_the_reviews_changes_refuse_a_get(world, login, name):
    client = login(world.users["district_secretariat"])
    assert client.get(reverse(f"leaders:{name}", args=[world.district.pk])).status_code == 405
