"""Every URL, every persona: the expected outcome comes from one table.

A view added without a row here fails `test_every_url_pattern_is_in_the_table`; a view with
no declared access rule fails `test_every_view_declares_an_access_rule`.
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from vstb.accounts.middleware import AccessRuleMiddleware
from vstb.activities.models import CalendarToken
from vstb.conftest import PERSONAS, build_world
from vstb.indicators.models import LeadershipPosition, PublicPage, PublishedDocument
from vstb.notifications.models import Notification
from vstb.reporting import services as reporting
from vstb.reporting.models import Figure, Requirement

OK, LOGIN, FORBIDDEN, NOT_FOUND, DONE = 200, 302, 403, 404, 302

# Columns in the order of PERSONAS:
# anonymous, admin, district_secretariat, district_viewer, focal_point,
# ward_officer, other_ward_officer, other_district_officer, other_province_secretariat
SIGNED_IN_ONLY = (LOGIN, OK, OK, OK, OK, OK, OK, OK, OK)
PUBLIC = (OK,) * 9
DISTRICT_READ = (LOGIN, OK, OK, OK, OK, OK, OK, NOT_FOUND, NOT_FOUND)
DISTRICT_WRITE = (LOGIN, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND)
WARD_READ = (LOGIN, OK, OK, OK, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND)
WARD_WRITE = (LOGIN, OK, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND)
# fmt: off
DISTRICT_POST = (LOGIN, DONE, DONE, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND)
# Drafts are seen only inside the unit's scope: the wards do not see the district's drafts.
DRAFT_READ = (LOGIN, OK, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
DRAFT_WRITE = (LOGIN, OK, OK, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
DRAFT_POST = (LOGIN, DONE, DONE, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
# An issued plan is read by the wards below it and changed by nobody.
ISSUED_WRITE = (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND)
# Cascading is done by a unit below the plan's unit.
CASCADE = (LOGIN, DONE, FORBIDDEN, FORBIDDEN, FORBIDDEN, DONE, DONE, NOT_FOUND, NOT_FOUND)
# Activities: read in the unit's scope; recorded by its managers and its agencies' focal points.
ACTIVITY_READ = DRAFT_READ
ACTIVITY_RECORD = (LOGIN, OK, OK, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND)
ACTIVITY_WRITE = (LOGIN, OK, OK, FORBIDDEN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
ACTIVITY_POST = (LOGIN, DONE, DONE, FORBIDDEN, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
# A spreadsheet import POSTed without a file: those who may record see the form again with
# its error (200); the unit decides, so the wards are refused (403), not kept in the dark.
ACTIVITY_IMPORT_POST = (LOGIN, OK, OK, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND)
# A notification is opened only by the user it was sent to (the ward officer); it does not
# exist for anyone else, administrators included.
OWN_NOTIFICATION = (LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND)
# A ward's report: read by the ward and by those who read the district's whole subtree
# (not by an agency's focal point, who sees its own agency's reports), written by the ward
# only; the district reviews it.
WARD_REPORT_READ = (LOGIN, OK, OK, OK, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND)
WARD_REPORT_WRITE = (LOGIN, DONE, FORBIDDEN, FORBIDDEN, NOT_FOUND, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND)
# Opening the ward's report starts from the ward, which the district's focal points do not read.
WARD_REPORT_OPEN = (LOGIN, DONE, FORBIDDEN, FORBIDDEN, NOT_FOUND, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND)
WARD_REPORT_REVIEW = (LOGIN, DONE, DONE, FORBIDDEN, NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND)
# The district's table of who has reported (and its compiled report) is the district's own:
# the wards below do not follow it.
RECEIVER_READ = DRAFT_READ
RECEIVER_POST = DRAFT_POST
# fmt: on


def _requirement(w) -> Requirement:
    """The district's 6-month requirement of 2025, with one hand-entered figure."""
    if not hasattr(w, "requirement"):
        w.requirement = Requirement(
            unit=w.district,
            title="Báo cáo sơ kết 6 tháng đầu năm 2025",
            kind="six_month",
            period_rule="six_month",
            year=2025,
            due_dates={"3": "2025-05-25", "agency": "2025-05-25"},
        )
        w.requirement.full_clean()
        w.requirement.save()
        w.figure = Figure.objects.create(requirement=w.requirement, code="BL", label="Số vụ")
    return w.requirement


def _ward_report(w, submitted=False):
    report = reporting.open_report(_requirement(w), w.ward)
    if submitted:
        reporting.save_report(report, None, report.version, {}, {w.figure.pk: {"total": 1}})
        report.submit(None)
    return report


def _with_deadline(w) -> dict:
    w.district_plan.deadlines = [{"what": "Báo cáo sơ kết 6 tháng", "date": "2025-06-10"}]
    w.district_plan.save(update_fields=["deadlines"])
    return {"plan_pk": w.district_plan.pk, "index": 0}


# (url name, a function of the world giving the URL kwargs, method, outcomes by persona,
# optionally the POST data).
TABLE = [
    ("home", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("accounts:login", lambda w: {}, "get", (OK, *(DONE,) * 8)),
    ("accounts:logout", lambda w: {}, "post", (DONE,) * 9),
    ("accounts:password_change", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("accounts:password_change_done", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("accounts:password_reset", lambda w: {}, "get", PUBLIC),
    ("accounts:password_reset_done", lambda w: {}, "get", PUBLIC),
    (
        "accounts:password_reset_confirm",
        lambda w: {"uidb64": "MQ", "token": "bad-token"},
        "get",
        PUBLIC,
    ),
    ("accounts:password_reset_complete", lambda w: {}, "get", PUBLIC),
    ("set_language", lambda w: {}, "post", (DONE,) * 9),
    ("org:unit_list", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("org:unit_detail", lambda w: {"pk": w.district.pk}, "get", DISTRICT_READ),
    ("org:unit_detail", lambda w: {"pk": w.ward.pk}, "get", WARD_READ),
    (
        "org:unit_detail",
        lambda w: {"pk": w.other_province.pk},
        "get",
        (LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK),
    ),
    ("org:unit_children", lambda w: {"pk": w.district.pk}, "get", DISTRICT_READ),
    ("org:committee_edit", lambda w: {"pk": w.district.pk}, "get", DISTRICT_WRITE),
    ("org:committee_edit", lambda w: {"pk": w.ward.pk}, "get", WARD_WRITE),
    ("org:membership_add", lambda w: {"pk": w.district.pk}, "get", DISTRICT_WRITE),
    ("org:membership_add", lambda w: {"pk": w.ward.pk}, "get", WARD_WRITE),
    ("org:committee_reconstitute", lambda w: {"pk": w.district.pk}, "get", DISTRICT_WRITE),
    ("org:membership_edit", lambda w: {"pk": w.member.pk}, "get", DISTRICT_WRITE),
    ("org:membership_edit", lambda w: {"pk": w.ward_member.pk}, "get", WARD_WRITE),
    ("org:membership_end", lambda w: {"pk": w.member.pk}, "post", DISTRICT_POST),
    ("plans:list", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("plans:my_tasks", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("plans:create", lambda w: {"unit_pk": w.district.pk}, "get", DISTRICT_WRITE),
    ("plans:detail", lambda w: {"pk": w.district_plan.pk}, "get", DISTRICT_READ),
    ("plans:detail", lambda w: {"pk": w.district_draft.pk}, "get", DRAFT_READ),
    (
        "plans:detail",
        lambda w: {"pk": w.other_district_draft.pk},
        "get",
        (LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND),
    ),
    ("plans:edit", lambda w: {"pk": w.district_draft.pk}, "get", DRAFT_WRITE),
    ("plans:edit", lambda w: {"pk": w.district_plan.pk}, "get", ISSUED_WRITE),
    (
        "plans:section_add",
        lambda w: {"pk": w.district_draft.pk},
        "post",
        DRAFT_POST,
        {"label": "II", "title": "KINH PHÍ", "kind": "funding"},
    ),
    ("plans:section_edit", lambda w: {"pk": w.draft_section.pk}, "get", DRAFT_WRITE),
    (
        "plans:section_move",
        lambda w: {"pk": w.draft_section.pk},
        "post",
        DRAFT_POST,
        {"direction": "down"},
    ),
    ("plans:section_delete", lambda w: {"pk": w.draft_section.pk}, "post", DRAFT_POST),
    ("plans:task_edit", lambda w: {"pk": w.draft_section.pk}, "get", DRAFT_WRITE),
    ("plans:issue", lambda w: {"pk": w.district_draft.pk}, "post", DRAFT_POST),
    ("plans:issue", lambda w: {"pk": w.district_plan.pk}, "post", ISSUED_WRITE),
    ("plans:docx", lambda w: {"pk": w.district_plan.pk}, "get", DISTRICT_READ),
    ("plans:pdf", lambda w: {"pk": w.district_plan.pk}, "get", DISTRICT_READ),
    ("plans:coverage", lambda w: {"pk": w.district_plan.pk}, "get", DISTRICT_READ),
    ("plans:task_detail", lambda w: {"pk": w.justice_task.pk}, "get", DISTRICT_READ),
    ("plans:cascade", lambda w: {"pk": w.district_plan.pk}, "post", CASCADE),
    ("plans:import_upload", lambda w: {"unit_pk": w.district.pk}, "get", DISTRICT_WRITE),
    ("plans:import_review", lambda w: {"pk": w.plan_import.pk}, "get", DISTRICT_WRITE),
    ("plans:import_read", lambda w: {"pk": w.plan_import.pk}, "post", DISTRICT_POST),
    ("plans:source", lambda w: {"pk": w.district_plan.pk}, "get", DISTRICT_READ),
    ("plans:source", lambda w: {"pk": w.district_draft.pk}, "get", DRAFT_READ),
    ("plans:record_issued", lambda w: {"pk": w.district_draft.pk}, "post", DRAFT_POST),
    ("activities:list", lambda w: {"unit_pk": w.district.pk}, "get", ACTIVITY_READ),
    ("activities:create", lambda w: {"unit_pk": w.district.pk}, "get", ACTIVITY_RECORD),
    ("activities:detail", lambda w: {"pk": w.activity.pk}, "get", ACTIVITY_READ),
    ("activities:edit", lambda w: {"pk": w.activity.pk}, "get", ACTIVITY_WRITE),
    ("activities:evidence_upload", lambda w: {"pk": w.activity.pk}, "post", ACTIVITY_POST),
    ("activities:evidence_download", lambda w: {"pk": w.evidence.pk}, "get", ACTIVITY_READ),
    ("activities:evidence_delete", lambda w: {"pk": w.evidence.pk}, "post", ACTIVITY_POST),
    # The calendar: everyone signed in has one. The feed's secret address is its own
    # credential: a working one opens for anyone, an unknown one is 404 for everyone.
    ("activities:calendar", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("activities:calendar_agenda", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("activities:calendar_token", lambda w: {}, "get", SIGNED_IN_ONLY),
    (
        "activities:calendar_token",
        lambda w: {},
        "post",
        (LOGIN, *(DONE,) * 8),
        {"action": "revoke"},
    ),
    (
        "activities:calendar_feed",
        lambda w: {"token": CalendarToken.issue(w.users["district_secretariat"])[1]},
        "get",
        PUBLIC,
    ),
    ("activities:calendar_feed", lambda w: {"token": "unknown-secret"}, "get", (NOT_FOUND,) * 9),
    # Spreadsheets: export and template for readers; import for those who record.
    ("activities:export", lambda w: {"unit_pk": w.district.pk}, "get", ACTIVITY_READ),
    ("activities:import_template", lambda w: {"unit_pk": w.district.pk}, "get", ACTIVITY_READ),
    ("activities:import", lambda w: {"unit_pk": w.district.pk}, "get", ACTIVITY_RECORD),
    ("activities:import", lambda w: {"unit_pk": w.district.pk}, "post", ACTIVITY_IMPORT_POST),
    # Notifications: everyone signed in has a list and preferences; a unit's reminder days
    # are changed by those who manage the unit.
    ("notifications:list", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("notifications:list", lambda w: {}, "post", (LOGIN, *(DONE,) * 8)),
    (
        "notifications:open",
        lambda w: {
            "pk": Notification.objects.create(
                user=w.users["ward_officer"], kind="task_due", title="Việc", url="/plans/"
            ).pk
        },
        "get",
        OWN_NOTIFICATION,
    ),
    ("notifications:preferences", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("notifications:unit_settings", lambda w: {"pk": w.district.pk}, "get", DISTRICT_WRITE),
    ("notifications:unit_settings", lambda w: {"pk": w.ward.pk}, "get", WARD_WRITE),
    # Reporting: requirements are the district's to set; reports the reporters' to write and
    # the receiving unit's to review, follow, chase and compile.
    ("reporting:list", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("reporting:my_reports", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("reporting:received", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("reporting:create", lambda w: {"unit_pk": w.district.pk}, "get", DISTRICT_WRITE),
    ("reporting:from_deadline", _with_deadline, "post", DISTRICT_POST),
    ("reporting:requirement", lambda w: {"pk": _requirement(w).pk}, "get", DISTRICT_READ),
    ("reporting:edit", lambda w: {"pk": _requirement(w).pk}, "get", DISTRICT_WRITE),
    ("reporting:figures", lambda w: {"pk": _requirement(w).pk}, "get", DISTRICT_WRITE),
    (
        "reporting:open",
        lambda w: {"pk": _requirement(w).pk, "kind": "unit", "reporter_pk": w.ward.pk},
        "post",
        WARD_REPORT_OPEN,
    ),
    (
        "reporting:completeness",
        lambda w: {"pk": _requirement(w).pk, "unit_pk": w.district.pk},
        "get",
        RECEIVER_READ,
    ),
    (
        "reporting:chase",
        lambda w: {"pk": _requirement(w).pk, "unit_pk": w.district.pk},
        "post",
        RECEIVER_POST,
        {"confirm": "1"},
    ),
    # Without confirm=1, chasing first shows who would be reminded: to the same people only.
    (
        "reporting:chase",
        lambda w: {"pk": _requirement(w).pk, "unit_pk": w.district.pk},
        "post",
        DRAFT_WRITE,
    ),
    (
        "reporting:compile",
        lambda w: {"pk": _requirement(w).pk, "unit_pk": w.district.pk},
        "post",
        RECEIVER_POST,
    ),
    ("reporting:report", lambda w: {"pk": _ward_report(w).pk}, "get", WARD_REPORT_READ),
    (
        "reporting:report",
        lambda w: {"pk": _ward_report(w).pk},
        "post",
        WARD_REPORT_WRITE,
        {"version": 1},
    ),
    (
        "reporting:submit",
        lambda w: {"pk": _ward_report(w).pk},
        "post",
        WARD_REPORT_WRITE,
        {"version": 1, "confirm": "1"},
    ),
    (
        "reporting:return",
        lambda w: {"pk": _ward_report(w, submitted=True).pk},
        "post",
        WARD_REPORT_REVIEW,
        {"comment": "Bổ sung số liệu."},
    ),
    (
        "reporting:accept",
        lambda w: {"pk": _ward_report(w, submitted=True).pk},
        "post",
        WARD_REPORT_REVIEW,
    ),
    ("reporting:xlsx", lambda w: {"pk": _ward_report(w).pk}, "get", WARD_REPORT_READ),
    ("reporting:xlsx_import", lambda w: {"pk": _ward_report(w).pk}, "post", WARD_REPORT_WRITE),
    ("reporting:docx", lambda w: {"pk": _ward_report(w).pk}, "get", WARD_REPORT_READ),
    ("reporting:pdf", lambda w: {"pk": _ward_report(w).pk}, "get", WARD_REPORT_READ),
    (
        "reporting:issue",
        lambda w: {
            "pk": reporting.compile_report(_requirement(w), w.district, confirm_incomplete=True).pk
        },
        "post",
        RECEIVER_POST,
        {"signer_lines": "CHỦ TỊCH", "signer_name": "Nguyễn Văn Ký", "confirm": "1"},
    ),
    (
        "reporting:figure",
        lambda w: {
            "pk": reporting.compile_report(_requirement(w), w.district, confirm_incomplete=True).pk,
            "figure_pk": w.figure.pk,
        },
        "get",
        RECEIVER_READ,
    ),
    # Indicators: a unit's figures are seen within the scope only (a ward does not see its
    # district's totals, which hold the other wards' figures) and entered by its managers.
    ("indicators:catalogue", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("indicators:progress", lambda w: {"unit_pk": w.district.pk}, "get", DRAFT_READ),
    ("indicators:progress", lambda w: {"unit_pk": w.ward.pk}, "get", WARD_READ),
    ("indicators:entry", lambda w: {"unit_pk": w.district.pk, "year": 2025}, "get", DRAFT_WRITE),
    ("indicators:entry", lambda w: {"unit_pk": w.ward.pk, "year": 2025}, "get", WARD_WRITE),
    ("indicators:template", lambda w: {"unit_pk": w.ward.pk, "year": 2025}, "get", WARD_WRITE),
    ("indicators:import", lambda w: {"unit_pk": w.district.pk}, "get", DRAFT_WRITE),
    # POSTed without a file: managers see the form again with its error.
    ("indicators:import", lambda w: {"unit_pk": w.district.pk}, "post", DRAFT_WRITE),
    ("indicators:target_add", lambda w: {"unit_pk": w.district.pk}, "get", DRAFT_WRITE),
    ("indicators:leadership", lambda w: {"unit_pk": w.district.pk}, "get", DRAFT_READ),
    ("indicators:dashboard", lambda w: {"unit_pk": w.district.pk}, "get", DRAFT_READ),
    ("indicators:dashboard", lambda w: {"unit_pk": w.ward.pk}, "get", WARD_READ),
    ("indicators:ranking_xlsx", lambda w: {"unit_pk": w.district.pk}, "get", DRAFT_READ),
    ("indicators:matrix_xlsx", lambda w: {"unit_pk": w.district.pk}, "get", DRAFT_READ),
    ("indicators:public_settings", lambda w: {"unit_pk": w.district.pk}, "get", DRAFT_WRITE),
    # Off by default: nobody sees it; once published, everyone does, signed in or not.
    ("public_indicators", lambda w: {"key": w.district.code}, "get", (NOT_FOUND,) * 9),
    (
        "public_indicators",
        lambda w: {"key": PublicPage.objects.create(unit=w.district, enabled=True).unit.code},
        "get",
        PUBLIC,
    ),
    # The index of public pages and a published document: anyone; an unpublished one: nobody.
    ("public_index", lambda w: {}, "get", PUBLIC),
    (
        "public_document",
        lambda w: {
            "pk": PublishedDocument.objects.create(
                unit=w.district, plan=w.district_plan, published_at=timezone.now()
            ).pk
        },
        "get",
        PUBLIC,
    ),
    ("public_document", lambda w: {"pk": 987654}, "get", (NOT_FOUND,) * 9),
    # Publishing is decided by the document's unit's managers; those who read it are refused.
    ("indicators:publish_plan", lambda w: {"pk": w.district_plan.pk}, "post", DISTRICT_POST),
    (
        "indicators:publish_report",
        lambda w: {
            "pk": reporting.compile_report(_requirement(w), w.district, confirm_incomplete=True).pk
        },
        "post",
        RECEIVER_POST,
    ),
    ("indicators:position_add", lambda w: {"unit_pk": w.district.pk}, "get", DRAFT_WRITE),
    (
        "indicators:leadership_record",
        lambda w: {"unit_pk": w.district.pk},
        "post",
        DRAFT_POST,
        {"year": "2025"},
    ),
    (
        "indicators:position_edit",
        lambda w: {
            "pk": LeadershipPosition.objects.create(
                unit=w.district,
                agency=w.labour,
                title="Trưởng phòng",
                rank="head",
                holder_sex="nu",
                start=date(2024, 1, 1),
            ).pk
        },
        "get",
        DRAFT_WRITE,
    ),
]

CASES = [
    pytest.param(name, kwargs, method, outcomes, data[0] if data else {}, id=f"{name}-{index}")
    for index, (name, kwargs, method, outcomes, *data) in enumerate(TABLE)
]


def _patterns(resolvers, prefix=""):
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue  # Django's admin guards itself (staff and model permissions)
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _patterns(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern):
            yield f"{prefix}{entry.name}", entry


@pytest.mark.parametrize(("name", "kwargs", "method", "outcomes", "data"), CASES)
def test_url_outcome_for_every_persona(db, monkeypatch, name, kwargs, method, outcomes, data):
    """One world per URL; each persona's request runs in a savepoint rolled back after it, so
    what one persona's POST changes is not seen by the next."""
    # Access is under test here, not LibreOffice (vstb/documents/tests convert for real).
    monkeypatch.setattr("vstb.plans.views.pdf_once", lambda docx: b"%PDF-1.7 access test")
    monkeypatch.setattr("vstb.reporting.views.pdf_once", lambda docx: b"%PDF-1.7 access test")
    world = build_world()
    url = reverse(name, kwargs=kwargs(world))  # creates what the URL points at, once
    wrong = []
    for persona, expected in zip(PERSONAS, outcomes, strict=True):
        with transaction.atomic():
            client = Client()
            user = world.users[persona]
            if user is not None:
                client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            response = client.post(url, data) if method == "post" else client.get(url)
            if response.status_code != expected:
                wrong.append(f"{persona} {method.upper()} {url}: {response.status_code}")
            elif (
                expected == LOGIN
                and persona == "anonymous"
                and name not in ("accounts:logout", "set_language")
                and not response.url.startswith(reverse("accounts:login"))
            ):
                wrong.append(f"{persona} {method.upper()} {url}: sent to {response.url}")
            transaction.set_rollback(True)
    assert not wrong, (
        "expected "
        + ", ".join(f"{p}={e}" for p, e in zip(PERSONAS, outcomes, strict=True))
        + "; got "
        + "; ".join(wrong)
    )


def test_every_url_pattern_is_in_the_table():
    listed = {name for name, *_ in TABLE}
    missing = {name for name, _ in _patterns(get_resolver().url_patterns)} - listed
    assert not missing, f"add these views to the access table: {sorted(missing)}"


def test_every_view_declares_an_access_rule():
    undeclared = [
        name
        for name, pattern in _patterns(get_resolver().url_patterns)
        if getattr(pattern.callback, "access_rule", None) is None
    ]
    assert not undeclared, f"views without an access rule: {undeclared}"


def test_a_view_without_a_rule_is_refused(rf):
    def undeclared_view(request):
        return HttpResponse("secret")

    request = rf.get("/anything/")
    request.resolver_match = None
    middleware = AccessRuleMiddleware(lambda r: HttpResponse())
    with pytest.raises(PermissionDenied):
        middleware.process_view(request, undeclared_view, (), {})
