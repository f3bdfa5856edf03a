"""Security headers on every response and no inline script anywhere (issue 12, finding 11)."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

VSTB = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_every_response_carries_the_security_headers(client):
    for response in (client.get(reverse("accounts:login")), client.get("/khong-co-trang-nay/")):
        policy = dict(
            part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
        )
        assert policy["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
        assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
        assert "camera=()" in response["Permissions-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_no_template_holds_an_inline_script_or_an_event_handler():
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I)
    handler = re.compile(r"\son[a-z]+\s*=|\shx-on[:-]", re.I)
    found = []
    for template in VSTB.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for pattern in (inline, handler):
            found += [f"{template.relative_to(VSTB)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert not found, "\n".join(found)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_production_server_names_no_software_and_logs_every_request(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vstb.settings",
        "VSTB_DATA_DIR": str(tmp_path),
        "VSTB_SECRET_KEY": "x" * 50,
        "VSTB_HTTPS": "0",
        "VSTB_MANIFEST_STATIC": "0",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "vstb.wsgi", "--config", "python:vstb.gunicorn_conf",
         "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env, cwd=settings.BASE_DIR.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        for _attempt in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/") as answer:
                    headers = answer.headers
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not answer")
    finally:
        server.terminate()
        log = server.communicate(timeout=10)[0].decode()
    assert headers["Server"] == "VSTB"
    assert "Content-Security-Policy" in headers
    assert '"GET /accounts/login/ HTTP/1.1" 200' in log
