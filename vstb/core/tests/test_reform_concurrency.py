"""Two people moving the same ceased ward's work at the same moment move it once."""

import threading
import time
from datetime import date

import pytest
from django.db import connection, connections

from vstb.accounts.models import Role, RoleKind
from vstb.conftest import make_user
from vstb.core import reform
from vstb.indicators.models import PublicPage
from vstb.org.models import Succession, Unit

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs row locks between two connections: runs on PostgreSQL (.ci/run step 3)",
    ),
]


def test_concurrent_hand_overs_move_the_work_once(world, monkeypatch):
    ceased = date(2025, 7, 1)
    ward = Unit.objects.create(
        code="00136", name="Phường Gia Thụy", kind="phuong", parent=world.district,
        valid_to=ceased,
    )  # fmt: skip
    Succession.objects.create(predecessor=ward, successor=world.ward, kind="merge", date=ceased)
    officer = make_user("gia_thuy_officer", RoleKind.UNIT_OFFICER, ward)
    PublicPage.objects.create(unit=ward, enabled=True)
    # Widen the window between reading what moves and moving it, so that without the lock
    # both transactions would read the same open work.
    handover_for = reform.handover_for

    def slow_handover_for(*args):
        found = handover_for(*args)
        time.sleep(0.3)
        return found

    monkeypatch.setattr(reform, "handover_for", slow_handover_for)
    start = threading.Barrier(2)
    errors, moved = [], []

    def move():
        try:
            start.wait()
            moved.append(reform.hand_over(ward, world.ward))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=move) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(handover.is_empty for handover in moved) == [False, True]
    assert Role.objects.filter(user=officer, unit=world.ward).count() == 1
    assert PublicPage.objects.filter(unit=world.ward).count() == 1
