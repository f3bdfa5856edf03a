"""`vstb bench api`: the API's lists and a province's DHIS2 export at national scale (issue 18).

Data: the tree and the values of `vstb bench rollup` (national: 11,364 units of which
10,600 communes, 4,240,000 values over ten years), a national secretariat and its API token.
Every measured request goes through Django's WSGI handler with the whole middleware stack,
as gunicorn calls it: the token looked up and counted against its rate limit, the owner's
roles read, the access function of the operation, the ETag. Its baseline is the same rows
read with hand-written SQL through a raw cursor and written with the standard `json` module,
with nothing else around it. Both sides must give the same rows before anything is timed.

Cases (goal 2.0 each; `queries` is what one request runs):
- units-page: `GET /api/v1/units?limit=1000` at a middle offset (count + page);
- units-updated-since: the same list with `updated_since`, as a program syncing the units
  changed since its last call (1 unit in 50 changed);
- values-page: `GET /api/v1/units/<commune>/values?limit=1000` (its ten years, out of the
  4.24 M values);
- datavaluesets-province-year: `GET /api/v1/units/<province>/dataValueSets` for the last
  year, streamed; the baseline builds the same data value set in memory and dumps it.
- datavaluesets-nation (informational): every value of the country for every year, once,
  streamed, under tracemalloc: `ok` says whether the export's peak memory stayed under
  MEMORY_BOUND whatever its size, i.e. that it is streamed rather than built.

How the query count of each request varies with the size of the answer (page size, the
number of units under the root) is printed on stderr and kept in QUERY_GROWTH for the tests.
"""

import io
import json
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from urllib.parse import urlencode

from django.core.handlers.wsgi import WSGIHandler
from django.db import connections
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from vstb.accounts.models import ApiToken, Role, RoleKind, User
from vstb.bench.common import (
    REPETITIONS,
    compare,
    count_queries,
    elapsed_ms,
    result,
    transactions_on,
)
from vstb.bench.rollup import LAST_YEAR, load_values
from vstb.bench.rollup import SCALES as ROLLUP_SCALES
from vstb.bench.tree import build_tree
from vstb.indicators.exchange.common import figure_text
from vstb.indicators.models import DataElement, DataValue
from vstb.org.models import Unit, UnitKind

BENCH = "api"
GOAL_RATIO = 2.0
PAGE = 1000
# The export of the whole country must stay under this much Python memory at its peak
# (its JSON is some 400 MB at national scale).
MEMORY_BOUND = 64 * 1024 * 1024
UNIT_COLUMNS = (
    "id", "code", "name", "kind", "level", "parent_id", "valid_from", "valid_to", "updated_at",
)  # fmt: skip
VALUE_COLUMNS = (
    "year", "period", "sex", "age_group", "area", "value", "source", "entered_at", "element_code",
)  # fmt: skip

# The queries of each request by the size of its answer, from the last run (read by the tests).
QUERY_GROWTH: dict[str, dict[str, int]] = {}
# The national export's peak memory and size in bytes, from the last run.
EXPORT_MEMORY: dict[str, int] = {}


# The measured side: a request through the WSGI handler -------------------------------------


class Caller:
    """GET requests through Django's WSGI handler, as gunicorn makes them, with a token."""

    def __init__(self, secret: str):
        self.handler = WSGIHandler()
        self.secret = secret

    def stream(self, path: str, **query) -> Iterator[bytes]:
        """The body of a GET answered 200, chunk by chunk as the server sends it."""
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": urlencode(query),
            "SCRIPT_NAME": "",
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "443",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "localhost",
            "HTTP_AUTHORIZATION": f"Bearer {self.secret}",
            "HTTP_ACCEPT_LANGUAGE": "vi",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.url_scheme": "https",
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        statuses: list[str] = []
        body = self.handler(environ, lambda status, headers, exc_info=None: statuses.append(status))
        try:
            if not statuses[0].startswith("200"):
                content = b"".join(body)[:300]
                raise RuntimeError(f"GET {path}?{urlencode(query)}: {statuses[0]} {content!r}")
            yield from body
        finally:
            body.close()

    def get(self, path: str, **query) -> bytes:
        return b"".join(self.stream(path, **query))


# The baseline: hand-written SQL, a raw cursor and json ---------------------------------------


def _encode(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(type(value).__name__)


class HandWritten:
    def __init__(self, alias: str):
        self.connection = connections[alias]
        quote = self.connection.ops.quote_name
        self.unit_table = quote(Unit._meta.db_table)
        self.value_table = quote(DataValue._meta.db_table)
        self.element_table = quote(DataElement._meta.db_table)
        sqlite = self.connection.vendor == "sqlite"
        self.under, self.wildcard = ("GLOB", "*") if sqlite else ("LIKE", "%")

    def _page(self, where: str, params: list, table_sql: str, columns: str, order: str,
              names: tuple, offset: int) -> bytes:  # fmt: skip
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table_sql} WHERE {where}", params)
            (count,) = cursor.fetchone()
            cursor.execute(
                f"SELECT {columns} FROM {table_sql} WHERE {where} ORDER BY {order} "
                "LIMIT %s OFFSET %s",
                [*params, PAGE, offset],
            )
            rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        following = None
        if offset + PAGE < count:
            following = f"https://localhost/?offset={offset + PAGE}&limit={PAGE}"
        body = {"count": count, "next": following, "results": rows}
        return json.dumps(body, default=_encode, ensure_ascii=False).encode()

    def units(self, root: Unit, offset: int, changed_since: datetime | None = None) -> bytes:
        where, params = f"path {self.under} %s", [root.path + self.wildcard]
        if changed_since is not None:
            where, params = f"{where} AND updated_at >= %s", [*params, changed_since]
        return self._page(
            where, params, self.unit_table, ", ".join(UNIT_COLUMNS), "id", UNIT_COLUMNS, offset
        )

    def unit_values(self, unit: Unit) -> bytes:
        columns = ", ".join(f"v.{name}" for name in VALUE_COLUMNS[:-1]) + ", e.code"
        return self._page(
            "v.unit_id = %s",
            [unit.pk],
            f"{self.value_table} v JOIN {self.element_table} e ON e.id = v.element_id",
            columns,
            "v.year, e." + self.connection.ops.quote_name("order") + ", v.element_id, v.period, "
            "v.sex, v.area",
            VALUE_COLUMNS,
            0,
        )

    def datavaluesets(self, root: Unit, year: int) -> bytes:
        """The DHIS2 data value set, built as a list and dumped at once."""
        order = self.connection.ops.quote_name("order")
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.code, u.code, v.year, v.period, v.sex, v.area, v.value "
                f"FROM {self.value_table} v JOIN {self.unit_table} u ON u.id = v.unit_id "
                f"JOIN {self.element_table} e ON e.id = v.element_id "
                f"WHERE u.path {self.under} %s AND v.year >= %s AND v.year <= %s "
                "AND v.age_group = '' "
                f"ORDER BY u.path, v.year, v.period, e.{order}, e.code, v.sex, v.area",
                [root.path + self.wildcard, year, year],
            )
            values = []
            for element, unit, year_, period, sex, area, value in cursor.fetchall():
                item = {
                    "dataElement": element,
                    "period": f"{year_}S1" if period == "half" else f"{year_}",
                    "orgUnit": unit,
                    "value": figure_text(Decimal(str(value))),
                }
                if area or sex:
                    item["categoryOptionCombo"] = area or sex
                values.append(item)
        return json.dumps({"dataValues": values}, ensure_ascii=False).encode()


# Checks --------------------------------------------------------------------------------------


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _same_rows(got: bytes, expected: bytes, case: str, key: str = "results") -> int:
    """The rows of both answers, equal (times compared as instants, figures as numbers);
    their number."""
    got_rows, expected_rows = json.loads(got)[key], json.loads(expected)[key]

    def normal(row: dict) -> dict:
        return {
            name: _moment(value)
            if name in ("updated_at", "entered_at") and value
            else (Decimal(str(value)) if name == "value" and not isinstance(value, str) else value)
            for name, value in row.items()
        }

    if [normal(r) for r in got_rows] != [normal(r) for r in expected_rows]:
        raise RuntimeError(f"{case}: the API and the raw SQL give different rows")
    if not got_rows:
        raise RuntimeError(f"{case}: no row at all: the data did not load")
    return len(got_rows)


# The run -------------------------------------------------------------------------------------


def _national_secretariat(nation: Unit, alias: str) -> tuple[User, str]:
    user = User(username="bench_national_secretariat", full_name="Thư ký Ban quốc gia")
    user.set_unusable_password()
    user.save(using=alias)
    Role.objects.using(alias).create(user=user, kind=RoleKind.SECRETARIAT, unit=nation)
    _token, secret = ApiToken.issue(
        user, "vstb bench api", timezone.now() + timedelta(days=1), read_only=True
    )
    return user, secret


def run(scale: str, alias: str) -> Iterator[dict]:
    size = ROLLUP_SCALES[scale]
    repetitions = REPETITIONS[scale]
    common = {"bench": BENCH, "scale": scale, "alias": alias}

    def build():
        build_tree(size.tree, alias)
        return load_values(size, alias)

    build_ms, loaded = elapsed_ms(build)
    yield result(
        case="build", ms=build_ms, baseline_ms=None, goal_ratio=None, queries=None, rows=loaded,
        **common,
    )  # fmt: skip

    nation = Unit.objects.using(alias).get(kind=UnitKind.NATION)
    province = Unit.objects.using(alias).filter(parent=nation).order_by("pk")[1]
    district = Unit.objects.using(alias).filter(parent=province).order_by("pk").first()
    commune = Unit.objects.using(alias).filter(parent=district).order_by("pk").first()
    units = Unit.objects.using(alias).count()
    # A program that synced a minute ago: one unit in fifty changed since.
    last_sync = timezone.now()
    Unit.objects.using(alias).filter(pk__in=range(1, units + 1, 50)).update(
        updated_at=last_sync + timedelta(seconds=1)
    )
    _user, secret = _national_secretariat(nation, alias)
    caller = Caller(secret)
    raw = HandWritten(alias)
    middle = (units // 2 // PAGE) * PAGE

    cases: list[tuple[str, Callable[[], bytes], Callable[[], bytes], str]] = [
        (
            "units-page",
            lambda: caller.get("/api/v1/units", limit=PAGE, offset=middle),
            lambda: raw.units(nation, middle),
            "results",
        ),
        (
            "units-updated-since",
            lambda: caller.get("/api/v1/units", limit=PAGE, updated_since=last_sync.isoformat()),
            lambda: raw.units(nation, 0, changed_since=last_sync),
            "results",
        ),
        (
            "values-page",
            lambda: caller.get(f"/api/v1/units/{commune.pk}/values", limit=PAGE),
            lambda: raw.unit_values(commune),
            "results",
        ),
        (
            "datavaluesets-province-year",
            lambda: caller.get(
                f"/api/v1/units/{province.pk}/dataValueSets",
                start_year=LAST_YEAR,
                end_year=LAST_YEAR,
            ),
            lambda: raw.datavaluesets(province, LAST_YEAR),
            "dataValues",
        ),
    ]
    # Requests as in production: a persistent connection (CONN_MAX_AGE of vstb.lib.env), no
    # rate limit in the way of the repetitions; "default" is the benchmark's database, so
    # that nothing a request does reaches the configured one.
    connections[alias].settings_dict["CONN_MAX_AGE"] = 60
    with transactions_on(alias), override_settings(VSTB_API_RATE_PER_MINUTE=10**9):
        for case, measured, baseline, key in cases:
            rows = _same_rows(measured(), baseline(), case, key)
            queries = count_queries(measured, alias)
            ms, baseline_ms = compare(measured, baseline, repetitions)
            yield result(
                case=case, ms=ms, baseline_ms=baseline_ms, goal_ratio=GOAL_RATIO,
                queries=queries, rows=rows, **common,
            )  # fmt: skip

        yield _national_export(caller, nation, alias, common)
        _query_growth(caller, nation, province, district, commune, alias)


def _national_export(caller: Caller, nation: Unit, alias: str, common: dict) -> dict:
    """Every value of the country, streamed through the handler and counted, not kept."""

    def export() -> tuple[int, int]:
        size = values = 0
        chunks = caller.stream(
            f"/api/v1/units/{nation.pk}/dataValueSets", start_year=2000, end_year=LAST_YEAR
        )
        for chunk in chunks:
            size += len(chunk)
            values += chunk.count(b'"dataElement"')
        return size, values

    # One run, its statements counted and its Python memory traced (both slow it a little:
    # the time is informational).
    tracemalloc.start()
    try:
        with CaptureQueriesContext(connections[alias]) as captured:
            ms, (size, values) = elapsed_ms(export)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    queries = len(captured.captured_queries)
    EXPORT_MEMORY.clear()
    EXPORT_MEMORY.update({"peak": peak, "size": size, "values": values})
    print(
        f"{BENCH}: datavaluesets-nation: {values} values, {size / 2**20:.1f} MiB of JSON "
        f"streamed with a peak of {peak / 2**20:.1f} MiB of Python memory "
        f"(bound {MEMORY_BOUND / 2**20:.0f} MiB)",
        file=sys.stderr,
    )
    line = result(
        case="datavaluesets-nation", ms=ms, baseline_ms=None, goal_ratio=None,
        queries=queries, rows=values, **common,
    )  # fmt: skip
    line["ok"] = peak <= MEMORY_BOUND
    return line


def _query_growth(caller: Caller, nation: Unit, province: Unit, district: Unit, commune: Unit,
                  alias: str) -> None:  # fmt: skip
    """The queries of each request for small and large answers: the same."""

    def queries(path: str, **query) -> int:
        return count_queries(lambda: caller.get(path, **query), alias)

    def export(unit: Unit) -> int:
        return queries(
            f"/api/v1/units/{unit.pk}/dataValueSets", start_year=LAST_YEAR, end_year=LAST_YEAR
        )

    growth = {
        "units-page": {
            "10 units": queries("/api/v1/units", limit=10),
            f"{PAGE} units": queries("/api/v1/units", limit=PAGE),
        },
        "values-page": {
            "10 values": queries(f"/api/v1/units/{commune.pk}/values", limit=10),
            f"{PAGE} values": queries(f"/api/v1/units/{commune.pk}/values", limit=PAGE),
        },
        "datavaluesets": {
            "a commune": export(commune),
            "a district": export(district),
            "a province": export(province),
            "the nation": export(nation),
        },
    }
    for case, counts in growth.items():
        print(
            f"{BENCH}: queries of {case}: "
            + ", ".join(f"{size} → {count}" for size, count in counts.items()),
            file=sys.stderr,
        )
    QUERY_GROWTH.clear()
    QUERY_GROWTH.update(growth)
