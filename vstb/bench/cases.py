"""`vstb bench cases`: the case register of a province (issue 15).

Data: a province of COMMUNES communes, one case worker per commune and one case supervisor
for the province; CASES cases spread over the communes (national: 100 communes, 50,000
cases), each with a sealed name and contact (real envelope encryption), a consent to
statistics (nine in ten given), an incident, a follow-up (one in four overdue), and a
referral done for one in three.

Cases, each against raw SQL returning the same rows or counts (goal 1.5), with the access
log and the decryption on our side only:
- worker-list: the first page (50) of a commune case worker's open cases with their next
  follow-up and open referrals (cases_visible_to, the list's annotations), and the page's
  50 access-log lines;
- supervisor-overdue: the first page of the province supervisor's cases with a follow-up
  overdue, and its log lines;
- case-open: one case opened and its identity revealed (six sealed fields decrypted), two
  log lines;
- report-figures: a commune's four report figures from the register (consent in force,
  de-duplicated), as a 6-month report pre-fills them;
- province-table: the province's table of victims by commune and form of violence, with
  small-cell suppression.
The query counts do not grow with the number of cases.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connections, transaction
from django.utils import timezone

from vstb import access
from vstb.accounts.models import Role, RoleKind, User
from vstb.audit.recorder import acting
from vstb.bench.common import (
    REPETITIONS,
    UnitBatch,
    analyze,
    compare,
    count_queries,
    elapsed_ms,
    result,
)
from vstb.cases import services, statistics
from vstb.cases.catalogue import ConsentScope, ViolenceForm
from vstb.cases.crypto import seal, unseal
from vstb.cases.models import (
    AccessAction,
    Case,
    Consent,
    FollowUp,
    Incident,
    Provider,
    Referral,
    ReferralState,
)
from vstb.org.models import Unit, UnitKind

BENCH = "cases"
GOAL_RATIO = 1.5
PAGE = 50
TODAY = date(2026, 6, 20)
WINDOW = (date(2025, 12, 15), date(2026, 6, 14))


@dataclass(frozen=True)
class Scale:
    communes: int
    cases: int


SCALES = {"small": Scale(communes=5, cases=500), "national": Scale(communes=100, cases=50_000)}
FORMS = list(ViolenceForm.values)


@dataclass
class World:
    worker: User
    supervisor: User
    commune_id: int
    communes: list
    case_id: int
    cases: int


def _verified(user: User) -> User:
    user.is_verified = lambda: True  # as OTPMiddleware marks a session past its second factor
    return user


def build(scale: Scale, alias: str) -> World:
    batch = UnitBatch()
    nation = batch.add(UnitKind.NATION, "VN", "Việt Nam (thử tải)", None)
    province = batch.add(UnitKind.PROVINCE, "01", "Tỉnh Thử 01", nation)
    communes = batch.spread(
        UnitKind.COMMUNE, [province], scale.communes, "{:05d}", "Xã Thử {:05d}"
    )[province.pk]
    batch.save(alias)
    users = User.objects.using(alias).bulk_create(
        [User(username=f"cb{c.pk}", full_name=f"Cán bộ {c.name}", password="!") for c in communes]
        + [User(username="giamsat", full_name="Giám sát tỉnh", password="!")]
    )
    workers, supervisor = users[:-1], users[-1]
    Role.objects.using(alias).bulk_create(
        [
            Role(user=u, kind=RoleKind.CASE_WORKER, unit_id=c.pk)
            for u, c in zip(workers, communes, strict=True)
        ]
        + [Role(user=supervisor, kind=RoleKind.CASE_SUPERVISOR, unit_id=province.pk)]
    )
    provider = Provider.objects.using(alias).create(
        unit_id=province.pk, kind="legal_aid", name="Trợ giúp pháp lý"
    )
    name_context, contact_context = "cases.case.full_name", "cases.case.contact"
    rows = []
    for i in range(scale.cases):
        # The i-th case goes to commune i % n; its rank there (j) sets its kind and consent,
        # so that every commune has the same mix.
        commune, j = communes[i % len(communes)], i // len(communes)
        rows.append(
            Case(
                unit_id=commune.pk,
                kind="domestic" if j % 10 else "trafficking",
                channel="commune",
                reported_on=WINDOW[0] + timedelta(days=i % 180),
                worker_id=workers[i % len(communes)].pk,
                sex="female",
                age_band="16to59",
                full_name=seal(f"Nguyễn Thị Thử {i}", name_context),
                contact=seal(f"09{i:08d}", contact_context),
                status="closed" if i % 7 == 0 else "open",
            )
        )
    cases = Case.objects.using(alias).bulk_create(rows, batch_size=2000)
    Consent.objects.using(alias).bulk_create(
        [
            Consent(case=c, scope=ConsentScope.STATISTICS, given=(i // len(communes)) % 10 != 3)
            for i, c in enumerate(cases)
        ],
        batch_size=2000,
    )
    Incident.objects.using(alias).bulk_create(
        [
            Incident(case=c, forms=[FORMS[i % 4]], occurred_on=c.reported_on)
            for i, c in enumerate(cases)
        ],
        batch_size=2000,
    )
    FollowUp.objects.using(alias).bulk_create(
        [
            FollowUp(
                case=c,
                due_on=TODAY - timedelta(days=3) if i % 4 == 0 else TODAY + timedelta(days=9),
            )
            for i, c in enumerate(cases)
        ],
        batch_size=2000,
    )
    Referral.objects.using(alias).bulk_create(
        [
            Referral(
                case=c, provider=provider, measure="legal_aid", state=ReferralState.DONE,
                answer_due=c.reported_on, done_on=c.reported_on + timedelta(days=5),
            )
            for c in cases[::3]
        ],
        batch_size=2000,
    )  # fmt: skip
    analyze(alias)
    return World(
        worker=_verified(workers[0]),
        supervisor=_verified(supervisor),
        commune_id=communes[0].pk,
        communes=[c.pk for c in communes],
        case_id=cases[1].pk,
        cases=len(cases),
    )


def _page(cases):
    return list(services.listed(cases)[:PAGE])


def worker_list(user):
    with transaction.atomic(), acting(user):
        page = _page(access.cases_visible_to(user).open())
        services.log_list(page, AccessAction.LIST, "open")
    return page


def supervisor_overdue(user):
    with transaction.atomic(), acting(user):
        page = _page(services.overdue(access.cases_visible_to(user).open(), TODAY))
        services.log_list(page, AccessAction.LIST, "overdue")
    return page


def case_open(user, pk: int):
    with transaction.atomic(), acting(user):
        case = access.get_case_for_user(user, pk)
        services.log(case, AccessAction.OPEN)
        services.log(case, AccessAction.REVEAL, "identity")
        return [
            case.full_name.reveal(), case.id_number.reveal(), case.contact.reveal(),
            case.address.reveal(), case.informant.reveal(), case.safety_plan.reveal(),
        ]  # fmt: skip


LIST_SQL = """
SELECT c.id, c.code, c.kind, c.reported_on, c.risk, c.status, u.name, w.full_name,
  (SELECT MIN(f.due_on) FROM cases_followup f WHERE f.case_id = c.id AND f.done_on IS NULL),
  (SELECT COUNT(*) FROM cases_referral r WHERE r.case_id = c.id
     AND r.state IN ('sent', 'accepted'))
FROM cases_case c JOIN org_unit u ON u.id = c.unit_id LEFT JOIN accounts_user w ON w.id = c.worker_id
WHERE {where}
ORDER BY c.reported_on DESC, c.id DESC LIMIT 50
"""


def raw(alias: str, sql: str, params: list):
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


LOG_SQL = (
    "INSERT INTO cases_accessentry (at, actor_id, actor_name, address, case_id, case_code, "
    "action, what) VALUES "
)


def raw_listed(alias: str, sql: str, params: list, user: User, what: str):
    """The same page by hand: the SELECT, and its log lines in one multi-row INSERT, in one
    transaction."""
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        now = timezone.now()
        values = ", ".join(["(%s, %s, %s, NULL, %s, %s, 'list', %s)"] * len(rows))
        cursor.execute(
            LOG_SQL + values,
            [v for row in rows for v in (now, user.pk, user.full_name, row[0], row[1], what)],
        )
    return rows


def raw_open(alias: str, pk: int, user: User):
    """One case by hand: its row, its six sealed fields decrypted, two log lines."""
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT c.id, c.code, c.full_name, c.id_number, c.contact, c.address, c.informant, "
            "c.safety_plan, u.name FROM cases_case c JOIN org_unit u ON u.id = c.unit_id "
            "WHERE c.id = %s",
            [pk],
        )
        row = cursor.fetchone()
        names = ["full_name", "id_number", "contact", "address", "informant", "safety_plan"]
        plain = [
            unseal(token, f"cases.case.{name}") if token else ""
            for token, name in zip(row[2:8], names, strict=True)
        ]
        now = timezone.now()
        cursor.execute(
            LOG_SQL + "(%s, %s, %s, NULL, %s, %s, 'open', ''), (%s, %s, %s, NULL, %s, %s, "
            "'reveal', 'identity')",
            [now, user.pk, user.full_name, row[0], row[1]] * 2,
        )
    return plain


def run(scale: str, alias: str) -> Iterator[dict]:
    repetitions = REPETITIONS[scale]
    common = {"bench": BENCH, "scale": scale, "alias": alias}
    build_ms, world = elapsed_ms(lambda: build(SCALES[scale], alias))
    yield result(case="build", ms=build_ms, baseline_ms=None, goal_ratio=None, queries=None,
                 rows=world.cases, **common)  # fmt: skip
    worker, supervisor = world.worker, world.supervisor
    province_path = "/1/2/%"  # the province's subtree (UnitBatch: nation 1, province 2)
    cases = [
        (
            "worker-list",
            lambda: worker_list(worker),
            lambda: raw_listed(alias, LIST_SQL.format(
                where="c.unit_id = %s AND c.status <> 'closed' AND c.worker_id = %s"
            ), [world.commune_id, worker.pk], worker, "open"),
        ),
        (
            "supervisor-overdue",
            lambda: supervisor_overdue(supervisor),
            lambda: raw_listed(alias, LIST_SQL.format(
                where="u.path LIKE %s AND c.status <> 'closed' AND EXISTS (SELECT 1 FROM "
                "cases_followup f WHERE f.case_id = c.id AND f.done_on IS NULL AND f.due_on < %s)"
            ), [province_path, TODAY], supervisor, "overdue"),
        ),
        (
            "case-open",
            lambda: case_open(supervisor, world.case_id),
            lambda: raw_open(alias, world.case_id, supervisor),
        ),
        (
            "report-figures",
            lambda: statistics.report_counts([world.commune_id], *WINDOW),
            lambda: raw(alias, FIGURES_SQL, [*WINDOW, *WINDOW, world.commune_id, *WINDOW]),
        ),
        (
            "province-table",
            lambda: statistics.form_table(_units(alias, world), *WINDOW, suppress=True),
            lambda: raw(alias, TABLE_SQL, [*WINDOW]),
        ),
    ]  # fmt: skip
    for case, measured, baseline in cases:
        measured()  # the person's roles read once, as within one request
        ms, baseline_ms = compare(measured, baseline, repetitions)
        returned = measured()
        rows = len(returned) if isinstance(returned, list) else (
            len(returned.rows) if hasattr(returned, "rows") else sum(returned.values())
        )  # fmt: skip
        yield result(case=case, ms=ms, baseline_ms=baseline_ms, goal_ratio=GOAL_RATIO,
                     queries=count_queries(measured, alias), rows=rows, **common)  # fmt: skip


def _units(alias: str, world: World) -> list:
    return list(Unit.objects.using(alias).filter(pk__in=world.communes).order_by("name"))


# A case counts when its latest consent to statistics is given; it is supported when it had
# a service or a referral done in the window.
FIGURES_SQL = (
    "SELECT c.kind IN ('domestic', 'gender_based'), COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 "
    "FROM cases_service v WHERE v.case_id = c.id AND v.given_on BETWEEN %s AND %s) OR EXISTS "
    "(SELECT 1 FROM cases_referral r WHERE r.case_id = c.id AND r.state = 'done' AND "
    "r.done_on BETWEEN %s AND %s) THEN 1 ELSE 0 END) FROM cases_case c WHERE c.unit_id = %s "
    "AND c.reported_on BETWEEN %s AND %s AND c.kind IN ('domestic', 'gender_based', "
    "'trafficking') AND (SELECT s.given FROM cases_consent s WHERE s.case_id = c.id AND "
    "s.scope = 'statistics' ORDER BY s.recorded_at DESC, s.id DESC LIMIT 1) GROUP BY 1"
)
TABLE_SQL = (
    "SELECT c.unit_id, COUNT(DISTINCT c.id), "
    + ", ".join(
        f"COUNT(DISTINCT CASE WHEN CAST(i.forms AS TEXT) LIKE '%%\"{form}\"%%' THEN c.id END)"
        for form in FORMS
    )
    + " FROM cases_case c LEFT JOIN cases_incident i ON i.case_id = c.id WHERE c.kind IN "
    "('domestic', 'gender_based') AND c.reported_on BETWEEN %s AND %s AND (SELECT s.given "
    "FROM cases_consent s WHERE s.case_id = c.id AND s.scope = 'statistics' ORDER BY "
    "s.recorded_at DESC, s.id DESC LIMIT 1) GROUP BY 1"
)
