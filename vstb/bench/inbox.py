"""`vstb bench inbox`: the home inbox at national scale (issue 11).

Data: the nation, its provinces and, after the 2025 reform, its communes directly under
them (SCALES; national: 34 provinces, 3,321 communes), one officer per commune and one
secretariat per province; the national plan and each province's plan, issued, with
TASKS_PER_PLAN tasks for every lower unit, half the communes having implemented their
province's plan; the national 6-month requirement, to which a third of the communes have
submitted and a third have been returned; NOTIFICATIONS unread notifications per person.

Cases (on 30/05, after the communes' deadline, before the provinces'):
- province-home, commune-home: `vstb.core.inbox.inbox_for` for a province secretariat and
  a commune officer, against hand-written SQL that reads the same counts and rows (the
  person's roles are read once, in the warm-up, as within one request);
- notify-fanout: a report requested from every commune of the country: `access.people_to_tell`
  and `notifications.notify` (one in-app notification each, the e-mails handed to a job),
  against one raw bulk INSERT of the same notification rows (goal 3); its query count does
  not grow with the communes.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connections, transaction

from vstb.accounts.models import Role, RoleKind, User
from vstb.bench.common import REPETITIONS, UnitBatch, compare, count_queries, elapsed_ms, result
from vstb.core.inbox import inbox_for
from vstb.notifications.models import Kind, Notification
from vstb.org.models import Unit, UnitKind
from vstb.plans.models import Plan, PlanStatus, Section, Task
from vstb.reporting.models import Report, ReportStatus, Requirement

BENCH = "inbox"
GOAL_RATIO = 1.5
TODAY = date(2026, 5, 30)
TASKS_PER_PLAN = 20
NOTIFICATIONS = 5
# A requirement to every commune tells each of them: notify() against one raw bulk INSERT.
NOTIFY_CASE = "notify-fanout"
NOTIFY_GOAL_RATIO = 3.0


@dataclass(frozen=True)
class Scale:
    provinces: int
    communes: int


SCALES = {
    "small": Scale(provinces=3, communes=30),
    # After the 2025 reform: 34 provinces and 3,321 communes (Resolution 202/2025/QH15,
    # Resolutions 1654–1687/NQ-UBTVQH15 of the Standing Committee).
    "national": Scale(provinces=34, communes=3321),
}


@dataclass
class World:
    province_user: User
    commune_user: User
    units: int
    communes: object  # the communes, as a queryset


def build(scale: Scale, alias: str) -> World:
    batch = UnitBatch()
    nation = batch.add(UnitKind.NATION, "VN", "Việt Nam (thử tải)", None)
    provinces = [
        batch.add(UnitKind.PROVINCE, f"{p:02d}", f"Tỉnh Thử {p:02d}", nation)
        for p in range(1, scale.provinces + 1)
    ]
    communes_of = batch.spread(
        UnitKind.COMMUNE, provinces, scale.communes, "{:05d}", "Xã Thử {:05d}"
    )
    batch.save(alias)
    communes = [c for p in provinces for c in communes_of[p.pk]]

    users = User.objects.using(alias).bulk_create(
        [User(username=f"xa{c.pk}", full_name=f"Cán bộ {c.name}", password="!") for c in communes]
        + [
            User(username=f"tinh{p.pk}", full_name=f"Thư ký {p.name}", password="!")
            for p in provinces
        ],
        batch_size=2000,
    )
    commune_users, province_users = users[: len(communes)], users[len(communes) :]
    Role.objects.using(alias).bulk_create(
        [
            Role(user=u, kind=RoleKind.UNIT_OFFICER, unit_id=c.pk)
            for u, c in zip(commune_users, communes, strict=True)
        ]
        + [
            Role(user=u, kind=RoleKind.SECRETARIAT, unit_id=p.pk)
            for u, p in zip(province_users, provinces, strict=True)
        ],
        batch_size=2000,
    )

    plans = Plan.objects.using(alias).bulk_create(
        [
            Plan(
                unit_id=unit.pk,
                year=TODAY.year,
                subject=f"Thực hiện công tác bình đẳng giới năm {TODAY.year}",
                symbol="KH-UBND",
                status=PlanStatus.ISSUED,
                issued_on=date(TODAY.year, 1, 10),
            )
            for unit in [nation, *provinces]
        ]
    )
    sections = Section.objects.using(alias).bulk_create(
        [
            Section(
                plan=plan,
                order=i,
                label="-",
                kind="tasks",
                paragraphs=[f"Nhiệm vụ {i} của các đơn vị cấp dưới."],
            )
            for plan in plans
            for i in range(TASKS_PER_PLAN)
        ],
        batch_size=2000,
    )
    Task.objects.using(alias).bulk_create(
        [
            Task(
                plan_id=s.plan_id,
                section=s,
                addresses_all_lower_units=True,
                due=date(TODAY.year, 1, 31) + timedelta(days=17 * s.order),
            )
            for s in sections
        ],
        batch_size=2000,
    )
    plan_of = {plan.unit_id: plan for plan in plans}
    Plan.objects.using(alias).bulk_create(
        [
            Plan(unit_id=c.pk, year=TODAY.year, parent_plan=plan_of[c.parent_id])
            for c in communes[::2]
        ],
        batch_size=2000,
    )

    requirement = Requirement.objects.using(alias).create(
        unit_id=nation.pk,
        title=f"Báo cáo sơ kết 6 tháng {TODAY.year}",
        kind="six_month",
        period_rule="six_month",
        year=TODAY.year,
        window_start=date(TODAY.year - 1, 12, 15),
        window_end=date(TODAY.year, 6, 14),
        reporters="units",
        due_dates={"1": f"{TODAY.year}-06-05", "3": f"{TODAY.year}-05-25"},
    )
    states = [ReportStatus.SUBMITTED, ReportStatus.RETURNED]
    Report.objects.using(alias).bulk_create(
        [
            Report(
                requirement=requirement,
                unit_id=c.pk,
                receiver_id=c.parent_id,
                status=states[i % 3],
                returned_comment="Bổ sung số liệu." if i % 3 == 1 else "",
            )
            for i, c in enumerate(communes)
            if i % 3 < 2
        ],
        batch_size=2000,
    )
    Notification.objects.using(alias).bulk_create(
        [
            Notification(user=u, kind=Kind.TASK_DUE, title=f"Nhiệm vụ {n}", url="/")
            for u in users
            for n in range(NOTIFICATIONS)
        ],
        batch_size=2000,
    )
    province = provinces[len(provinces) // 2]
    return World(
        province_user=province_users[provinces.index(province)],
        commune_user=commune_users[communes.index(communes_of[province.pk][1])],
        units=len(batch.units),
        communes=Unit.objects.using(alias).filter(kind=UnitKind.COMMUNE),
    )


def hand_sql(alias: str, user_id: int, today: date) -> dict:
    """The same counts and rows as inbox_for, in hand-written SQL: the units the person
    manages, reports to review and returned, reports to send, the tasks due, parent plans not
    implemented, lower units missing, unread notifications."""
    limit = today + timedelta(days=14)
    with connections[alias].cursor() as cursor:

        def rows(sql, params):
            cursor.execute(sql, params)
            return cursor.fetchall()

        units = rows(
            "SELECT u.id, u.parent_id, u.path, u.level FROM accounts_role r "
            "JOIN org_unit u ON u.id = r.unit_id WHERE r.user_id = %s "
            "AND r.kind IN ('secretariat', 'unit_officer')",
            [user_id],
        )
        ids = [u[0] for u in units] or [0]
        marks = ",".join(["%s"] * len(ids))
        ancestors = sorted({int(p) for u in units for p in u[2].strip("/").split("/")}) or [0]
        amarks = ",".join(["%s"] * len(ancestors))
        parents = [u[1] or 0 for u in units]
        pmarks = ",".join(["%s"] * len(parents))
        result = {
            "review": rows(
                "SELECT r.id, q.title, u.name, r.submitted_at FROM reporting_report r "
                "JOIN reporting_requirement q ON q.id = r.requirement_id "
                "LEFT JOIN org_unit u ON u.id = r.unit_id "
                f"WHERE r.status = 'submitted' AND r.receiver_id IN ({marks})",
                ids,
            ),
            "returned": rows(
                "SELECT r.id, q.title, r.returned_comment FROM reporting_report r "
                "JOIN reporting_requirement q ON q.id = r.requirement_id "
                f"WHERE r.status = 'returned' AND r.unit_id IN ({marks})",
                ids,
            ),
            "to_send": rows(
                "SELECT q.id, q.title, q.due_dates FROM reporting_requirement q "
                f"WHERE q.unit_id IN ({amarks}) AND q.unit_id NOT IN ({marks}) "
                "AND q.year >= %s AND NOT EXISTS (SELECT 1 FROM reporting_report r "
                f"WHERE r.requirement_id = q.id AND r.unit_id IN ({marks}) "
                "AND r.status <> 'draft')",
                [*ancestors, *ids, today.year - 1, *ids],
            ),
            "tasks": rows(
                "SELECT t.id, t.due, s.paragraphs FROM plans_task t "
                "JOIN plans_plan p ON p.id = t.plan_id JOIN plans_section s ON s.id = t.section_id "
                "WHERE p.status = 'issued' AND t.status NOT IN ('done', 'cannot_do') "
                f"AND (p.unit_id IN ({marks}) OR (t.addresses_all_lower_units "
                f"AND p.unit_id IN ({pmarks})) OR EXISTS (SELECT 1 FROM plans_task_units tu "
                f"WHERE tu.task_id = t.id AND tu.unit_id IN ({marks}))) "
                "AND COALESCE(t.due, t.period_end) <= %s ORDER BY t.due",
                [*ids, *parents, *ids, limit],
            ),
            "not_cascaded": rows(
                "SELECT p.id, p.subject FROM plans_plan p WHERE p.status = 'issued' "
                f"AND p.unit_id IN ({pmarks}) AND EXISTS (SELECT 1 FROM plans_task t "
                "WHERE t.plan_id = p.id AND t.addresses_all_lower_units) AND NOT EXISTS "
                f"(SELECT 1 FROM plans_plan d WHERE d.parent_plan_id = p.id AND d.unit_id IN ({marks}))",
                [*parents, *ids],
            ),
            "missing": rows(
                "SELECT q.id, COUNT(c.id) - COUNT(r.id) FROM reporting_requirement q "
                "JOIN org_unit c ON c.parent_id IN (" + marks + ") "
                "LEFT JOIN reporting_report r ON r.requirement_id = q.id AND r.unit_id = c.id "
                "AND r.status IN ('submitted', 'accepted') "
                f"WHERE q.unit_id IN ({amarks}) AND q.year >= %s GROUP BY q.id",
                [*ids, *ancestors, today.year - 1],
            ),
            "unread": rows(
                "SELECT COUNT(*) FROM notifications_notification "
                "WHERE user_id = %s AND read_at IS NULL",
                [user_id],
            ),
            "latest": rows(
                "SELECT id, title, created_at FROM notifications_notification "
                "WHERE user_id = %s AND read_at IS NULL ORDER BY created_at DESC, id DESC "
                "LIMIT 5",
                [user_id],
            ),
        }
    return result


def _fanout(alias: str, communes) -> tuple:
    """The requirement-to-every-commune fan-out: what notify() does for it, and the same rows
    written by one raw bulk INSERT."""
    from vstb import access
    from vstb.notifications.services import notify

    title = f"Báo cáo sơ kết 6 tháng {TODAY.year} được yêu cầu"
    link = "/reporting/"

    def measured():
        audience = access.people_to_tell(communes, [], TODAY)
        return notify(audience, Kind.REQUIREMENT, title, link)

    audience = access.people_to_tell(communes, [], TODAY)
    model_rows = [
        Notification(user_id=user_id, kind=Kind.REQUIREMENT, title=title, url=link)
        for user_id in audience.people
    ]
    for row in model_rows:
        row.search_text = row.searchable_text()
    connection = connections[alias]
    fields = [f for f in Notification._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = (
        f"INSERT INTO {connection.ops.quote_name(Notification._meta.db_table)} "
        f"({columns}) VALUES ({placeholders})"
    )
    values = [
        [f.get_db_prep_save(f.pre_save(row, True), connection) for f in fields]
        for row in model_rows
    ]

    def baseline():
        # One statement for all rows, in one transaction, as bulk_create writes them.
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            cursor.executemany(sql, values)

    return measured, baseline, len(model_rows)


def run(scale: str, alias: str) -> Iterator[dict]:
    repetitions = REPETITIONS[scale]
    common = {"bench": BENCH, "scale": scale, "alias": alias}
    build_ms, world = elapsed_ms(lambda: build(SCALES[scale], alias))
    yield result(
        case="build",
        ms=build_ms,
        baseline_ms=None,
        goal_ratio=None,
        queries=None,
        rows=world.units,
        **common,
    )
    for case, user in [
        ("province-home", world.province_user),
        ("commune-home", world.commune_user),
    ]:
        inbox = inbox_for(user, TODAY)  # warms the person's grants, cached as in a request
        items = sum(
            len(b.to_review)
            + len(b.returned)
            + len(b.to_send)
            + len(b.not_cascaded)
            + len(b.missing)
            for b in inbox.blocks
        ) + len(inbox.tasks)
        ms, baseline_ms = compare(
            lambda user=user: inbox_for(user, TODAY),
            lambda user=user: hand_sql(alias, user.pk, TODAY),
            repetitions,
        )
        yield result(
            case=case,
            ms=ms,
            baseline_ms=baseline_ms,
            goal_ratio=GOAL_RATIO,
            queries=count_queries(lambda user=user: inbox_for(user, TODAY), alias),
            rows=items,
            **common,
        )
    measured, baseline, people = _fanout(alias, world.communes)
    ms, baseline_ms = compare(measured, baseline, repetitions)
    yield result(
        case=NOTIFY_CASE,
        ms=ms,
        baseline_ms=baseline_ms,
        goal_ratio=NOTIFY_GOAL_RATIO,
        queries=count_queries(measured, alias),
        rows=people,
        **common,
    )
