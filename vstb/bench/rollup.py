"""`vstb bench rollup`: indicator roll-ups over a national tree of units.

Data: the unit tree of `vstb bench tree` (built by its `build_tree`), the Strategy catalogue
the data migration loads into every database, and for every commune, every year and each of
ELEMENTS (20 data elements, two sex slots each) one DataValue: at national scale 10,600
communes × 20 × 2 × 10 years = 4,240,000 rows. Cases (docs/benchmarks.md):

- load (informational): bulk-insert the values (COPY on PostgreSQL, executemany in one
  transaction on SQLite), then ANALYZE.
- one-indicator-by-province: `rollup.by_children(indicator, nation, year)` for a ratio
  indicator, against one hand-written query: the provinces LEFT JOINed to
  `SELECT <province path>, SUM(numerator), SUM(denominator) … GROUP BY`.
- province-dashboard: every computable Strategy indicator at one province and over its
  districts (`rollup.overview`, one call),
  against three hand-written queries: the province's sums by (element, sex), its districts
  LEFT JOINed to the sums grouped by district, and the survey averages' own values.
- `…-sql`: the statements the measured side runs, captured as they are sent and replayed
  through a raw cursor, against the same hand-written SQL: what our code decides (the number
  and shape of the queries), without Django's cost of compiling them.

Before timing, both sides must give the same numbers. `queries` is what the measured side
runs; how it varies with the number of lower units is printed on stderr.
"""

import random
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from django.db import connections, transaction

from vstb.bench.common import REPETITIONS, compare, count_queries, elapsed_ms, result
from vstb.bench.tree import SCALES as TREE_SCALES
from vstb.bench.tree import Scale as TreeScale
from vstb.bench.tree import build_tree
from vstb.indicators import rollup
from vstb.indicators.models import DataElement, DataValue, Indicator, PeriodKind, Source
from vstb.org.models import Unit, UnitKind

BENCH = "rollup"
GOAL_RATIO = 1.5
LAST_YEAR = 2025
# The ratio indicator of the first case: population with access to basic knowledge of gender
# equality / population (both summed from communes).
RATIO_INDICATOR = "NQ28-M6-CT1"
# Twenty catalogue elements, each with the two sex slots loaded for it. Every additive element
# but the maternal deaths (entered by provinces); the total ("") and women for most, since
# that is what the Strategy's indicators read; boys and girls for live births (sex ratio at
# birth). Values are entered at commune level only, so the survey average (hours of care
# work) has no value anywhere and its indicator is None on both sides.
ELEMENTS = [
    ("LD_CO_QUAN", ("", "f")),
    ("LD_CO_QUAN_CO_NU", ("", "f")),
    ("LD_LANH_DAO", ("", "f")),
    ("LAO_DONG", ("", "f")),
    ("LAO_DONG_HUONG_LUONG", ("", "f")),
    ("LAO_DONG_NONG_NGHIEP", ("", "f")),
    ("GIAM_DOC", ("", "f")),
    ("BLG_NAN_NHAN", ("", "f")),
    ("BLG_NAN_NHAN_HO_TRO", ("", "f")),
    ("BLG_NGUOI_GAY", ("", "f")),
    ("BLG_NGUOI_GAY_TU_VAN", ("", "f")),
    ("MBN_NAN_NHAN", ("", "f")),
    ("MBN_NAN_NHAN_HO_TRO", ("", "f")),
    ("CS_TRO_GIUP", ("", "f")),
    ("CS_TRO_GIUP_BLG", ("", "f")),
    ("TRE_SINH", ("f", "m")),
    ("THAC_SI", ("", "f")),
    ("TIEN_SI", ("", "f")),
    ("DAN_SO", ("", "f")),
    ("DAN_SO_TIEP_CAN_BDG", ("", "f")),
]
COLUMNS = (
    "element_id",
    "unit_id",
    "year",
    "period",
    "sex",
    "age_group",
    "area",
    "value",
    "source",
    "entered_at",
)
BATCH = 50_000


@dataclass(frozen=True)
class Scale:
    tree: TreeScale
    elements: int  # the first ELEMENTS
    years: int  # ending with LAST_YEAR

    @property
    def values(self) -> int:
        return self.tree.communes * self.elements * 2 * self.years


SCALES = {
    "small": Scale(TreeScale(provinces=2, districts=6, communes=30), elements=20, years=3),
    "national": Scale(TREE_SCALES["national"], elements=20, years=10),
}


def load_values(scale: Scale, alias: str) -> int:
    """One value per commune, year, element and sex slot, integers so that sums are exact
    on both sides. Deterministic: the same seed each run."""
    connection = connections[alias]
    codes = dict(ELEMENTS[: scale.elements])
    element_ids = dict(
        DataElement.objects.using(alias).filter(code__in=codes).values_list("code", "pk")
    )
    slots = [(element_ids[code], sexes) for code, sexes in codes.items()]
    communes = list(
        Unit.objects.using(alias)
        .filter(kind=UnitKind.COMMUNE)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    years = range(LAST_YEAR - scale.years + 1, LAST_YEAR + 1)
    entered_at = datetime(LAST_YEAR, 12, 31, tzinfo=UTC)
    rng = random.Random(20261121)

    def rows():
        for unit_id in communes:
            for year in years:
                for element_id, sexes in slots:
                    women, men = rng.randint(50, 5000), rng.randint(50, 5000)
                    by_sex = {"f": women, "m": men, "": women + men}
                    for sex in sexes:
                        yield (
                            element_id,
                            unit_id,
                            year,
                            PeriodKind.YEAR,
                            sex,
                            "",
                            "",
                            by_sex[sex],
                            Source.IMPORT,
                            entered_at,
                        )

    table = connection.ops.quote_name(DataValue._meta.db_table)
    count = 0
    if connection.vendor == "postgresql":
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            # psycopg's COPY: the rows stream to the server in its text format.
            with cursor.cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in rows():
                    copy.write_row(row)
                    count += 1
            cursor.execute(f"ANALYZE {table}")
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Unit._meta.db_table)}")
    else:
        insert = (
            f"INSERT INTO {table} ({', '.join(COLUMNS)}) "
            f"VALUES ({', '.join(['%s'] * len(COLUMNS))})"
        )
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            batch = []
            for row in rows():
                batch.append(row[:-1] + (row[-1].isoformat(sep=" "),))
                if len(batch) == BATCH:
                    cursor.executemany(insert, batch)
                    count += len(batch)
                    batch = []
            if batch:
                cursor.executemany(insert, batch)
                count += len(batch)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if count != scale.values:
        raise RuntimeError(f"loaded {count} values, expected {scale.values}")
    return count


class Recorder:
    """An execute wrapper keeping each statement and its parameters as they are sent."""

    def __init__(self):
        self.statements: list[tuple[str, object]] = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append((sql, params))
        return execute(sql, params, many, context)


def recorded(fn, alias: str) -> list[tuple[str, object]]:
    recorder = Recorder()
    with connections[alias].execute_wrapper(recorder):
        fn()
    return recorder.statements


# The hand-written side -----------------------------------------------------------------------


class HandWritten:
    """The same numbers with bare SQL through a raw cursor, and a few lines of Python."""

    def __init__(self, alias: str):
        self.connection = connections[alias]
        quote = self.connection.ops.quote_name
        self.values_table = quote(DataValue._meta.db_table)
        self.unit_table = quote(Unit._meta.db_table)
        self.strpos = "instr" if self.connection.vendor == "sqlite" else "strpos"

    def _child_key(self, unit: Unit) -> str:
        # The path of the child of `unit` a row's unit lies under: cut at the next "/".
        if not re.fullmatch(r"/(\d+/)+", unit.path):
            raise ValueError(f"not a unit path: {unit.path!r}")
        length = len(unit.path)
        return f"substr(u.path, 1, {length} + {self.strpos}(substr(u.path, {length + 1}), '/'))"

    @staticmethod
    def _terms(terms) -> tuple[str, list]:
        sql = " OR ".join("(v.element_id = %s AND v.sex = %s)" for _ in terms)
        return f"({sql})", [part for term in terms for part in term]

    def _from(self, terms, year: int) -> tuple[str, list]:
        condition, params = self._terms(terms)
        return (
            f"FROM {self.values_table} v JOIN {self.unit_table} u ON u.id = v.unit_id "
            f"WHERE {condition} AND v.year = %s AND v.period = %s AND v.age_group = '' "
            f"AND v.area = ''",
            [*params, year, PeriodKind.YEAR],
        )

    def _under(self, unit: Unit) -> tuple[str, list]:
        operator, wildcard = ("GLOB", "*") if self.connection.vendor == "sqlite" else ("LIKE", "%")
        return f"u.path {operator} %s", [unit.path + wildcard]

    def ratio_by_children(self, indicator: Indicator, unit: Unit, year: int) -> dict:
        """{child id: value} for a ratio indicator: one query."""
        top = (indicator.numerator_id, indicator.numerator_sex)
        bottom = (indicator.denominator_id, indicator.denominator_sex)
        source, params = self._from([top, bottom], year)
        under, under_params = self._under(unit)
        sql = (
            f"SELECT p.id, p.name, s.num, s.den FROM {self.unit_table} p LEFT JOIN ("
            f"SELECT {self._child_key(unit)} AS k, "
            "SUM(CASE WHEN v.element_id = %s AND v.sex = %s THEN v.value END) AS num, "
            "SUM(CASE WHEN v.element_id = %s AND v.sex = %s THEN v.value END) AS den "
            f"{source} AND {under} GROUP BY 1) s ON s.k = p.path "
            "WHERE p.parent_id = %s ORDER BY p.name"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [*top, *bottom, *params, *under_params, unit.pk])
            rows = cursor.fetchall()
        return {pk: _ratio(num, den, indicator.scale) for pk, _name, num, den in rows}

    def dashboard(self, indicators: list[Indicator], unit: Unit, year: int) -> dict:
        """{indicator id: (value at unit, {child id: value})}: three queries."""
        terms = []
        for indicator in indicators:
            for term in _terms_of(indicator):
                if term not in terms:
                    terms.append(term)
        averages = {pk for pk, additive in _additive(indicators).items() if not additive}
        summed = [term for term in terms if term[0] not in averages]
        surveyed = [term for term in terms if term[0] in averages]
        under, under_params = self._under(unit)
        own: dict[int, dict] = defaultdict(dict)  # unit id → {(element, sex): value}
        children: dict[int, dict] = {}
        with self.connection.cursor() as cursor:
            source, params = self._from(summed, year)
            cursor.execute(
                f"SELECT v.element_id, v.sex, SUM(v.value) {source} AND {under} "
                "GROUP BY v.element_id, v.sex",
                [*params, *under_params],
            )
            total = {(element, sex): value for element, sex, value in cursor.fetchall()}
            cursor.execute(
                f"SELECT p.id, p.name, s.element_id, s.sex, s.total "
                f"FROM {self.unit_table} p LEFT JOIN ("
                f"SELECT {self._child_key(unit)} AS k, v.element_id, v.sex, "
                f"SUM(v.value) AS total {source} AND {under} GROUP BY 1, 2, 3"
                ") s ON s.k = p.path WHERE p.parent_id = %s ORDER BY p.name",
                [*params, *under_params, unit.pk],
            )
            for pk, _name, element, sex, value in cursor.fetchall():
                sums = children.setdefault(pk, {})
                if element is not None:
                    sums[(element, sex)] = value
            if surveyed:
                source, params = self._from(surveyed, year)
                cursor.execute(
                    f"SELECT u.id, v.element_id, v.sex, v.value {source} "
                    "AND (u.id = %s OR u.parent_id = %s)",
                    [*params, unit.pk, unit.pk],
                )
                for pk, element, sex, value in cursor.fetchall():
                    own[pk][(element, sex)] = value
        total.update(own.get(unit.pk, {}))
        for pk, sums in children.items():
            sums.update(own.get(pk, {}))
        return {
            indicator.pk: (
                _value(indicator, total),
                {pk: _value(indicator, sums) for pk, sums in children.items()},
            )
            for indicator in indicators
        }


def _terms_of(indicator: Indicator) -> list[tuple[int, str]]:
    terms = [(indicator.numerator_id, indicator.numerator_sex)]
    if indicator.denominator_id is not None:
        terms.append((indicator.denominator_id, indicator.denominator_sex))
    return terms


def _additive(indicators: list[Indicator]) -> dict[int, bool]:
    return {
        element.pk: element.additive for indicator in indicators for element in indicator.elements
    }


def _ratio(top, bottom, scale: Decimal) -> Decimal | None:
    if top is None or not bottom:
        return None
    return Decimal(top) / Decimal(bottom) * scale


def _value(indicator: Indicator, sums: dict) -> Decimal | None:
    terms = _terms_of(indicator)
    top = sums.get(terms[0])
    if len(terms) == 1:
        return None if top is None else Decimal(top)
    return _ratio(top, sums.get(terms[1]), indicator.scale)


def _same(a, b) -> bool:
    """Equal numbers, to 9 decimal places (a Decimal ratio computed from the same integer
    sums; SQLite hands the raw side ints, the ORM Decimals)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if a is None or b is None:
        return a is None and b is None
    return round(Decimal(a), 9) == round(Decimal(b), 9)


# The run ----------------------------------------------------------------------------------


def run(scale: str, alias: str) -> Iterator[dict]:
    size = SCALES[scale]
    repetitions = REPETITIONS[scale]
    common = {"bench": BENCH, "scale": scale, "alias": alias}

    build_tree(size.tree, alias)
    load_ms, loaded = elapsed_ms(lambda: load_values(size, alias))
    yield result(
        case="load",
        ms=load_ms,
        baseline_ms=None,
        goal_ratio=None,
        queries=None,
        rows=loaded,
        **common,
    )

    nation = Unit.objects.using(alias).get(kind=UnitKind.NATION)
    provinces = list(Unit.objects.using(alias).filter(parent=nation).order_by("pk"))
    province = provinces[len(provinces) // 2]
    district = Unit.objects.using(alias).filter(parent=province).order_by("pk").first()
    indicators = list(
        Indicator.objects.using(alias)
        .filter(numerator__isnull=False)
        .select_related("numerator", "denominator")
        .order_by("order", "code")
    )
    ratio = next(i for i in indicators if i.code == RATIO_INDICATOR)
    assert ratio.is_ratio
    raw = HandWritten(alias)

    # 1. One ratio indicator for each province.
    def one_orm(unit=nation):
        return {
            child.pk: value for child, value in rollup.by_children(ratio, unit, LAST_YEAR).items()
        }

    def one_raw(unit=nation):
        return raw.ratio_by_children(ratio, unit, LAST_YEAR)

    yield from _cases(
        "one-indicator-by-province", one_orm, one_raw, len(provinces), alias, repetitions, common
    )

    # 2. A province's dashboard.
    def dashboard_orm(unit=province):
        at_unit, below = rollup.overview(indicators, unit, LAST_YEAR)
        return {
            indicator.pk: (
                at_unit[indicator],
                {child.pk: value for child, value in below[indicator].items()},
            )
            for indicator in indicators
        }

    def dashboard_raw(unit=province):
        return raw.dashboard(indicators, unit, LAST_YEAR)

    districts = Unit.objects.using(alias).filter(parent=province).count()
    yield from _cases(
        "province-dashboard",
        dashboard_orm,
        dashboard_raw,
        len(indicators) * (1 + districts),
        alias,
        repetitions,
        common,
    )

    # Queries by the number of lower units: the same for 63 provinces as for 12 communes.
    one = {
        f"{unit.kind} ({Unit.objects.using(alias).filter(parent=unit).count()} lower units)": (
            count_queries(lambda u=unit: one_orm(u), alias)
        )
        for unit in (nation, province, district)
    }
    dashboard = {
        f"{unit.kind} ({Unit.objects.using(alias).filter(parent=unit).count()} lower units)": (
            count_queries(lambda u=unit: dashboard_orm(u), alias)
        )
        for unit in (nation, province, district)
    }
    for case, counts in (("one-indicator-by-province", one), ("province-dashboard", dashboard)):
        print(
            f"{BENCH}: queries of {case} by unit: "
            + ", ".join(f"{unit} → {queries}" for unit, queries in counts.items()),
            file=sys.stderr,
        )
    QUERY_GROWTH.clear()
    QUERY_GROWTH.update({"one-indicator-by-province": one, "province-dashboard": dashboard})


# The queries of each case by unit, from the last run (read by the tests).
QUERY_GROWTH: dict[str, dict[str, int]] = {}


def _cases(case, measured, baseline, rows, alias, repetitions, common) -> Iterator[dict]:
    # Both sides must give the same numbers, or the comparison means nothing.
    got, expected = measured(), baseline()
    if not _same(got, expected):
        raise RuntimeError(f"{case}: the roll-up and the raw SQL give different numbers")
    if all(v is None for v in _flat(expected)):
        raise RuntimeError(f"{case}: no value at all: the data did not load")
    queries = count_queries(measured, alias)
    ms, baseline_ms = compare(measured, baseline, repetitions)
    yield result(
        case=case,
        ms=ms,
        baseline_ms=baseline_ms,
        goal_ratio=GOAL_RATIO,
        queries=queries,
        rows=rows,
        **common,
    )

    # The same statements, replayed through a raw cursor.
    statements = recorded(measured, alias)
    connection = connections[alias]

    def generated():
        out = []
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                out.append(cursor.fetchall())
        return out

    ms, baseline_ms = compare(generated, baseline, repetitions)
    yield result(
        case=f"{case}-sql",
        ms=ms,
        baseline_ms=baseline_ms,
        goal_ratio=GOAL_RATIO,
        queries=len(statements),
        rows=rows,
        **common,
    )


def _flat(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _flat(item)
    elif isinstance(value, tuple):
        for item in value:
            yield from _flat(item)
    else:
        yield value
