"""Every URL, every persona: the expected outcome comes from one table.

A view added without a row here fails `test_every_url_pattern_is_in_the_table`; a view with
no declared access rule fails `test_every_view_declares_an_access_rule`; a person added to the
world without a column or a rule fails `test_every_person_of_the_world_is_a_persona_of_the_walk`.

Seventeen personas: the nine columns of each row, and eight more (MORE_PERSONAS: the city's
and the nation's secretariats, a viewer and a focal point at the ward, an ended role, staff
without a role, a deactivated person, a person with roles in two provinces) whose outcomes
follow from the columns by stated rules unless a row names them. Besides the status, every
page read is searched for the names and links of things outside the reader's scope, every
refused POST must leave every table as it was, and every page refused to a persona on GET is
also refused on POST.
"""

import hashlib
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from vstb.accounts.middleware import AccessRuleMiddleware
from vstb.accounts.models import ApiToken, Role, RoleKind
from vstb.activities.models import Activity, CalendarToken
from vstb.cases.models import Case, CaseExport, FollowUp, Provider, Referral
from vstb.conftest import PERSONAS, build_world, make_user, sign_in
from vstb.indicators.models import LeadershipPosition, PublicPage, PublishedDocument
from vstb.notifications.models import Notification, Webhook, WebhookDelivery
from vstb.org.models import Membership, Position, Sex, Succession, Unit
from vstb.plans import services as plans
from vstb.plans.models import Plan
from vstb.reporting import services as reporting
from vstb.reporting.models import Figure, Requirement

OK, LOGIN, FORBIDDEN, NOT_FOUND, DONE = 200, 302, 403, 404, 302
NOT_ALLOWED = 405
ALLOWED = (OK, DONE)
REFUSED = (LOGIN, FORBIDDEN, NOT_FOUND)


class Outcomes(tuple):
    """Outcomes for the nine PERSONAS, plus any persona of MORE_PERSONAS named explicitly
    where its rule does not give the answer."""

    more: dict[str, int]

    def __new__(cls, nine, **more):
        outcomes = super().__new__(cls, nine)
        outcomes.more = more
        return outcomes


def also(nine, **more) -> Outcomes:
    return Outcomes(nine, **more)


def _most_permitted(*outcomes: int) -> int:
    """What a person holding several roles gets: the most any of them gets (a signed-in
    person's 302 is DONE, never LOGIN)."""
    order = [NOT_FOUND, FORBIDDEN, NOT_ALLOWED, OK, DONE]
    return max(outcomes, key=order.index)


def _viewer_at_ward(o: dict) -> int:
    """A leader at the ward reads what the ward's officer reads and changes nothing: where
    the officer may change and the district's viewer may not, the viewer is refused as the
    district's viewer is."""
    if o["ward_officer"] in ALLOWED and o["district_viewer"] not in ALLOWED:
        return o["district_viewer"]
    return o["ward_officer"]


# The personas beyond the nine columns, each with the rule that gives its outcome from them
# (decision 0003: who reads and changes what). A row names a persona (`also(...)`) only
# where the rule does not hold for it.
MORE_PERSONAS = {
    # The city's secretariat reads the district and its wards and changes only the city's
    # own things: what the district's viewer gets.
    "province_secretariat": lambda o: o["district_viewer"],
    # The nation's secretariat likewise reads the whole country and changes only the nation's.
    "national_secretariat": lambda o: o["district_viewer"],
    "ward_viewer": _viewer_at_ward,
    # A focal point of the ward's People's Committee: reads its own ward and above like the
    # ward's viewer; records what its agency is assigned (rows say so).
    "ward_focal_point": _viewer_at_ward,
    # A secretariat role that ended: the person is signed in and holds nothing, like the
    # other province's secretariat, who holds nothing in this part of the tree.
    "expired_role": lambda o: o["other_province_secretariat"],
    # Staff status opens Django's admin (model permissions still apply there), nothing else.
    "staff_only": lambda o: o["other_province_secretariat"],
    # A deactivated person's session does not authenticate: anonymous.
    "inactive": lambda o: o["anonymous"],
    # A ward officer who is also the other province's secretariat gets what either role gets.
    "two_provinces": lambda o: _most_permitted(o["ward_officer"], o["other_province_secretariat"]),
}
ALL_PERSONAS = [*PERSONAS, *MORE_PERSONAS]


def expected_outcomes(outcomes) -> dict[str, int]:
    nine = dict(zip(PERSONAS, outcomes, strict=True))
    more = getattr(outcomes, "more", {})
    unknown = set(more) - set(MORE_PERSONAS)
    assert not unknown, f"no such persona: {unknown}"
    return nine | {
        persona: more.get(persona, rule(nine)) for persona, rule in MORE_PERSONAS.items()
    }


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
# People: the accounts of a unit and below are managed by its secretariat (and those above),
# and by administrators; a district's secretariat does not see the other district's people.
PEOPLE = also(
    (LOGIN, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK),
    province_secretariat=OK, national_secretariat=OK, two_provinces=OK,
    expired_role=FORBIDDEN, staff_only=FORBIDDEN,  # no secretariat role in force
)
PERSON = also(
    (LOGIN, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    province_secretariat=OK, national_secretariat=OK,
)
PERSON_POST = also(
    (LOGIN, DONE, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    province_secretariat=DONE, national_secretariat=DONE,
)
# A document being imported is the working paper of the unit's managers: nobody else learns
# that it exists.
IMPORT_RECORD = (LOGIN, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
IMPORT_RECORD_POST = (LOGIN, DONE, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
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
OWN_NOTIFICATION = also(
    (LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    two_provinces=NOT_FOUND,  # another person who also is a ward officer
)
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


def _public_page(unit, snapshot=None) -> PublicPage:
    """The unit's public page, asked for (and published when a snapshot is given)."""
    return PublicPage.objects.update_or_create(
        unit=unit, defaults={"enabled": True, "snapshot": snapshot}
    )[0]


def _ward_officer_token(w) -> dict:
    token, _secret = ApiToken.issue(
        w.users["ward_officer"], "Thống kê", timezone.now() + timedelta(days=30), read_only=True
    )
    return {"pk": token.pk}


def _webhook(w) -> Webhook:
    """A webhook of the district, called when it issues a plan."""
    return Webhook.objects.create(
        unit=w.district, url="https://he-thong.example.vn/vstb", events=["plan.issued"]
    )


def _with_deadline(w) -> dict:
    w.district_plan.deadlines = [{"what": "Báo cáo sơ kết 6 tháng", "date": "2025-06-10"}]
    w.district_plan.save(update_fields=["deadlines"])
    return {"plan_pk": w.district_plan.pk, "index": 0}


def _merged_ward(w) -> dict:
    """A ward of the district that ceased on 01/07/2025, merged into Bồ Đề, with its officer's
    role still in force: what the reform assistant moves."""
    if not hasattr(w, "merged_ward"):
        w.merged_ward = Unit.objects.create(
            code="00136", name="Phường Gia Thụy", kind="phuong", parent=w.district,
            valid_to=date(2025, 7, 1),
        )  # fmt: skip
        Succession.objects.create(
            predecessor=w.merged_ward, successor=w.ward, kind="merge", date=date(2025, 7, 1)
        )
        make_user("gia_thuy_officer", RoleKind.UNIT_OFFICER, w.merged_ward)
    return {"pk": w.merged_ward.pk}


# Moving a ceased unit's open work: by a secretariat over it and its successor (the
# district's, the city's, the nation's) or an administrator; the district's readers are refused.
HAND_OVER = also(
    (LOGIN, OK, OK, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    province_secretariat=OK,
    national_secretariat=OK,
)
HAND_OVER_POST = also(
    (LOGIN, DONE, DONE, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    province_secretariat=DONE,
    national_secretariat=DONE,
)


# (url name, a function of the world giving the URL kwargs, method, outcomes by persona,
# optionally the POST data). The outcomes name the nine PERSONAS; the personas of
# MORE_PERSONAS follow from them by the rules there, unless a row names them (`also`).
TABLE = [
    ("home", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("health", lambda w: {}, "get", PUBLIC),
    ("reform", _merged_ward, "get", HAND_OVER),
    ("reform", _merged_ward, "post", HAND_OVER_POST),
    # A record's history: its unit's secretariat, the secretariats above, administrators.
    (
        "audit:history",
        lambda w: {"app_label": "plans", "model_name": "plan", "pk": w.district_plan.pk},
        "get",
        also(
            (LOGIN, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
            province_secretariat=OK,
            national_secretariat=OK,
        ),
    ),
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
    ("accounts:sessions", lambda w: {}, "get", SIGNED_IN_ONLY),
    # API tokens: everyone signed in makes their own; a token is revoked only by its owner
    # (the API's own matrix is vstb/api/tests/test_api_access.py).
    ("accounts:api_tokens", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("accounts:api_tokens", lambda w: {}, "post", (LOGIN, *(OK,) * 8)),
    ("accounts:api_token_revoke", _ward_officer_token, "post", OWN_NOTIFICATION),
    # People: a secretariat manages the accounts at its unit and below; administrators all.
    ("accounts:user_list", lambda w: {}, "get", PEOPLE),
    ("accounts:user_create", lambda w: {}, "get", PEOPLE),
    ("accounts:user_detail", lambda w: {"pk": w.users["ward_officer"].pk}, "get", PERSON),
    ("accounts:user_active", lambda w: {"pk": w.users["ward_officer"].pk}, "post", PERSON_POST),
    ("accounts:user_invite", lambda w: {"pk": w.users["ward_officer"].pk}, "post", PERSON_POST),
    (
        "accounts:role_end",
        lambda w: {"pk": w.users["ward_officer"].roles.get().pk},
        "post",
        PERSON_POST,
    ),
    ("accounts:security", lambda w: {}, "get", SIGNED_IN_ONLY),
    # Past the second step already (or without one): sent on.
    ("accounts:two_factor_verify", lambda w: {}, "get", (LOGIN, *(DONE,) * 8)),
    ("accounts:two_factor_setup", lambda w: {}, "get", SIGNED_IN_ONLY),
    # A wrong code changes nothing; an administrator cannot turn it off at all.
    ("accounts:two_factor_disable", lambda w: {}, "post", (LOGIN, FORBIDDEN, *(DONE,) * 7)),
    ("accounts:two_factor_codes", lambda w: {}, "post", (LOGIN, *(DONE,) * 8)),
    # An administrator resets another person's second factor; for anyone else, no such page.
    (
        "accounts:two_factor_reset",
        lambda w: {"pk": w.users["ward_officer"].pk},
        "get",
        (LOGIN, OK, *(NOT_FOUND,) * 7),
    ),
    ("accounts:sign_out_others", lambda w: {}, "post", (LOGIN, *(DONE,) * 8)),
    ("set_language", lambda w: {}, "post", (DONE,) * 9),
    ("org:unit_list", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("org:unit_detail", lambda w: {"pk": w.district.pk}, "get", DISTRICT_READ),
    ("org:unit_detail", lambda w: {"pk": w.ward.pk}, "get", WARD_READ),
    (
        "org:unit_detail",
        lambda w: {"pk": w.other_province.pk},
        "get",
        # Roles that ended, or none, read no unit.
        also(
            (LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK),
            expired_role=NOT_FOUND,
            staff_only=NOT_FOUND,
            national_secretariat=OK,  # above every province
        ),
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
        # The city and the nation read the drafts of every district below them.
        also(
            (LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND),
            province_secretariat=OK,
            national_secretariat=OK,
        ),
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
    ("plans:import_review", lambda w: {"pk": w.plan_import.pk}, "get", IMPORT_RECORD),
    ("plans:import_read", lambda w: {"pk": w.plan_import.pk}, "post", IMPORT_RECORD_POST),
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
    # A unit's webhooks (issue 18) are its managers' own, as its reminder days are.
    ("notifications:webhooks", lambda w: {"pk": w.district.pk}, "get", DISTRICT_WRITE),
    ("notifications:webhooks", lambda w: {"pk": w.ward.pk}, "get", WARD_WRITE),
    (
        "notifications:webhooks",
        lambda w: {"pk": w.district.pk},
        "post",
        DISTRICT_POST,
        {"url": "https://he-thong.example.vn/vstb", "events": ["plan.issued"]},
    ),
    ("notifications:webhook_active", lambda w: {"pk": _webhook(w).pk}, "post", DISTRICT_POST),
    ("notifications:webhook_secret", lambda w: {"pk": _webhook(w).pk}, "post", DISTRICT_POST),
    ("notifications:webhook_delete", lambda w: {"pk": _webhook(w).pk}, "post", DISTRICT_POST),
    (
        "notifications:delivery_again",
        lambda w: {
            "pk": WebhookDelivery.objects.create(
                webhook=_webhook(w), event="plan.issued", payload={}, status="failed", attempts=7
            ).pk
        },
        "post",
        DISTRICT_POST,
    ),
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
    # Signed once issued with a number and accepted (vstb/issuing/tests/test_signing_documents.py):
    # the ward's draft is signed by nobody, and hidden from those who do not read it.
    (
        "reporting:sign",
        lambda w: {"pk": _ward_report(w).pk},
        "post",
        (
            LOGIN,
            FORBIDDEN,
            FORBIDDEN,
            FORBIDDEN,
            NOT_FOUND,
            FORBIDDEN,
            NOT_FOUND,
            NOT_FOUND,
            NOT_FOUND,
        ),
    ),
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
    # The unit's managers ask for the page; a secretariat of the unit or above approves it.
    (
        "indicators:public_settings",
        lambda w: {"unit_pk": w.district.pk},
        "get",
        also(DRAFT_WRITE, province_secretariat=OK, national_secretariat=OK),
    ),
    (
        "indicators:public_publish",
        lambda w: {
            "unit_pk": _public_page(w.district).unit.pk,
        },
        "post",
        also(DRAFT_POST, province_secretariat=DONE, national_secretariat=DONE),
    ),
    (
        "indicators:public_publish",
        lambda w: {"unit_pk": _public_page(w.ward).unit.pk},
        "post",
        # The ward's officer asks; the district's secretariat approves.
        also(
            (LOGIN, DONE, DONE, FORBIDDEN, NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND),
            province_secretariat=DONE,
            national_secretariat=DONE,
        ),
    ),
    # Off by default: nobody sees it; asked for, still nobody; approved, everyone, signed in
    # or not.
    ("public_indicators", lambda w: {"key": w.district.code}, "get", (NOT_FOUND,) * 9),
    (
        "public_indicators",
        lambda w: {"key": _public_page(w.district).unit.code},
        "get",
        (NOT_FOUND,) * 9,
    ),
    (
        "public_indicators",
        lambda w: {"key": _public_page(w.district, snapshot={"rows": [], "chart": {}}).unit.code},
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

# The case register (issue 15): no persona of the walk holds a case role, and no other role
# opens a case, not even an administrator's (vstb/cases/tests/test_permissions.py walks the
# case roles through every case URL).
NO_CASE = (LOGIN, *(NOT_FOUND,) * 8)


def _case(w) -> Case:
    return Case.objects.create(unit=w.ward, kind="domestic", channel="commune")


def _referral(w) -> Referral:
    provider = Provider.objects.create(unit=w.district, kind="legal_aid", name="Trợ giúp pháp lý")
    return Referral.objects.create(
        case=_case(w), provider=provider, measure="legal_aid", answer_due=date(2026, 1, 5)
    )


def _export(w) -> CaseExport:
    owner = make_user("case_worker_of_walk", RoleKind.CASE_WORKER, w.ward)
    export = CaseExport.objects.create(
        requested_by=owner, identifiable=True, reason="x", state="awaiting",
        expires_at=timezone.now() + timedelta(hours=1), content=b"x",
    )  # fmt: skip
    export.units.set([w.ward])
    return export


TABLE += [
    ("cases:list", lambda w: {}, "get", NO_CASE),
    ("cases:new", lambda w: {}, "get", NO_CASE),
    ("cases:reported", lambda w: {}, "get", NO_CASE),
    ("cases:referrals", lambda w: {}, "get", NO_CASE),
    ("cases:providers", lambda w: {}, "get", NO_CASE),
    ("cases:provider_add", lambda w: {}, "get", NO_CASE),
    (
        "cases:provider_edit",
        lambda w: {"pk": _referral(w).provider_id},
        "get",
        NO_CASE,
    ),
    ("cases:detail", lambda w: {"pk": _case(w).pk}, "get", NO_CASE),
    ("cases:reveal", lambda w: {"pk": _case(w).pk}, "post", NO_CASE),
    ("cases:edit", lambda w: {"pk": _case(w).pk}, "get", NO_CASE),
    ("cases:consent", lambda w: {"pk": _case(w).pk}, "post", NO_CASE,
     {"scope": "statistics", "given": "yes"}),
    ("cases:incident_add", lambda w: {"pk": _case(w).pk}, "get", NO_CASE),
    ("cases:order_add", lambda w: {"pk": _case(w).pk}, "post", NO_CASE, {"issued_on": "2026-01-02"}),
    ("cases:service_add", lambda w: {"pk": _case(w).pk}, "post", NO_CASE,
     {"measure": "counselling", "given_on": "2026-01-02"}),
    ("cases:follow_up_add", lambda w: {"pk": _case(w).pk}, "post", NO_CASE, {"due_on": "2026-02-01"}),
    ("cases:shelter_add", lambda w: {"pk": _case(w).pk}, "post", NO_CASE, {"start": "02/01/2026"}),
    (
        "cases:follow_up_done",
        lambda w: {"pk": FollowUp.objects.create(case=_case(w), due_on=date(2026, 1, 1)).pk},
        "post",
        NO_CASE,
    ),
    ("cases:assign", lambda w: {"pk": _case(w).pk}, "post", NO_CASE),
    ("cases:close", lambda w: {"pk": _case(w).pk}, "post", NO_CASE, {"reason": "needs_met"}),
    ("cases:closure_decide", lambda w: {"pk": _case(w).pk}, "post", NO_CASE, {"decision": "approve"}),
    ("cases:reopen", lambda w: {"pk": _case(w).pk}, "post", NO_CASE),
    ("cases:log", lambda w: {"pk": _case(w).pk}, "get", NO_CASE),
    ("cases:refer", lambda w: {"pk": _case(w).pk}, "get", NO_CASE),
    ("cases:referral", lambda w: {"pk": _referral(w).pk}, "get", NO_CASE),
    ("cases:referral_answer", lambda w: {"pk": _referral(w).pk}, "post", NO_CASE, {"move": "accept"}),
    ("cases:referral_withdraw", lambda w: {"pk": _referral(w).pk}, "post", NO_CASE),
    ("cases:exports", lambda w: {}, "get", NO_CASE),
    ("cases:receipt_docx", lambda w: {"pk": _case(w).pk}, "get", NO_CASE),
    ("cases:referral_docx", lambda w: {"pk": _referral(w).pk}, "get", NO_CASE),
    ("cases:export_download", lambda w: {"pk": _export(w).pk}, "post", NO_CASE),
    ("cases:export_decide", lambda w: {"pk": _export(w).pk}, "post", NO_CASE,
     {"decision": "approve"}),
    # Anonymised figures: whoever reads a unit sees its figures (their own unit's first; the
    # nation's for an administrator); nobody without a role.
    (
        "cases:figures",
        lambda w: {},
        "get",
        also((LOGIN, OK, OK, OK, OK, OK, OK, OK, OK), expired_role=NOT_FOUND, staff_only=NOT_FOUND),
    ),
]  # fmt: skip

# Issued documents (vstb/issuing): a unit's documents are read in its scope and drafted by its
# managers; an issued letter is also read by the units it was sent to, and by nobody else.


def _district_decision(w):
    from vstb.issuing import services as issuing

    if not hasattr(w, "district_decision"):
        w.district_decision = issuing.create(
            w.district, purpose="committee", doc_type="QĐ", subject="Về việc kiện toàn Ban",
            params={"kind": "reconstitute", "on": "2025-03-02"},
        )  # fmt: skip
    return w.district_decision


def _letter_to_ward(w):
    from vstb.issuing import services as issuing

    if not hasattr(w, "letter_to_ward"):
        w.letter_to_ward = issuing.create(
            w.district, purpose="guidance", doc_type="CV", subject="triển khai Tháng hành động",
            params={"addressees": "Ủy ban nhân dân phường Bồ Đề", "body": "Đề nghị triển khai."},
            addressees=[w.ward],
        )  # fmt: skip
        issuing.issue(w.letter_to_ward, on=date(2025, 10, 1))
    return w.letter_to_ward


SENT_TO_WARD = (LOGIN, OK, OK, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND)
REPLACE_LETTER = (
    LOGIN,
    DONE,
    DONE,
    FORBIDDEN,
    FORBIDDEN,
    FORBIDDEN,
    NOT_FOUND,
    NOT_FOUND,
    NOT_FOUND,
)
LETTER_WRITE = (
    LOGIN,
    FORBIDDEN,
    FORBIDDEN,
    FORBIDDEN,
    FORBIDDEN,
    FORBIDDEN,
    NOT_FOUND,
    NOT_FOUND,
    NOT_FOUND,
)

TABLE += [
    ("issuing:list", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("issuing:committee_decision", lambda w: {"unit_pk": w.district.pk}, "get", DISTRICT_WRITE),
    ("issuing:committee_decision", lambda w: {"unit_pk": w.district.pk}, "post", DISTRICT_WRITE),
    ("issuing:letter", lambda w: {"unit_pk": w.district.pk}, "get", DISTRICT_WRITE),
    ("issuing:letter", lambda w: {"unit_pk": w.district.pk}, "post", DISTRICT_WRITE),
    ("issuing:detail", lambda w: {"pk": _district_decision(w).pk}, "get", DRAFT_READ),
    ("issuing:detail", lambda w: {"pk": _letter_to_ward(w).pk}, "get", SENT_TO_WARD),
    ("issuing:edit", lambda w: {"pk": _district_decision(w).pk}, "post", DRAFT_POST),
    ("issuing:edit", lambda w: {"pk": _letter_to_ward(w).pk}, "post", LETTER_WRITE),
    ("issuing:rebuild", lambda w: {"pk": _district_decision(w).pk}, "post", DRAFT_POST),
    ("issuing:issue", lambda w: {"pk": _district_decision(w).pk}, "post", DRAFT_POST),
    ("issuing:replace", lambda w: {"pk": _letter_to_ward(w).pk}, "post", REPLACE_LETTER),
    # No certificate on the walk's server: the managers are told so, the others refused.
    ("issuing:sign", lambda w: {"pk": _letter_to_ward(w).pk}, "post", REPLACE_LETTER),
    # A requirement and a chase sent down as letters: by the requirement's (or the
    # receiving) unit's managers.
    ("issuing:requirement_letter", lambda w: {"pk": _requirement(w).pk}, "post", DISTRICT_POST),
    (
        "issuing:chase_letter",
        lambda w: {"pk": _requirement(w).pk, "unit_pk": w.district.pk},
        "post",
        RECEIVER_POST,
    ),
    ("issuing:docx", lambda w: {"pk": _district_decision(w).pk}, "get", DRAFT_READ),
    ("issuing:docx", lambda w: {"pk": _letter_to_ward(w).pk}, "get", SENT_TO_WARD),
    ("issuing:pdf", lambda w: {"pk": _letter_to_ward(w).pk}, "get", SENT_TO_WARD),
]  # fmt: skip


# Gender review of draft legal documents (vstb/reviews): the district's review of a draft
# sent by its justice division, whose focal point (the walk's) reads it and its opinion and
# changes nothing; the district's managers work on it; nobody outside its scope sees it.
def _review(w, opinion_issued=False):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from vstb.issuing import services as issuing
    from vstb.reviews import services as reviews

    review = reviews.receive(
        w.district,
        {
            "draft_kind": "council_resolution", "draft_title": "Nghị quyết hỗ trợ phụ nữ",
            "drafting_agency": w.justice, "drafting_body": "", "received_on": date(2026, 3, 2),
            "opinion_due": None, "reviewer_agency": None,
        },
        SimpleUploadedFile("du-thao.pdf", b"%PDF-1.4\n%%EOF\n"),
        ("application/pdf", "pdf"),
        "du-thao.pdf",
    )  # fmt: skip
    reviews.save_checklist(review, {"gender_issue": ("no", "")}, review.version)  # version 2
    if opinion_issued:
        issuing.issue(reviews.draft_opinion(review), on=date(2026, 3, 18))
    return review


def _review_finding(w):
    from vstb.reviews import services as reviews

    return reviews.add_finding(_review(w), "Điều 5", "Chưa tách số liệu theo giới tính.", "")


REVIEW_EDIT = {"draft_kind": "plan", "draft_title": "Kế hoạch", "drafting_body": "Ban Pháp chế",
               "received_on": "02/03/2026", "version": "2"}  # fmt: skip
REVIEW_OUTCOME = {"outcome": "taken_up", "adopted_reference": "Nghị quyết số 12/2026/NQ-HĐND",
                  "adopted_on": "10/04/2026", "version": "2"}  # fmt: skip

TABLE += [
    ("reviews:list", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("reviews:receive", lambda w: {"unit_pk": w.district.pk}, "get", DISTRICT_WRITE),
    # Without a file: the form again, with its errors.
    ("reviews:receive", lambda w: {"unit_pk": w.district.pk}, "post", DISTRICT_WRITE),
    ("reviews:detail", lambda w: {"pk": _review(w).pk}, "get", DRAFT_READ),
    ("reviews:edit", lambda w: {"pk": _review(w).pk}, "get", DRAFT_WRITE),
    ("reviews:edit", lambda w: {"pk": _review(w).pk}, "post", DRAFT_POST, REVIEW_EDIT),
    ("reviews:draft_file", lambda w: {"pk": _review(w).pk}, "get", DRAFT_READ),
    ("reviews:checklist", lambda w: {"pk": _review(w).pk}, "post", DRAFT_POST,
     {"version": "2", "gender_issue": "yes"}),
    ("reviews:finding_add", lambda w: {"pk": _review(w).pk}, "post", DRAFT_POST,
     {"reference": "Điều 7", "finding": "Chưa có biện pháp bảo đảm bình đẳng giới."}),
    ("reviews:finding_edit", lambda w: {"pk": _review_finding(w).pk}, "get", DRAFT_WRITE),
    ("reviews:finding_edit", lambda w: {"pk": _review_finding(w).pk}, "post", DRAFT_POST,
     {"reference": "Điều 5", "finding": "Số liệu chưa tách theo giới tính.", "version": "1"}),
    ("reviews:finding_delete", lambda w: {"pk": _review_finding(w).pk}, "post", DRAFT_POST),
    ("reviews:opinion", lambda w: {"pk": _review(w).pk}, "post", DRAFT_POST),
    ("reviews:outcome", lambda w: {"pk": _review(w, opinion_issued=True).pk}, "post", DRAFT_POST,
     REVIEW_OUTCOME),
]  # fmt: skip


# Committee meetings (vstb/meetings): the district committee's meetings are read in the
# district's scope (its people, its focal points, the city and the nation above it) and
# called, recorded and concluded by its managers; the wards below and the neighbours do not
# see them (404), those who only read them are refused (403).
def _meeting(w, held=False):
    """The district committee's meeting of 15/07/2025: planned (version 1), or held with
    its chair present (version 2) and one conclusion."""
    from datetime import datetime

    from vstb.meetings import services as meetings
    from vstb.meetings.models import Conclusion, Meeting

    meeting = meetings.create(Meeting(
        committee=w.committee, title="Họp Ban quý III năm 2025", place="Phòng họp số 2",
        starts_at=timezone.make_aware(datetime(2025, 7, 15, 8)), secretary=w.member,
        agenda=[{"title": "Sơ kết 6 tháng", "notes": ""}],
    ))  # fmt: skip
    if held:
        meetings.record_attendance(meeting, [meetings.Presence(w.chair.pk, True)], 1)
        w.conclusion = Conclusion.objects.create(
            meeting=meeting, text="Tuyên truyền.", lead=w.justice, deadline=date(2025, 9, 30)
        )
    return meeting


TABLE += [
    ("meetings:list", lambda w: {"unit_pk": w.district.pk}, "get", DRAFT_READ),
    ("meetings:list", lambda w: {"unit_pk": w.ward.pk}, "get", WARD_READ),
    ("meetings:create", lambda w: {"unit_pk": w.district.pk}, "get", DRAFT_WRITE),
    # Without its day: the form again, with its errors.
    ("meetings:create", lambda w: {"unit_pk": w.district.pk}, "post", DRAFT_WRITE),
    ("meetings:detail", lambda w: {"pk": _meeting(w).pk}, "get", DRAFT_READ),
    ("meetings:detail", lambda w: {"pk": _meeting(w, held=True).pk}, "get", DRAFT_READ),
    ("meetings:edit", lambda w: {"pk": _meeting(w).pk}, "get", DRAFT_WRITE),
    ("meetings:edit", lambda w: {"pk": _meeting(w).pk}, "post", DRAFT_WRITE),
    ("meetings:attendance", lambda w: {"pk": _meeting(w, held=True).pk}, "post", DRAFT_POST,
     {"version": "2"}),
    ("meetings:notes", lambda w: {"pk": _meeting(w, held=True).pk}, "post", DRAFT_POST,
     {"version": "2", "notes_0": "Đã thống nhất báo cáo."}),
    ("meetings:cancel", lambda w: {"pk": _meeting(w).pk}, "post", DRAFT_POST),
    ("meetings:invitation", lambda w: {"pk": _meeting(w).pk}, "post", DRAFT_POST),
    ("meetings:minutes", lambda w: {"pk": _meeting(w, held=True).pk}, "post", DRAFT_POST),
    ("meetings:notice", lambda w: {"pk": _meeting(w, held=True).pk}, "post", DRAFT_POST),
    # Without a lead agency: the page again, with the form's errors.
    ("meetings:conclusion_add", lambda w: {"pk": _meeting(w, held=True).pk}, "post", DRAFT_WRITE,
     {"text": "Rà soát kế hoạch của các phường.", "deadline": "30/09/2025"}),
    # Without a plan: back to the meeting, with a sentence saying to choose one.
    ("meetings:conclusion_task", lambda w: {"pk": _meeting(w, held=True) and w.conclusion.pk},
     "post", DRAFT_POST),
    ("meetings:conclusion_delete", lambda w: {"pk": _meeting(w, held=True) and w.conclusion.pk},
     "post", DRAFT_POST),
]  # fmt: skip


# Inspections (vstb/inspections): the district committee's inspection of the ward Bồ Đề and
# of its Women's Union. The plan is read in the district's scope and by the team (Phòng Tư
# pháp's focal point, whose agency's member sits on it), set up by the district's managers;
# the visits are recorded and the recommendations followed up by the managers and the team;
# the ward sees its own visit and recommendation (and reports on it), never the plan's page,
# and the other ward sees nothing of it (404).
def _inspection(w, stage="draft"):
    """The plan, at `stage`: "draft", "issued", "visited" (findings and a recommendation
    waiting for the conclusions), "open" (conclusions issued), "reported" (the ward reported,
    with a file)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from vstb.inspections import services as inspections
    from vstb.inspections.tests import helpers

    if stage == "draft":
        return helpers.planned(w)
    visit = helpers.visited(w) if stage != "issued" else None
    plan = visit.target.plan if visit else helpers.issued(w)
    w.ward_visit = visit or plan.targets.get(unit=w.ward).visit
    if visit:
        w.recommendation = visit.recommendations.get()
        finding = visit.findings.first()
        upload = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20)
        upload.sniffed = ("image/png", "png")
        w.finding_evidence = inspections.attach_finding_evidence(finding, upload)
    if stage in ("open", "reported"):
        helpers.issue(inspections.draft_conclusions(visit), on=date(2025, 9, 25))
        w.recommendation.refresh_from_db()
    if stage == "reported":
        upload = SimpleUploadedFile("bao-cao.png", b"\x89PNG\r\n\x1a\n" + b"1" * 20)
        upload.sniffed = ("image/png", "png")
        response = inspections.report_on(
            w.recommendation, "Đã ban hành kế hoạch.", [upload], w.recommendation.version
        )
        w.response_evidence = response.evidence.get()
        w.recommendation.refresh_from_db()
    return plan


def _visit(w, stage="issued"):
    _inspection(w, stage)
    return w.ward_visit


# The ward's visit: the inspecting side and the ward read it; the other ward does not.
VISIT_READ = (LOGIN, OK, OK, OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND)
VISIT_WRITE = (LOGIN, OK, OK, FORBIDDEN, OK, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND)
VISIT_POST = (LOGIN, DONE, DONE, FORBIDDEN, DONE, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND)
# A recommendation waiting for the conclusions is the team's draft: not yet the ward's.
PENDING_POST = (LOGIN, DONE, DONE, FORBIDDEN, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
# Only those who act for the addressee (the ward's officer) report on it.
ADDRESSEE_WRITE = (LOGIN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND)

TABLE += [
    ("inspections:list", lambda w: {"unit_pk": w.district.pk}, "get", DRAFT_READ),
    ("inspections:list", lambda w: {"unit_pk": w.ward.pk}, "get", WARD_READ),
    ("inspections:create", lambda w: {"unit_pk": w.district.pk}, "get", DRAFT_WRITE),
    # Without a title: the form again, with its errors.
    ("inspections:create", lambda w: {"unit_pk": w.district.pk}, "post", DRAFT_WRITE),
    ("inspections:detail", lambda w: {"pk": _inspection(w).pk}, "get", DRAFT_READ),
    ("inspections:detail", lambda w: {"pk": _inspection(w, "open").pk}, "get", DRAFT_READ),
    ("inspections:edit", lambda w: {"pk": _inspection(w).pk}, "get", DRAFT_WRITE),
    ("inspections:edit", lambda w: {"pk": _inspection(w).pk}, "post", DRAFT_WRITE),
    ("inspections:suggestions", lambda w: {"pk": _inspection(w).pk}, "get", DRAFT_READ),
    # A unit that is not below the district: back to the suggestions, with a sentence.
    ("inspections:target_add", lambda w: {"pk": _inspection(w).pk}, "post", DRAFT_POST,
     {"key": "unit:0", "planned_on": "01/10/2025", "reason": "Nộp muộn."}),
    ("inspections:target_delete", lambda w: {"pk": _inspection(w) and w.ward_target.pk},
     "post", DRAFT_POST),
    ("inspections:team_add", lambda w: {"pk": _inspection(w).pk}, "post", DRAFT_POST),
    ("inspections:team_delete", lambda w: {"pk": _inspection(w).team.last().pk}, "post",
     DRAFT_POST),
    ("inspections:plan_document", lambda w: {"pk": _inspection(w).pk}, "post", DRAFT_POST),
    ("inspections:team_decision", lambda w: {"pk": _inspection(w, "issued").pk}, "post",
     DRAFT_POST),
    ("inspections:close", lambda w: {"pk": _inspection(w, "open").pk}, "post", DRAFT_POST),
    ("inspections:visit", lambda w: {"pk": _visit(w).pk}, "get", VISIT_READ),
    ("inspections:visit", lambda w: {"pk": _visit(w, "open").pk}, "get", VISIT_READ),
    ("inspections:visit_record", lambda w: {"pk": _visit(w).pk}, "post", VISIT_POST,
     {"version": "1", "visited_on": "15/09/2025", "summary": "Đã kiểm tra."}),
    # Without a file: back to the visit, with a sentence saying what to attach.
    ("inspections:evidence_upload", lambda w: {"pk": _visit(w, "visited").pk}, "post",
     VISIT_POST),
    # Without its text: the page again, with the form's errors.
    ("inspections:recommendation_add", lambda w: {"pk": _visit(w, "visited").pk}, "post",
     VISIT_WRITE),
    ("inspections:conclusions", lambda w: {"pk": _visit(w, "visited").pk}, "post", VISIT_POST),
    ("inspections:evidence", lambda w: {"pk": _visit(w, "visited") and w.finding_evidence.pk},
     "get", VISIT_READ),
    ("inspections:evidence_delete",
     lambda w: {"pk": _visit(w, "visited") and w.finding_evidence.pk}, "post", VISIT_POST),
    ("inspections:recommendations", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("inspections:recommendation",
     lambda w: {"pk": _inspection(w, "open") and w.recommendation.pk}, "get", VISIT_READ),
    # Without the text of what was done: the page again, with the form's errors.
    ("inspections:recommendation_report",
     lambda w: {"pk": _inspection(w, "open") and w.recommendation.pk}, "post", ADDRESSEE_WRITE),
    # Without a decision: the page again, with the form's errors.
    ("inspections:recommendation_review",
     lambda w: {"pk": _inspection(w, "reported") and w.recommendation.pk}, "post", VISIT_WRITE),
    ("inspections:recommendation_delete",
     lambda w: {"pk": _inspection(w, "visited") and w.recommendation.pk}, "post", PENDING_POST),
    ("inspections:response_evidence",
     lambda w: {"pk": _inspection(w, "reported") and w.response_evidence.pk}, "get",
     VISIT_READ),
]  # fmt: skip


def _round(w):
    """The district's commendation round of 2025, with Phường Bồ Đề proposed by hand (one a
    year: a world asked twice, as test_bad_query_values asks it, gets the same round)."""
    from vstb.commendations import services as commendations

    if getattr(w, "round_", None) is None:
        w.round_ = commendations.open_round(w.district, 2025, date(2025, 12, 25))
        w.proposal = commendations.add_proposal(
            w.round_, f"unit:{w.ward.pk}", "giay_khen_huyen", ""
        )
    return w.round_


def _commendation_submission(w):
    """The round's Tờ trình issued: its proposals sent to the district's chair to decide."""
    from vstb.commendations import services as commendations
    from vstb.issuing import services as issuing

    if getattr(w, "submission", None) is None:
        w.submission = commendations.send(_round(w))[0]
        issuing.issue(w.submission.proposal_document, on=date(2025, 12, 22))
    return w.submission


PROPOSAL_EDIT = {"award": "giay_khen_huyen", "reason": "Dẫn đầu phong trào", "version": "1"}

TABLE += [
    ("commendations:list", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("commendations:open", lambda w: {"unit_pk": w.district.pk}, "get", DRAFT_WRITE),
    ("commendations:open", lambda w: {"unit_pk": w.district.pk}, "post", DRAFT_POST,
     {"year": "2025", "proposals_due": "25/12/2025"}),
    ("commendations:detail", lambda w: {"pk": _round(w).pk}, "get", DRAFT_READ),
    ("commendations:edit", lambda w: {"pk": _round(w).pk}, "get", DRAFT_WRITE),
    ("commendations:edit", lambda w: {"pk": _round(w).pk}, "post", DRAFT_POST,
     {"proposals_due": "28/12/2025", "version": "1"}),
    ("commendations:refresh", lambda w: {"pk": _round(w).pk}, "post", DRAFT_POST),
    # Without a candidate: the page again, with the form's errors.
    ("commendations:proposal_add", lambda w: {"pk": _round(w).pk}, "post", DRAFT_WRITE,
     {"award": "giay_khen_huyen", "reason": ""}),
    ("commendations:send", lambda w: {"pk": _round(w).pk}, "post", DRAFT_POST),
    ("commendations:proposal_edit", lambda w: {"pk": _round(w) and w.proposal.pk}, "get",
     DRAFT_WRITE),
    ("commendations:proposal_edit", lambda w: {"pk": _round(w) and w.proposal.pk}, "post",
     DRAFT_POST, PROPOSAL_EDIT),
    ("commendations:proposal_remove", lambda w: {"pk": _round(w) and w.proposal.pk}, "post",
     DRAFT_POST, {"version": "1"}),
    # What was sent for decision: read by the round's and the deciding unit's readers,
    # decided by the deciding unit's managers (here the district's own chair decides).
    ("commendations:submission", lambda w: {"pk": _commendation_submission(w).pk}, "get",
     DRAFT_READ),
    # Without a choice (the form's fields are named after the proposal): the page again,
    # with the form's errors.
    ("commendations:proposal_decide",
     lambda w: {"pk": _commendation_submission(w) and w.proposal.pk}, "post", DRAFT_WRITE,
     {"approve": "yes", "version": "1"}),
    # Not every proposal decided yet: back to the page, with a sentence saying so.
    ("commendations:decision", lambda w: {"pk": _commendation_submission(w).pk}, "post",
     DRAFT_POST),
]  # fmt: skip


# Funding of plans (vstb/budget): the district plan's estimate and spending are read in the
# district's scope (its people, its focal points, those above) and changed by its managers;
# the wards below, which read the issued plan, do not see its money (404), nor do neighbours.
def _estimate_line(w):
    """The district plan's estimate with one line (estimate version 2), the walk's activity
    spent on it."""
    from vstb.budget import services as budget
    from vstb.budget.models import EstimateLine

    estimate = budget.open_estimate(w.district_plan)
    line = budget.add_line(estimate, EstimateLine(item="2a", source="district", amount=5_000_000))
    w.activity.cost = 1_000_000
    w.activity.save()
    budget.link(line, w.activity)
    return line


def _approved_estimate(w):
    """The district plan's estimate, approved (version 3)."""
    from vstb.budget import services as budget

    estimate = _estimate_line(w).estimate
    budget.approve(estimate, estimate.version)
    return estimate


BUDGET_LINE = {"item": "4", "source": "district", "description": "Tập huấn", "amount": "300000"}

TABLE += [
    # Everyone signed in has the list; it shows only the estimates of their scope.
    ("budget:estimates", lambda w: _estimate_line(w) and {}, "get", SIGNED_IN_ONLY),
    ("budget:unit_plans", lambda w: {"unit_pk": w.district.pk}, "get", DRAFT_READ),
    ("budget:unit_plans", lambda w: {"unit_pk": w.ward.pk}, "get", WARD_READ),
    ("budget:estimate", lambda w: {"plan_pk": _estimate_line(w).estimate.plan_id}, "get",
     DRAFT_READ),
    ("budget:line_add", lambda w: {"plan_pk": w.district_plan.pk}, "post", DRAFT_POST,
     BUDGET_LINE),
    ("budget:approve", lambda w: {"plan_pk": _estimate_line(w).estimate.plan_id}, "post",
     DRAFT_POST, {"version": "2"}),
    ("budget:reopen", lambda w: {"plan_pk": _approved_estimate(w).plan_id}, "post", DRAFT_POST,
     {"version": "3", "reason": "Điều chỉnh dự toán giữa năm"}),
    ("budget:spending", lambda w: {"plan_pk": _estimate_line(w).estimate.plan_id}, "get",
     DRAFT_READ),
    # Without an activity: the page again, with the form's errors.
    ("budget:link", lambda w: {"plan_pk": _estimate_line(w).estimate.plan_id}, "post",
     DRAFT_WRITE),
    ("budget:unlink", lambda w: {"plan_pk": _estimate_line(w).estimate.plan_id,
                                 "activity_pk": w.activity.pk}, "post", DRAFT_POST),
    ("budget:export", lambda w: {"plan_pk": _estimate_line(w).estimate.plan_id}, "get",
     DRAFT_READ),
    ("budget:import", lambda w: {"plan_pk": _estimate_line(w).estimate.plan_id}, "get",
     DRAFT_WRITE),
    # Without a file: the form again, with its errors.
    ("budget:import", lambda w: {"plan_pk": _estimate_line(w).estimate.plan_id}, "post",
     DRAFT_WRITE),
    ("budget:line_edit", lambda w: {"pk": _estimate_line(w).pk}, "get", DRAFT_WRITE),
    ("budget:line_edit", lambda w: {"pk": _estimate_line(w).pk}, "post", DRAFT_POST,
     {**BUDGET_LINE, "version": "1"}),
    # Activities are spent on it: back to the estimate, with a sentence saying to move them.
    ("budget:line_delete", lambda w: {"pk": _estimate_line(w).pk}, "post", DRAFT_POST),
]  # fmt: skip


# Women in leadership (vstb/leaders): candidates in planning are personal data that only the
# secretariats work with. The district's managers keep them; the city's and the nation's
# secretariats read them (403 on a change); the district's viewer and focal points, the wards
# below and the neighbours do not see them (404). A ward's list: its officer keeps it.
def _candidate(w):
    """A woman of the district planned as head of its labour division (version 1)."""
    from vstb.leaders import services as leaders
    from vstb.leaders.models import Candidate

    return leaders.add_candidate(Candidate(
        unit=w.district, full_name="Nguyễn Thị Quy Hoạch", sex=Sex.FEMALE,
        current_position="Phó Trưởng phòng", planned_agency=w.labour,
        planned_title="Trưởng phòng", planned_rank="head", term_start=2026, term_end=2031,
    ))  # fmt: skip


SECRETARIATS_READ = (LOGIN, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND,
                     NOT_FOUND)  # fmt: skip
LEADERS_READ = also(SECRETARIATS_READ, province_secretariat=OK, national_secretariat=OK)
LEADERS_WARD_READ = also(
    (LOGIN, OK, OK, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    province_secretariat=OK, national_secretariat=OK,
)  # fmt: skip
LEADERS_WRITE = also(SECRETARIATS_READ, province_secretariat=FORBIDDEN,
                     national_secretariat=FORBIDDEN)  # fmt: skip
LEADERS_POST = also(
    (LOGIN, DONE, DONE, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    province_secretariat=FORBIDDEN, national_secretariat=FORBIDDEN,
)  # fmt: skip
CANDIDATE_EDIT = {"full_name": "Nguyễn Thị Quy Hoạch", "sex": "nu", "current_position": "Trưởng ban",
                  "planned_title": "Trưởng phòng", "planned_rank": "head", "key_position": "on",
                  "term_start": "2026", "term_end": "2031", "version": "1"}  # fmt: skip

TABLE += [
    ("leaders:index", lambda w: {}, "get", SIGNED_IN_ONLY),
    ("leaders:list", lambda w: {"unit_pk": w.district.pk}, "get", LEADERS_READ),
    ("leaders:list", lambda w: {"unit_pk": w.ward.pk}, "get", LEADERS_WARD_READ),
    ("leaders:add", lambda w: {"unit_pk": w.district.pk}, "get", LEADERS_WRITE),
    # Without a name: the form again, with its errors.
    ("leaders:add", lambda w: {"unit_pk": w.district.pk}, "post", LEADERS_WRITE),
    ("leaders:review", lambda w: {"unit_pk": _candidate(w).unit_id}, "get", LEADERS_READ),
    # Her version not sent (a page of another time): refused with a sentence, back to the page.
    ("leaders:proposals", lambda w: {"unit_pk": _candidate(w).unit_id}, "post", LEADERS_POST,
     {"year": "2026", "proposed": "1"}),
    ("leaders:review_report", lambda w: {"unit_pk": _candidate(w).unit_id}, "post", LEADERS_POST,
     {"year": "2026"}),
    ("leaders:indicators", lambda w: {"unit_pk": w.district.pk}, "post", LEADERS_POST,
     {"year": "2026"}),
    ("leaders:export", lambda w: {"unit_pk": _candidate(w).unit_id}, "get", LEADERS_READ),
    ("leaders:import_template", lambda w: {"unit_pk": w.district.pk}, "get", LEADERS_READ),
    ("leaders:import", lambda w: {"unit_pk": w.district.pk}, "get", LEADERS_WRITE),
    # Without a file: the form again, with its errors.
    ("leaders:import", lambda w: {"unit_pk": w.district.pk}, "post", LEADERS_WRITE),
    ("leaders:detail", lambda w: {"pk": _candidate(w).pk}, "get", LEADERS_READ),
    ("leaders:edit", lambda w: {"pk": _candidate(w).pk}, "get", LEADERS_WRITE),
    # Without the planned position's agency: the form again, with its errors (the GET row
    # sends the form back as shown, which saves).
    ("leaders:edit", lambda w: {"pk": _candidate(w).pk}, "post", LEADERS_WRITE, CANDIDATE_EDIT),
    ("leaders:appoint", lambda w: {"pk": _candidate(w).pk}, "get", LEADERS_WRITE),
    ("leaders:appoint", lambda w: {"pk": _candidate(w).pk}, "post", LEADERS_POST,
     {"appointed_on": "01/03/2026", "record_position": "on", "version": "1"}),
    ("leaders:remove", lambda w: {"pk": _candidate(w).pk}, "post", LEADERS_POST,
     {"removed_on": "01/03/2026", "version": "1"}),
]  # fmt: skip

CASES = [
    pytest.param(name, kwargs, method, outcomes, data[0] if data else {}, id=f"{name}-{index}")
    for index, (name, kwargs, method, outcomes, *data) in enumerate(TABLE)
]


def _patterns(resolvers, prefix="", skip=("admin",)):
    """(name, pattern) of every URL; Django's admin guards itself (staff and model
    permissions)."""
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            if entry.app_name in skip:
                continue
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _patterns(entry.url_patterns, namespace, skip)
        elif isinstance(entry, URLPattern):
            yield f"{prefix}{entry.name}", entry


def add_more_personas(w) -> None:
    """The personas of MORE_PERSONAS, and things of each part of the tree (READERS)."""
    w.users["ward_viewer"] = make_user("ward_viewer", RoleKind.VIEWER, w.ward)
    w.users["ward_focal_point"] = make_user(
        "ward_focal_point", RoleKind.FOCAL_POINT, w.ward, agency=w.ward_committee_agency
    )
    w.users["expired_role"] = make_user("expired_role", RoleKind.SECRETARIAT, w.district)
    w.users["expired_role"].roles.update(valid_from=date(2024, 1, 1), valid_to=date(2024, 12, 31))
    w.users["staff_only"] = make_user("staff_only")
    w.users["staff_only"].is_staff = True
    w.users["staff_only"].save(update_fields=["is_staff"])
    w.users["inactive"] = make_user("inactive", RoleKind.SECRETARIAT, w.district)
    w.users["inactive"].is_active = False
    w.users["inactive"].save(update_fields=["is_active"])
    w.users["two_provinces"] = make_user("two_provinces", RoleKind.UNIT_OFFICER, w.ward)
    Role.objects.create(
        user=w.users["two_provinces"], kind=RoleKind.SECRETARIAT, unit=w.other_province
    )

    def draft(unit, subject):
        Plan.objects.create(unit=unit, year=2025, subject=subject, symbol="KH-UBND")

    def activity(unit, title):
        Activity.objects.create(
            unit=unit, kind="communication", title=title, start=date(2025, 4, 2)
        )

    draft(w.district, f"Kế hoạch nháp {WORDS['district_draft']}")
    # The other ward's plan derived from the district's: its tasks hang under the district's
    # task that the ward officer reads.
    derived = plans.cascade(w.district_plan, w.other_ward)
    derived.subject = f"Kế hoạch nháp {WORDS['other_ward']}"
    derived.save(update_fields=["subject"])
    w.secrets = {part: [word] for part, word in WORDS.items()}
    # A link to a thing is as telling as its name (`"` ends the address: /7/ is not /71/).
    w.secrets["other_ward"] += [
        f'{reverse("plans:task_detail", args=[task.pk])}"' for task in derived.tasks.all()
    ] + [f'{reverse("plans:detail", args=[derived.pk])}"']
    activity(w.other_ward, f"Hội nghị {WORDS['other_ward']}")
    draft(w.other_district, f"Kế hoạch nháp {WORDS['other_district']}")
    activity(w.other_district, f"Hội nghị {WORDS['other_district']}")
    Membership.objects.create(
        committee=w.other_province_committee,
        full_name=f"Nguyễn Thị {WORDS['other_province']}",
        sex=Sex.FEMALE,
        position=Position.MEMBER,
        start=date(2024, 1, 1),
    )


# Who may see the things of each part of the tree. add_more_personas puts a distinctive word
# into things of each part and collects the links to them (`world.secrets`); every page a
# persona reads is searched for the words and links of the parts it may not see.
READERS = {
    "district_draft": {
        "admin", "district_secretariat", "district_viewer", "focal_point", "province_secretariat",
        "national_secretariat",
    },
    "other_ward": {
        "admin", "district_secretariat", "district_viewer", "other_ward_officer",
        "province_secretariat", "national_secretariat",
    },
    "other_district": {
        "admin", "other_district_officer", "province_secretariat", "national_secretariat",
    },
    "other_province": {
        "admin", "other_province_secretariat", "two_provinces", "national_secretariat",
    },
}  # fmt: skip
WORDS = {
    "district_draft": "Zqxdraftlongbien",
    "other_ward": "Zqxngoclam",
    "other_district": "Zqxhoankiem",
    "other_province": "Zqxhaiphong",
}


def _unseen(world, persona: str) -> list[str]:
    return [
        text
        for part, readers in READERS.items()
        if persona not in readers
        for text in world.secrets[part]
    ]


def _database_state(unwatched: set[str] | None = None) -> str:
    """A digest of every row of every table but the sessions': equal before and after a
    refused request when it changed nothing."""
    unwatched = UNWATCHED_TABLES if unwatched is None else unwatched
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table in unwatched:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            digest.update(table.encode())
            digest.update(repr(sorted(map(repr, cursor.fetchall()))).encode())
    return digest.hexdigest()


# Written by signing in and by any request, refused or not (the audit trail records refusals).
UNWATCHED_TABLES = {"django_session", "audit_auditentry"}


def _as_sent(form) -> dict:
    """What a browser sends for `form` as it is shown: its values, lists and dates as typed."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif isinstance(value, date):
            data[name] = value.strftime("%d/%m/%Y")
        else:
            data[name] = value
    return data


def _request(client, method: str, url: str, data: dict):
    return client.post(url, data) if method == "post" else client.get(url)


@pytest.mark.parametrize(("name", "kwargs", "method", "outcomes", "data"), CASES)
def test_url_outcome_for_every_persona(db, monkeypatch, name, kwargs, method, outcomes, data):
    """One world per URL; each persona's request runs in a savepoint rolled back after it, so
    what one persona's POST changes is not seen by the next.

    Besides the status: a page a persona reads shows nothing outside its scope (READERS); a
    refused POST changes nothing; a page read with GET is also sent a POST by every persona
    refused the GET, which must be refused as well (or not allowed) and change nothing; and a
    page with a form is sent its form back by every persona who reads it."""
    # Access is under test here, not LibreOffice (vstb/documents/tests convert for real).
    monkeypatch.setattr(
        "vstb.documents.pdf.docx_to_pdf", lambda docx, timeout: b"%PDF-1.7 access test"
    )
    world = build_world()
    add_more_personas(world)
    url = reverse(name, kwargs=kwargs(world))  # creates what the URL points at, once
    expected_by_persona = expected_outcomes(outcomes)
    wrong = []
    for persona in ALL_PERSONAS:
        expected = expected_by_persona[persona]
        requests = [(method, data, (expected,))]
        if method == "get" and expected in REFUSED:
            requests.append(("post", {}, (expected, NOT_ALLOWED)))
        for verb, sent, accepted in requests:
            with transaction.atomic():
                client = Client()
                user = world.users[persona]
                if user is not None:
                    sign_in(client, user)
                before = _database_state() if verb == "post" and expected in REFUSED else None
                response = _request(client, verb, url, sent)
                status = response.status_code
                where = f"{persona} {verb.upper()} {url}"
                refused = status in (FORBIDDEN, NOT_FOUND) or (
                    status == LOGIN
                    and name not in ("accounts:logout", "set_language")
                    and response.url.startswith(reverse("accounts:login"))
                )
                if status not in accepted:
                    wrong.append(f"{where}: {status}")
                elif before is not None and refused and _database_state() != before:
                    wrong.append(f"{where}: refused ({status}) but changed the database")
                elif (
                    expected == LOGIN
                    and user is None
                    and name not in ("accounts:logout", "set_language")
                    and not response.url.startswith(reverse("accounts:login"))
                ):
                    wrong.append(f"{where}: sent to {response.url}")
                elif status == OK and response.get("Content-Type", "").startswith("text/html"):
                    page = response.content.decode()
                    shown = [word for word in _unseen(world, persona) if word in page]
                    if shown:
                        wrong.append(f"{where}: shows {shown}, outside its scope")
                    form = (response.context or {}).get("form") if verb == "get" else None
                    if form is not None and hasattr(form, "fields"):
                        # The form as shown, sent back: a persona allowed the page may send
                        # it (saved, or shown again with its errors), or the view takes no
                        # POST; never an error page.
                        again = client.post(url, _as_sent(form))
                        if again.status_code not in (OK, DONE, NOT_ALLOWED):
                            wrong.append(f"{persona} POST {url} (its form): {again.status_code}")
                transaction.set_rollback(True)
    assert not wrong, (
        "expected "
        + ", ".join(f"{p}={e}" for p, e in expected_by_persona.items())
        + "; got "
        + "; ".join(wrong)
    )


def test_every_url_pattern_is_in_the_table():
    listed = {name for name, *_ in TABLE}
    # The API's operations have their own table, whose outcomes come from this one
    # (vstb/api/tests/test_api_access.py).
    pages = _patterns(get_resolver().url_patterns, skip=("admin", "api"))
    missing = {name for name, _ in pages} - listed
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


def test_the_content_check_finds_a_neighbouring_wards_task_leaked_on_a_parent_task(db, monkeypatch):
    """The check that caught `task_detail` listing every derived task (issue 12): with the
    scope filter of the roll-up removed, the ward officer's page shows the other ward's task."""
    from vstb.plans import rollup
    from vstb.plans.models import Task

    world = build_world()
    add_more_personas(world)
    client = Client()
    client.force_login(world.users["ward_officer"])
    url = reverse("plans:task_detail", args=[world.wards_task.pk])
    assert not [t for t in _unseen(world, "ward_officer") if t in client.get(url).content.decode()]

    monkeypatch.setattr(rollup.access, "tasks_visible_to", lambda user: Task.objects.all())
    page = client.get(url).content.decode()
    assert [text for text in _unseen(world, "ward_officer") if text in page]


def test_every_person_of_the_world_is_a_persona_of_the_walk(db):
    """A persona added to the world without a column or a rule fails here."""
    world = build_world()
    add_more_personas(world)
    assert set(world.users) == set(ALL_PERSONAS)
