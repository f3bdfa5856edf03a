"""Two saves of the same unit's figures at the same moment: neither fails, and the history
of the cell chains (the second change starts from the value the first stored)."""

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, connections

from vstb.indicators import services
from vstb.indicators.models import DataValue, DataValueChange, Source
from vstb.indicators.tests.factories import element, ensure_catalogue

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs row locks between two connections: runs on PostgreSQL (.ci/run step 3)",
    ),
]


def test_concurrent_saves_of_a_new_cell_chain_their_history(world, monkeypatch):
    ensure_catalogue()
    cell = (element("DAN_SO").pk, "", "")
    # Widen the window between reading the stored figures and writing them, so that without
    # the lock both saves would find the cell empty and both create it.
    read = services.stored_values

    def slow_read(*args, **kwargs):
        found = read(*args, **kwargs)
        time.sleep(0.3)
        return found

    monkeypatch.setattr(services, "stored_values", slow_read)
    start = threading.Barrier(2)
    errors = []

    def save(value, user):
        try:
            start.wait()
            services.save_values(world.ward, 2025, "year", {cell: value}, user, Source.FORM)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    users = [world.users["ward_officer"], world.users["district_secretariat"]]
    threads = [
        threading.Thread(target=save, args=(Decimal(value), user))
        for value, user in zip((1000, 1200), users, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    [stored] = DataValue.objects.filter(unit=world.ward)
    first, second = DataValueChange.objects.filter(unit=world.ward).order_by("pk")
    assert first.old_value is None
    assert second.old_value == first.new_value
    assert stored.value == second.new_value
