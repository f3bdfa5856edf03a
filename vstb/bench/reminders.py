"""`vstb bench reminders`: one day's reminders for 10,600 communes × 20 tasks.

Data: the national unit tree of `vstb bench tree` (63 provinces, 700 districts, 10,600
communes; small: 3, 12, 120), one issued plan per district whose 20 tasks each address every
lower unit ("UBND các xã"), so 10,600 × 20 = 212,000 task-unit pairs, and one unit officer
per commune. The tasks' deadlines cycle through five kinds, so four in five are due on
TODAY: 7 days ahead ("7d"), tomorrow ("1d"), 3 days overdue, 30 days ahead (not due), and a
period ending in 4 days ("7d").

Cases (docs/benchmarks.md):

- build (informational): bulk-create the tree, plans, tasks, users and roles.
- due-pairs: `send_reminders(TODAY, dry_run=True)`, the whole computation (what is due,
  who receives it, opt-outs, what was already sent, the e-mails composed) writing and
  sending nothing, against the bare SQL that selects the due (task, user) pairs: a
  hand-written UNION over the five ways a task reaches a user, through a raw cursor. Both
  must find the same pairs.
- due-pairs-sql: the recipients query the ORM generates, run through a raw cursor, against
  the same bare SQL: what our query's shape costs, without Django's per-row work.
- send-rolled-back (informational): the full run, recording the log and the notifications
  (bulk INSERTs, in batches) and sending through a dummy mail backend, inside a transaction
  that is rolled back. `queries` here counts the INSERT batches, which grow with the number
  of reminders (never one per user).
- due-pairs-2x-users: due-pairs again after a second officer is added to every commune.
  Its `queries` must equal due-pairs': the number of queries does not grow with users.
"""

import statistics
from collections.abc import Iterator
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.core.mail import get_connection
from django.db import connections, transaction

from vstb import access
from vstb.accounts.models import Role, RoleKind, User
from vstb.bench.common import (
    StatementCounter,
    analyze,
    compare,
    count_queries,
    elapsed_ms,
    reset_sequences,
    result,
)
from vstb.bench.tree import SCALES as TREE_SCALES
from vstb.bench.tree import build_tree
from vstb.notifications import reminders
from vstb.org.models import Level, Unit
from vstb.plans.models import Plan, PlanStatus, Section, SectionKind, Task, TaskStatus

BENCH = "reminders"
TODAY = date(2026, 11, 21)
TASKS_PER_PLAN = 20
# Both sides of a national repetition take seconds; the median of a few is steady enough.
REPETITIONS = {"small": 5, "national": 5}
WARMUP = 1
SEND_REPETITIONS = 3
# The dry run turns each due pair into a reminder, checks it against the opt-outs and the
# log, and writes it into its user's e-mail, about 5 µs a pair in Python; the bare SQL only
# returns the pair, about 1 µs (docs/benchmarks.md).
GOAL_RATIO = 8.0
# The ORM cannot write a CTE: its UNION repeats the due-task conditions in each of the five
# branches, where the hand-written query computes the due tasks and the roles in force once.
SQL_GOAL_RATIO = 2.0
# (due, period_end) offsets from TODAY by task number modulo 5; None is no date.
DEADLINES = [(7, None), (1, None), (-3, None), (30, None), (None, 4)]


def _day(offset: int | None) -> date | None:
    return None if offset is None else TODAY + timedelta(days=offset)


def build(scale: str, alias: str) -> int:
    """The tree, one issued plan per district with TASKS_PER_PLAN tasks for every lower unit,
    and one officer per commune; returns the number of task-unit pairs."""
    build_tree(TREE_SCALES[scale], alias)
    districts = list(Unit.objects.using(alias).filter(level=Level.DISTRICT).order_by("pk"))
    # Benchmark data is written as it would be once issued: plans are created issued (the
    # number register and Plan.issue() are measured by `vstb bench cascade`).
    plans = [
        Plan(
            id=n,
            unit=district,
            year=TODAY.year,
            number=1,
            register_year=TODAY.year,
            symbol="KH-UBND",
            issued_on=date(TODAY.year, 1, 15),
            subject=f"Kế hoạch thử nghiệm {district.name}",
            status=PlanStatus.ISSUED,
        )
        for n, district in enumerate(districts, start=1)
    ]
    Plan.objects.using(alias).bulk_create(plans, batch_size=2000)
    sections, tasks = [], []
    for plan in plans:
        for k in range(TASKS_PER_PLAN):
            pk = (plan.pk - 1) * TASKS_PER_PLAN + k + 1
            text = (
                f"Ủy ban nhân dân các xã tổ chức hoạt động số {k + 1} về bình đẳng giới và "
                "phòng, chống bạo lực gia đình, báo cáo kết quả về huyện đúng hạn."
            )
            sections.append(
                Section(
                    id=pk, plan=plan, order=k, label="-", kind=SectionKind.TASKS, paragraphs=[text]
                )
            )
            due, period_end = DEADLINES[k % len(DEADLINES)]
            tasks.append(
                Task(
                    id=pk,
                    plan=plan,
                    # The object, not its id: bulk_create writes the task's search text from it.
                    section=sections[-1],
                    addresses_all_lower_units=True,
                    due=_day(due),
                    period_end=_day(period_end),
                    status=TaskStatus.NOT_STARTED,
                )
            )
    Section.objects.using(alias).bulk_create(sections, batch_size=2000)
    Task.objects.using(alias).bulk_create(tasks, batch_size=2000)
    reset_sequences(alias, [Plan, Section, Task])
    add_officers(alias, "a")
    communes = Unit.objects.using(alias).filter(level=Level.COMMUNE).count()
    return communes * TASKS_PER_PLAN


def add_officers(alias: str, series: str) -> int:
    """One more unit officer in every commune."""
    communes = list(
        Unit.objects.using(alias).filter(level=Level.COMMUNE).values_list("pk", flat=True)
    )
    password = make_password(None)  # unusable: nobody logs in to the benchmark database
    users = User.objects.using(alias).bulk_create(
        [
            User(
                username=f"bench_officer_{series}_{pk}",
                email=f"can-bo-{series}-{pk}@xa.thu.vn",
                password=password,
                full_name=f"Cán bộ xã {pk}",
            )
            for pk in communes
        ],
        batch_size=2000,
    )
    Role.objects.using(alias).bulk_create(
        [
            Role(user_id=user.pk, kind=RoleKind.UNIT_OFFICER, unit_id=pk)
            for user, pk in zip(users, communes, strict=True)
        ],
        batch_size=2000,
    )
    return len(users)


def due_pairs_sql(connection) -> tuple[str, list]:
    """The bare SQL: every (task, user) pair due TODAY, as one would write it by hand."""
    q = connection.ops.quote_name
    task, plan, unit = q(Task._meta.db_table), q(Plan._meta.db_table), q(Unit._meta.db_table)
    role, user = q(Role._meta.db_table), q(User._meta.db_table)
    support = q(Task.support.through._meta.db_table)
    addressed = q(Task.units.through._meta.db_table)
    horizon = TODAY + timedelta(days=max(reminders.DEFAULT_DAYS_BEFORE))
    focal, managers = "r.kind = %s", "r.kind IN (%s, %s)"
    sql = f"""
        WITH due AS (
            SELECT t.id, t.lead_id, t.addresses_all_lower_units AS all_lower, p.unit_id
            FROM {task} t JOIN {plan} p ON p.id = t.plan_id
            WHERE p.status = %s AND t.status NOT IN (%s, %s)
              AND COALESCE(t.due, t.period_end) <= %s
        ), r AS (
            SELECT r.user_id, r.kind, r.unit_id, r.agency_id
            FROM {role} r JOIN {user} u ON u.id = r.user_id
            WHERE u.is_active = %s
              AND (r.valid_from IS NULL OR r.valid_from <= %s)
              AND (r.valid_to IS NULL OR r.valid_to > %s)
        )
        SELECT d.id, r.user_id FROM due d JOIN r ON r.agency_id = d.lead_id AND {focal}
        UNION SELECT d.id, r.user_id FROM due d
            JOIN {support} s ON s.task_id = d.id JOIN r ON r.agency_id = s.agency_id AND {focal}
        UNION SELECT d.id, r.user_id FROM due d JOIN r ON r.unit_id = d.unit_id AND {managers}
        UNION SELECT d.id, r.user_id FROM due d
            JOIN {addressed} a ON a.task_id = d.id JOIN r ON r.unit_id = a.unit_id AND {managers}
        UNION SELECT d.id, r.user_id FROM due d
            JOIN {unit} c ON c.parent_id = d.unit_id JOIN r ON r.unit_id = c.id AND {managers}
            WHERE d.all_lower = %s
    """
    params = [PlanStatus.ISSUED, TaskStatus.DONE, TaskStatus.CANNOT_DO, horizon]
    params += [True, TODAY, TODAY]
    params += [RoleKind.FOCAL_POINT, RoleKind.FOCAL_POINT, *access.MANAGER_KINDS]
    params += [*access.MANAGER_KINDS, *access.MANAGER_KINDS, True]
    return sql, params


def run(scale: str, alias: str) -> Iterator[dict]:
    connection = connections[alias]
    repetitions = REPETITIONS[scale]
    common = {"bench": BENCH, "scale": scale, "alias": alias}

    counter = StatementCounter()
    with connection.execute_wrapper(counter):
        build_ms, pairs = elapsed_ms(lambda: build(scale, alias))
    yield result(
        case="build",
        ms=build_ms,
        baseline_ms=None,
        goal_ratio=None,
        queries=counter.count,
        rows=pairs,
        **common,
    )

    analyze(alias)
    baseline_sql, baseline_params = due_pairs_sql(connection)

    def baseline():
        with connection.cursor() as cursor:
            cursor.execute(baseline_sql, baseline_params)
            return cursor.fetchall()

    def dry_run():
        return reminders.send_reminders(TODAY, dry_run=True)

    yield _dry_run_case("due-pairs", dry_run, baseline, repetitions, common)
    yield _sql_case(connection, baseline, repetitions, common)
    yield _rolled_back_case(alias, common)
    add_officers(alias, "b")
    analyze(alias)
    yield _dry_run_case("due-pairs-2x-users", dry_run, baseline, repetitions, common)


def _task_pairs(found: list) -> list[tuple[int, int]]:
    return sorted((r.object_id, r.user_id) for r in found if r.kind in reminders.TASK_KINDS)


def _dry_run_case(case: str, dry_run, baseline, repetitions: int, common: dict) -> dict:
    found, _emails = reminders.collect(TODAY)
    got, expected = _task_pairs(found), sorted(baseline())
    if got != expected:
        raise RuntimeError(
            f"{case}: the dry run found {len(got)} pairs, the bare SQL {len(expected)}"
        )
    queries = count_queries(dry_run)
    ms, baseline_ms = compare(dry_run, baseline, repetitions, warmup=WARMUP)
    return result(
        case=case,
        ms=ms,
        baseline_ms=baseline_ms,
        goal_ratio=GOAL_RATIO,
        queries=queries,
        rows=len(got),
        **common,
    )


def _sql_case(connection, baseline, repetitions: int, common: dict) -> dict:
    horizon = TODAY + timedelta(days=max(reminders.DEFAULT_DAYS_BEFORE))
    queryset = access.task_recipients(reminders.open_tasks_until(horizon), TODAY)
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()

    def generated():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    got = sorted((task, user) for task, user, _email in generated())
    if got != sorted(baseline()):
        raise RuntimeError("due-pairs-sql: the generated SQL and the bare SQL differ")
    ms, baseline_ms = compare(generated, baseline, repetitions, warmup=WARMUP)
    return result(
        case="due-pairs-sql",
        ms=ms,
        baseline_ms=baseline_ms,
        goal_ratio=SQL_GOAL_RATIO,
        queries=1,
        rows=len(got),
        **common,
    )


class _RollBack(Exception):
    pass


def _rolled_back_case(alias: str, common: dict) -> dict:
    mail = get_connection("django.core.mail.backends.dummy.EmailBackend")
    summaries = []

    def send():
        try:
            with transaction.atomic(using=alias):
                summaries.append(reminders.send_reminders(TODAY, connection=mail))
                raise _RollBack
        except _RollBack:
            pass

    queries = count_queries(send)  # also the warm-up
    times = [elapsed_ms(send)[0] for _ in range(SEND_REPETITIONS)]
    return result(
        case="send-rolled-back",
        ms=statistics.median(times),
        baseline_ms=None,
        goal_ratio=None,
        queries=queries,
        rows=summaries[-1].notifications,
        **common,
    )
