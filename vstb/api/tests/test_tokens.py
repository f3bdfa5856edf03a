"""Personal API tokens: made in the browser and shown once, refused once revoked or expired,
never more than their owner's roles as they are now; limits, languages, conditional GETs,
incremental sync and the optimistic lock of reports."""

from datetime import date, timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from vstb.accounts.models import ApiToken
from vstb.conftest import build_world, sign_in
from vstb.reporting import services as reporting
from vstb.reporting.models import Figure, Requirement


def _token(user, read_only=False, days=30):
    return ApiToken.issue(user, "test", timezone.now() + timedelta(days=days), read_only)


def _api(secret, **headers):
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}", **headers)


@pytest.fixture
def world(db):
    return build_world()


def test_a_token_is_shown_once_and_only_its_digest_is_kept(world):
    client = Client()
    sign_in(client, world.users["ward_officer"])
    page = client.post(reverse("accounts:api_tokens"), {"name": "Thống kê", "days": 90})
    secret = page.context["secret"]
    assert secret.startswith("vstb_") and secret in page.content.decode()
    token = ApiToken.objects.get(user=world.users["ward_officer"])
    assert secret not in (token.digest, token.hint) and token.read_only is False
    assert secret not in client.get(reverse("accounts:api_tokens")).content.decode()
    assert _api(secret).get("/api/v1/me").json()["username"] == "ward_officer"


def test_revoked_and_expired_tokens_are_refused(world):
    token, secret = _token(world.users["ward_officer"])
    assert _api(secret).get("/api/v1/me").status_code == 200
    client = Client()
    sign_in(client, world.users["ward_officer"])
    client.post(reverse("accounts:api_token_revoke", args=[token.pk]))
    assert _api(secret).get("/api/v1/me").status_code == 401
    _expired, old = _token(world.users["ward_officer"], days=-1)
    assert _api(old).get("/api/v1/me").status_code == 401
    assert _api("vstb_not-a-token").get("/api/v1/me").status_code == 401


def test_another_person_cannot_revoke_a_token(world):
    token, secret = _token(world.users["ward_officer"])
    client = Client()
    sign_in(client, world.users["district_secretariat"])
    assert client.post(reverse("accounts:api_token_revoke", args=[token.pk])).status_code == 404
    assert _api(secret).get("/api/v1/me").status_code == 200


def test_a_token_loses_what_its_owner_loses(world):
    _t, secret = _token(world.users["ward_officer"])
    url = f"/api/v1/units/{world.ward.pk}/activities"
    assert _api(secret).get(url).status_code == 200
    world.users["ward_officer"].roles.update(valid_to=date.today() - timedelta(days=1))
    assert _api(secret).get(url).status_code == 404


def test_a_session_cookie_does_not_open_the_api(world):
    client = Client()
    sign_in(client, world.users["district_secretariat"])
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert "sessionid" not in response.cookies


def test_a_program_leaves_no_session_behind(world):
    _token_row, secret = _token(world.users["ward_officer"])
    client = _api(secret)
    for _ in range(3):
        response = client.get("/api/v1/units")
        assert response.status_code == 200
        assert django_settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()


def test_over_the_rate_limit_a_program_is_told_to_wait(world, settings):
    settings.VSTB_API_RATE_PER_MINUTE = 3
    _t, secret = _token(world.users["ward_officer"])
    statuses = [_api(secret).get("/api/v1/me").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert "phút" in _api(secret).get("/api/v1/me").json()["detail"]


def test_the_rate_limit_counts_each_minute_afresh(world):
    token, _secret = _token(world.users["ward_officer"])
    start = timezone.now().replace(second=5)
    within = [token.count_request(2, now=start + timedelta(seconds=s)) for s in (0, 10, 20)]
    assert within == [True, True, False]
    assert token.count_request(2, now=start + timedelta(minutes=1)) is True
    token.refresh_from_db()
    assert token.window_count == 1 and token.last_used_at == start + timedelta(minutes=1)


def test_errors_speak_vietnamese_unless_english_is_asked(world):
    _t, secret = _token(world.users["ward_officer"])
    url = f"/api/v1/units/{world.other_district.pk}"
    assert "không" in _api(secret).get(url).json()["detail"].lower()
    english = _api(secret, HTTP_ACCEPT_LANGUAGE="en").get(url)
    assert english.json()["detail"] == "Not found, or you may not see it."
    assert english["Content-Language"] == "en"


def test_a_malformed_request_is_told_what_each_value_must_be(world):
    report = _report(world)
    _t, secret = _token(world.users["ward_officer"])
    detail = _api(secret).get("/api/v1/units?limit=abc&updated_since=hôm qua").json()["detail"]
    assert detail == (
        "Yêu cầu không hợp lệ: limit: phải là số nguyên; "
        "updated_since: phải là thời điểm viết theo dạng YYYY-MM-DDTHH:MM:SS"
    )
    years = _api(secret, HTTP_ACCEPT_LANGUAGE="en").get(
        f"/api/v1/units/{world.ward.pk}/dataValueSets?start_year=1999&end_year=2025"
    )
    assert years.status_code == 422
    assert years.json()["detail"] == "The request is not valid: start_year: must be 2000 or more"
    url = f"/api/v1/reports/{report.pk}"
    broken = _api(secret).put(url, "{version: 1", content_type="application/json")
    assert broken.status_code == 400
    assert broken.json()["detail"].startswith("Không đọc được nội dung của yêu cầu")
    wrong = _api(secret).put(url, {"version": "một"}, content_type="application/json")
    assert wrong.json()["detail"] == "Yêu cầu không hợp lệ: version: phải là số nguyên"


def test_a_conditional_get_answers_304_until_something_changes(world):
    _t, secret = _token(world.users["district_secretariat"])
    url = f"/api/v1/units/{world.district.pk}"
    first = _api(secret).get(url)
    assert _api(secret).get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    world.district.name = "Quận Long Biên mới"
    world.district.save(update_fields=["name"])
    assert _api(secret).get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_updated_since_gives_only_what_changed(world):
    _t, secret = _token(world.users["district_secretariat"])
    mark = timezone.now()
    world.ward.name = "Phường Bồ Đề (đổi tên)"
    world.ward.save(update_fields=["name"])
    rows = _api(secret).get("/api/v1/units", {"updated_since": mark.isoformat()}).json()
    assert [row["id"] for row in rows["results"]] == [world.ward.pk]
    plans = _api(secret).get("/api/v1/plans", {"updated_since": mark.isoformat()}).json()
    assert plans["count"] == 0
    world.justice_task.status_note = "Đang làm"
    world.justice_task.save(update_fields=["status_note"])
    plans = _api(secret).get("/api/v1/plans", {"updated_since": mark.isoformat()}).json()
    assert [row["id"] for row in plans["results"]] == [world.justice_task.plan_id]


def test_lists_are_paged(world):
    _t, secret = _token(world.users["admin"])
    first = _api(secret).get("/api/v1/units", {"limit": 2}).json()
    assert len(first["results"]) == 2 and first["count"] > 2
    second = _api(secret).get(first["next"]).json()
    assert {r["id"] for r in second["results"]}.isdisjoint(r["id"] for r in first["results"])


def _requirement(world):
    requirement = Requirement(
        unit=world.district, title="Báo cáo 6 tháng", kind="six_month",
        period_rule="six_month", year=2025, due_dates={"3": "2025-05-25"},
    )  # fmt: skip
    requirement.full_clean()
    requirement.save()
    Figure.objects.create(requirement=requirement, code="BL", label="Số vụ", by_sex=True)
    return requirement


def _report(world):
    return reporting.open_report(_requirement(world), world.ward)


def test_a_program_opens_its_report_once(world):
    requirement = _requirement(world)
    _t, secret = _token(world.users["ward_officer"])
    url = f"/api/v1/requirements/{requirement.pk}/reports"
    opened = _api(secret).post(url, {"unit_id": world.ward.pk}, content_type="application/json")
    assert opened.status_code == 201, opened.content
    assert opened.json()["status"] == "draft" and opened.json()["unit_id"] == world.ward.pk
    again = _api(secret).post(url, {"unit_id": world.ward.pk}, content_type="application/json")
    assert again.status_code == 200 and again.json()["id"] == opened.json()["id"]
    both = {"unit_id": world.ward.pk, "agency_id": world.justice.pk}
    refused = _api(secret).post(url, both, content_type="application/json")
    assert refused.status_code == 422 and "unit_id" in refused.json()["detail"]
    assert requirement.reports.count() == 1


def test_a_report_saved_over_a_newer_version_is_refused(world):
    report = _report(world)
    _t, secret = _token(world.users["ward_officer"])
    url = f"/api/v1/reports/{report.pk}"
    body = {"version": report.version, "figures": {"BL": {"total": 5, "women": 3, "men": 2}}}
    saved = _api(secret).put(url, body, content_type="application/json")
    assert saved.status_code == 200, saved.content
    again = _api(secret).put(url, body, content_type="application/json")
    assert again.status_code == 409
    assert _api(secret).get(url).json()["figures"][0]["total"] == 5


def test_a_report_with_bad_figures_saves_nothing_and_names_them(world):
    report = _report(world)
    _t, secret = _token(world.users["ward_officer"])
    url = f"/api/v1/reports/{report.pk}"
    body = {"version": report.version, "figures": {"BL": {"total": 2.5}, "XX": {"total": 1}}}
    response = _api(secret).put(url, body, content_type="application/json")
    assert response.status_code == 422 and "XX" in response.json()["detail"]
    body = {"version": report.version, "figures": {"BL": {"total": 2.5}}}
    response = _api(secret).put(url, body, content_type="application/json")
    assert response.status_code == 422 and "Số vụ" in response.json()["detail"]
    report.refresh_from_db()
    assert not report.values.exists()
