"""`vstb bench cascade`: an issued province plan taken up by each of its lower units.

Data: a province with SCALES[scale].units lower units (districts), each with its People's
Committee (Agency kind "ubnd"); an issued province plan, saved through `plan_from_json` and
`Plan.issue()`, whose body has `tasks_all` tasks addressed to every lower unit ("UBND các
huyện, thị xã, thành phố"), `tasks_specific` tasks each addressed by name to every
`tasks_specific`-th unit (so each unit gets exactly one of them) and `tasks_province` tasks
for provincial agencies only, interleaved. Each lower unit therefore takes up
`tasks_all + 1` tasks.

Case province-to-100-units: `services.cascade(parent, unit, user)` for every lower unit, one
call (one transaction) each, as the plan page does it, against the bare SQL doing the same
work through a raw cursor, one transaction per unit: read whether the unit already has a
plan, its People's Committee, its committee's chair, the parent's sections and the addressed
parent tasks (5 SELECTs), then insert the plan and its reference (2 INSERTs), the copied
headings and items (one `executemany` per depth, each row finding its parent by order) and
the tasks, each copied from its parent row by INSERT … SELECT (one `executemany`). The body's
shape comes from the same function on both sides (`services.copied_structure`). Both sides
must create the same rows (every column but ids and timestamps, compared untimed).
`ms` is the whole loop; `queries` is one unit's cascade; `rows` the tasks created by the
loop. Every repetition starts from the same state: the plans made by the previous one are
deleted, untimed.

How `queries` grows with the tasks a unit takes up is measured on extra parent plans and
printed on stderr (docs/benchmarks.md).
"""

import json
import statistics
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from django.db import connections, transaction
from django.db.models import NOT_PROVIDED
from django.utils import timezone

from vstb.accounts.models import Role, RoleKind, User
from vstb.bench.common import UnitBatch, count_queries, elapsed_ms, result, transactions_on
from vstb.bench.render import sentence
from vstb.lib.search import search_text
from vstb.org.models import Agency, AgencyKind, Committee, Membership, Position, Unit, UnitKind
from vstb.plans.models import (
    ISSUER_CODE,
    IssuerBody,
    Plan,
    Reference,
    Section,
    Task,
)
from vstb.plans.services import (
    DASH,
    _implementing_sentence,
    cascade,
    copied_structure,
    derived_subject,
    issuer_of,
    plan_from_json,
    signer_lines_of,
)

BENCH = "cascade"
# Fewer repetitions than the query benchmarks: one side of a national repetition is a
# hundred transactions and a few thousand statements.
REPETITIONS = {"small": 3, "national": 7}
WARMUP = 1
# With sections and tasks written by bulk_create, cascade() runs as many statements as the
# baseline (10 against 8 per unit, BEGIN and COMMIT included) and what remains is Django's
# cost of building two model instances per task: 2.2–2.7 times the bare SQL on PostgreSQL
# and 3.2–4.1 on SQLite, measured with that change. A create() per section and per task and
# a query per task for the lead (3 statements a task, today) is 6–14 times
# (docs/benchmarks.md).
GOAL_RATIO = 5.0
ISSUED_ON = date(2026, 1, 15)
ALL_LOWER_UNITS = "UBND các huyện, thị xã, thành phố"
PROVINCE_AGENCY = "Sở Lao động - Thương binh và Xã hội"
ITEMS_PER_SECTION = 5


@dataclass(frozen=True)
class Scale:
    units: int  # lower units (districts) of the province
    tasks_all: int  # parent tasks addressed to every lower unit
    tasks_specific: int  # parent tasks, task k addressed to the units i with i % n == k
    tasks_province: int  # parent tasks for provincial agencies only: not taken up

    @property
    def tasks(self) -> int:
        return self.tasks_all + self.tasks_specific + self.tasks_province

    @property
    def tasks_per_unit(self) -> int:
        return self.tasks_all + (1 if self.tasks_specific else 0)

    @property
    def created_tasks(self) -> int:
        return self.units * self.tasks_per_unit

    @property
    def created_sections(self) -> int:
        # Each unit's plan: the heading "I. NHIỆM VỤ VÀ GIẢI PHÁP", the numbered groups that
        # hold a task it takes up, and one "-" section per task.
        kinds = _task_kinds(self)
        total = 0
        for unit in range(self.units):
            taken = [
                n
                for n, (kind, i) in enumerate(kinds)
                if kind == "all" or (kind == "specific" and unit % self.tasks_specific == i)
            ]
            total += 1 + len({n // ITEMS_PER_SECTION for n in taken}) + len(taken)
        return total


SCALES = {
    "small": Scale(units=10, tasks_all=4, tasks_specific=2, tasks_province=2),
    "national": Scale(units=100, tasks_all=20, tasks_specific=10, tasks_province=10),
}


# Data --------------------------------------------------------------------------------------


@dataclass
class Province:
    unit: Unit
    lower: list[Unit]
    user: User


def build_province(scale: Scale, alias: str) -> Province:
    """The root, one province and its lower units (bulk, with ids and paths assigned here, as
    in tree.build_tree), a People's Committee per lower unit and a provincial secretariat."""
    batch = UnitBatch()
    unit = batch.add

    root = unit(UnitKind.NATION, "VN", "Việt Nam (thử tải)", None)
    province = unit(UnitKind.PROVINCE, "99", "Tỉnh Thử Nghiệm", root)
    lower = [
        unit(UnitKind.RURAL_DISTRICT, f"{i + 1:03d}", f"Huyện Thử {i + 1:03d}", province)
        for i in range(scale.units)
    ]
    batch.save(alias)
    Committee.objects.using(alias).create(unit=province, name="Ban VSTBPN Tỉnh Thử Nghiệm")
    Agency.objects.using(alias).bulk_create(
        [
            Agency(unit=province, name="Văn phòng UBND tỉnh", kind=AgencyKind.PEOPLES_COMMITTEE),
            Agency(unit=province, name=PROVINCE_AGENCY, kind=AgencyKind.LABOUR_SOCIAL),
        ]
        + [
            Agency(
                unit=u,
                name=f"Ủy ban nhân dân {u.name}",
                short_name="UBND",
                kind=AgencyKind.PEOPLES_COMMITTEE,
            )
            for u in lower
        ]
    )
    user = User(username="bench_province_secretariat", full_name="Thư ký Tỉnh Thử")
    user.set_unusable_password()
    user.save(using=alias)
    Role.objects.using(alias).create(user=user, kind=RoleKind.SECRETARIAT, unit=province)
    return Province(unit=province, lower=lower, user=user)


def _task_kinds(scale: Scale) -> list[tuple[str, int]]:
    """(kind, index within kind) for each task in body order, the kinds spread evenly."""
    counts = {"all": scale.tasks_all, "specific": scale.tasks_specific}
    counts["province"] = scale.tasks_province
    keyed = [
        ((i + 0.5) / count, order, kind, i)
        for order, (kind, count) in enumerate(counts.items())
        for i in range(count)
    ]
    return [(kind, i) for _, _, kind, i in sorted(keyed)]


def plan_document(scale: Scale, lower: list[Unit], subject: str) -> dict:
    """The province plan as a vstb.plan/1 dict: purposes, then the tasks as "-" items of
    numbered sections, then the implementation arrangements."""
    items, tasks = [], []
    for n, (kind, i) in enumerate(_task_kinds(scale)):
        text = sentence(n)
        items.append({"label": DASH, "kind": "tasks", "paragraphs": [text]})
        if kind == "all":
            units, lead = [ALL_LOWER_UNITS], []
        elif kind == "specific":
            units = [u.name for k, u in enumerate(lower) if k % scale.tasks_specific == i]
            lead = []
        else:
            units, lead = [], [PROVINCE_AGENCY]
        section, item = divmod(n, ITEMS_PER_SECTION)
        tasks.append(
            {
                "path": f"II.{section + 1}.-{item + 1}",
                "text": text,
                "lead": lead,
                "support": [],
                "units": units,
                "due": "2026-06-30" if n % 3 == 0 else None,
                "period": {"start": "2026-11-15", "end": "2026-12-15"} if n % 3 == 1 else None,
            }
        )
    numbered = [
        {
            "label": str(s + 1),
            "title": f"Nhóm nhiệm vụ {s + 1}",
            "kind": "tasks",
            "children": items[s * ITEMS_PER_SECTION : (s + 1) * ITEMS_PER_SECTION],
        }
        for s in range((len(items) + ITEMS_PER_SECTION - 1) // ITEMS_PER_SECTION)
    ]
    return {
        "schema": "vstb.plan/1",
        "doc_type": "KH",
        "symbol": "KH-UBND",
        "issuer": {"parent": None, "name": "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM"},
        "place": "Thử Nghiệm",
        "title": "KẾ HOẠCH",
        "subject": subject,
        "year": ISSUED_ON.year,
        "preamble": ["Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"],
        "sections": [
            {
                "label": "I",
                "title": "MỤC ĐÍCH, YÊU CẦU",
                "kind": "purpose",
                "paragraphs": [sentence(1000), sentence(1001)],
            },
            {
                "label": "II",
                "title": "NHIỆM VỤ VÀ GIẢI PHÁP",
                "kind": "tasks",
                "children": numbered,
            },
            {
                "label": "III",
                "title": "TỔ CHỨC THỰC HIỆN",
                "kind": "implementation",
                "paragraphs": [sentence(1002)],
            },
        ],
        "tasks": tasks,
        "recipients": ["UBND các huyện, thị xã, thành phố", "Lưu: VT"],
        "signer": {"lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "name": "Nguyễn Văn Thử"},
    }


def issued_plan(scale: Scale, province: Province, subject: str) -> Plan:
    """The province plan saved as any imported plan is, then issued; checked to address the
    lower units as the scale says."""
    document = plan_document(scale, province.lower, subject)
    parent = plan_from_json(document, province.unit, province.user)
    parent.issue(on=ISSUED_ON)
    # Themes are not in vstb.plan/1; give the tasks some, so that copying them is measured.
    Task.objects.filter(plan=parent).update(themes=["communication", "coordination"])
    addressed_all = parent.tasks.filter(addresses_all_lower_units=True).count()
    addressed_by_name = Task.units.through.objects.filter(task__plan=parent).count()
    expected_by_name = scale.units if scale.tasks_specific else 0
    if (
        parent.tasks.count() != scale.tasks
        or addressed_all != scale.tasks_all
        or addressed_by_name != expected_by_name
    ):
        raise RuntimeError(
            f"the parent plan has {parent.tasks.count()} tasks, {addressed_all} for every "
            f"lower unit and {addressed_by_name} unit links; expected {scale.tasks}, "
            f"{scale.tasks_all} and {expected_by_name}"
        )
    return Plan.objects.select_related("unit").get(pk=parent.pk)


# What a cascade made -----------------------------------------------------------------------


def created(alias: str) -> dict[str, int]:
    """How many derived plans, references, sections and tasks the bench database holds."""
    plans = Plan.objects.using(alias).filter(parent_plan__isnull=False)
    return {
        "plans": plans.count(),
        "references": Reference.objects.using(alias).filter(plan__in=plans).count(),
        "sections": Section.objects.using(alias).filter(plan__in=plans).count(),
        "tasks": Task.objects.using(alias).filter(plan__in=plans).count(),
    }


def snapshot(alias: str) -> list:
    """Every column the derived plans, references, sections and tasks hold, but their ids
    (and the plan's timestamps): rows point to their plan by its unit and to a section by its
    order, so that the rows the ORM made and those the bare SQL made compare equal when
    they say the same. Columns added to these models later are compared too."""
    plans = Plan.objects.using(alias).filter(parent_plan__isnull=False)

    def rows(queryset, model, skip: set[str], keys: list[str]) -> list:
        names = keys + [
            f.attname
            for f in model._meta.concrete_fields
            if not f.primary_key and f.attname not in skip
        ]
        return sorted(queryset.values_list(*names), key=repr)

    return [
        rows(plans, Plan, {"created_at", "updated_at"}, []),
        rows(
            Reference.objects.using(alias).filter(plan__in=plans),
            Reference,
            {"plan_id"},
            ["plan__unit_id"],
        ),
        rows(
            Section.objects.using(alias).filter(plan__in=plans),
            Section,
            {"plan_id", "parent_id"},
            ["plan__unit_id", "parent__order"],
        ),
        rows(
            Task.objects.using(alias).filter(plan__in=plans),
            Task,
            {"plan_id", "section_id", "updated_at"},
            ["plan__unit_id", "section__order"],
        ),
    ]


def reset(alias: str) -> None:
    """Back to the state before any cascade: delete every derived plan (and with it its
    references, sections and tasks)."""
    Plan.objects.using(alias).filter(parent_plan__isnull=False).delete()


# The baseline ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    """A parent section or task read by the bare SQL, with the attributes
    `copied_structure()` reads."""

    pk: int
    parent_id: int | None = None
    label: str = ""
    title: str = ""
    kind: str = ""
    paragraphs: tuple[str, ...] = ()
    section: "_Row | None" = None
    text: str = ""


class BareCascade:
    """cascade() for one unit as bare SQL through a raw cursor, in one transaction: 5 SELECTs
    (an existing plan, the unit's People's Committee, its committee and chair, the parent's
    sections and the tasks addressing the unit), 2 INSERTs (the plan and its reference) and
    one executemany per depth of the body and one for the tasks.

    The body's shape is decided by the same function as cascade()'s (`copied_structure`), on
    plain rows: what is measured against is the SQL, not a second copy of the rules. The SQL
    names the columns a cascade decides; every other column gets its model default, bound as
    a parameter (so a column added later needs no change here).
    """

    def __init__(self, parent: Plan, user: User, alias: str):
        self.parent, self.user, self.alias = parent, user, alias
        self.connection = connections[alias]
        q = self.connection.ops.quote_name
        plan, reference, section, task = (
            q(m._meta.db_table) for m in (Plan, Reference, Section, Task)
        )
        agency, task_units = q(Agency._meta.db_table), q(Task.units.through._meta.db_table)
        committee, membership = q(Committee._meta.db_table), q(Membership._meta.db_table)
        order, end = q("order"), q("end")
        self.existing_sql = (
            f"SELECT 1 FROM {plan} WHERE unit_id = %s AND parent_plan_id = %s LIMIT 1"
        )
        self.lead_sql = (
            f"SELECT id FROM {agency} WHERE unit_id = %s AND kind = %s ORDER BY name, id LIMIT 1"
        )
        self.committee_sql = (
            f"SELECT c.name, m.full_name, m.job_title FROM {committee} c "
            f"LEFT JOIN {membership} m ON m.committee_id = c.id AND m.position = %s "
            f"AND m.start <= %s AND (m.{end} IS NULL OR m.{end} >= %s) "
            "WHERE c.unit_id = %s ORDER BY m.start, m.id LIMIT 1"
        )
        self.sections_sql = (
            f"SELECT id, parent_id, label, title, kind, paragraphs FROM {section} "
            f"WHERE plan_id = %s ORDER BY {order}"
        )
        # A task addresses the unit by name (one task_units row at most) or addresses all.
        self.tasks_sql = (
            f"SELECT t.id, t.paragraph, t.section_id FROM {task} t "
            f"JOIN {section} s ON s.id = t.section_id "
            f"LEFT JOIN {task_units} tu ON tu.task_id = t.id AND tu.unit_id = %s "
            f"WHERE t.plan_id = %s AND (t.addresses_all_lower_units = %s "
            f"OR tu.unit_id IS NOT NULL) ORDER BY s.{order}, t.paragraph"
        )
        plan_columns = (
            "unit_id, kind, issuer_body, issuer_parent, issuer_name, year, symbol, place, "
            "subject, preamble, recipients, signer_lines, signer_name, parent_plan_id, "
            "created_by_id, created_at, updated_at, search_text"
        )
        self.plan_sql, self.plan_rest = self._insert(Plan, plan_columns, "RETURNING id")
        self.reference_sql, self.reference_rest = self._insert(
            Reference, "plan_id, text, doc_type, number, symbol, date, issuer, linked_plan_id"
        )
        # A section's parent is found by its order, as a task's section is.
        rest, self.section_rest = self._rest(
            Section, "plan_id, parent_id, order, label, title, kind, paragraphs"
        )
        self.section_sql = (
            f"INSERT INTO {section} ({rest}plan_id, parent_id, {order}, label, title, kind, "
            f"paragraphs) VALUES ({'%s, ' * len(self.section_rest)}%s, "
            f"(SELECT id FROM {section} WHERE plan_id = %s AND {order} = %s), "
            "%s, %s, %s, %s, %s)"
        )
        # Each task is copied from its parent task's row; its section is found by order.
        copied = "due, period_start, period_end, themes, parent_task_id"
        rest, self.task_rest = self._rest(
            Task, f"section_id, plan_id, lead_id, search_text, {copied}"
        )
        self.task_sql = (
            f"INSERT INTO {task} (section_id, plan_id, lead_id, search_text, {rest}{copied}) "
            f"SELECT (SELECT id FROM {section} WHERE plan_id = %s AND {order} = %s), %s, %s, %s, "
            f"{'%s, ' * len(self.task_rest)}p.due, p.period_start, p.period_end, p.themes, p.id "
            f"FROM {task} p WHERE p.id = %s"
        )
        self.symbol = f"{parent.kind}-{ISSUER_CODE[IssuerBody.PEOPLES_COMMITTEE]}"
        self.issuer = issuer_of(parent)
        self.above = [*parent.unit.ancestors(), parent.unit]
        self.date = self.connection.ops.adapt_datefield_value(parent.issued_on)

    def _rest(self, model, written: str) -> tuple[str, list]:
        """The other columns of `model` ("a, b, " or ""), and their defaults as parameters."""
        named = {name.strip() for name in written.split(",")}
        # A column with a database default (updated_at) is left to the database.
        fields = [
            f
            for f in model._meta.concrete_fields
            if not f.primary_key and f.column not in named and f.db_default is NOT_PROVIDED
        ]
        columns = "".join(f"{self.connection.ops.quote_name(f.column)}, " for f in fields)
        values = [f.get_db_prep_save(f.get_default(), self.connection) for f in fields]
        return columns, values

    def _insert(self, model, written: str, returning: str = "") -> tuple[str, list]:
        """INSERT INTO model (written…, the other columns…) VALUES (%s…): the SQL, and the
        other columns' default values, to follow the written ones' parameters."""
        rest, values = self._rest(model, written)
        q = self.connection.ops.quote_name
        columns = ", ".join(q(name.strip()) for name in written.split(","))
        count = written.count(",") + 1 + len(values)
        placeholders = ", ".join(["%s"] * count)
        table = q(model._meta.db_table)
        sql = f"INSERT INTO {table} ({rest}{columns}) VALUES ({placeholders}) {returning}"
        return sql.strip(), values

    def _body(self, cursor, unit: Unit) -> tuple[list, list]:
        """The levels and items of the unit's body, from the parent's sections and the
        tasks addressing the unit."""
        cursor.execute(self.sections_sql, [self.parent.pk])
        sections = {}
        for pk, parent_id, label, title, kind, paragraphs in cursor.fetchall():
            if isinstance(paragraphs, str):
                paragraphs = json.loads(paragraphs)
            sections[pk] = _Row(pk, parent_id, label, title, kind, tuple(paragraphs))
        cursor.execute(self.tasks_sql, [unit.pk, self.parent.pk, True])
        tasks = []
        for pk, paragraph, section_id in cursor.fetchall():
            home = sections[section_id]
            text = home.paragraphs[paragraph] if paragraph < len(home.paragraphs) else home.title
            tasks.append(_Row(pk, section=home, text=text))
        levels, items = copied_structure(list(sections.values()), tasks)
        return levels, list(zip(items, tasks, strict=True))

    def __call__(self, unit: Unit) -> None:
        parent, ops = self.parent, self.connection.ops
        implementing = _implementing_sentence(parent, unit)
        today = timezone.localdate()
        now = ops.adapt_datetimefield_value(timezone.now())
        subject = derived_subject(parent.subject, self.above, unit)
        place = unit.place_name
        with transaction.atomic(using=self.alias), self.connection.cursor() as cursor:
            cursor.execute(self.existing_sql, [unit.pk, parent.pk])
            if cursor.fetchone():
                raise RuntimeError(f"{unit} already has a plan implementing this one")
            cursor.execute(self.lead_sql, [unit.pk, AgencyKind.PEOPLES_COMMITTEE])
            lead = cursor.fetchone()
            lead_id = lead[0] if lead else None
            cursor.execute(self.committee_sql, [Position.CHAIR, today, today, unit.pk])
            committee = cursor.fetchone()
            recipients = [self.issuer]
            if committee:
                recipients.append(f"Thành viên {committee[0]}")
            recipients.append("Lưu: VT")
            lines, name = signer_lines_of(
                (committee and committee[1]) or "", (committee and committee[2]) or ""
            )
            levels, items = self._body(cursor, unit)
            cursor.execute(
                self.plan_sql,
                [
                    *self.plan_rest,
                    unit.pk, parent.kind, IssuerBody.PEOPLES_COMMITTEE, "",
                    unit.peoples_committee.upper(), parent.year, self.symbol, place, subject,
                    json.dumps([implementing]), json.dumps(recipients), json.dumps(lines), name,
                    parent.pk, self.user.pk, now, now, search_text(subject, self.symbol, place),
                ],
            )  # fmt: skip
            plan_id = cursor.fetchone()[0]
            cursor.execute(
                self.reference_sql,
                [
                    *self.reference_rest,
                    plan_id, implementing, parent.kind, parent.number_text or "",
                    parent.symbol, self.date, self.issuer, parent.pk,
                ],
            )  # fmt: skip
            for level in levels:
                cursor.executemany(
                    self.section_sql,
                    [
                        [
                            *self.section_rest,
                            plan_id,
                            plan_id,
                            copy.parent_copy.order if copy.parent_copy else None,
                            copy.order,
                            copy.label,
                            copy.title,
                            copy.kind,
                            json.dumps(copy.paragraphs),
                        ]  # fmt: skip
                        for copy in level
                    ],
                )
            cursor.executemany(
                self.task_sql,
                [
                    [
                        plan_id,
                        item.order,
                        plan_id,
                        lead_id,
                        search_text(item.paragraphs[0]),
                        *self.task_rest,
                        task.pk,
                    ]  # fmt: skip
                    for item, task in items
                ],
            )


# The run -----------------------------------------------------------------------------------


def compare_from_same_state(
    measured: Callable[[], object],
    baseline: Callable[[], object],
    reset_state: Callable[[], object],
    repetitions: int,
    warmup: int = WARMUP,
) -> tuple[float, float]:
    """common.compare() with `reset_state()` run, untimed, after every run of either side."""
    times: dict[Callable, list[float]] = {measured: [], baseline: []}
    for _ in range(warmup):
        for fn in (measured, baseline):
            fn()
            reset_state()
    for i in range(repetitions):
        for fn in (measured, baseline) if i % 2 == 0 else (baseline, measured):
            times[fn].append(elapsed_ms(fn)[0])
            reset_state()
    return statistics.median(times[measured]), statistics.median(times[baseline])


def run(scale: str, alias: str) -> Iterator[dict]:
    with transactions_on(alias):
        yield from _run(scale, alias)


def _run(scale: str, alias: str) -> Iterator[dict]:
    size = SCALES[scale]
    province = build_province(size, alias)
    parent = issued_plan(size, province, "Thực hiện công tác bình đẳng giới năm 2026")
    user, lower = province.user, province.lower

    def measured():
        for unit in lower:
            cascade(parent, unit, user)

    bare = BareCascade(parent, user, alias)

    def baseline():
        for unit in lower:
            bare(unit)

    # Both sides must make the same rows, as many as the scale says.
    measured()
    made = created(alias)
    expected = {
        "plans": size.units,
        "references": size.units,
        "sections": size.created_sections,
        "tasks": size.created_tasks,
    }
    if made != expected:
        raise RuntimeError(f"{BENCH}: cascade() made {made}, expected {expected}")
    rows = snapshot(alias)
    reset(alias)
    baseline()
    if snapshot(alias) != rows:
        raise RuntimeError(f"{BENCH}: the bare SQL did not make the rows cascade() made")
    reset(alias)

    queries = count_queries(lambda: cascade(parent, lower[0], user), alias)
    reset(alias)
    _report_query_growth(size, province, parent, queries, alias)

    ms, baseline_ms = compare_from_same_state(
        measured, baseline, lambda: reset(alias), REPETITIONS[scale]
    )
    yield result(
        bench=BENCH,
        case=f"province-to-{size.units}-units",
        scale=scale,
        alias=alias,
        ms=ms,
        baseline_ms=baseline_ms,
        goal_ratio=GOAL_RATIO,
        queries=queries,
        rows=size.created_tasks,
    )


def query_growth(size: Scale, province: Province, parent: Plan, queries: int, alias: str):
    """[(tasks taken up, queries of one unit's cascade)] for parent plans addressing every
    lower unit with 1 and tasks_all // 2 tasks, and the benchmark's own parent plan."""
    points = []
    for count in sorted({1, max(size.tasks_all // 2, 1)}):
        smaller = Scale(units=size.units, tasks_all=count, tasks_specific=0, tasks_province=0)
        other = issued_plan(smaller, province, f"Kế hoạch thử {count} nhiệm vụ")
        unit = province.lower[0]
        points.append((count, count_queries(lambda o=other, u=unit: cascade(o, u), alias)))
        reset(alias)
    points.append((size.tasks_per_unit, queries))
    return points


def _report_query_growth(size, province, parent, queries, alias) -> None:
    points = query_growth(size, province, parent, queries, alias)
    (first_tasks, first_queries), (last_tasks, last_queries) = points[0], points[-1]
    per_task = (last_queries - first_queries) / (last_tasks - first_tasks)
    fixed = first_queries - per_task * first_tasks
    linear = all(abs(q - (fixed + per_task * t)) < 0.5 for t, q in points)
    if all(q <= first_queries for _, q in points):
        shape = "does not grow with the tasks taken up"
    elif linear:
        shape = f"{per_task:g} per task + {fixed:g}, linear"
    else:
        shape = "grows, not linearly, with the tasks taken up"
    print(
        f"{BENCH}: queries of one unit's cascade by tasks taken up: "
        + ", ".join(f"{t} → {q}" for t, q in points)
        + f" ({shape})",
        file=sys.stderr,
    )
