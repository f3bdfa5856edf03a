"""`vstb bench tree`: subtree queries on the unit tree at national scale.

Data: one national root, its provinces, districts and communes (SCALES), and one Committee
per unit; a district secretariat user. Cases:

- build (informational): the time to bulk-create that tree and its committees.
- province-subtree: `Unit.objects.filter(path__under=province.path)`, evaluated, against
  the bare prefix query through a raw cursor (LIKE 'p%' on PostgreSQL, GLOB 'p*' on SQLite).
- visible-to-district-user: `Committee.objects.filter(access.unit_filter(user, "unit"))`,
  evaluated, against the raw join of committees to units under the district's path. The
  user's grants (one Role query) are computed in the warm-up and then cached on the user, as
  they are within one request, so the timed side is the filtered query alone.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connections

from vstb import access
from vstb.accounts.models import Role, RoleKind, User
from vstb.bench.common import (
    REPETITIONS,
    StatementCounter,
    UnitBatch,
    compare,
    count_queries,
    elapsed_ms,
    result,
)
from vstb.org.models import Committee, Unit, UnitKind

BENCH = "tree"
GOAL_RATIO = 1.5


@dataclass(frozen=True)
class Scale:
    provinces: int
    districts: int  # in all, spread evenly over the provinces
    communes: int  # in all, spread evenly over the districts

    @property
    def units(self) -> int:
        return 1 + self.provinces + self.districts + self.communes


SCALES = {
    "small": Scale(provinces=3, districts=12, communes=120),
    # 63 provinces, ~11 districts each, ~15 communes per district (BENCH.md: 10,600 units).
    "national": Scale(provinces=63, districts=700, communes=10_600),
}


@dataclass
class Tree:
    units: int
    province: Unit  # the province whose subtree is measured
    district: Unit  # where the secretariat user sits
    user: User


def build_tree(scale: Scale, alias: str) -> Tree:
    """Bulk-create the tree level by level (common.UnitBatch: ids and paths assigned in
    memory, one insert per level)."""
    batch = UnitBatch()
    unit = batch.add

    root = unit(UnitKind.NATION, "VN", "Việt Nam (thử tải)", None)
    provinces = [
        unit(UnitKind.PROVINCE, f"{p:02d}", f"Tỉnh Thử Nghiệm {p:02d}", root)
        for p in range(1, scale.provinces + 1)
    ]
    districts_of = batch.spread(
        UnitKind.RURAL_DISTRICT, provinces, scale.districts, "{:03d}", "Huyện Thử {:03d}"
    )
    districts = [d for p in provinces for d in districts_of[p.pk]]
    batch.spread(UnitKind.COMMUNE, districts, scale.communes, "{:05d}", "Xã Đồng Thử {:05d}")

    batch.save(alias)
    Committee.objects.using(alias).bulk_create(
        [Committee(unit_id=u.pk, name=f"Ban VSTBPN {u.name}") for u in batch.units], batch_size=2000
    )

    province = provinces[len(provinces) // 2]
    district = districts_of[province.pk][len(districts_of[province.pk]) // 2]
    user = User(username="bench_district_secretariat", full_name="Thư ký Huyện Thử")
    user.set_unusable_password()
    user.save(using=alias)
    Role.objects.using(alias).create(user=user, kind=RoleKind.SECRETARIAT, unit=district)
    return Tree(units=len(batch.units), province=province, district=district, user=user)


def _prefix_condition(vendor: str, column: str, path: str) -> tuple[str, list[str]]:
    """The bare indexed prefix test, with the pattern bound as a parameter, as any
    hand-written query would bind it."""
    if not re.fullmatch(r"/(\d+/)+", path):
        raise ValueError(f"not a unit path: {path!r}")
    if vendor == "sqlite":
        return f"{column} GLOB %s", [f"{path}*"]
    return f"{column} LIKE %s", [f"{path}%"]


def _columns(model, table_alias: str, connection) -> str:
    quote = connection.ops.quote_name
    return ", ".join(f"{table_alias}.{quote(f.column)}" for f in model._meta.concrete_fields)


def run(scale: str, alias: str) -> Iterator[dict]:
    connection = connections[alias]
    repetitions = REPETITIONS[scale]
    common = {"bench": BENCH, "scale": scale, "alias": alias}

    counter = StatementCounter()
    with connection.execute_wrapper(counter):
        build_ms, tree = elapsed_ms(lambda: build_tree(SCALES[scale], alias))
    yield result(
        case="build",
        ms=build_ms,
        baseline_ms=None,
        goal_ratio=None,
        queries=counter.count,
        rows=tree.units,
        **common,
    )

    quote = connection.ops.quote_name
    unit_table = quote(Unit._meta.db_table)
    committee_table = quote(Committee._meta.db_table)

    # 1. The subtree of one province.
    province_path = tree.province.path
    condition, subtree_params = _prefix_condition(
        connection.vendor, "u." + quote("path"), province_path
    )
    subtree_sql = f"SELECT {_columns(Unit, 'u', connection)} FROM {unit_table} u WHERE {condition}"

    def subtree_orm():
        return list(Unit.objects.using(alias).filter(path__under=province_path))

    def subtree_raw():
        with connection.cursor() as cursor:
            cursor.execute(subtree_sql, subtree_params)
            return cursor.fetchall()

    yield _case("province-subtree", subtree_orm, subtree_raw, repetitions, common)
    yield _sql_case(
        "province-subtree-sql",
        Unit.objects.using(alias).filter(path__under=province_path),
        subtree_raw,
        connection,
        repetitions,
        common,
    )

    # 2. The committees a district secretariat may read. The access rules read Role through
    # the default manager; BenchRouter sends that read to the benchmark database.
    user = tree.user
    district_path = tree.district.path
    condition, visible_params = _prefix_condition(
        connection.vendor, "u." + quote("path"), district_path
    )
    visible_sql = (
        f"SELECT {_columns(Committee, 'c', connection)} FROM {committee_table} c "
        f"JOIN {unit_table} u ON u.{quote('id')} = c.{quote('unit_id')} WHERE {condition}"
    )

    def visible_orm():
        return list(Committee.objects.using(alias).filter(access.unit_filter(user, "unit")))

    def visible_raw():
        with connection.cursor() as cursor:
            cursor.execute(visible_sql, visible_params)
            return cursor.fetchall()

    access.visible_units(user)  # reads the roles once; cached on the user from here on
    yield _case("visible-to-district-user", visible_orm, visible_raw, repetitions, common)
    yield _sql_case(
        "visible-to-district-user-sql",
        Committee.objects.using(alias).filter(access.unit_filter(user, "unit")),
        visible_raw,
        connection,
        repetitions,
        common,
    )


def _sql_case(case: str, queryset, baseline, connection, repetitions: int, common: dict) -> dict:
    """The SQL the ORM generates, run through a raw cursor, against the hand-written query.

    This isolates what our code decides (the query's shape and whether it uses the index)
    from Django's fixed cost of compiling a query and building model instances, which the
    ORM cases include. The goal applies here.
    """
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()

    def generated():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    got, expected = sorted(r[0] for r in generated()), sorted(r[0] for r in baseline())
    if got != expected:
        raise RuntimeError(
            f"{case}: the generated SQL returned {len(got)} rows, the raw SQL {len(expected)}"
        )
    ms, baseline_ms = compare(generated, baseline, repetitions)
    return result(
        case=case,
        ms=ms,
        baseline_ms=baseline_ms,
        goal_ratio=GOAL_RATIO,
        queries=1,
        rows=len(got),
        **common,
    )


def _case(case: str, measured, baseline, repetitions: int, common: dict) -> dict:
    # Both sides must return the same rows, or the comparison means nothing.
    got = sorted(obj.pk for obj in measured())
    expected = sorted(row[0] for row in baseline())
    if got != expected:
        raise RuntimeError(f"{case}: the ORM returned {len(got)} rows, the raw SQL {len(expected)}")
    queries = count_queries(measured)
    ms, baseline_ms = compare(measured, baseline, repetitions)
    # No goal: a list of model instances always costs several times a bare cursor
    # (docs/benchmarks.md); the "-sql" case beside it carries the goal.
    return result(
        case=case,
        ms=ms,
        baseline_ms=baseline_ms,
        goal_ratio=None,
        queries=queries,
        rows=len(got),
        **common,
    )
