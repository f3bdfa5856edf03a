"""Accepted reports' figures become indicator figures: a unit's own 6-month or annual report,
the figures linked to an indicator figure, with their history; never an agency's report or a
compiled one; checked like data entry, all or nothing."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from vstb.indicators import rollup
from vstb.indicators.models import DataElement, DataValue, DataValueChange, PeriodKind, Source
from vstb.indicators.tests.factories import ensure_catalogue
from vstb.org.models import Unit
from vstb.reporting import services
from vstb.reporting.forms import FigureFormSet
from vstb.reporting.models import Figure, ReportStatus, Requirement
from vstb.reporting.periods import PeriodRule

pytestmark = pytest.mark.django_db


def _requirement(world, rule=PeriodRule.SIX_MONTH, year=2025):
    ensure_catalogue()
    requirement = Requirement(
        unit=world.district,
        title=f"Báo cáo {rule} năm {year}",
        kind="six_month" if rule == PeriodRule.SIX_MONTH else "annual",
        period_rule=rule,
        year=year,
        quarter=1 if rule == PeriodRule.QUARTERLY else None,
        reporters="both",
        due_dates={"3": f"{year}-05-25", "agency": f"{year}-05-25"},
    )
    requirement.full_clean()
    requirement.save()
    victims = DataElement.objects.get(code="BLG_NAN_NHAN")
    Figure.objects.create(
        requirement=requirement,
        order=1,
        code="NAN_NHAN",
        label="Số người bị bạo lực được phát hiện",
        by_sex=True,
        element=victims,
    )
    Figure.objects.create(
        requirement=requirement,
        order=2,
        code="CO_SO",
        label="Số cơ sở trợ giúp xã hội công lập",  # collected at district level, not ward
        element=DataElement.objects.get(code="CS_TRO_GIUP"),
    )
    Figure.objects.create(requirement=requirement, order=3, code="TT", label="Số cuộc truyền thông")
    return requirement


def _submitted(requirement, reporter, user, **figures):
    report = services.open_report(requirement, reporter, user)
    values = {f.pk: figures.get(f.code, {"total": 0}) for f in requirement.figures.all()}
    services.save_report(report, user, report.version, {"results": "Đã làm."}, values)
    report.submit(user)
    return report


def _figures_formset(requirement):
    """The figures form posted back as it is: every row with its link to an indicator figure."""
    figures = list(requirement.figures.order_by("order"))
    data = {
        "figures-TOTAL_FORMS": str(len(figures)),
        "figures-INITIAL_FORMS": str(len(figures)),
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "1000",
    }
    for index, figure in enumerate(figures):
        data |= {
            f"figures-{index}-id": str(figure.pk),
            f"figures-{index}-order": str(figure.order),
            f"figures-{index}-code": figure.code,
            f"figures-{index}-label": figure.label,
            f"figures-{index}-element": str(figure.element_id or ""),
        }
    return FigureFormSet(data, instance=requirement, prefix="figures")


def _values(unit, year=2025, period=PeriodKind.FIRST_HALF):
    return {
        (v.element.code, v.sex): (v.value, v.source)
        for v in DataValue.objects.filter(unit=unit, year=year, period=period).select_related(
            "element"
        )
    }


def test_accepting_a_wards_own_report_writes_its_linked_figures(world):
    requirement = _requirement(world)
    report = _submitted(
        requirement,
        world.ward,
        world.users["ward_officer"],
        NAN_NHAN={"total": 7, "women": 6, "men": 1},
        CO_SO={"total": 2},
        TT={"total": 4},
    )
    written = services.accept_report(report, world.users["district_secretariat"])
    assert report.status == ReportStatus.ACCEPTED
    assert written.changed == 3
    # The linked figure by sex; the district-level figure and the unlinked one are not written.
    assert _values(world.ward) == {
        ("BLG_NAN_NHAN", ""): (Decimal(7), Source.REPORT),
        ("BLG_NAN_NHAN", "f"): (Decimal(6), Source.REPORT),
        ("BLG_NAN_NHAN", "m"): (Decimal(1), Source.REPORT),
    }
    history = DataValueChange.objects.filter(unit=world.ward)
    assert {(c.changed_by, c.source, c.old_value) for c in history} == {
        (world.users["district_secretariat"], Source.REPORT, None)
    }
    # They roll up like any figure.
    victims = DataElement.objects.get(code="BLG_NAN_NHAN")
    half = rollup.Period(2025, PeriodKind.FIRST_HALF)
    assert rollup.rollup(victims, world.district, half) == 7


def test_an_annual_report_writes_the_years_figures(world):
    requirement = _requirement(world, PeriodRule.ANNUAL, 2024)
    # Figures the ward entered by hand for other elements stay as they are.
    hand = DataValue.objects.create(
        element=DataElement.objects.get(code="DAN_SO"),
        unit=world.ward,
        year=2024,
        period=PeriodKind.YEAR,
        value=1200,
        source=Source.FORM,
        entered_at="2025-01-10T00:00:00Z",
    )
    report = _submitted(requirement, world.ward, world.users["ward_officer"], NAN_NHAN={"total": 3})
    services.accept_report(report, world.users["district_secretariat"])
    assert _values(world.ward, 2024, PeriodKind.YEAR) == {
        ("BLG_NAN_NHAN", ""): (Decimal(3), Source.REPORT),
        ("DAN_SO", ""): (hand.value, Source.FORM),
    }


def test_agency_and_compiled_reports_write_nothing(world):
    requirement = _requirement(world)
    agency_report = _submitted(
        requirement, world.justice, world.users["focal_point"], NAN_NHAN={"total": 4}
    )
    assert services.accept_report(agency_report, world.users["district_secretariat"]) is None
    ward_report = _submitted(
        requirement, world.ward, world.users["ward_officer"], NAN_NHAN={"total": 7}
    )
    services.accept_report(ward_report, world.users["district_secretariat"])
    compiled = services.compile_report(requirement, world.district, confirm_incomplete=True)
    assert compiled.compiled and not services.flows_into_indicators(compiled)
    assert not DataValue.objects.filter(unit=world.district).exists()
    assert DataValue.objects.filter(source=Source.REPORT).count() == 1  # the ward's total


def test_a_figure_breaking_the_entry_rules_stops_the_acceptance(world):
    requirement = _requirement(world)
    # The ward had already entered 9 women victims for the half-year by hand.
    DataValue.objects.create(
        element=DataElement.objects.get(code="BLG_NAN_NHAN"),
        unit=world.ward,
        year=2025,
        period=PeriodKind.FIRST_HALF,
        sex="f",
        value=9,
        source=Source.FORM,
        entered_at="2025-06-01T00:00:00Z",
    )
    report = _submitted(requirement, world.ward, world.users["ward_officer"], NAN_NHAN={"total": 5})
    with pytest.raises(ValidationError) as raised:
        services.accept_report(report, world.users["district_secretariat"])
    assert "Hãy trả lại báo cáo để đơn vị sửa." in raised.value.messages[0]
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED  # nothing changed
    assert _values(world.ward) == {("BLG_NAN_NHAN", "f"): (Decimal(9), Source.FORM)}
    assert not DataValueChange.objects.exists()


def test_only_six_month_and_annual_figures_can_be_linked(world):
    requirement = _requirement(world, PeriodRule.QUARTERLY)
    formset = _figures_formset(requirement)
    assert not formset.is_valid()
    assert "6 tháng hoặc báo cáo năm" in str(formset.forms[0].errors["element"])
    # A quarter's report writes nothing even if a link slipped in before the period changed.
    report = _submitted(requirement, world.ward, world.users["ward_officer"], NAN_NHAN={"total": 1})
    assert services.accept_report(report, world.users["district_secretariat"]) is None
    assert not DataValue.objects.exists()


def test_a_figure_the_reporters_do_not_enter_cannot_be_linked(world):
    requirement = _requirement(world)  # the district's wards report
    formset = _figures_formset(requirement)
    assert not formset.is_valid()
    # Public social-assistance facilities are counted by districts and provinces, not wards.
    assert formset.forms[0].errors == {}
    message = str(formset.forms[1].errors["element"])
    assert "(Xã)" in message and "Cấp huyện" in message and "Hãy chọn" in message


def test_the_reporting_levels_are_read_once_for_all_linked_rows(world, monkeypatch):
    requirement = _requirement(world)
    victims = DataElement.objects.get(code="BLG_NAN_NHAN_HO_TRO")
    for order in range(4, 8):
        Figure.objects.create(
            requirement=requirement, order=order, code=f"X{order}", label="Thêm", element=victims
        )
    calls = []

    def counted(*args):
        calls.append(args)
        return services.levels_below(*args)

    monkeypatch.setattr("vstb.reporting.forms.levels_below", counted)
    formset = _figures_formset(requirement)
    formset.is_valid()
    assert requirement.figures.filter(element__isnull=False).count() == 6  # rows checked
    assert len(calls) == 1


def test_accepting_in_the_browser_says_what_was_written(world, login):
    requirement = _requirement(world)
    report = _submitted(requirement, world.ward, world.users["ward_officer"], NAN_NHAN={"total": 7})
    page = login(world.users["ward_officer"]).get(reverse("reporting:report", args=[report.pk]))
    assert (
        "indicator figure" in page.content.decode() or "số liệu chỉ tiêu" in page.content.decode()
    )
    client = login(world.users["district_secretariat"])
    response = client.post(reverse("reporting:accept", args=[report.pk]), follow=True)
    text = " ".join(str(m) for m in response.context["messages"])
    assert "Đã ghi 1 số liệu vào số liệu chỉ tiêu của Phường Bồ Đề năm 2025." in text
    assert _values(world.ward)[("BLG_NAN_NHAN", "")] == (Decimal(7), Source.REPORT)
    # The ward finds them among its figures of the half-year, with where they came from.
    entry = reverse("indicators:entry", args=[world.ward.pk, 2025]) + "?period=h1"
    html = login(world.users["ward_officer"]).get(entry).content.decode()
    assert 'value="7"' in html and "báo cáo đã tiếp nhận" in html


def test_the_usual_figures_link_the_violence_counts_only_where_the_period_allows(world):
    six_month = _requirement(world)
    six_month.figures.all().delete()
    services.add_default_figures(six_month)
    linked = dict(six_month.figures.values_list("code", "element__code"))
    assert linked["BL_PHAT_HIEN"] == "BLG_NAN_NHAN"
    assert linked["BL_HO_TRO"] == "BLG_NAN_NHAN_HO_TRO"
    assert linked["TT_SO"] is None
    quarter = _requirement(world, PeriodRule.QUARTERLY, 2026)
    quarter.figures.all().delete()
    services.add_default_figures(quarter)
    assert not quarter.figures.filter(element__isnull=False).exists()
    # A province whose lower units are districts only: they count no victims themselves.
    province = Unit.objects.create(code="99", name="Tỉnh Thử", kind="tinh", parent=world.nation)
    Unit.objects.create(code="999", name="Huyện Thử", kind="huyen", parent=province)
    annual = Requirement(
        unit=province,
        title="Báo cáo năm 2024",
        kind="annual",
        period_rule=PeriodRule.ANNUAL,
        year=2024,
        reporters="units",
        due_dates={"2": "2024-12-20"},
    )
    annual.full_clean()
    annual.save()
    services.add_default_figures(annual)
    assert annual.figures.filter(code="BL_PHAT_HIEN").exists()
    assert not annual.figures.filter(element__isnull=False).exists()


def test_an_acceptance_stopped_by_the_entry_rules_tells_nobody(
    world, django_capture_on_commit_callbacks
):
    """The reporter is told of an acceptance only once it is committed (notifications.services:
    e-mails leave on commit, the notification rolls back with the transition)."""
    from django.core import mail

    from vstb.notifications.models import Notification

    requirement = _requirement(world)
    DataValue.objects.create(
        element=DataElement.objects.get(code="BLG_NAN_NHAN"),
        unit=world.ward,
        year=2025,
        period=PeriodKind.FIRST_HALF,
        sex="f",
        value=9,
        source=Source.FORM,
        entered_at="2025-06-01T00:00:00Z",
    )
    report = _submitted(requirement, world.ward, world.users["ward_officer"], NAN_NHAN={"total": 5})
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.accept_report(report, world.users["district_secretariat"])
    assert not Notification.objects.exists() and mail.outbox == []


def test_accepting_a_report_whose_part_outgrows_a_stored_whole_is_refused(world):
    ensure_catalogue()
    requirement = _requirement(world)
    Figure.objects.create(
        requirement=requirement,
        order=4,
        code="CQ_NU",
        label="Số cơ quan có lãnh đạo chủ chốt là nữ",
        element=DataElement.objects.get(code="LD_CO_QUAN_CO_NU"),
    )
    DataValue.objects.create(
        element=DataElement.objects.get(code="LD_CO_QUAN"),
        unit=world.ward,
        year=2025,
        period=PeriodKind.FIRST_HALF,
        value=12,
        source=Source.FORM,
        entered_at="2025-06-01T00:00:00Z",
    )
    report = _submitted(requirement, world.ward, world.users["ward_officer"], CQ_NU={"total": 20})
    with pytest.raises(ValidationError) as raised:
        services.accept_report(report, world.users["district_secretariat"])
    assert "(20)" in raised.value.messages[0] and "(12)" in raised.value.messages[0]
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert not DataValue.objects.filter(element__code="LD_CO_QUAN_CO_NU").exists()
