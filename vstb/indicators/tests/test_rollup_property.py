"""Property: for any small tree and any figures, a roll-up is the sum of the figures below
the unit, a ratio is the ratio of those sums, and by today's boundaries each new commune
gets all of its merged predecessors and an equal share of each split one.

Each example builds its own tree inside a savepoint of the test's transaction and rolls
it back at the end, so examples do not see each other's rows.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vstb.indicators import rollup
from vstb.indicators.tests.factories import element, indicator, put, succeed, unit

REFORM = date(2025, 7, 1)
AFTER = date(2026, 1, 15)

figure = st.none() | st.integers(min_value=0, max_value=10_000)
commune = st.tuples(figure, figure)  # (population, people reached)
district = st.lists(commune, min_size=0, max_size=4)
tree = st.lists(district, min_size=1, max_size=3)
# For the reform: each old commune goes to one or two of three new communes.
successors = st.lists(st.sets(st.integers(0, 2), min_size=1, max_size=2), min_size=12, max_size=12)

FAST = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def expected_share(reached: Decimal | None, population: Decimal | None) -> Decimal | None:
    if reached is None or not population:
        return None
    return reached / population * 100


def add(total: Decimal | None, value) -> Decimal | None:
    if value is None:
        return total
    return (total or Decimal(0)) + Decimal(value)


@FAST
@given(tree=tree)
def test_rollup_is_the_sum_of_the_leaves_and_ratios_come_from_sums(db, tree):
    population, share = element("DAN_SO"), indicator("NQ28-M6-CT1")
    with transaction.atomic():
        province = unit("Tỉnh", kind="tinh")
        totals = {}
        grand = [None, None]
        for index, communes in enumerate(tree):
            district = unit(f"Huyện {index}", province, kind="huyen")
            sums = [None, None]
            for number, figures in enumerate(communes):
                ward = unit(f"Xã {index}.{number}", district, kind="xa")
                for position, code in enumerate(["DAN_SO", "DAN_SO_TIEP_CAN_BDG"]):
                    if figures[position] is not None:
                        put(code, ward, 2024, figures[position])
                    sums[position] = add(sums[position], figures[position])
                    grand[position] = add(grand[position], figures[position])
            totals[district.name] = sums
        assert rollup.rollup(population, province, 2024) == grand[0]
        assert rollup.rollup(share, province, 2024) == expected_share(grand[1], grand[0])
        children = rollup.by_children(share, province, 2024)
        assert {u.name: v for u, v in children.items()} == {
            name: expected_share(reached, people) for name, (people, reached) in totals.items()
        }
        # The dashboard's overview: the same values from one reading grouped by child.
        at_unit, below = rollup.overview([population, share], province, 2024)
        assert at_unit == {population: grand[0], share: expected_share(grand[1], grand[0])}
        assert below[share] == children
        transaction.set_rollback(True)


@FAST
@given(communes=district, links=successors)
def test_today_boundaries_give_merged_units_wholly_and_split_units_equally(db, communes, links):
    population = element("DAN_SO")
    with transaction.atomic():
        province = unit("Tỉnh", kind="tinh")
        old_district = unit("Huyện cũ", province, kind="huyen", valid_to=REFORM)
        new = [unit(f"Xã mới {i}", province, kind="xa", valid_from=REFORM) for i in range(3)]
        expected: list[Decimal | None] = [None, None, None]
        for number, (people, _reached) in enumerate(communes):
            old = unit(f"Xã cũ {number}", old_district, kind="xa", valid_to=REFORM)
            targets = sorted(links[number])
            for target in targets:
                succeed(old, new[target], "merge" if len(targets) == 1 else "split")
            if people is not None:
                put("DAN_SO", old, 2024, people)
                for target in targets:
                    expected[target] = add(expected[target], Decimal(people) / len(targets))
        for index, ward in enumerate(new):
            got = rollup.rollup(population, ward, 2024, rollup.TODAY, AFTER)
            if expected[index] is None:
                assert got is None
            else:
                assert round(got, 9) == round(expected[index], 9)
        total = rollup.rollup(population, province, 2024, rollup.TODAY, AFTER)
        known = [people for people, _reached in communes if people is not None]
        if known:
            assert round(total, 9) == round(sum(Decimal(p) for p in known), 9)
        else:
            assert total is None
        at_unit, below = rollup.overview([population], province, 2024, rollup.TODAY, AFTER)
        assert at_unit[population] == total
        assert {u.name: v for u, v in below[population].items()} == {
            ward.name: rollup.rollup(population, ward, 2024, rollup.TODAY, AFTER) for ward in new
        }
        transaction.set_rollback(True)
