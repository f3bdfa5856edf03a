"""Small builders for the indicator tests: figures and units in one line each."""

import itertools
from datetime import date
from decimal import Decimal

from django.utils import timezone

from vstb.indicators.catalogue import load_strategy
from vstb.indicators.models import DataElement, DataValue, Indicator, Target
from vstb.org.models import Succession, Unit


def ensure_catalogue() -> None:
    """The Strategy catalogue, which a data migration loads: a test that flushes the database
    (transaction=True: browser and benchmark tests) removes it for the tests after it."""
    if not DataElement.objects.exists():
        load_strategy(DataElement, Indicator, Target)


def element(code: str) -> DataElement:
    ensure_catalogue()
    return DataElement.objects.get(code=code)


def indicator(code: str) -> Indicator:
    ensure_catalogue()
    return Indicator.objects.select_related("numerator", "denominator").get(code=code)


def put(code: str, unit: Unit, year: int, value, sex: str = "", area: str = "") -> DataValue:
    return DataValue.objects.create(
        element=element(code),
        unit=unit,
        year=year,
        sex=sex,
        area=area,
        value=Decimal(str(value)),
        source="form",
        entered_at=timezone.now(),
    )


# Unit codes are at most 20 characters (PostgreSQL enforces it; SQLite does not).
_codes = itertools.count(1)


def unit(name: str, parent: Unit | None = None, kind: str = "phuong", **dates) -> Unit:
    return Unit.objects.create(
        code=f"T{next(_codes):05d}", name=name, kind=kind, parent=parent, **dates
    )


def succeed(old: Unit, new: Unit, kind: str = "merge", day: date = date(2025, 7, 1)) -> None:
    Succession.objects.create(predecessor=old, successor=new, kind=kind, date=day)
