"""The audit trail (issue 12, items 4 and 15)."""

import logging
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from vstb.activities.models import Evidence
from vstb.audit.models import Action, AppendOnly, AuditEntry
from vstb.conftest import PASSWORD, vi
from vstb.plans.models import Plan, Section

pytestmark = pytest.mark.django_db


def _entries(obj):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
    )


def test_a_change_records_who_when_where_and_old_and_new_values(world, login):
    client = login(world.users["district_secretariat"])
    plan = world.district_draft
    edit = reverse("plans:edit", args=[plan.pk])
    form = client.get(edit).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(subject="Kế hoạch bình đẳng giới năm 2025 (sửa)", version=plan.version)
    for name in ("preamble", "recipients", "signer_lines"):
        data[name] = "\n".join(data[name]) if isinstance(data[name], list) else data[name]
    client.post(edit, data, REMOTE_ADDR="203.0.113.20")

    [entry] = _entries(plan).filter(action=Action.UPDATE, actor=world.users["district_secretariat"])
    assert entry.actor == world.users["district_secretariat"] and entry.address == "203.0.113.20"
    assert entry.changes["subject"] == [
        "Dự thảo kế hoạch quận",
        "Kế hoạch bình đẳng giới năm 2025 (sửa)",
    ]


def test_a_list_changed_in_place_is_recorded_with_its_old_value(world):
    """The values as read are kept apart from the instance: appending to a JSON list before
    saving still shows what it was."""
    section = Section.objects.create(
        plan=world.district_draft, order=7, label="-", paragraphs=["Tuyên truyền."]
    )
    section = Section.objects.get(pk=section.pk)
    section.paragraphs.append("Tập huấn.")
    section.save()
    change = _entries(section).filter(action=Action.UPDATE).latest("pk").changes
    assert change["paragraphs"] == [["Tuyên truyền."], ["Tuyên truyền.", "Tập huấn."]]
    section.title = "MỘT"
    section.save()  # the second save compares with the first, not with the row as read
    assert _entries(section).filter(action=Action.UPDATE).latest("pk").changes == {
        "title": ["", "MỘT"]
    }


def test_creation_deletion_and_links_are_recorded(world):
    section = Section.objects.create(
        plan=world.district_draft, order=5, label="II", title="TỔ CHỨC"
    )
    world.activity.tasks.add(world.wards_task)
    pk = section.pk
    section.delete()
    actions = list(
        AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(Section), object_id=str(pk))
        .order_by("pk").values_list("action", flat=True)
    )  # fmt: skip
    assert actions == [Action.CREATE, Action.DELETE]
    link = _entries(world.activity).filter(action=Action.UPDATE).latest("pk")
    assert link.changes == {"tasks": {"added": [world.wards_task.pk]}}


def test_an_entry_cannot_be_changed_or_deleted_through_the_application(world):
    entry = AuditEntry.objects.first()
    entry.event = "sửa"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().update(event="x")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()


def test_the_history_page_is_vietnamese_and_for_the_secretariat_only(world, login):
    world.district_plan.subject = "Chủ đề mới"
    world.district_plan.save()
    url = reverse("audit:history", args=["plans", "plan", world.district_plan.pk])
    page = login(world.users["district_secretariat"]).get(url).content.decode()
    assert vi("History of changes") in page and "Chủ đề mới" in page
    assert str(Plan._meta.get_field("subject").verbose_name) in page or "Trích yếu" in page
    assert login(world.users["ward_officer"]).get(url).status_code == 404
    assert login(world.users["district_viewer"]).get(url).status_code == 404


def test_opening_evidence_is_recorded_as_a_sensitive_read(world, login):
    client = login(world.users["district_secretariat"])
    client.get(reverse("activities:evidence_download", args=[world.evidence.pk]))
    [read] = _entries(world.evidence).filter(action=Action.READ)
    assert read.actor == world.users["district_secretariat"]
    assert Evidence.audit_sensitive_reads


def test_security_events_go_to_the_trail(world, login, caplog):
    stranger = Client(REMOTE_ADDR="198.51.100.9")
    stranger.post(reverse("accounts:login"), {"username": "ward_officer", "password": "sai"})
    failed = AuditEntry.objects.get(event="sign-in failed")
    assert failed.changes == {"user name": "ward_officer"} and failed.address == "198.51.100.9"
    stranger.post(reverse("accounts:login"), {"username": "ward_officer", "password": PASSWORD})
    assert AuditEntry.objects.filter(event="signed in", actor=world.users["ward_officer"]).exists()

    officer = login(world.users["ward_officer"])
    officer.get(reverse("plans:edit", args=[world.district_plan.pk]))  # read-only: refused
    refused = AuditEntry.objects.filter(event="refused").latest("pk")
    assert refused.actor == world.users["ward_officer"] and refused.changes["status"] in (403, 404)

    secretariat = login(world.users["district_secretariat"])
    secretariat.get(reverse("activities:export", args=[world.district.pk]))
    assert AuditEntry.objects.filter(
        event="export", actor=world.users["district_secretariat"]
    ).exists()

    logging.getLogger("vstb.security").info(
        "second factor: removed",
        extra={"event": "removed", "actor_id": 1, "user_id": 2, "ip": "10.0.0.1"},
    )
    assert AuditEntry.objects.filter(event="removed", address="10.0.0.1").exists()


def test_pruning_deletes_only_what_is_older_than_the_retention_and_is_recorded(world, settings):
    settings.VSTB_AUDIT_RETENTION_DAYS = 30
    before = AuditEntry.objects.count()
    old = AuditEntry.objects.create(action=Action.SECURITY, event="cũ")
    AuditEntry.objects.filter(pk=old.pk)._raw_delete(connection.alias)  # the test's own setup:
    AuditEntry.objects.bulk_create(  # an entry written 40 days ago
        [AuditEntry(action=Action.SECURITY, event="cũ", at=timezone.now())]
    )
    stale = AuditEntry.objects.get(event="cũ")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEntry._meta.db_table} SET at = %s WHERE id = %s",
            [timezone.now() - timedelta(days=40), stale.pk],
        )
    call_command("prune_audit", stdout=open("/dev/null", "w"))
    assert not AuditEntry.objects.filter(event="cũ").exists()
    assert AuditEntry.objects.filter(event="audit pruned").exists()
    assert AuditEntry.objects.count() == before + 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="roles and grants are PostgreSQL's")
def test_the_applications_role_cannot_change_or_delete_entries(world):
    from django.db.utils import ProgrammingError

    from vstb.audit.management.commands.audit_grants import grants_sql

    entry = AuditEntry.objects.first()
    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("DROP ROLE IF EXISTS vstb_app_test")
        cursor.execute("CREATE ROLE vstb_app_test")
        for statement in grants_sql("vstb_app_test"):
            cursor.execute(statement)
        cursor.execute("SET ROLE vstb_app_test")
        try:
            cursor.execute(f"SELECT count(*) FROM {table}")
            for statement in (f"UPDATE {table} SET event = 'x' WHERE id = {entry.pk}",
                              f"DELETE FROM {table} WHERE id = {entry.pk}"):  # fmt: skip
                cursor.execute("SAVEPOINT attempt")
                with pytest.raises(ProgrammingError):
                    cursor.execute(statement)
                cursor.execute("ROLLBACK TO SAVEPOINT attempt")
        finally:
            cursor.execute("RESET ROLE")
