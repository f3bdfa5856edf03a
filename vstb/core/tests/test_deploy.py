"""The deployment files agree with the application (issue 14, item 4)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands
from django.urls import reverse

DEPLOY = Path(settings.BASE_DIR).parent / "deploy"


def test_every_unit_runs_a_command_that_exists():
    commands = get_commands()
    units = sorted((DEPLOY / "systemd").glob("*.service"))
    assert units
    for unit in units:
        found = re.findall(
            r"^ExecStart=/opt/vstb/\.venv/bin/vstb ([a-z-]+)", unit.read_text(), re.M
        )
        assert found, f"{unit.name} runs no vstb command"
        for command in found:  # a oneshot unit may run several in turn
            assert command.replace("-", "_") in commands, f"{unit.name}: no command {command}"


def test_nginx_lets_through_the_largest_upload_and_no_larger():
    config = (DEPLOY / "nginx" / "vstb.conf").read_text()
    [limit] = re.findall(r"client_max_body_size (\d+)m;", config)
    largest = max(settings.VSTB_IMPORT_MAX_MB, settings.VSTB_EVIDENCE_MAX_MB)
    assert largest <= int(limit) <= largest + 5
    assert "X-Forwarded-Proto" in config and "X-Forwarded-For" in config


def test_the_example_environment_names_only_variables_vstb_reads():
    code = "".join(
        path.read_text(encoding="utf-8")
        for path in Path(settings.BASE_DIR).rglob("*.py")
        if "tests" not in path.parts
    )
    for line in (DEPLOY / "vstb.env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name = line.split("=", 1)[0]
            assert f'"{name}"' in code, f"{name} is read nowhere"


@pytest.mark.django_db
def test_health_answers_ok_without_signing_in(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_answers_503_when_the_database_does_not(client, monkeypatch):
    from django.db import DatabaseError

    from vstb.core import views

    class Broken:
        def cursor(self):
            raise DatabaseError("down")

    monkeypatch.setattr(views, "connection", Broken())
    response = client.get(reverse("health"))
    assert response.status_code == 503
