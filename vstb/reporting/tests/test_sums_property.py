"""Property: a district's compiled figures are the sums of its wards' accepted reports, and
of nothing else, for any small tree and any values.

Each example builds its own district (1–8 wards, each with no report or a report in any
state, each value present or not, each number given or not) inside a savepoint of the test's
transaction and rolls it back at the end, so examples do not see each other's rows.
"""

from datetime import date

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vstb.org.models import Unit
from vstb.reporting.models import Figure, FigureValue, Report, ReportStatus, Requirement
from vstb.reporting.services import compile_report

FIGURES = 3  # the first counted by sex
number = st.none() | st.integers(min_value=0, max_value=100_000)
# A figure's value in one report: no row at all (None), or a row of three numbers or None.
value = st.none() | st.tuples(number, number, number)
ward = st.tuples(
    st.none() | st.sampled_from(ReportStatus.values),  # None: the ward has not reported
    st.lists(value, min_size=FIGURES, max_size=FIGURES),
)


def sql_sum(numbers: list[int | None]) -> int | None:
    """What SQL's SUM gives: the sum of the numbers given, None when none is."""
    given = [n for n in numbers if n is not None]
    return sum(given) if given else None


@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(wards=st.lists(ward, min_size=1, max_size=8))
def test_compiled_figures_are_the_sums_of_the_accepted_ward_reports(world, wards):
    with transaction.atomic():
        district = Unit.objects.create(
            code="PROP-D", name="Huyện Thuộc Tính", kind="huyen", parent=world.province
        )
        requirement = Requirement.objects.create(
            unit=district,
            title="Báo cáo thử thuộc tính",
            kind="six_month",
            period_rule="six_month",
            year=2025,
            window_start=date(2024, 12, 15),
            window_end=date(2025, 6, 14),
            reporters="units",
            due_dates={"3": "2025-05-25"},
        )
        figures = [
            Figure.objects.create(
                requirement=requirement,
                order=k,
                code=f"{k + 1}",
                label=f"Chỉ tiêu {k + 1}",
                by_sex=k == 0,
            )  # fmt: skip
            for k in range(FIGURES)
        ]
        accepted: dict[int, list[tuple]] = {figure.pk: [] for figure in figures}
        rows = []
        for i, (status, values) in enumerate(wards):
            unit = Unit.objects.create(
                code=f"PROP-W{i}", name=f"Phường Thử {i}", kind="phuong", parent=district
            )
            if status is None:
                continue
            report = Report.objects.create(
                requirement=requirement, unit=unit, receiver=district, status=status
            )
            for figure, numbers in zip(figures, values, strict=True):
                if numbers is None:
                    continue
                total, women, men = numbers
                rows.append(
                    FigureValue(report=report, figure=figure, total=total, women=women, men=men)
                )
                if status == ReportStatus.ACCEPTED:
                    accepted[figure.pk].append(numbers)
        FigureValue.objects.bulk_create(rows)

        compiled = compile_report(requirement, district, confirm_incomplete=True)

        got = {v.figure_id: (v.total, v.women, v.men) for v in compiled.values.all()}
        expected = {
            pk: tuple(sql_sum([numbers[i] for numbers in found]) for i in range(3))
            for pk, found in accepted.items()
            if found
        }
        assert got == expected
        assert compiled.compiled and compiled.unit == district
        transaction.set_rollback(True)
