"""Two plans of one issuer issued at the same moment never get the same number."""

import threading
import time
from datetime import date

import pytest
from django.db import connection, connections

from vstb.plans.models import NumberRegister, Plan

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs row locks between two connections: runs on PostgreSQL (.ci/run step 3)",
    ),
]


def test_concurrent_issuing_takes_distinct_numbers(world, monkeypatch):
    plans = [
        Plan.objects.create(
            unit=world.district,
            year=2026,
            issuer_name="ỦY BAN NHÂN DÂN QUẬN LONG BIÊN",
            subject=f"Kế hoạch {i}",
            place="Long Biên",
            symbol="KH-UBND",
            signer_lines=["CHỦ TỊCH"],
            signer_name="Nguyễn Văn Ký",
        )
        for i in range(2)
    ]
    # The register row exists already, as it does after the first plan of the year.
    NumberRegister.objects.create(unit=world.district, issuer_body="ubnd", year=2026, last_number=4)
    # Widen the window between reading the register and writing it back, so that without
    # the row lock both transactions would read the same last number.
    save = NumberRegister.save

    def slow_save(self, *args, **kwargs):
        time.sleep(0.3)
        return save(self, *args, **kwargs)

    monkeypatch.setattr(NumberRegister, "save", slow_save)
    start = threading.Barrier(2)
    errors = []

    def issue(plan):
        try:
            start.wait()
            plan.issue(on=date(2026, 1, 5))
        except Exception as error:  # reported below, with the thread's own traceback lost
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(plan,)) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(
        Plan.objects.filter(pk__in=[p.pk for p in plans]).values_list("number", flat=True)
    )
    assert numbers == [5, 6]
