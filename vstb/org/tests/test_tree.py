"""The unit tree: subtrees, moves, validity as of a date, successors, members as of a date."""

from datetime import date

import pytest

from vstb.org.models import Level, Membership, Position, Succession, Unit

pytestmark = pytest.mark.django_db


def test_subtree_of_a_district_holds_the_district_and_its_wards_only(world):
    subtree = set(Unit.objects.under(world.district))
    assert subtree == {world.district, world.ward, world.other_ward}


def test_subtree_of_the_nation_holds_every_unit(world):
    assert Unit.objects.under(world.nation).count() == Unit.objects.count()


def test_path_is_parent_path_plus_own_id(world):
    assert (
        world.ward.path
        == f"/{world.nation.pk}/{world.province.pk}/{world.district.pk}/{world.ward.pk}/"
    )
    assert world.ward.ancestor_ids == [world.nation.pk, world.province.pk, world.district.pk]
    assert list(world.ward.ancestors()) == [world.nation, world.province, world.district]


def test_level_follows_the_kind(world):
    assert world.province.level == Level.PROVINCE
    assert world.district.level == Level.DISTRICT
    assert world.ward.level == Level.COMMUNE


def test_moving_a_district_moves_its_wards_paths(world):
    world.district.parent = world.other_province
    world.district.save()
    world.ward.refresh_from_db()
    assert world.ward.path.startswith(world.other_province.path)
    assert world.ward in Unit.objects.under(world.other_province)
    assert world.ward not in Unit.objects.under(world.province)


def test_search_ignores_diacritics_and_case(world):
    assert list(Unit.objects.search("long bien")) == [world.district]
    assert list(Unit.objects.search("BỒ ĐỀ")) == [world.ward]
    assert list(Unit.objects.search("ngoc lam")) == [world.other_ward]


def test_validity_as_of_a_date(world):
    world.ward.valid_to = date(2025, 7, 1)
    world.ward.save()
    merged = Unit.objects.create(
        code="TAM-1",
        name="Phường Bồ Đề (mới)",
        kind="phuong",
        parent=world.province,
        valid_from=date(2025, 7, 1),
    )
    on_eve = set(Unit.objects.valid_on(date(2025, 6, 30)))
    on_day = set(Unit.objects.valid_on(date(2025, 7, 1)))
    assert world.ward in on_eve and merged not in on_eve
    assert world.ward not in on_day and merged in on_day


def test_current_successors_follow_chains_of_reforms(world):
    reform = date(2025, 7, 1)
    for unit in (world.ward, world.other_ward):
        unit.valid_to = reform
        unit.save()
    first = Unit.objects.create(
        code="A",
        name="Phường A",
        kind="phuong",
        parent=world.province,
        valid_from=reform,
        valid_to=date(2026, 1, 1),
    )
    second = Unit.objects.create(
        code="B", name="Phường B", kind="phuong", parent=world.province, valid_from=date(2026, 1, 1)
    )
    split_part = Unit.objects.create(
        code="C", name="Phường C", kind="phuong", parent=world.province, valid_from=reform
    )
    Succession.objects.create(predecessor=world.ward, successor=first, kind="merge", date=reform)
    Succession.objects.create(
        predecessor=world.ward, successor=split_part, kind="split", date=reform
    )
    Succession.objects.create(
        predecessor=first, successor=second, kind="rename", date=date(2026, 1, 1)
    )
    assert world.ward.current_successors(date(2026, 6, 1)) == [second, split_part]
    assert world.ward.current_successors(date(2025, 8, 1)) == [first, split_part]
    assert world.ward.current_successors(date(2025, 6, 1)) == [world.ward]
    assert world.other_ward.current_successors(date(2026, 6, 1)) == []


def test_committee_members_as_of_a_date(world):
    Membership.objects.filter(committee=world.committee).delete()
    early = Membership.objects.create(
        committee=world.committee,
        full_name="A",
        position=Position.CHAIR,
        start=date(2023, 1, 1),
        end=date(2024, 6, 30),
    )
    late = Membership.objects.create(
        committee=world.committee, full_name="B", position=Position.CHAIR, start=date(2024, 7, 1)
    )
    assert list(world.committee.members_on(date(2024, 6, 30))) == [early]
    assert list(world.committee.members_on(date(2024, 7, 1))) == [late]
    assert list(world.committee.members_on(date(2022, 12, 31))) == []
