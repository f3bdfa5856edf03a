"""Reporting pages: requirements, reports and their review, completeness, chasing,
compilation, issuing and the DOCX."""

import io
from datetime import date

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from docx import Document

from vstb.conftest import queries_of, sign_in, vi
from vstb.documents.plan_schema import validate
from vstb.indicators.models import DataValue
from vstb.indicators.tests.factories import ensure_catalogue
from vstb.notifications.models import Kind, Notification
from vstb.org.models import Agency, Unit
from vstb.plans.models import NumberRegister
from vstb.reporting import services
from vstb.reporting.document import report_document
from vstb.reporting.models import Chase, FigureValue, Report, ReportStatus, Requirement

pytestmark = pytest.mark.django_db


@pytest.fixture
def requirement(world):
    """Long Biên's 6-month requirement of 2025 with the usual figures; its due dates have
    passed, so whoever has not reported is late."""
    ensure_catalogue()  # the violence counts link to the Strategy's data elements
    requirement = Requirement(
        unit=world.district,
        title="Báo cáo sơ kết 6 tháng đầu năm 2025",
        kind="six_month",
        period_rule="six_month",
        year=2025,
        reporters="both",
        due_dates={"3": "2025-05-25", "agency": "2025-05-25"},
    )
    requirement.full_clean()
    requirement.save()
    services.add_default_figures(requirement)
    return requirement


def _client(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def _form_data(report: Report, **figures) -> dict:
    """What the report form posts: its version, its narrative, every figure (0 unless given),
    and `confirm`, as the confirmation page posts it back when sending."""
    data = {
        "confirm": "1",
        "version": report.version,
        "results": "Đã tổ chức 2 hội nghị.",
        "difficulties": "Thiếu kinh phí.",
    }
    for figure in report.requirement.figures.all():
        value = figures.get(figure.code, {"total": 0})
        for part, number in value.items():
            data[f"f{figure.pk}_{part}"] = "" if number is None else number
    return data


def _open(client, requirement, reporter, kind="unit") -> Report:
    response = client.post(reverse("reporting:open", args=[requirement.pk, kind, reporter.pk]))
    report = Report.objects.get(pk=response.url.strip("/").split("/")[-1])
    assert response.status_code == 302
    return report


def _accepted(world, requirement, ward, **figures) -> Report:
    report = services.open_report(requirement, ward)
    services.save_report(
        report,
        None,
        report.version,
        {"results": f"Kết quả của {ward.name}."},
        {f.pk: figures.get(f.code, {"total": 0}) for f in requirement.figures.all()},
    )
    report.submit(None)
    report.accept(world.users["district_secretariat"])
    return report


# Requirements ---------------------------------------------------------------------------------


def test_secretariat_creates_a_requirement_with_a_due_date_per_level_below(world):
    client = _client(world.users["district_secretariat"])
    url = reverse("reporting:create", args=[world.district.pk])
    form = client.get(url).context["form"]
    # A district has communes below it, and agencies: no district-level due date.
    assert "due_3" in form.fields and "due_agency" in form.fields and "due_2" not in form.fields
    response = client.post(
        url,
        {
            "title": "Báo cáo năm 2026",
            "kind": "annual",
            "period_rule": "annual",
            "year": 2026,
            "reporters": "both",
            "due_3": "25/11/2026",
            "due_agency": "30/11/2026",
        },
    )
    requirement = Requirement.objects.get(title="Báo cáo năm 2026")
    assert response.url == reverse("reporting:figures", args=[requirement.pk])
    # Decree 09/2019 art. 12: the year's data run from 15/12 of the previous year to 14/12.
    assert (requirement.window_start, requirement.window_end) == (
        date(2025, 12, 15),
        date(2026, 12, 14),
    )
    assert requirement.due_dates == {"3": "2026-11-25", "agency": "2026-11-30"}
    assert requirement.figures.count() == len(services.DEFAULT_FIGURES)


def test_a_province_sets_due_dates_for_its_districts_and_its_communes(world):
    form = (
        _client(world.users["admin"])
        .get(reverse("reporting:create", args=[world.province.pk]))
        .context["form"]
    )
    assert {"due_2", "due_3", "due_agency"} <= set(form.fields)


def test_custom_dates_must_be_given_and_a_quarter_chosen(world):
    client = _client(world.users["district_secretariat"])
    url = reverse("reporting:create", args=[world.district.pk])
    base = {"title": "Báo cáo", "kind": "ad_hoc", "year": 2026, "reporters": "units"}
    response = client.post(url, {**base, "period_rule": "custom"})
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post(url, {**base, "period_rule": "quarterly"})
    assert "quarter" in response.context["form"].errors
    assert not Requirement.objects.exists()
    client.post(url, {**base, "period_rule": "quarterly", "quarter": 2})
    assert Requirement.objects.get().window_end == date(2026, 6, 14)


def test_the_requirement_list_shows_the_units_and_those_above_with_constant_queries(
    world, requirement
):
    client = _client(world.users["ward_officer"])
    url = reverse("reporting:list") + f"?unit={world.ward.pk}"
    response = client.get(url)
    assert list(response.context["above"]) == [requirement] and not response.context["page_obj"]
    before = queries_of(lambda: client.get(url))
    Requirement.objects.create(
        unit=world.province,
        title="Báo cáo năm 2025 của thành phố",
        kind="annual",
        period_rule="annual",
        year=2025,
        window_start=date(2024, 12, 15),
        window_end=date(2025, 12, 14),
    )
    assert len(client.get(url).context["above"]) == 2
    assert queries_of(lambda: client.get(url)) == before


def test_the_viewer_cannot_create_a_requirement(world):
    response = _client(world.users["district_viewer"]).post(
        reverse("reporting:create", args=[world.district.pk]), {"title": "X"}
    )
    assert response.status_code == 403 and not Requirement.objects.exists()


DEADLINES = [
    {"what": "Báo cáo sơ kết 6 tháng đầu năm", "date": "2025-06-10"},
    {"what": "Báo cáo tổng kết năm", "date": "2025-12-05"},
    {"what": "Báo cáo kết quả Tháng hành động", "date": "2025-12-01"},
]


def test_a_requirement_is_created_from_a_plans_deadline(world):
    plan = world.district_plan
    plan.deadlines = DEADLINES
    plan.save(update_fields=["deadlines"])
    client = _client(world.users["district_secretariat"])
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert reverse("reporting:from_deadline", args=[plan.pk, 2]) in page
    kinds = []
    for index in range(3):
        response = client.post(reverse("reporting:from_deadline", args=[plan.pk, index]))
        requirement = Requirement.objects.latest("pk")
        assert response.url == reverse("reporting:edit", args=[requirement.pk])
        kinds.append((requirement.kind, requirement.period_rule))
    assert kinds == [("six_month", "six_month"), ("annual", "annual"), ("ad_hoc", "custom")]
    six_month = Requirement.objects.get(kind="six_month")
    assert six_month.title == "Báo cáo sơ kết 6 tháng đầu năm" and six_month.year == 2025
    assert six_month.source_plan == plan
    assert six_month.due_dates == {"3": "2025-06-10", "agency": "2025-06-10"}
    codes = list(six_month.figures.values_list("code", flat=True))
    assert codes == [code for code, *_ in services.DEFAULT_FIGURES]
    participants = six_month.figures.get(code="TT_NGUOI")
    assert participants.by_sex and (participants.source, participants.source_kind) == (
        "participants",
        "communication",
    )
    ad_hoc = Requirement.objects.get(kind="ad_hoc")
    assert (ad_hoc.window_start, ad_hoc.window_end) == (date(2025, 1, 1), date(2025, 12, 1))
    assert client.post(reverse("reporting:from_deadline", args=[plan.pk, 3])).status_code == 404


def test_only_those_who_manage_the_plans_unit_see_or_use_its_deadlines(world):
    plan = world.district_plan
    plan.deadlines = DEADLINES
    plan.save(update_fields=["deadlines"])
    for persona in ("district_viewer", "ward_officer"):
        client = _client(world.users[persona])
        page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
        assert "from-plan" not in page
        assert client.post(reverse("reporting:from_deadline", args=[plan.pk, 0])).status_code == 403
    assert client.get(reverse("reporting:from_deadline", args=[plan.pk, 0])).status_code == 405
    assert not Requirement.objects.exists()


def _figures_data(requirement) -> tuple[dict, list]:
    """The figures formset as the page posts it, unchanged, with no extra row."""
    figures = list(requirement.figures.order_by("order"))
    data = {
        "figures-TOTAL_FORMS": len(figures),
        "figures-INITIAL_FORMS": len(figures),
        "figures-MIN_NUM_FORMS": 0,
        "figures-MAX_NUM_FORMS": 1000,
    }
    for index, figure in enumerate(figures):
        prefix = f"figures-{index}"
        data.update(
            {
                f"{prefix}-id": figure.pk,
                f"{prefix}-order": figure.order,
                f"{prefix}-code": figure.code,
                f"{prefix}-label": figure.label,
                f"{prefix}-source": figure.source,
                f"{prefix}-source_kind": figure.source_kind,
            }
        )
        for flag in ("by_sex", "required"):
            if getattr(figure, flag):
                data[f"{prefix}-{flag}"] = "on"
    return data, figures


def test_figures_are_added_removed_and_reordered(world, requirement):
    client = _client(world.users["district_secretariat"])
    url = reverse("reporting:figures", args=[requirement.pk])
    assert client.get(url).status_code == 200
    data, figures = _figures_data(requirement)
    data["figures-0-order"] = 99  # the first goes last
    data["figures-1-DELETE"] = "on"
    new = len(figures)
    data.update(
        {
            f"figures-{new}-code": "HN",
            f"figures-{new}-label": "Số hội nghị",
            f"figures-{new}-order": "1",
            f"figures-{new}-required": "on",
            "figures-TOTAL_FORMS": new + 1,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["formset"].errors
    ordered = requirement.figures.order_by("order")
    codes = list(ordered.values_list("code", flat=True))
    assert codes[0] == "HN" and codes[-1] == figures[0].code and figures[1].code not in codes
    assert list(ordered.values_list("order", flat=True)) == list(range(1, len(codes) + 1))


def test_a_figure_with_submitted_numbers_cannot_be_removed(world, requirement):
    _accepted(world, requirement, world.ward)
    data, figures = _figures_data(requirement)
    index = [f.code for f in figures].index("BL_HO_TRO")
    data[f"figures-{index}-DELETE"] = "on"
    client = _client(world.users["district_secretariat"])
    response = client.post(reverse("reporting:figures", args=[requirement.pk]), data)
    assert response.status_code == 200, response
    assert response.context["formset"].non_form_errors()
    assert requirement.figures.filter(code="BL_HO_TRO").exists()


# Reports --------------------------------------------------------------------------------------


def test_my_reports_lists_what_the_user_writes_with_constant_queries(world, requirement):
    client = _client(world.users["ward_officer"])
    rows = client.get(reverse("reporting:my_reports")).context["page_obj"]
    assert [(row.requirement, row.reporter, row.report, row.due) for row in rows] == [
        (requirement, world.ward, None, date(2025, 5, 25))
    ]
    focal_rows = (
        _client(world.users["focal_point"]).get(reverse("reporting:my_reports")).context["page_obj"]
    )
    assert [row.reporter for row in focal_rows] == [world.justice]
    before = queries_of(lambda: client.get(reverse("reporting:my_reports")))
    for year in (2023, 2024):
        other = Requirement.objects.create(
            unit=world.province,
            title=f"Báo cáo năm {year}",
            kind="annual",
            period_rule="annual",
            year=year,
            window_start=date(year - 1, 12, 15),
            window_end=date(year, 12, 14),
        )
        services.open_report(other, world.ward)
    assert queries_of(lambda: client.get(reverse("reporting:my_reports"))) == before


def test_a_ward_writes_sends_is_returned_resends_and_is_accepted_then_locked(world, requirement):
    ward, district = (
        _client(world.users["ward_officer"]),
        _client(world.users["district_secretariat"]),
    )
    report = _open(ward, requirement, world.ward)
    page = ward.get(reverse("reporting:report", args=[report.pk]))
    assert page.context["form"] is not None
    # Sending without the hand-entered figures is refused, with what is missing.
    blank = {code: {"total": None} for code in ("BL_PHAT_HIEN", "BL_HO_TRO", "LD_NU")}
    response = ward.post(
        reverse("reporting:submit", args=[report.pk]), _form_data(report, **blank), follow=True
    )
    assert "tiếp cận ít nhất một dịch vụ hỗ trợ cơ bản" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT

    ward.post(
        reverse("reporting:submit", args=[report.pk]), _form_data(report, BL_PHAT_HIEN={"total": 2})
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert ward.get(reverse("reporting:report", args=[report.pk])).context["form"] is None
    assert district.get(reverse("reporting:report", args=[report.pk])).context["can_review"]

    district.post(
        reverse("reporting:return", args=[report.pk]), {"comment": "Bổ sung số vụ được hỗ trợ."}
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert (
        "Bổ sung số vụ được hỗ trợ."
        in ward.get(reverse("reporting:report", args=[report.pk])).content.decode()
    )

    ward.post(
        reverse("reporting:submit", args=[report.pk]),
        _form_data(report, BL_PHAT_HIEN={"total": 2}, BL_HO_TRO={"total": 1}),
    )
    district.post(reverse("reporting:accept", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    # The two violence counts became the ward's indicator figures for the half-year.
    written = DataValue.objects.filter(unit=world.ward, source="report", period="h1")
    assert {(v.element.code, v.value) for v in written} == {
        ("BLG_NAN_NHAN", 2),
        ("BLG_NAN_NHAN_HO_TRO", 1),
    }
    # Accepted: locked for everyone.
    for url in ("reporting:report", "reporting:submit"):
        response = ward.post(
            reverse(url, args=[report.pk]), _form_data(report, BL_HO_TRO={"total": 9})
        )
        assert response.status_code == 403
    assert report.values.get(figure__code="BL_HO_TRO").total == 1
    history = district.get(reverse("reporting:report", args=[report.pk])).context["events"]
    assert [e.action for e in history] == [
        "created",
        "edited",
        "edited",
        "submitted",
        "returned",
        "edited",
        "submitted",
        "accepted",
    ]
    assert history[4].by == world.users["district_secretariat"] and history[4].comment


def test_a_return_without_a_comment_is_refused(world, requirement):
    report = services.open_report(requirement, world.ward)
    services.save_report(
        report, None, report.version, {}, {f.pk: {"total": 0} for f in requirement.figures.all()}
    )
    report.submit(None)
    _client(world.users["district_secretariat"]).post(
        reverse("reporting:return", args=[report.pk]), {"comment": " "}
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_a_stale_save_is_refused_and_nothing_is_lost(world, requirement):
    report = services.open_report(requirement, world.ward)
    first, second = _client(world.users["ward_officer"]), _client(world.users["admin"])
    url = reverse("reporting:report", args=[report.pk])
    opened = first.get(url).context["form"]["version"].value()
    assert second.get(url).context["form"]["version"].value() == opened
    figure = requirement.figures.get(code="BL_PHAT_HIEN")
    assert first.post(url, _form_data(report, BL_PHAT_HIEN={"total": 7})).status_code == 302
    mine = {
        **_form_data(report, BL_PHAT_HIEN={"total": 9}),
        "version": opened,
        "results": "Nội dung của tôi",
    }
    response = second.post(url, mine)
    assert response.status_code == 200
    assert FigureValue.objects.get(report=report, figure=figure).total == 7  # the first is kept
    form = response.context["form"]
    # The second user's input is still in the form, for them to copy.
    assert (
        form["results"].value() == "Nội dung của tôi" and form[f"f{figure.pk}_total"].value() == "9"
    )
    with translation.override("en"):
        stale = str(services.STALE)
    assert vi(stale) in response.content.decode()


def test_women_and_men_above_the_total_are_refused_with_the_input_kept(world, requirement):
    report = services.open_report(requirement, world.ward)
    figure = requirement.figures.get(code="TT_NGUOI")
    response = _client(world.users["ward_officer"]).post(
        reverse("reporting:report", args=[report.pk]),
        _form_data(report, TT_NGUOI={"total": 5, "women": 4, "men": 3}),
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert response.context["form"][f"f{figure.pk}_women"].value() == "4"
    assert report.values.get(figure=figure).total == 0


def test_a_ward_cannot_see_another_wards_report_and_the_district_sees_both(world, requirement):
    mine = services.open_report(requirement, world.ward)
    theirs = services.open_report(requirement, world.other_ward)
    ward = _client(world.users["ward_officer"])
    assert ward.get(reverse("reporting:report", args=[mine.pk])).status_code == 200
    assert ward.get(reverse("reporting:report", args=[theirs.pk])).status_code == 404
    assert ward.get(reverse("reporting:docx", args=[theirs.pk])).status_code == 404
    district = _client(world.users["district_secretariat"])
    for report in (mine, theirs):
        page = district.get(reverse("reporting:report", args=[report.pk]))
        assert page.status_code == 200 and page.context["form"] is None  # read, not written


def test_an_agency_focal_point_writes_and_sees_its_agencys_report(world, requirement):
    focal = _client(world.users["focal_point"])
    report = _open(focal, requirement, world.justice, kind="agency")
    assert report.agency == world.justice and report.receiver == world.district
    assert focal.get(reverse("reporting:report", args=[report.pk])).context["form"] is not None
    assert (
        _client(world.users["ward_officer"])
        .get(reverse("reporting:report", args=[report.pk]))
        .status_code
        == 404
    )
    # Another agency's report is not the focal point's to open.
    response = focal.post(
        reverse("reporting:open", args=[requirement.pk, "agency", world.labour.pk])
    )
    assert response.status_code == 403


def test_the_viewer_reads_but_cannot_save(world, requirement):
    report = services.open_report(requirement, world.ward)
    viewer = _client(world.users["district_viewer"])
    assert viewer.get(reverse("reporting:report", args=[report.pk])).status_code == 200
    response = viewer.post(
        reverse("reporting:report", args=[report.pk]), _form_data(report, BL_PHAT_HIEN={"total": 3})
    )
    assert response.status_code == 403
    # The figure keeps what the case register pre-filled (none of the ward's cases: 0).
    assert list(
        report.values.filter(figure__code="BL_PHAT_HIEN").values_list("total", flat=True)
    ) == [0]


@pytest.mark.parametrize(
    "name", ["reporting:submit", "reporting:return", "reporting:accept", "reporting:issue"]
)
def test_transitions_refuse_get_and_send_anonymous_users_to_log_in(world, requirement, name):
    report = services.open_report(requirement, world.ward)
    url = reverse(name, args=[report.pk])
    assert _client(world.users["ward_officer"]).get(url).status_code == 405
    response = Client().post(url)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


# Completeness and chasing ---------------------------------------------------------------------


def test_completeness_shows_who_reported_with_rates_never_above_100(world, requirement):
    # Ngọc Lâm was merged away before the window began: it is not expected, even if it sent.
    world.other_ward.valid_to = date(2024, 7, 1)
    world.other_ward.save()
    _accepted(world, requirement, world.ward)
    _accepted(world, requirement, world.other_ward)
    client = _client(world.users["district_secretariat"])
    url = reverse("reporting:completeness", args=[requirement.pk, world.district.pk])
    response = client.get(url)
    rows = {str(row.reporter): row.state for row in response.context["rows"]}
    assert rows == {
        "Phường Bồ Đề": "accepted",
        "Phòng Lao động – Thương binh và Xã hội quận": "late",
        "Phòng Tư pháp quận": "late",
        "Hội Liên hiệp Phụ nữ quận": "late",
    }
    rates = response.context["rates"]
    assert rates["submitted"] == rates["accepted"] == 25.0
    assert all(0 <= value <= 100 for value in rates.values())
    before = queries_of(lambda: client.get(url))
    agency = Agency.objects.create(unit=world.district, name="Đoàn Thanh niên quận", kind="doan_tn")
    services.open_report(requirement, agency)
    assert queries_of(lambda: client.get(url)) == before
    # Submitted reports cost nothing more either: on a deadline day the page is read while
    # hundreds of them come in (issue 14 measured 11 + 2 queries each).
    for number in range(3):
        ward = Unit.objects.create(
            code=f"0099{number}", name=f"Phường Thử {number}", kind="phuong", parent=world.district
        )
        _accepted(world, requirement, ward)
        sent = services.open_report(
            requirement,
            Agency.objects.create(unit=world.district, name=f"Cơ quan {number}", kind="other"),
        )
        services.save_report(
            sent, None, sent.version, {}, {f.pk: {"total": 0} for f in requirement.figures.all()}
        )
        sent.submit(None)
    assert queries_of(lambda: client.get(url)) == before


def test_the_wards_do_not_follow_the_districts_table(world, requirement):
    url = reverse("reporting:completeness", args=[requirement.pk, world.district.pk])
    assert _client(world.users["ward_officer"]).get(url).status_code == 404


def test_chasing_emails_and_notifies_those_who_report_for_each_missing_reporter(
    world, requirement, django_capture_on_commit_callbacks
):
    _accepted(world, requirement, world.ward)
    client = _client(world.users["district_secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:chase", args=[requirement.pk, world.district.pk]),
            {"confirm": "1"},
            follow=True,
        )
    chased = {str(c.unit or c.agency): c.recipients for c in Chase.objects.all()}
    # Bồ Đề has reported; Ngọc Lâm and the three agencies have not.
    assert chased == {
        "Phường Ngọc Lâm": 1,
        "Phòng Lao động – Thương binh và Xã hội quận": 0,
        "Phòng Tư pháp quận": 1,
        "Hội Liên hiệp Phụ nữ quận": 0,
    }
    assert sorted(m.to[0] for m in mail.outbox) == [
        "focal_point@example.vn",
        "other_ward_officer@example.vn",
    ]
    link = "http://127.0.0.1:8000" + reverse("reporting:my_reports")
    assert all(link in m.body and "Thiếu kinh phí" not in m.body for m in mail.outbox)
    notified = Notification.objects.filter(kind=Kind.REPORT_CHASE)
    assert sorted(n.user.username for n in notified) == ["focal_point", "other_ward_officer"]
    assert all(n.url == reverse("reporting:my_reports") for n in notified)
    assert response.status_code == 200
    assert all(row.chased_at for row in response.context["rows"] if row.state != "accepted")
    with translation.override("en"):
        subject = "Reminder: the report “%(title)s”"
    assert mail.outbox[0].subject == vi(subject) % {"title": requirement.title}


def test_outsiders_and_the_viewer_cannot_chase(world, requirement):
    url = reverse("reporting:chase", args=[requirement.pk, world.district.pk])
    for persona, status in (
        ("other_district_officer", 404),
        ("ward_officer", 404),
        ("district_viewer", 403),
    ):
        assert _client(world.users[persona]).post(url).status_code == status
    assert _client(world.users["district_secretariat"]).get(url).status_code == 405
    assert not mail.outbox and not Chase.objects.exists() and not Notification.objects.exists()


# Compilation, issuing, DOCX -------------------------------------------------------------------


def _compile(world, requirement) -> Report:
    _accepted(
        world,
        requirement,
        world.ward,
        BL_PHAT_HIEN={"total": 3},
        TT_NGUOI={"total": 10, "women": 6, "men": 4},
    )
    _accepted(
        world,
        requirement,
        world.other_ward,
        BL_PHAT_HIEN={"total": 2},
        TT_NGUOI={"total": 5, "women": 5, "men": 0},
    )
    pending = services.open_report(requirement, world.justice)
    services.save_report(
        pending,
        None,
        pending.version,
        {},
        {f.pk: {"total": 100} for f in requirement.figures.all()},
    )
    pending.submit(None)  # submitted, not accepted: not counted
    # The agencies have not reported: compiling without them is confirmed.
    response = _client(world.users["district_secretariat"]).post(
        reverse("reporting:compile", args=[requirement.pk, world.district.pk]),
        {"confirm_incomplete": "on"},
    )
    compiled = Report.objects.get(requirement=requirement, unit=world.district)
    assert response.url == reverse("reporting:report", args=[compiled.pk])
    return compiled


def test_the_district_compiles_the_sum_of_its_accepted_ward_reports(world, requirement):
    compiled = _compile(world, requirement)
    values = {
        v.figure.code: (v.total, v.women, v.men) for v in compiled.values.select_related("figure")
    }
    accepted = FigureValue.objects.filter(
        report__status="accepted", report__unit__parent=world.district
    )
    for code in ("BL_PHAT_HIEN", "TT_NGUOI"):
        rows = accepted.filter(figure__code=code)
        assert values[code][0] == sum(v.total for v in rows)
    assert values["TT_NGUOI"] == (15, 11, 4)
    client = _client(world.users["district_secretariat"])
    page = client.get(reverse("reporting:report", args=[compiled.pk]))
    assert page.context["form"] is not None and page.context["issue_form"] is not None
    assert "Phường Bồ Đề: Kết quả của Phường Bồ Đề." in page.context["form"]["results"].value()
    figure = requirement.figures.get(code="BL_PHAT_HIEN")
    assert reverse("reporting:figure", args=[compiled.pk, figure.pk]) in page.content.decode()
    drill = client.get(reverse("reporting:figure", args=[compiled.pk, figure.pk])).context["rows"]
    assert sorted((str(reporter), value.total) for reporter, value in drill) == [
        ("Phường Bồ Đề", 3),
        ("Phường Ngọc Lâm", 2),
    ]


def _issue(world, compiled):
    return _client(world.users["district_secretariat"]).post(
        reverse("reporting:issue", args=[compiled.pk]),
        {
            "signer_lines": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
            "signer_name": "Nguyễn Văn Ký",
            "confirm": "1",
            "confirm_incomplete": "on",
        },
        follow=True,
    )


def test_issuing_numbers_the_districts_own_synthesis_and_makes_it_final(world, requirement):
    # The district set this requirement: its compiled report answers nobody above in VSTB.
    compiled = _compile(world, requirement)
    response = _issue(world, compiled)
    assert response.status_code == 200
    compiled.refresh_from_db()
    today = timezone.localdate()
    assert (compiled.number, compiled.issued_on) == (1, today)
    assert compiled.status == ReportStatus.ACCEPTED and not compiled.is_editable
    assert compiled.events.order_by("-pk").first().action == "issued"
    register = NumberRegister.objects.get(unit=world.district, issuer_body="ubnd", year=today.year)
    assert register.last_number == 1
    assert compiled.signer_lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    # Not left waiting at the city, which never asked for it and could not review it.
    assert not Report.objects.filter(receiver=world.province, status="submitted").exists()
    text = " ".join(str(m) for m in response.context["messages"])
    assert "Đã ban hành báo cáo số 01. Hãy tải tệp DOCX" in text


def test_a_district_answering_the_citys_requirement_sends_its_report_up(world):
    city = Requirement(
        unit=world.province,
        title="Báo cáo sơ kết 6 tháng đầu năm 2025 của thành phố",
        kind="six_month",
        period_rule="six_month",
        year=2025,
        reporters="units",
        due_dates={"2": "2025-06-01", "3": "2025-05-25"},
    )
    city.full_clean()
    city.save()
    services.add_default_figures(city)
    compiled = _compile(world, city)  # the wards report to the district, which compiles
    _issue(world, compiled)
    compiled.refresh_from_db()
    assert compiled.status == ReportStatus.SUBMITTED and compiled.receiver == world.province
    # The city reviews it from its table of who has reported.
    city_user = _client(world.users["admin"])
    table = city_user.get(reverse("reporting:completeness", args=[city.pk, world.province.pk]))
    assert table.status_code == 200 and compiled.unit.name in table.content.decode()


def test_an_issued_report_cannot_be_issued_again(world, requirement):
    compiled = _compile(world, requirement)
    client = _client(world.users["district_secretariat"])
    data = {
        "signer_lines": "CHỦ TỊCH",
        "signer_name": "Nguyễn Văn Ký",
        "confirm": "1",
        "confirm_incomplete": "1",
    }
    client.post(reverse("reporting:issue", args=[compiled.pk]), data)
    assert client.post(reverse("reporting:issue", args=[compiled.pk]), data).status_code == 403
    compiled.refresh_from_db()
    assert compiled.number == 1


def _cells(document) -> str:
    """The header and closing tables' text, with the renderer's line breaks as spaces."""
    text = "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    return " ".join(text.split())


def test_the_docx_holds_the_figures_and_the_decree_30_parts(world, requirement):
    compiled = _compile(world, requirement)
    client = _client(world.users["district_secretariat"])
    client.post(
        reverse("reporting:issue", args=[compiled.pk]),
        {
            "signer_lines": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
            "signer_name": "Nguyễn Văn Ký",
            "confirm": "1",
            "confirm_incomplete": "on",
        },
    )
    compiled.refresh_from_db()
    assert validate(report_document(compiled)) == []
    response = client.get(reverse("reporting:docx", args=[compiled.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = _cells(document)
    assert "BÁO CÁO" in text and requirement.title in text
    assert "- Số lượt người tham dự truyền thông: 15 (nữ: 11, nam: 4)" in text
    assert "- Số người bị bạo lực gia đình, bạo lực trên cơ sở giới được phát hiện: 5" in text
    for heading in (
        "I. KẾT QUẢ THỰC HIỆN",
        "II. SỐ LIỆU",
        "III. KHÓ KHĂN, VƯỚNG MẮC",
        "IV. KIẾN NGHỊ, ĐỀ XUẤT",
        "V. PHƯƠNG HƯỚNG",
    ):
        assert heading in text
    assert "Kính gửi: Ủy ban nhân dân thành phố Hà Nội" in text
    assert "Số: 01/BC-UBND" in cells and "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN" in cells
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI" in cells and "Nguyễn Văn Ký" in cells
    assert "- Lưu: VT." in cells


def test_a_wards_draft_downloads_with_blank_number_and_its_issuer(world, requirement):
    report = services.open_report(requirement, world.ward)
    response = _client(world.users["ward_officer"]).get(reverse("reporting:docx", args=[report.pk]))
    document = Document(io.BytesIO(response.content))
    cells = _cells(document)
    assert "ỦY BAN NHÂN DÂN PHƯỜNG BỒ ĐỀ" in cells and "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN" in cells
    assert "du-thao" in response["Content-Disposition"]


def test_figures_go_out_to_excel_and_come_back_from_it(world, login):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import load_workbook

    from vstb.reporting import services as reporting_services
    from vstb.reporting.models import FigureValue, Requirement

    requirement = Requirement(
        unit=world.district,
        title="Báo cáo năm 2025",
        kind="annual",
        period_rule="annual",
        year=2025,
        reporters="units",
        due_dates={"3": "2025-11-25"},
    )
    requirement.full_clean()
    requirement.save()
    reporting_services.add_default_figures(requirement)
    report = reporting_services.open_report(requirement, world.ward)
    client = login(world.users["ward_officer"])
    download = client.get(reverse("reporting:xlsx", args=[report.pk]))
    assert download.status_code == 200
    workbook = load_workbook(BytesIO(download.content))
    sheet = workbook.worksheets[0]
    rows = [r for r in range(5, sheet.max_row + 1) if sheet.cell(r, 1).value]
    for r in rows:  # every required total filled in, as the reporter would
        if sheet.cell(r, 3).value is None:
            sheet.cell(r, 3).value = 1
    row = rows[0]
    sheet.cell(row, 3).value = 42
    buffer = BytesIO()
    workbook.save(buffer)
    response = client.post(
        reverse("reporting:xlsx_import", args=[report.pk]),
        {"file": SimpleUploadedFile("so-lieu.xlsx", buffer.getvalue())},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        vi("The figures have been read from the workbook and saved.")
    ]
    code = sheet.cell(row, 1).value
    assert FigureValue.objects.get(report=report, figure__code=code).total == 42
