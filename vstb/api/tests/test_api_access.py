"""Every API operation, every persona of the browser's access walk, each with a token: the
outcome is the browser's for the page that shows or changes the same thing, read from the
walk's own table (`WALK`), so the two cannot drift. A page's "sign in first" (302) is the
API's 401; a page's 200 or redirect after a change is the API's 200 or 201.

As in the walk: what an allowed persona reads shows nothing outside its scope, and a refused
change leaves every table as it was. A new operation without a row here fails
`test_every_operation_is_in_the_table`.
"""

from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from vstb.accounts.models import ApiToken
from vstb.accounts.tests import test_access_walk as walk
from vstb.conftest import build_world
from vstb.org.models import Agency
from vstb.reporting import services as reporting

API = {walk.LOGIN: 401, walk.FORBIDDEN: 403, walk.NOT_FOUND: 404, walk.NOT_ALLOWED: 405}
PUBLIC = "public"


def _row(name: str, method: str, nth: int = 0):
    """The walk's row for this page and method (the nth, where the walk has several)."""
    rows = [row for row in walk.TABLE if row[0] == name and row[2] == method]
    return rows[nth]


def _pk(key="pk"):
    return lambda kwargs: {"pk": kwargs[key]}


def _years(kwargs):
    return {"pk": kwargs["unit_pk"]}


def _none(kwargs):
    return {}


def _activity(w) -> dict:
    focal_agency = w.users["focal_point"].roles.get().agency_id
    assert Agency.objects.filter(pk=focal_agency, unit=w.district).exists()
    return {
        "kind": "communication",
        "title": "Hội nghị truyền thông",
        "start": "2025-04-02",
        "agency_id": focal_agency,
    }


def _filled_report(w) -> dict:
    """The ward's report with its required figure, ready to be sent."""
    report = w.requirement.reports.get(unit=w.ward)
    reporting.save_report(report, None, report.version, {}, {w.figure.pk: {"total": 3}})
    return {"version": report.version}


# (operation, HTTP method, the walk's page (name, method, nth) or PUBLIC, the operation's
# kwargs from the page's, the body from the world)
TABLE = [
    ("api:openapi-json", "get", PUBLIC, _none, None),
    ("api:openapi-view", "get", PUBLIC, _none, None),
    ("api:me", "get", ("home", "get"), _none, None),
    ("api:unit_list", "get", ("org:unit_list", "get"), _none, None),
    ("api:unit_detail", "get", ("org:unit_detail", "get", 0), _pk(), None),
    ("api:unit_detail", "get", ("org:unit_detail", "get", 1), _pk(), None),
    ("api:unit_detail", "get", ("org:unit_detail", "get", 2), _pk(), None),
    ("api:agency_list", "get", ("org:unit_detail", "get", 0), _pk(), None),
    ("api:committee_detail", "get", ("org:unit_detail", "get", 1), _pk(), None),
    ("api:plan_list", "get", ("plans:list", "get"), _none, None),
    ("api:plan_detail", "get", ("plans:detail", "get", 0), _pk(), None),
    ("api:plan_detail", "get", ("plans:detail", "get", 1), _pk(), None),
    ("api:task_detail", "get", ("plans:task_detail", "get"), _pk(), None),
    ("api:activity_list", "get", ("activities:list", "get"), _pk("unit_pk"), None),
    ("api:activity_create", "post", ("activities:create", "get"), _pk("unit_pk"), _activity),
    ("api:activity_detail", "get", ("activities:detail", "get"), _pk(), None),
    ("api:requirement_list", "get", ("reporting:list", "get"), _none, None),
    ("api:requirement_detail", "get", ("reporting:requirement", "get"), _pk(), None),
    ("api:report_list", "get", ("reporting:my_reports", "get"), _none, None),
    (
        "api:report_open",
        "post",
        ("reporting:open", "post"),
        _pk(),
        lambda w: {"unit_id": w.ward.pk},
    ),
    ("api:report_detail", "get", ("reporting:report", "get"), _pk(), None),
    ("api:report_save", "put", ("reporting:report", "post"), _pk(), lambda w: {"version": 1}),
    ("api:report_submit", "post", ("reporting:submit", "post"), _pk(), _filled_report),
    ("api:catalogue", "get", ("indicators:catalogue", "get"), _none, None),
    ("api:value_list", "get", ("indicators:progress", "get", 0), _pk("unit_pk"), None),
    ("api:value_list", "get", ("indicators:progress", "get", 1), _pk("unit_pk"), None),
    (
        "api:value_save",
        "put",
        ("indicators:import", "post"),
        _pk("unit_pk"),
        lambda w: {"year": 2025, "values": []},
    ),
    ("api:target_list", "get", ("indicators:progress", "get", 0), _pk("unit_pk"), None),
    ("api:datavaluesets_out", "get", ("indicators:matrix_xlsx", "get"), _years, None),
    ("api:adx_out", "get", ("indicators:matrix_xlsx", "get"), _years, None),
    ("api:sdmx_out", "get", ("indicators:matrix_xlsx", "get"), _years, None),
    (
        "api:datavaluesets_in",
        "post",
        ("indicators:import", "post"),
        _pk("unit_pk"),
        lambda w: {"dataValues": []},
    ),
    (
        "api:adx_in",
        "post",
        ("indicators:import", "post"),
        _pk("unit_pk"),
        lambda w: ("application/adx+xml", '<adx xmlns="urn:ihe:qrph:adx:2015"/>'),
    ),
    ("api:notification_list", "get", ("notifications:list", "get"), _none, None),
    ("api:notification_detail", "get", ("notifications:open", "get"), _pk(), None),
]

# The API's tokens change as they are used (last use, the rate window): not a change of data.
UNWATCHED = walk.UNWATCHED_TABLES | {"accounts_apitoken"}


def _state() -> str:
    return walk._database_state(UNWATCHED)


def _tokens(world, read_only=False) -> dict[str, str | None]:
    secrets = {}
    for persona, user in world.users.items():
        if user is None:
            secrets[persona] = None
            continue
        _token, secrets[persona] = ApiToken.issue(
            user, "walk", timezone.now() + timedelta(days=1), read_only=read_only
        )
    return secrets


def _call(secret, method, url, body):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}") if secret else Client()
    if method == "get":
        return client.get(url)
    if isinstance(body, tuple):  # (media type, text)
        return getattr(client, method)(url, body[1], content_type=body[0])
    return getattr(client, method)(url, body or {}, content_type="application/json")


def _content(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _expected(page, persona_outcomes) -> dict[str, tuple[int, ...]]:
    if page == PUBLIC:
        return {persona: (200,) for persona in walk.ALL_PERSONAS}
    return {
        persona: _api_outcome(persona, outcome) for persona, outcome in persona_outcomes.items()
    }


def _api_outcome(persona: str, outcome: int) -> tuple[int, ...]:
    """A page's 302 is "sign in first" for those not signed in, "done" for the others."""
    if outcome == walk.LOGIN and persona in NOT_SIGNED_IN:
        return (401,)
    return (200, 201) if outcome in walk.ALLOWED else (API[outcome],)


# A deactivated person's token lets nobody in, as their session does not.
NOT_SIGNED_IN = {"anonymous", "inactive"}


CASES = [pytest.param(*row, id=f"{row[0]}-{row[1]}-{index}") for index, row in enumerate(TABLE)]


@pytest.mark.parametrize(("name", "method", "page", "to_api", "body"), CASES)
def test_operation_outcome_for_every_persona(db, name, method, page, to_api, body):
    world = build_world()
    walk.add_more_personas(world)
    if page == PUBLIC:
        url, outcomes = reverse(name), None
    else:
        _name, page_kwargs, _method, walk_outcomes, *_data = _row(*page)
        url = reverse(name, kwargs=to_api(page_kwargs(world)))
        if name.endswith("_out"):
            url += "?start_year=2024&end_year=2025"
        outcomes = walk.expected_outcomes(walk_outcomes)
    expected = _expected(page, outcomes)
    sent = body(world) if body else None
    secrets = _tokens(world)
    wrong = []
    for persona in walk.ALL_PERSONAS:
        with transaction.atomic():
            before = _state() if method != "get" else None
            response = _call(secrets[persona], method, url, sent)
            status = response.status_code
            where = f"{persona} {method.upper()} {url}"
            if status not in expected[persona]:
                wrong.append(f"{where}: {status} {response.content[:200]!r}")
            elif before is not None and status >= 400 and _state() != before:
                wrong.append(f"{where}: refused ({status}) but changed the database")
            elif status == 200:
                content = _content(response)
                shown = [word for word in walk._unseen(world, persona) if word in content]
                if shown:
                    wrong.append(f"{where}: shows {shown}, outside its scope")
            transaction.set_rollback(True)
    assert not wrong, "; ".join(wrong)


WRITES = [
    pytest.param(*row, id=f"{row[0]}-{index}") for index, row in enumerate(TABLE) if row[1] != "get"
]


@pytest.mark.parametrize(("name", "method", "page", "to_api", "body"), WRITES)
def test_a_read_only_token_changes_nothing(db, name, method, page, to_api, body):
    """Every persona allowed to make the change is refused it with a read-only token."""
    world = build_world()
    walk.add_more_personas(world)
    _name, page_kwargs, _method, walk_outcomes, *_data = _row(*page)
    url = reverse(name, kwargs=to_api(page_kwargs(world)))
    allowed = [
        persona
        for persona, outcome in walk.expected_outcomes(walk_outcomes).items()
        if _api_outcome(persona, outcome) == (200, 201)
    ]
    assert allowed
    secrets = _tokens(world, read_only=True)
    sent = body(world)
    for persona in allowed:
        before = _state()
        response = _call(secrets[persona], method, url, sent)
        assert response.status_code == 403, (persona, response.content)
        assert _state() == before


def test_every_operation_is_in_the_table():
    from vstb.api.urls import urlpatterns

    listed = {name.removeprefix("api:") for name, *_ in TABLE}
    missing = {pattern.name for pattern in urlpatterns} - listed - {"api-root"}
    assert not missing, f"add these operations to the API's access table: {sorted(missing)}"


def test_the_api_root_is_not_a_page(client):
    assert client.get("/api/v1/").status_code == 404
