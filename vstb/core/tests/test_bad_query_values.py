"""Bad query values never give a 500 (issue 12, finding 7: 513 of 11,718 fuzzed requests did).

Every GET row of the access walk is requested with values a fuzzer or a mistyped link sends:
letters for numbers, digits that `str.isdigit()` accepts and `int()` refuses ("²", "①"), years
out of range, numbers too big for the database."""

import pytest
from django.test import Client
from django.urls import reverse

from vstb.accounts.tests.test_access_walk import TABLE
from vstb.conftest import build_world, sign_in

BAD_QUERIES = [
    "unit=abc&year=abc&agency=abc&task=abc&page=abc&paragraph=abc&month=abc&level=abc&kind=abc",
    "unit=²&year=①&agency=²&task=①&page=²&paragraph=²&month=²&level=①&status=²",
    "year=0&month=0&page=0&unit=0&level=0",
    "year=10000&month=13&page=-1&unit=-1",
    "year=99999999999999999999&unit=99999999999999999999&agency=99999999999999999999"
    "&task=99999999999999999999&page=99999999999999999999",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_no_page_answers_500_to_bad_query_values(db, monkeypatch, query):
    monkeypatch.setattr("vstb.documents.pdf.docx_to_pdf", lambda docx, timeout: b"%PDF-1.7 test")
    world = build_world()
    admin, secretariat = Client(), Client()
    sign_in(admin, world.users["admin"])
    sign_in(secretariat, world.users["district_secretariat"])
    failures = []
    seen = set()
    for name, kwargs, method, *_ in TABLE:
        if method != "get" or name in ("accounts:logout",):
            continue
        url = reverse(name, kwargs=kwargs(world))
        if url in seen:
            continue
        seen.add(url)
        for client in (admin, secretariat, Client()):
            try:
                status = client.get(f"{url}?{query}").status_code
            except Exception as error:  # noqa: BLE001 - the test names every failing URL
                failures.append(f"{url}?{query}: {type(error).__name__}: {error}")
                break
            if status >= 500:
                failures.append(f"{url}?{query}: {status}")
                break
    assert not failures, "\n".join(failures)
