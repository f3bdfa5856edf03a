"""The production error pages are VSTB's own, in Vietnamese (issue 12, finding 7)."""

import pytest
from django.core.exceptions import BadRequest
from django.test import Client, override_settings
from django.urls import path

from vstb.conftest import vi
from vstb.urls import urlpatterns as site_patterns


def _fails(request):
    raise RuntimeError("a bug")


def _bad(request):
    raise BadRequest("bad")


_fails.access_rule = _bad.access_rule = "public"  # as vstb's `public` decorator marks a view


urlpatterns = [path("fails/", _fails), path("bad/", _bad), *site_patterns]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
@pytest.mark.parametrize(
    ("url", "status", "title"),
    [
        ("/fails/", 500, "Something went wrong"),
        ("/bad/", 400, "The request could not be read"),
        ("/khong-co-trang-nay/", 404, "Not found"),
    ],
)
def test_error_pages_are_in_vietnamese(url, status, title):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="vi")
    response = client.get(url)
    assert response.status_code == status
    assert vi(title) in response.content.decode()
