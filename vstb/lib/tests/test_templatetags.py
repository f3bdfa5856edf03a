"""The template filters every page uses."""

from decimal import Decimal

import pytest

from vstb.lib.templatetags.vstb import money


@pytest.mark.parametrize(
    ("value", "text"),
    [(3500000, "3.500.000\u00a0đ"), (Decimal("12500000.00"), "12.500.000\u00a0đ"), (900, "900\u00a0đ"),
     (0, "0\u00a0đ"), (None, "")],
)  # fmt: skip
def test_money_groups_thousands_with_dots(value, text):
    assert money(value) == text
