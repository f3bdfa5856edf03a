"""Reporting: cut-off windows, pre-fill, workflow, completeness, concurrency, compilation."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from vstb.activities.models import Activity
from vstb.reporting import services
from vstb.reporting.models import Figure, FigureValue, Report, ReportStatus, Requirement
from vstb.reporting.periods import PeriodRule, cutoff_window

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


# Cut-off windows: Decree 09/2019/NĐ-CP art. 12 ------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "year", "quarter", "window"),
    [
        (PeriodRule.SIX_MONTH, 2025, None, (date(2024, 12, 15), date(2025, 6, 14))),
        (PeriodRule.NINE_MONTH, 2025, None, (date(2024, 12, 15), date(2025, 9, 14))),
        (PeriodRule.ANNUAL, 2025, None, (date(2024, 12, 15), date(2025, 12, 14))),
        (PeriodRule.ANNUAL, 2000, None, (date(1999, 12, 15), date(2000, 12, 14))),
        (PeriodRule.QUARTERLY, 2026, 1, (date(2025, 12, 15), date(2026, 3, 14))),
        (PeriodRule.QUARTERLY, 2026, 2, (date(2026, 3, 15), date(2026, 6, 14))),
        (PeriodRule.QUARTERLY, 2026, 3, (date(2026, 6, 15), date(2026, 9, 14))),
        (PeriodRule.QUARTERLY, 2026, 4, (date(2026, 9, 15), date(2026, 12, 14))),
    ],
)
def test_cutoff_windows_follow_decree_09(rule, year, quarter, window):
    assert cutoff_window(rule, year, quarter) == window


def test_consecutive_quarters_leave_no_gap_across_the_year_boundary():
    _, end_of_q4 = cutoff_window(PeriodRule.QUARTERLY, 2025, 4)
    start_of_q1, _ = cutoff_window(PeriodRule.QUARTERLY, 2026, 1)
    assert (start_of_q1 - end_of_q4).days == 1


def test_a_custom_window_needs_its_dates_and_a_quarter_needs_its_number():
    with pytest.raises(ValueError):
        cutoff_window(PeriodRule.CUSTOM, 2025)
    with pytest.raises(ValueError):
        cutoff_window(PeriodRule.QUARTERLY, 2025, 5)


# Fixtures -------------------------------------------------------------------------------------


@pytest.fixture
def requirement(world):
    requirement = Requirement(
        unit=world.district,
        title="Báo cáo sơ kết 6 tháng đầu năm 2025",
        kind="six_month",
        period_rule=PeriodRule.SIX_MONTH,
        year=2025,
        reporters="both",
        due_dates={"3": "2025-05-25", "agency": "2025-05-25"},
    )
    requirement.full_clean()
    requirement.save()
    Figure.objects.create(
        requirement=requirement,
        order=1,
        code="TT",
        label="Số hoạt động truyền thông",
        source="activities",
        source_kind="communication",
    )
    Figure.objects.create(
        requirement=requirement,
        order=2,
        code="TT_NGUOI",
        label="Số người tham gia truyền thông",
        by_sex=True,
        source="participants",
        source_kind="communication",
    )
    Figure.objects.create(
        requirement=requirement, order=3, code="BL", label="Số vụ bạo lực được phát hiện"
    )
    return requirement


def _activity(unit, day, title, women=10, men=5, kind="communication"):
    return Activity.objects.create(
        unit=unit,
        kind=kind,
        title=title,
        start=day,
        participants_total=women + men,
        participants_women=women,
        participants_men=men,
    )


# Pre-fill -------------------------------------------------------------------------------------


def test_prefill_takes_only_activities_inside_the_window(world, requirement):
    _activity(world.ward, date(2024, 12, 14), "Trước kỳ")
    inside = _activity(world.ward, date(2024, 12, 15), "Đầu kỳ", women=20, men=10)
    inside.tasks.add(world.wards_task)
    _activity(world.ward, date(2025, 6, 14), "Cuối kỳ")
    _activity(world.ward, date(2025, 6, 15), "Sau kỳ")
    _activity(world.other_ward, date(2025, 3, 1), "Của phường khác")
    report = services.open_report(requirement, world.ward)
    results = report.narrative["results"]
    assert "Đầu kỳ" in results and "Cuối kỳ" in results
    assert "Trước kỳ" not in results and "Sau kỳ" not in results and "phường khác" not in results
    # Grouped under the heading of the plan part the task belongs to.
    assert "II. NỘI DUNG THỰC HIỆN" in results
    values = {
        v.figure.code: (v.total, v.women, v.men) for v in report.values.select_related("figure")
    }
    assert values == {"TT": (2, None, None), "TT_NGUOI": (45, 30, 15)}


# Workflow -------------------------------------------------------------------------------------


def _fill(report, user, **figures):
    services.save_report(
        report,
        user,
        report.version,
        {"difficulties": "Thiếu kinh phí."},
        {f.pk: figures.get(f.code, {"total": 0}) for f in report.requirement.figures.all()},
    )


def test_submit_return_resubmit_accept_and_then_locked(world, requirement):
    officer, district = world.users["ward_officer"], world.users["district_secretariat"]
    report = services.open_report(requirement, world.ward, officer)
    _fill(report, officer)
    report.submit(officer)
    with pytest.raises(ValidationError):
        report.submit(officer)  # already submitted
    with pytest.raises(ValidationError):
        report.return_to_reporter(district, "  ")  # a return must say why
    report.return_to_reporter(district, "Bổ sung số liệu bạo lực gia đình.")
    assert report.status == ReportStatus.RETURNED
    _fill(report, officer, BL={"total": 2})
    report.submit(officer)
    report.accept(district)
    assert report.status == ReportStatus.ACCEPTED
    with pytest.raises(ValidationError):
        _fill(report, officer, BL={"total": 3})
    report.refresh_from_db()
    assert report.values.get(figure__code="BL").total == 2
    actions = list(report.events.values_list("action", flat=True))
    assert actions == [
        "created",
        "edited",
        "submitted",
        "returned",
        "edited",
        "submitted",
        "accepted",
    ]


def test_a_report_missing_a_required_figure_cannot_be_submitted(world, requirement):
    report = services.open_report(requirement, world.ward)
    with pytest.raises(ValidationError) as raised:
        report.submit(world.users["ward_officer"])
    assert any("Số vụ bạo lực" in message for message in raised.value.messages)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_women_above_the_total_is_refused_and_nothing_is_saved(world, requirement):
    report = services.open_report(requirement, world.ward)
    figure = requirement.figures.get(code="TT_NGUOI")
    with pytest.raises(ValidationError):
        services.save_report(
            report, None, report.version, {}, {figure.pk: {"total": 5, "women": 4, "men": 3}}
        )
    assert report.values.get(figure=figure).total == 0


def test_a_concurrent_edit_is_refused_and_the_first_is_kept(world, requirement):
    report = services.open_report(requirement, world.ward)
    first, second = Report.objects.get(pk=report.pk), Report.objects.get(pk=report.pk)
    figure = requirement.figures.get(code="BL")
    services.save_report(first, None, first.version, {}, {figure.pk: {"total": 7}})
    with pytest.raises(ValidationError) as raised:
        services.save_report(second, None, second.version, {}, {figure.pk: {"total": 9}})
    assert raised.value.code == "stale"
    assert FigureValue.objects.get(report=report, figure=figure).total == 7


# Completeness ---------------------------------------------------------------------------------


def test_completeness_states_and_rates(world, requirement):
    officer = world.users["ward_officer"]
    report = services.open_report(requirement, world.ward, officer)
    _fill(report, officer)
    report.submit(officer)
    Report.objects.filter(pk=report.pk).update(submitted_at=datetime(2025, 5, 20, 9, tzinfo=HANOI))
    rows = services.completeness(requirement, world.district, today=date(2025, 5, 26))
    states = {str(row.reporter): (row.state, row.late) for row in rows}
    assert states["Phường Bồ Đề"] == ("submitted", False)
    assert states["Phường Ngọc Lâm"] == ("late", True)
    assert states["Phòng Tư pháp quận"] == ("late", True)
    rates = services.rates(rows)
    assert 0 <= rates["submitted"] <= 100 and rates["on_time"] <= rates["submitted"]


def test_a_ward_that_ceased_before_the_window_is_not_expected(world, requirement):
    world.other_ward.valid_to = date(2024, 7, 1)
    world.other_ward.save()
    expected = {
        str(row.reporter)
        for row in services.completeness(requirement, world.district, date(2025, 6, 1))
    }
    assert "Phường Ngọc Lâm" not in expected and "Phường Bồ Đề" in expected


def test_rates_never_exceed_100_percent_even_with_extra_reports(world, requirement):
    # A report from a unit that is not expected (it ceased) must not push the rate past 100 %.
    world.other_ward.valid_to = date(2024, 7, 1)
    world.other_ward.save()
    for ward in (world.ward, world.other_ward):
        report = services.open_report(requirement, ward)
        _fill(report, None)
        report.submit(None)
    assert services.rates(services.completeness(requirement, world.district))["submitted"] <= 100


# Compilation ----------------------------------------------------------------------------------


def test_compiled_figures_sum_the_accepted_reports_only(world, requirement):
    secretariat = world.users["district_secretariat"]
    accepted = services.open_report(requirement, world.ward)
    _fill(accepted, None, BL={"total": 3}, TT_NGUOI={"total": 10, "women": 6, "men": 4})
    accepted.submit(None)
    accepted.accept(secretariat)
    pending = services.open_report(requirement, world.other_ward)
    _fill(pending, None, BL={"total": 100})
    pending.submit(None)
    compiled = services.compile_report(
        requirement, world.district, secretariat, confirm_incomplete=True
    )
    values = {
        v.figure.code: (v.total, v.women, v.men) for v in compiled.values.select_related("figure")
    }
    assert values["BL"] == (3, None, None)
    assert values["TT_NGUOI"] == (10, 6, 4)
    assert compiled.receiver == world.province and compiled.compiled
    assert "Phường Bồ Đề: Thiếu kinh phí." in compiled.narrative["difficulties"]
    drill = services.contributions(compiled, requirement.figures.get(code="BL"))
    assert [(str(reporter), value.total) for reporter, value in drill] == [("Phường Bồ Đề", 3)]


def test_due_dates_appear_in_the_calendar_of_those_who_report(world, requirement):
    from vstb.activities.calendar import REPORT_DUE, entries_for

    ward = [
        e
        for e in entries_for(world.users["ward_officer"], date(2025, 5, 1), date(2025, 5, 31))
        if e.kind == REPORT_DUE
    ]
    assert [(e.title, e.start) for e in ward] == [
        ("Báo cáo sơ kết 6 tháng đầu năm 2025", date(2025, 5, 25))
    ]
    outsider = entries_for(
        world.users["other_province_secretariat"], date(2025, 5, 1), date(2025, 5, 31)
    )
    assert not [e for e in outsider if e.kind == REPORT_DUE]


@pytest.mark.parametrize("extra_figures", [0, 20])
def test_a_save_writes_the_figures_in_a_constant_number_of_statements(
    world, requirement, extra_figures, django_assert_num_queries
):
    for order in range(extra_figures):
        Figure.objects.create(
            requirement=requirement, order=10 + order, code=f"X{order}", label=f"Số {order}"
        )
    report = services.open_report(requirement, world.ward)
    figures = list(requirement.figures.all())
    first = {f.pk: {"total": 1} for f in figures}
    # Savepoint, lock, values, requirement, figures, one INSERT of the new values, one UPDATE
    # of the pre-filled ones, the report, its history, release: 10 whatever the figures.
    with django_assert_num_queries(10):
        services.save_report(report, None, report.version, {}, first)
    again = {f.pk: {"total": 2} for f in figures}
    with django_assert_num_queries(9):  # all values exist now: no INSERT
        services.save_report(report, None, report.version, {}, again)
    assert {v.total for v in report.values.all()} == {2}
