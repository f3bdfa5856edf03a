"""What writes the audit trail: Django's model signals for every model of VSTB's apps, a
middleware that says who and from where, a logging handler for security events, and
`record_read` for the reads marked sensitive.

Signals miss QuerySet.update() and bulk_create(): the services that write in bulk record
their changes themselves (a report's saves and figures in its ReportEvent history, indicator
values in DataValueChange), and those models are left out here."""

import contextvars
import functools
import logging
import os
import sys
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save

from vstb.audit.models import Action, AuditEntry

# Who acts, and from where: set for a request by AuditMiddleware, for a command by `actor`.
_actor = contextvars.ContextVar("vstb_audit_actor", default=(None, "", None))

# Models whose changes are not worth a line: the trail itself, sessions, queues, and rows
# that are already a record of something (notifications, sign-ins, value histories).
SKIPPED = {
    "audit.auditentry",
    "notifications.notification",
    "notifications.remindersent",
    "accounts.signin",
    "accounts.recoverycode",
    "indicators.datavaluechange",
    "indicators.datavalue",  # each cell's change is in DataValueChange
    # A report's every save, with who and what, is in its own history (ReportEvent), which
    # its page shows; its figures are written in bulk by the same service.
    "reporting.report",
    "reporting.figurevalue",
    "reporting.reportevent",  # the report's history itself
    "activities.activityimport",
}
AUDITED_APPS = {
    "accounts",
    "org",
    "plans",
    "documents",
    "activities",
    "reporting",
    "indicators",
    "notifications",
    "issuing",
    "meetings",
    "reviews",
    "budget",
    "leaders",
    "inspections",
    "commendations",
}
# Fields never copied into the trail.
SECRET_FIELDS = {"password", "key", "digest", "token", "token_hash", "search_text", "version"}


def current_actor() -> tuple:
    """(user id, name, address) of whoever acts now; outside a request, the command that
    runs ("vstb send-reminders")."""
    actor = _actor.get()
    if actor[0] is None and not actor[1]:
        return (None, _process_name(), None)
    return actor


def _process_name() -> str:
    program = os.path.basename(sys.argv[0]) if sys.argv else ""
    command = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else ""
    return f"{program} {command}".strip()[:150]


@contextmanager
def acting(user=None, name: str = "", address: str | None = None):
    """Record what happens inside as done by `user` (or `name`, e.g. a command)."""
    token = _actor.set((getattr(user, "pk", None), name or (str(user) if user else ""), address))
    try:
        yield
    finally:
        _actor.reset(token)


class AuditMiddleware:
    """Who makes this request, and from which address, for every entry it causes; and, as
    security events, a signed-in person's refused requests and every file downloaded (an
    export carries data out of VSTB)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from vstb.accounts.lockout import client_address

        user = request.user if request.user.is_authenticated else None
        with acting(user, address=client_address(request)):
            response = self.get_response(request)
            if user is not None:
                where = {"path": request.path[:300], "method": request.method}
                if response.status_code in (403, 404):
                    record(
                        Action.SECURITY,
                        event="refused",
                        changes={**where, "status": response.status_code},
                    )
                elif response.get("Content-Disposition", "").startswith("attachment"):
                    record(Action.SECURITY, event="export", changes=where)
        return response


def record(action: str, obj=None, changes: dict | None = None, event: str = "", **overrides):
    actor_id, actor_name, address = current_actor()
    entry = AuditEntry(
        action=action,
        actor_id=overrides.get("actor_id", actor_id),
        actor_name=(overrides.get("actor_name") or actor_name)[:150],
        address=overrides.get("address", address),
        changes=changes or {},
        event=event[:60],
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(type(obj))
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:200]
    entry.save()
    return entry


def record_read(request, obj) -> None:
    """A read of something marked sensitive (`audit_sensitive_reads = True` on its model)."""
    if getattr(type(obj), "audit_sensitive_reads", False):
        record(Action.READ, obj)


# --------------------------------------------------------------------------- changes


def _audited(sender) -> bool:
    meta = sender._meta
    return (
        meta.app_label in AUDITED_APPS
        and meta.label_lower not in SKIPPED
        and not meta.abstract
        and not meta.auto_created
    )


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | dict | str | int | float | bool) or value is None:
        return value
    return str(value)


@functools.cache
def _recorded_fields(model) -> tuple[str, ...]:
    """The attribute names a model's entries record: not secrets, not auto_now times (the
    entry has its own time). Worked out once per model."""
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if field.name not in SECRET_FIELDS
        and field.attname not in SECRET_FIELDS
        and not getattr(field, "auto_now", False)
    )


def _values(instance, loaded: dict | None = None) -> dict:
    # From the instance's own dict (or a copy of it taken when it was read): a deferred field
    # (only(), defer()) is not loaded, and reading it would query the database.
    if loaded is None:
        loaded = instance.__dict__
    return {
        name: _plain(loaded[name]) for name in _recorded_fields(type(instance)) if name in loaded
    }


def _snapshot(instance) -> dict:
    """The row's recorded values as read, kept raw: a list page that loads thousands of rows
    pays a dict per row for the trail; the values are made plain only when the instance is
    saved. JSON values are copied, since code may change them in place."""
    loaded = instance.__dict__
    snapshot = {}
    for name in _recorded_fields(type(instance)):
        if name in loaded:
            value = loaded[name]
            snapshot[name] = _json_copy(value) if isinstance(value, list | dict) else value
    return snapshot


def _json_copy(value):
    """A copy of a JSON value (lists, dicts and scalars), several times cheaper than
    `copy.deepcopy`, which a page loading a hundred rows with JSON columns felt."""
    if isinstance(value, list):
        return [_json_copy(item) for item in value]
    if isinstance(value, dict):
        return {key: _json_copy(item) for key, item in value.items()}
    return value


def _loaded(sender, instance, **kwargs):
    """The values a row had when it was read, to compare with at its next save: no query
    before a save (a save costs one INSERT in the trail, whatever it changes)."""
    if instance.pk is not None and _audited(sender):
        instance._audit_loaded = _snapshot(instance)


def _after_save(sender, instance, created, raw=False, **kwargs):
    if raw or not _audited(sender):
        return
    after = _values(instance)
    loaded = instance.__dict__.get("_audit_loaded")
    before = None if loaded is None else _values(instance, loaded)
    instance._audit_loaded = _snapshot(instance)
    if created or before is None:
        record(Action.CREATE, instance, {name: [None, value] for name, value in after.items()})
        return
    changes = {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }
    if changes:
        record(Action.UPDATE, instance, changes)


def _after_delete(sender, instance, **kwargs):
    if _audited(sender):
        record(
            Action.DELETE,
            instance,
            {name: [value, None] for name, value in _values(instance).items()},
        )


def _m2m(sender, instance, action, model, pk_set, reverse=False, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear") or reverse:
        return
    if not _audited(type(instance)):
        return
    field = next(
        (f.name for f in type(instance)._meta.many_to_many if f.remote_field.through is sender),
        sender._meta.model_name,
    )
    change = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
    record(Action.UPDATE, instance, {field: {change: sorted(pk_set or [])}})


def connect() -> None:
    # Connected for each audited model only: Django then skips the signal entirely for the
    # others (a list of 50 cases or notifications builds its rows without calling us).
    for model in apps.get_models():
        if _audited(model):
            uid = model._meta.label_lower
            post_init.connect(_loaded, sender=model, dispatch_uid=f"vstb.audit.init.{uid}")
            post_save.connect(_after_save, sender=model, dispatch_uid=f"vstb.audit.save.{uid}")
            post_delete.connect(
                _after_delete, sender=model, dispatch_uid=f"vstb.audit.delete.{uid}"
            )
    m2m_changed.connect(_m2m, dispatch_uid="vstb.audit.m2m")
    _connect_security_events()


# --------------------------------------------------------------------------- security


class SecurityLogHandler(logging.Handler):
    """Writes the `vstb.security` logger's events (second factor…) into the trail."""

    def emit(self, record_: logging.LogRecord) -> None:
        try:
            details = {
                key: _plain(getattr(record_, key))
                for key in ("user_id", "actor_id", "ip")
                if hasattr(record_, key)
            }
            record(
                Action.SECURITY,
                event=getattr(record_, "event", record_.getMessage()),
                changes=details,
                actor_id=getattr(record_, "actor_id", None),
                address=getattr(record_, "ip", None),
            )
        except Exception:  # the trail must never break the request it records
            self.handleError(record_)


def _connect_security_events() -> None:
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

    def signed_in(sender, request, user, **kwargs):
        record(Action.SECURITY, event="signed in", actor_id=user.pk, actor_name=user.get_username())

    def signed_out(sender, request, user, **kwargs):
        if user is not None:
            record(
                Action.SECURITY,
                event="signed out",
                actor_id=user.pk,
                actor_name=user.get_username(),
            )

    def failed(sender, credentials, request=None, **kwargs):
        name = str((credentials or {}).get("username", ""))[:150]
        address = None
        if request is not None:
            from vstb.accounts.lockout import client_address

            address = client_address(request)
        record(
            Action.SECURITY,
            event="sign-in failed",
            changes={"user name": name},
            actor_name=name,
            address=address,
        )

    user_logged_in.connect(signed_in, dispatch_uid="vstb.audit.signed_in", weak=False)
    user_logged_out.connect(signed_out, dispatch_uid="vstb.audit.signed_out", weak=False)
    user_login_failed.connect(failed, dispatch_uid="vstb.audit.failed", weak=False)
    logger = logging.getLogger("vstb.security")
    if not any(isinstance(h, SecurityLogHandler) for h in logger.handlers):
        logger.addHandler(SecurityLogHandler())
        logger.setLevel(logging.INFO)
