"""`vstb serve`: no migration at start (a deploy step), its own gunicorn control socket."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from vstb.core.management.commands import serve


def test_serve_refuses_an_unmigrated_database_and_says_what_to_run(monkeypatch):
    monkeypatch.setattr(serve, "pending_migrations", lambda: ["plans.0009_new"])
    monkeypatch.setattr(serve.os, "execv", lambda *a: pytest.fail("gunicorn must not start"))
    with pytest.raises(CommandError, match="vstb migrate"):
        call_command("serve")


def _gunicorn_args(monkeypatch, **environment) -> list[str]:
    """The command line `vstb serve` starts gunicorn with, under `environment`."""
    started = []
    monkeypatch.setattr(serve.os, "execv", lambda program, args: started.append(args))
    monkeypatch.setattr(serve, "call_command", lambda *a, **k: None)  # collectstatic
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    call_command("serve")
    (args,) = started
    return args


@pytest.mark.django_db
def test_serve_runs_gunicorn_with_a_control_socket_of_its_own_and_a_timeout(monkeypatch):
    args = _gunicorn_args(monkeypatch, VSTB_BIND="127.0.0.1:8123")
    socket = args[args.index("--control-socket") + 1]
    assert socket.startswith(str(settings.DATA_DIR)) and "8123" in socket
    assert args[args.index("--timeout") + 1] == "30"
    assert serve.pending_migrations() == []  # the test database is migrated


@pytest.mark.django_db
def test_serve_runs_threads_in_each_process_when_asked(monkeypatch):
    args = _gunicorn_args(monkeypatch, VSTB_THREADS="4")
    assert args[args.index("--worker-class") + 1] == "gthread"
    assert args[args.index("--threads") + 1] == "4"
