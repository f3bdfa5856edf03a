"""The generated permission matrix of the case register (issue 15, tests): every case URL
and action × every persona (the case roles and the existing ones) × each situation of a case
(own, assigned, same commune, other commune, referral open, referral closed, closed).

The expected outcome comes from the rules of vstb/access/cases.py, stated once here: who
sees a case (404 otherwise), who changes it (403 when it is closed), who decides for it
(a worker who sees it gets 403)."""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from vstb.cases.models import AccessEntry
from vstb.cases.tests.world import CASE_PERSONAS, SHARED_PERSONAS, SITUATIONS, build_case_world
from vstb.conftest import sign_in

PERSONAS = SHARED_PERSONAS + CASE_PERSONAS
OK, FOUND, FORBIDDEN, NOT_FOUND, LOGIN = 200, 302, 403, 404, "login"

# Who sees which situation (the rule of cases_visible_to).
SEES = {
    "worker": {"own", "assigned", "closed"},
    "worker2": {"assigned", "same_commune", "referral_open", "referral_closed"},
    "other_worker": {"other_commune"},
    "ward_supervisor": set(SITUATIONS) - {"other_commune"},
    "city_supervisor": set(SITUATIONS),
}
SUPERVISES = {"ward_supervisor", "city_supervisor"}

# (url name, method, what it needs, data): what each case URL is.
READ, WRITE, DECIDE, DECIDE_ANY = "read", "write", "decide", "decide_any"
URLS = [
    ("cases:detail", "get", READ, {}),
    ("cases:reveal", "post", READ, {}),
    ("cases:receipt_docx", "get", READ, {}),
    ("cases:edit", "get", WRITE, {}),
    ("cases:incident_add", "get", WRITE, {}),
    ("cases:refer", "get", WRITE, {}),
    ("cases:consent", "post", WRITE, {"scope": "statistics", "given": "yes"}),
    ("cases:order_add", "post", WRITE, {"issued_on": "2026-01-02"}),
    ("cases:service_add", "post", WRITE, {"measure": "counselling", "given_on": "2026-01-02"}),
    ("cases:shelter_add", "post", WRITE, {"start": "02/01/2026", "location": "Nhà chị Zqx"}),
    ("cases:follow_up_add", "post", WRITE, {"due_on": "2026-02-01"}),
    ("cases:follow_up_done", "post", WRITE, {}),
    ("cases:close", "post", WRITE, {"reason": "needs_met"}),
    ("cases:assign", "post", DECIDE, {}),
    ("cases:closure_decide", "post", DECIDE_ANY, {"decision": "return"}),
    ("cases:reopen", "post", DECIDE_ANY, {}),
    ("cases:log", "get", DECIDE_ANY, {}),
]


def expected(persona: str, situation: str, needs: str) -> object:
    if persona == "anonymous":
        return LOGIN
    if situation not in SEES.get(persona, set()):
        return NOT_FOUND
    closed = situation == "closed"
    if needs == WRITE:
        return FORBIDDEN if closed else OK
    if needs == DECIDE:  # changes the case: a closed case is not reassigned
        if closed:
            return FORBIDDEN
        return OK if persona in SUPERVISES else FORBIDDEN
    if needs == DECIDE_ANY:
        return OK if persona in SUPERVISES else FORBIDDEN
    return OK


def _url(world, name: str, situation: str) -> str:
    if name == "cases:follow_up_done":
        return reverse(name, args=[world.follow_ups[situation].pk])
    return reverse(name, args=[world.cases[situation].pk])


def _outcome(response) -> object:
    if response.status_code == FOUND and "/accounts/login/" in response.url:
        return LOGIN
    return OK if response.status_code in (OK, FOUND) else response.status_code


@pytest.mark.parametrize(("name", "method", "needs", "data"), URLS, ids=[u[0] for u in URLS])
def test_case_url_for_every_persona_and_situation(db, name, method, needs, data):
    world = build_case_world()
    if name == "cases:assign":
        data = {"worker": world.users["worker"].pk}
    wrong = []
    for persona in PERSONAS:
        for situation in SITUATIONS:
            with transaction.atomic():
                client = Client()
                if persona != "anonymous":
                    sign_in(client, world.users[persona])
                url = _url(world, name, situation)
                before = AccessEntry.objects.count()
                response = getattr(client, method)(url, data)
                got, want = _outcome(response), expected(persona, situation, needs)
                if got != want:
                    wrong.append(f"{persona} {situation} {method.upper()} {url}: {got}, not {want}")
                elif want == OK and AccessEntry.objects.count() == before and method == "get":
                    wrong.append(f"{persona} {situation} GET {url}: read without a log line")
                transaction.set_rollback(True)
    assert not wrong, "\n".join(wrong)


REFERRAL_URLS = [
    ("cases:referral", "get", {}),
    ("cases:referral_answer", "post", {"move": "accept"}),
]


@pytest.mark.parametrize(("name", "method", "data"), REFERRAL_URLS, ids=["detail", "answer"])
def test_a_referral_is_seen_by_its_providers_people_while_it_is_open(db, name, method, data):
    world = build_case_world()
    wrong = []
    for persona in PERSONAS:
        for key, referral in world.referrals.items():
            with transaction.atomic():
                client = Client()
                if persona != "anonymous":
                    sign_in(client, world.users[persona])
                url = reverse(name, args=[referral.pk])
                got = _outcome(getattr(client, method)(url, data))
                if persona == "anonymous":
                    want = LOGIN
                else:
                    want = OK if persona == "recipient" and key == "referral_open" else NOT_FOUND
                if got != want:
                    wrong.append(f"{persona} {key} {url}: {got}, not {want}")
                transaction.set_rollback(True)
    assert not wrong, "\n".join(wrong)


LIST_URLS = [
    # (name, method, data, who gets OK)
    ("cases:list", "get", {}, {"worker", "worker2", "other_worker", *SUPERVISES,
                               "other_province_supervisor"}),
    # Hải Phòng has no commune in the world: its supervisor has nowhere to record a case.
    ("cases:new", "get", {}, {"worker", "worker2", "other_worker", *SUPERVISES, "trusted"}),
    ("cases:reported", "get", {}, {"worker", "worker2", "other_worker", *SUPERVISES, "trusted",
                                   "other_province_supervisor"}),
    ("cases:referrals", "get", {}, {"recipient", "other_recipient"}),
    ("cases:providers", "get", {}, {"worker", "worker2", "other_worker", *SUPERVISES,
                                    "other_province_supervisor"}),
    ("cases:provider_add", "get", {}, {*SUPERVISES, "other_province_supervisor"}),
    ("cases:exports", "get", {}, {"worker", "worker2", "other_worker", *SUPERVISES,
                                  "other_province_supervisor"}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "method", "data", "allowed"), LIST_URLS, ids=[u[0] for u in LIST_URLS]
)
def test_case_pages_without_a_case_are_for_case_roles_only(db, name, method, data, allowed):
    world = build_case_world()
    wrong = []
    for persona in PERSONAS:
        client = Client()
        if persona != "anonymous":
            sign_in(client, world.users[persona])
        got = _outcome(getattr(client, method)(reverse(name), data))
        want = LOGIN if persona == "anonymous" else OK if persona in allowed else NOT_FOUND
        if name == "cases:list" and persona == "trusted":
            want = OK  # sent on to the report form
        if got != want:
            wrong.append(f"{persona} {name}: {got}, not {want}")
    assert not wrong, "\n".join(wrong)


def test_a_list_shows_each_persona_exactly_the_cases_it_sees(db):
    world = build_case_world()
    for persona, seen in SEES.items():
        client = Client()
        sign_in(client, world.users[persona])
        page = client.get(reverse("cases:list"), {"status": "all"}).content.decode()
        for situation, case in world.cases.items():
            assert (case.code in page) == (situation in seen), (persona, situation)


def test_a_case_role_without_the_second_factor_in_this_session_holds_nothing(db):
    world = build_case_world()
    client = Client()
    client.force_login(world.users["worker"])  # signed in, code not typed
    response = client.get(reverse("cases:detail", args=[world.cases["own"].pk]))
    assert response.status_code in (302, 404)
    assert world.cases["own"].code not in response.content.decode()


def test_every_case_role_must_have_a_second_factor(db):
    from vstb.access.sign_in import second_factor_required

    world = build_case_world()
    for persona in CASE_PERSONAS:
        assert second_factor_required(world.users[persona]), persona
    assert not second_factor_required(world.users["ward_officer"])


def test_a_provider_is_changed_only_by_a_supervisor_over_it(db):
    world = build_case_world()
    url = reverse("cases:provider_edit", args=[world.legal_aid.pk])
    for persona, want in [
        ("city_supervisor", OK),
        ("ward_supervisor", FORBIDDEN),  # the district's provider: seen, not theirs to change
        ("worker", FORBIDDEN),
        ("other_province_supervisor", NOT_FOUND),
        ("district_secretariat", NOT_FOUND),
    ]:
        client = Client()
        sign_in(client, world.users[persona])
        assert _outcome(client.get(url)) == want, persona


def test_an_export_is_downloaded_by_who_asked_and_decided_by_a_supervisor_over_it(db):
    from vstb.cases import exports
    from vstb.cases.models import Case

    world = build_case_world()
    export, _secret = exports.request_export(
        world.users["worker2"], Case.objects.filter(unit=world.ward), True, "Tòa án yêu cầu"
    )
    download = reverse("cases:export_download", args=[export.pk])
    decide = reverse("cases:export_decide", args=[export.pk])
    wrong = []
    for persona in PERSONAS:
        with transaction.atomic():
            client = Client()
            if persona != "anonymous":
                sign_in(client, world.users[persona])
            got = {
                "download": _outcome(client.post(download)),
                "decide": _outcome(client.post(decide, {"decision": "refuse"})),
            }
            if persona == "anonymous":
                want = {"download": LOGIN, "decide": LOGIN}
            elif persona == "worker2":  # theirs: awaiting approval (302 with a message)
                want = {"download": OK, "decide": FORBIDDEN}
            elif persona in SUPERVISES:
                want = {"download": FORBIDDEN, "decide": OK}
            else:
                want = {"download": NOT_FOUND, "decide": NOT_FOUND}
            if got != want:
                wrong.append(f"{persona}: {got}, not {want}")
            transaction.set_rollback(True)
    assert not wrong, "\n".join(wrong)
