from django import template

from vstb.budget.services import money

register = template.Library()


@register.filter
def vnd(value: int | None) -> str:
    """An amount in đồng as Vietnamese write it: 1.250.000."""
    return money(value)


@register.filter
def subtract(value: int, other: int) -> int:
    return (value or 0) - (other or 0)
