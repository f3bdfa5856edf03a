"""Who reads the history of what (issue 12, item 4): a record's history is for the
secretariat of its unit or of a unit above it, and for system administrators."""

from typing import Any

from django.apps import apps
from django.http import Http404

from vstb.access._grants import grants_for
from vstb.access.units import is_secretariat_over
from vstb.audit.recorder import AUDITED_APPS


def unit_of(obj: Any) -> Any:
    """The unit a record belongs to, following the relation that says so; None for records
    of no unit (users, the catalogue), whose history only administrators read."""
    for path in ("unit", "plan.unit", "committee.unit", "activity.unit", "requirement.unit",
                 "section.plan.unit", "report.unit"):  # fmt: skip
        value = obj
        for name in path.split("."):
            value = getattr(value, name, None)
            if value is None:
                break
        if value is not None:
            return value
    return None


def can_read_history(user: Any, obj: Any) -> bool:
    if grants_for(user).is_admin:
        return True  # records of no unit too
    unit = unit_of(obj)
    return unit is not None and is_secretariat_over(user, unit)


def get_record_for_history(user: Any, app_label: str, model_name: str, pk: str) -> Any:
    """The record whose history `user` asks for; 404 for what does not exist, is not audited,
    or is not theirs to read (a history tells that the record exists)."""
    if app_label not in AUDITED_APPS:
        raise Http404
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    obj = model._base_manager.filter(pk=pk).first() if str(pk).isdigit() else None
    if obj is None or not can_read_history(user, obj):
        raise Http404
    return obj
