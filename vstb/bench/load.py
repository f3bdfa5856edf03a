"""`vstb bench load`: the deadline-day burst against a real `vstb serve` (issue 14, item 3).

Data: the inbox benchmark's country (vstb/bench/inbox.py; national: 34 provinces, 3,321
communes, one officer per commune, a secretariat per province, the national 6-month
requirement with a third of the communes submitted and a third returned), every person with
the same real password (one argon2 hash), then settled as a production database long in use
is (`settle`: vacuumed, statistics gathered, flushed); between two levels, vacuumed again
where the server runs no autovacuum (`vacuum_if_no_autovacuum`).

The server: `vstb serve` (gunicorn, VSTB_WORKERS processes) started on this database, on a
free port of 127.0.0.1, as a deployment runs it (no debug, no HTTPS since the client is local).

The client: a small asyncio HTTP/1.1 client, one keep-alive connection per simulated person.
At each level the people arrive and sign in through the form, a few a second (the login burst
of everyone at once is its own case), and each goes to work as soon as they are in, as a
locust user does from its spawn; once the last is in, every page is measured for a minute
while each person loops, reading every page for a think time before the next click (the
issue's scenario: think time 3–10 s between a person's requests):
officers (95 %) open the home page, "My reports", their report (opening it if need be) and
save it unchanged through the form (a real save: version checked, figures written);
secretariats (5 %) open the home page, the province's completeness table and its dashboard.
Beside them, after each round, every person also fetches the sign-in page as an anonymous
visitor: a template rendered with no query, the bare endpoint of the same stack, measured
under the same load (the baseline).

Cases, at each number of simultaneous people (LEVELS): one line per endpoint with its p95
(`ms`) against the bare endpoint's p95 (`baseline_ms`); `ok` is the absolute goal of the
issue (p95 ≤ 300 ms at 200 people, officers' pages ≤ 1 s at 400, no error anywhere), `rows` the
requests made. The median, p99, errors, throughput and the server's CPU time per request are
printed on stderr. A `login-burst` case signs LOGIN_BURST people in at once (goal: all in
within 5 s). The PDF case runs the `pdf_level` minute again while `pdf_readers` officers
download their province plan's PDF at the same moment, its first download: as a browser
does, each follows the page that waits while `vstb worker` (started beside the server)
converts it, asking every two seconds (`pdf-burst`: the slowest from click to file;
`pages-during-pdf`: the other pages' p95 against the same people's minutes just before and
just after, without the downloads, goal at most 1.2 times).
"""

import asyncio
import gc
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import quote, urlencode

from django.db import connections

from vstb.accounts.hashers import Argon2PasswordHasher
from vstb.accounts.models import User
from vstb.bench import inbox
from vstb.bench.common import analyze, result
from vstb.documents.pdf import soffice
from vstb.plans.models import Plan, PlanStatus
from vstb.reporting.models import Report, Requirement

BENCH = "load"
PASSWORD = "Mat-khau-tai-2026"
BARE = "bare (sign-in page)"


@dataclass(frozen=True)
class Scale:
    world: str  # the inbox benchmark's scale
    levels: tuple[int, ...]
    seconds: float  # how long each level runs
    think: tuple[float, float]  # seconds between two pages of one person
    login_burst: int
    arrivals: float  # people signing in each second before a level's measured minute
    pdf_level: int  # one of `levels`: its minute again, with `pdf_readers` downloading at once
    pdf_readers: int


SCALES = {
    "small": Scale("small", (5,), 6.0, (0.2, 0.5), 5, 50.0, 5, 3),
    "national": Scale("national", (50, 100, 200, 400), 60.0, (3.0, 10.0), 150, 5.0, 100, 20),
}
# The issue's goals, in milliseconds of p95 (issue 14, item 3).
GOAL_MS_AT_200 = 300.0
OFFICER_GOAL_MS_AT_400 = 1000.0
OFFICER_PAGES = {"home", "my-reports", "open", "report", "save"}
LOGIN_BURST_GOAL_MS = 5000.0
# People downloading a plan's PDF at once never slow the other pages' p95 by more than 20 %.
PDF_SLOWDOWN_GOAL = 1.2
PDF = "pdf"


# The HTTP client -------------------------------------------------------------------------


class Http:
    """One keep-alive HTTP/1.1 connection with its cookies, reading Content-Length bodies
    (Django's responses always carry one through gunicorn) and chunked ones."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self,
        method: str,
        path: str,
        form: dict | list | None = None,
        referer: str = "",
        htmx: bool = False,
    ) -> tuple[int, dict, str]:
        for attempt in (1, 2):  # a connection the server closed meanwhile is opened again
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
                return await self._exchange(method, path, form, referer, htmx)
            except (ConnectionError, asyncio.IncompleteReadError):
                await self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _exchange(self, method, path, form, referer, htmx):
        assert self.reader is not None and self.writer is not None
        body = urlencode(form or {}, doseq=True).encode() if method == "POST" else b""
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: 127.0.0.1:{self.port}",
            "Accept-Language: vi",
            "Connection: keep-alive",
        ]
        if htmx:  # a page's own request (a poll), as htmx sends it
            lines.append("HX-Request: true")
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if method == "POST":
            lines += [
                "Content-Type: application/x-www-form-urlencoded",
                f"Content-Length: {len(body)}",
                f"Origin: http://127.0.0.1:{self.port}",
                f"Referer: http://127.0.0.1:{self.port}{referer or path}",
            ]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        status_line = await self.reader.readuntil(b"\r\n")
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        while (line := await self.reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                cookie = value.split(";", 1)[0]
                key, _, val = cookie.partition("=")
                self.cookies[key] = val
            else:
                headers[name] = value
        if headers.get("transfer-encoding") == "chunked":
            chunks = []
            while size := int((await self.reader.readuntil(b"\r\n")).strip(), 16):
                chunks.append(await self.reader.readexactly(size))
                await self.reader.readuntil(b"\r\n")
            await self.reader.readuntil(b"\r\n")
            content = b"".join(chunks)
        else:
            content = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, headers, content.decode("utf-8", "replace")

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except (ConnectionError, OSError):
                pass
        self.reader = self.writer = None


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM = re.compile(r'<form[^>]*id="report-form"[^>]*>(.*?)</form>', re.S)
INPUT = re.compile(r"<input([^>]*)>")
ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')
TEXTAREA = re.compile(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', re.S)
OPEN_FORM = re.compile(r'<form method="post" action="(/reporting/requirements/\d+/open/[^"]+)"')
REPORT_LINK = re.compile(r'href="(/reporting/\d+/)"')


def form_fields(html: str) -> list[tuple[str, str]]:
    """The report form's fields as the browser would send them back unchanged."""
    match = FORM.search(html)
    if not match:
        return []
    fields = []
    for attributes in INPUT.findall(match.group(1)):
        attrs = dict(ATTR.findall(attributes))
        if "name" not in attrs or attrs.get("type") in ("checkbox", "file", "submit"):
            continue
        fields.append((attrs["name"], unescape(attrs.get("value", ""))))
    fields += [(name, unescape(text)) for name, text in TEXTAREA.findall(match.group(1))]
    return fields


# The people -------------------------------------------------------------------------------


@dataclass
class Timings:
    by_page: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    # Whether the pages' times are being recorded (run_level: from the moment everyone is
    # in). Sign-ins are always recorded, and every error is counted, whenever it happens.
    recording: bool = True

    def fail(self, page: str) -> None:
        """A failure that took no measurable request (a sign-in that did not let in)."""
        self.errors[page] = self.errors.get(page, 0) + 1

    def add(self, page: str, ms: float, ok: bool, recorded: bool = True) -> None:
        if recorded:
            self.by_page.setdefault(page, []).append(ms)
        if not ok:
            self.errors[page] = self.errors.get(page, 0) + 1


@dataclass
class Person:
    username: str
    secretariat: bool
    unit_id: int
    requirement_id: int


async def timed(timings: Timings, page: str, call) -> tuple[int, dict, str]:
    """The request's time, recorded if it started while the timings were recording."""
    recorded = timings.recording or page == "sign-in"
    started = time.perf_counter()
    try:
        status, headers, html = await call
    except (OSError, asyncio.IncompleteReadError, ValueError):
        timings.add(page, (time.perf_counter() - started) * 1000, False, recorded)
        return 0, {}, ""
    timings.add(page, (time.perf_counter() - started) * 1000, status < 400, recorded)
    return status, headers, html


async def sign_in(http: Http, username: str, timings: Timings, page: str = "sign-in") -> bool:
    status, _, html = await timed(timings, page, http.request("GET", "/accounts/login/"))
    token = CSRF.search(html)
    if not token:
        return False
    form = {"csrfmiddlewaretoken": token.group(1), "username": username, "password": PASSWORD}
    status, headers, _ = await timed(timings, page, http.request("POST", "/accounts/login/", form))
    return status == 302 and "/accounts/login/" not in headers.get("location", "")


async def officer_round(http: Http, person: Person, timings: Timings, think) -> None:
    await timed(timings, "home", http.request("GET", "/"))
    await think()
    _, _, html = await timed(timings, "my-reports", http.request("GET", "/reporting/mine/"))
    link = REPORT_LINK.search(html)
    if link is None:
        opener, token = OPEN_FORM.search(html), CSRF.search(html)
        if opener is None or token is None:
            return
        _, headers, _ = await timed(
            timings, "open", http.request("POST", opener.group(1), {"csrfmiddlewaretoken": token.group(1)}, "/reporting/mine/")
        )  # fmt: skip
        path = headers.get("location", "")
    else:
        path = link.group(1)
    if not path.startswith("/reporting/"):
        return
    await think()
    _, _, html = await timed(timings, "report", http.request("GET", path))
    fields = form_fields(html)
    if fields:
        await think()
        await timed(timings, "save", http.request("POST", path, fields))


async def secretariat_round(http: Http, person: Person, timings: Timings, think) -> None:
    await timed(timings, "home", http.request("GET", "/"))
    await think()
    await timed(
        timings, "completeness",
        http.request("GET", f"/reporting/requirements/{person.requirement_id}/units/{person.unit_id}/"),
    )  # fmt: skip
    await think()
    await timed(
        timings, "dashboard", http.request("GET", f"/indicators/unit/{person.unit_id}/dashboard/")
    )


async def arrive(person: Person, port: int, delay: float, timings: Timings) -> Http | None:
    """The person signs in after `delay` seconds; their connection, or None if refused."""
    await asyncio.sleep(delay)
    http = Http(port)
    if await sign_in(http, person.username, timings):
        return http
    timings.fail("sign-in")
    await http.close()
    return None


@dataclass
class Window:
    """The measured minute of a level: it starts when the last person is in (`until` is
    None before)."""

    until: float | None = None

    def open(self) -> bool:
        return self.until is None or time.monotonic() < self.until


async def simulate(
    person: Person, http: Http, port: int, scale: Scale, window: Window, timings: Timings
):
    rng = random.Random(person.username)
    anonymous = Http(port)

    async def think() -> None:
        """A person reads each page before the next click."""
        await asyncio.sleep(rng.uniform(*scale.think))

    # Signed in: each starts somewhere in a think time, so that rounds do not align.
    await asyncio.sleep(rng.uniform(0, scale.think[1]))
    try:
        while window.open():
            if person.secretariat:
                await secretariat_round(http, person, timings, think)
            else:
                await officer_round(http, person, timings, think)
            await timed(timings, BARE, anonymous.request("GET", "/accounts/login/"))
            anonymous.cookies.clear()
            await think()
    finally:
        await http.close()
        await anonymous.close()


# The page that waits for a PDF asks every POLL_SECONDS (documents/pdf_preparing.html), for at
# most PDF_WAIT_SECONDS here.
WAIT = re.compile(r"\?wait=([0-9a-f]{64})")
READY = re.compile(r'<a href="([^"]+)" data-download-now>')
POLL_SECONDS = 2.0
PDF_WAIT_SECONDS = 180.0


async def download_pdf(http: Http, path: str, timings: Timings) -> None:
    """One person downloads the PDF as a browser does, timed from the click to the file. The
    first answer may be the page that waits while the worker converts it (202): it asks
    every two seconds, then the download starts. An error unless a PDF comes back (a failed
    conversion sends the person back to the plan with a message, a redirect)."""
    started = time.perf_counter()
    try:
        status, headers, body = await http.request("GET", path)
        if status == 202 and (waiting := WAIT.search(body)):
            while time.perf_counter() - started < PDF_WAIT_SECONDS:
                await asyncio.sleep(POLL_SECONDS)
                poll = f"{path}?wait={waiting[1]}"
                status, headers, body = await http.request("GET", poll, htmx=True)
                if status not in (200, 204):
                    break
            if status == 286 and (ready := READY.search(body)):
                status, headers, _ = await http.request("GET", unescape(ready[1]))
    except (OSError, asyncio.IncompleteReadError, ValueError):
        status, headers = 0, {}
    ok = status == 200 and headers.get("content-type", "").startswith("application/pdf")
    timings.add(PDF, (time.perf_counter() - started) * 1000, ok)
    await http.close()


async def run_level(
    people: list[Person],
    port: int,
    scale: Scale,
    measuring: Callable[[], None],
    pdf: tuple[list[Person], str] | None = None,
) -> tuple[Timings, float]:
    """The people arrive and sign in (`scale.arrivals` a second, as a morning spreads them;
    the login burst is measured on its own), and each goes to work as soon as they are in, as
    a locust user does from its spawn. Once the last is in, every page is measured for
    `scale.seconds` (`measuring` is called as it starts): by then the people are spread over
    their rounds as on a working morning. (Held back until all were in and then set off
    within one think time, 400 people all opened their home page in the same ten seconds,
    three times the steady rate of that page, and that first wave made the minute's p95.)
    Pages requested before the minute are made but not recorded; the sign-ins are reported
    beside the pages, and errors are counted whenever they happen. The seconds returned are
    the measured ones.
    `pdf`: readers (signed in with the others) and a PDF's path, downloaded by all of them at
    the same moment as the minute starts."""
    timings = Timings(recording=False)
    readers, path = pdf if pdf else ([], "")
    everyone = len(people) + len(readers)
    window = Window()
    all_in = asyncio.Event()
    arrived = 0
    started = 0.0

    def one_more_in() -> None:
        nonlocal arrived, started
        arrived += 1
        if arrived == everyone:
            measuring()
            started = time.monotonic()
            window.until = started + scale.seconds
            timings.recording = True
            all_in.set()

    async def work(number: int, person: Person) -> None:
        http = await arrive(person, port, number / scale.arrivals, timings)
        one_more_in()
        if http is not None:
            await simulate(person, http, port, scale, window, timings)

    async def read(number: int, person: Person) -> None:
        http = await arrive(person, port, number / scale.arrivals, timings)
        one_more_in()
        if http is not None:
            await all_in.wait()
            await download_pdf(http, path, timings)

    with collections_spare_what_exists():
        await asyncio.gather(
            *(work(number, person) for number, person in enumerate(people)),
            *(read(len(people) + number, reader) for number, reader in enumerate(readers)),
        )
    return timings, time.monotonic() - started


@contextmanager
def collections_spare_what_exists():
    """The client's garbage collector leaves alone, during a level, every object that existed
    before it (`gc.freeze`). The client is the process that built the national database and
    still holds some 145,000 objects: a full collection walking them took 93 ms in the PDF
    case's minute, a time every request in flight waited for the client, not for the server
    (0.1-5 ms frozen)."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


async def login_burst(people: list[Person], port: int) -> tuple[float, int]:
    """Everyone signs in at the same moment: how long until the last is in, and failures."""
    timings = Timings()
    started = time.perf_counter()
    clients = [Http(port) for _ in people]
    done = await asyncio.gather(
        *(sign_in(c, p.username, timings) for c, p in zip(clients, people, strict=True))
    )
    elapsed = (time.perf_counter() - started) * 1000
    for client in clients:
        await client.close()
    return elapsed, done.count(False)


# The server -------------------------------------------------------------------------------


def _database_url(alias: str) -> str:
    settings = connections[alias].settings_dict
    if connections[alias].vendor == "sqlite":
        return f"sqlite://{quote(str(Path(settings['NAME']).resolve()))}"
    user = quote(settings.get("USER") or "")
    password = f":{quote(settings['PASSWORD'])}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{quote(settings['NAME'])}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`vstb serve` and one `vstb worker` beside it on the benchmark database, each in its own
    process group; the CPU measured is theirs together."""

    def __init__(self, alias: str):
        self.port = _free_port()
        self.folder = tempfile.mkdtemp(prefix="vstb_load_")
        env = {
            **os.environ,
            "DATABASE_URL": _database_url(alias),
            "VSTB_DATA_DIR": self.folder,
            "VSTB_BIND": f"127.0.0.1:{self.port}",
            "VSTB_WORKERS": os.environ.get("VSTB_WORKERS", "3"),
            "VSTB_DEBUG": "0",
            "VSTB_DEMO": "0",
            "VSTB_HTTPS": "0",
            "VSTB_SECRET_KEY": "bench-load-" + "x" * 40,
            "VSTB_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SETTINGS_MODULE": "vstb.settings",
        }
        vstb = Path(sys.executable).with_name("vstb")
        self.log = open(Path(self.folder) / "server.log", "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [str(vstb), "serve"], env=env, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        # The background worker beside it, as on a production host (PDF conversions).
        self.worker = subprocess.Popen(
            [str(vstb), "worker"], env=env, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def wait_ready(self, seconds: float = 60.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"vstb serve ended: {self.output()}")
            try:
                status, _, _ = asyncio.run(Http(self.port).request("GET", "/health/"))
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"vstb serve did not answer in {seconds:.0f} s: {self.output()}")

    def cpu_seconds(self) -> float:
        """User and system CPU time of the server's processes so far (Linux /proc)."""
        total = 0.0
        tick = os.sysconf("SC_CLK_TCK")
        for pid in self._pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / tick
        return total

    def _pids(self) -> list[int]:
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if os.getpgid(int(entry.name)) in (self.process.pid, self.worker.pid):
                        pids.append(int(entry.name))
                except OSError:
                    continue
        return pids

    def output(self) -> str:
        self.log.flush()
        return (Path(self.folder) / "server.log").read_text(errors="replace")[-2000:]

    def stop(self) -> None:
        try:
            for process in (self.worker, self.process):
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(timeout=30)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    os.killpg(process.pid, signal.SIGKILL)
        finally:
            self.log.close()
            shutil.rmtree(self.folder, ignore_errors=True)


# The run ----------------------------------------------------------------------------------


def people(alias: str, count: int, rng: random.Random) -> list[Person]:
    requirement = Requirement.objects.using(alias).get()
    officers = list(
        User.objects.using(alias)
        .filter(username__startswith="xa")
        .values_list("username", "roles__unit_id")
    )
    secretariats = list(
        User.objects.using(alias)
        .filter(username__startswith="tinh")
        .values_list("username", "roles__unit_id")
    )
    rng.shuffle(officers)
    rng.shuffle(secretariats)
    wanted_secretariats = max(1, round(count * 0.05))
    chosen = [(name, unit, True) for name, unit in secretariats[:wanted_secretariats]]
    chosen += [(name, unit, False) for name, unit in officers[: count - len(chosen)]]
    return [Person(name, secretary, unit, requirement.pk) for name, unit, secretary in chosen]


def _p(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[round(q) - 1]


def run(scale: str, alias: str) -> Iterator[dict]:
    size = SCALES[scale]
    inbox.build(inbox.SCALES[size.world], alias)
    # Hashed as the server checks it (the tests' settings use a faster hasher).
    hasher = Argon2PasswordHasher()
    User.objects.using(alias).update(password=hasher.encode(PASSWORD, hasher.salt()))
    settle(alias)
    reports = Report.objects.using(alias).count()
    connections[alias].close()  # the server's processes use the database from here on
    server = Server(alias)
    try:
        server.wait_ready()
        rng = random.Random(14)
        for number, level in enumerate(size.levels):
            if number:
                vacuum_if_no_autovacuum(alias)
            crowd = people(alias, level, rng)
            cpu_at_start: list[float] = []
            machine_at_start: list[tuple[int, int]] = []
            client_at_start: list[float] = []

            def measuring(cpu_at_start=cpu_at_start, machine_at_start=machine_at_start,
                          client_at_start=client_at_start):  # fmt: skip
                _sample_cpu(server, cpu_at_start)
                machine_at_start.append(_machine_ticks())
                client_at_start.append(time.process_time())

            timings, wall = asyncio.run(run_level(crowd, server.port, size, measuring))
            cpu = server.cpu_seconds() - cpu_at_start[0]
            client = time.process_time() - client_at_start[0]
            (busy_now, total_now), (busy_then, total_then) = _machine_ticks(), machine_at_start[0]
            busy, total = busy_now - busy_then, total_now - total_then
            yield from _lines(scale, alias, level, timings, wall, cpu)
            print(
                f"{BENCH}: {level} people: the machine's cores were busy {100 * busy / total:.0f} % "
                f"of the measured time (server, database and client together); the client "
                f"alone used {100 * client / wall:.0f} % of a core",
                file=sys.stderr,
            )
        if soffice() is None:
            print(
                f"{BENCH}: LibreOffice is not installed: the PDF case is skipped", file=sys.stderr
            )
        else:
            vacuum_if_no_autovacuum(alias)
            yield from _pdf_case(scale, alias, server, rng)
        vacuum_if_no_autovacuum(alias)
        burst = people(alias, size.login_burst, rng)
        elapsed, failed = asyncio.run(login_burst(burst, server.port))
        line = result(bench=BENCH, case=f"login-burst@{len(burst)}", scale=scale, alias=alias,
                      ms=elapsed, baseline_ms=None, goal_ratio=None, queries=None,
                      rows=len(burst))  # fmt: skip
        line["ok"] = failed == 0 and elapsed <= LOGIN_BURST_GOAL_MS
        print(f"{BENCH}: {len(burst)} sign-ins at once: last in after {elapsed:.0f} ms, "
              f"{failed} failed (goal: all within {LOGIN_BURST_GOAL_MS:.0f} ms)", file=sys.stderr)  # fmt: skip
        yield line
    finally:
        server.stop()
    print(f"{BENCH}: {reports} reports in the database at the start", file=sys.stderr)


def settle(alias: str) -> None:
    """The freshly built database as a production one has long been: its statistics gathered,
    its dead rows (every user's password was just rewritten) vacuumed, and its written pages
    flushed to disk. Otherwise PostgreSQL does that work during the first measured minutes:
    measured first after the build, 200 people had home, my reports and opening a report at
    p95 1.3–1.5 s with the cores only 42 % busy (waiting on the disk); settled first, the
    same minute had them at 44–87 ms."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        analyze(alias)
        return
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("CHECKPOINT")


def vacuum_if_no_autovacuum(alias: str) -> None:
    """Between two levels (and before the PDF case and the sign-ins at once), the work
    autovacuum does on a production server, when this server's PostgreSQL has it turned off
    (`autovacuum = off`, as on the machines these benchmarks run on): the rows each level's
    saves and sign-ins left dead are vacuumed before the next minute, not left to slow it.
    Without this, 400 people after the lower levels had every page, the bare one too, at p95
    about 1 s; with it, 0.15-0.43 s, as when that level runs first on a settled database.
    With autovacuum on, it runs by itself and is measured as it comes."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        if cursor.fetchone()[0] == "on":
            return
        cursor.execute("VACUUM ANALYZE")
    connection.close()
    print(
        f"{BENCH}: autovacuum is off on this server: vacuumed before what follows", file=sys.stderr
    )


def pdf_readers(alias: str, count: int) -> tuple[list[Person], str]:
    """`count` commune officers of the province with the most, and its issued plan's PDF."""
    requirement = Requirement.objects.using(alias).get()
    officers: dict[int, list[tuple[str, int]]] = {}
    for name, unit_id, province_id in (
        User.objects.using(alias)
        .filter(username__startswith="xa")
        .order_by("username")
        .values_list("username", "roles__unit_id", "roles__unit__parent_id")
    ):
        officers.setdefault(province_id, []).append((name, unit_id))
    province_id, chosen = max(officers.items(), key=lambda item: len(item[1]))
    plan = Plan.objects.using(alias).get(unit_id=province_id, status=PlanStatus.ISSUED)
    readers = [Person(name, False, unit, requirement.pk) for name, unit in chosen[:count]]
    return readers, f"/plans/{plan.pk}/pdf/"


def _pdf_case(scale, alias, server: Server, rng) -> Iterator[dict]:
    """The PDF level's minute again, its people at work while `pdf_readers` people download
    their province plan's PDF at the same moment (its first download: it is converted then),
    between two minutes of the same people without the downloads, the control (before and
    after, so that what the level before leaves behind, or a machine slowing down, weighs
    on the control as on the downloads' minute). Two cases: the downloads (the slowest), and
    the other pages' p95 against the control's two minutes together (goal: at most 20 %
    slower). Each control minute's p95 is printed beside them: how far two minutes without
    any PDF differ is the measure's noise."""
    size = SCALES[scale]
    readers, path = pdf_readers(alias, size.pdf_readers)
    taken = {reader.username for reader in readers}
    crowd = [
        p for p in people(alias, size.pdf_level + len(readers), rng) if p.username not in taken
    ]
    crowd = crowd[: size.pdf_level]
    before, _ = asyncio.run(run_level(crowd, server.port, size, lambda: None))
    timings, _ = asyncio.run(run_level(crowd, server.port, size, lambda: None, pdf=(readers, path)))
    after, _ = asyncio.run(run_level(crowd, server.port, size, lambda: None))
    control = Timings(by_page={page: before.by_page.get(page, []) + after.by_page.get(page, [])
                               for page in {*before.by_page, *after.by_page}})  # fmt: skip
    downloads = timings.by_page.get(PDF, [])
    failed = timings.errors.get(PDF, 0)
    line = result(bench=BENCH, case=f"pdf-burst@{len(readers)}", scale=scale, alias=alias,
                  ms=max(downloads, default=0.0), baseline_ms=None, goal_ratio=None,
                  queries=None, rows=len(downloads))  # fmt: skip
    line["ok"] = failed == 0 and len(downloads) == len(readers)
    yield line
    during, without = _others_p95(timings), _others_p95(control)
    errors = sum(n for page, n in timings.errors.items() if page != PDF)
    line = result(bench=BENCH, case=f"pages-during-pdf@{size.pdf_level}", scale=scale,
                  alias=alias, ms=during, baseline_ms=without or None,
                  goal_ratio=PDF_SLOWDOWN_GOAL, queries=None,
                  rows=sum(len(v) for page, v in timings.by_page.items() if page in OTHERS))  # fmt: skip
    line["ok"] = line["ok"] and errors == 0
    print(
        f"{BENCH}: {len(readers)} people downloading {path} at once: all done after "
        f"{max(downloads, default=0.0):.0f} ms, {failed} failed; the other pages' p95 "
        f"{during:.1f} ms against {without:.1f} ms in the same people's minutes without them "
        f"({_others_p95(before):.1f} ms the minute before, {_others_p95(after):.1f} ms the "
        "minute after)",
        file=sys.stderr,
    )
    yield line


# The pages of the people at work: not the bare page, the sign-ins before the minute or the PDFs.
OTHERS = OFFICER_PAGES | {"completeness", "dashboard"}


def _others_p95(timings: Timings) -> float:
    values = [ms for page, v in timings.by_page.items() if page in OTHERS for ms in v]
    return _p(values, 95)


def _sample_cpu(server: Server, into: list[float]) -> None:
    into.append(server.cpu_seconds())


def _machine_ticks() -> tuple[int, int]:
    """All cores' busy and total clock ticks so far (the first line of Linux /proc/stat): a
    level whose cores are not all busy is limited by something else than the processor."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and waiting for I/O
    total = sum(fields[:8])  # user … steal; guest time is already counted in user
    return total - idle, total


def _lines(scale, alias, level, timings: Timings, wall: float, cpu: float) -> Iterator[dict]:
    bare = timings.by_page.get(BARE, [])
    bare_p95 = _p(bare, 95)
    # The measured minute: every page but the sign-ins, which came before it.
    requests = sum(len(v) for page, v in timings.by_page.items() if page != "sign-in")
    errors = sum(timings.errors.values())
    print(
        f"{BENCH}: {level} people, measured {wall:.0f} s after all signed in: {requests} "
        f"requests ({requests / wall:.1f}/s), {errors} errors, server CPU "
        f"{1000 * cpu / max(requests, 1):.1f} ms a request",
        file=sys.stderr,
    )
    for page, values in sorted(timings.by_page.items()):
        p95 = _p(values, 95)
        print(
            f"{BENCH}:   {page:24} n={len(values):5} median={statistics.median(values):7.1f} "
            f"p95={p95:7.1f} p99={_p(values, 99):7.1f} ms errors={timings.errors.get(page, 0)}",
            file=sys.stderr,
        )
        if page == BARE:
            continue
        line = result(bench=BENCH, case=f"{page}@{level}", scale=scale, alias=alias, ms=p95,
                      baseline_ms=bare_p95 or None, goal_ratio=None, queries=None,
                      rows=len(values))  # fmt: skip
        # Signing in is measured by the login burst (argon2's cost is the point of it).
        if page == "sign-in":
            goal = None
        elif level <= 200:
            goal = GOAL_MS_AT_200
        else:
            goal = OFFICER_GOAL_MS_AT_400 if page in OFFICER_PAGES else None
        line["ok"] = timings.errors.get(page, 0) == 0 and (goal is None or p95 <= goal)
        yield line
