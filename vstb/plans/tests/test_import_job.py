"""Reading an uploaded document is a background job, started once, polled by the review page,
ended with a message whatever happens (issues 12, 13 and 14)."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from vstb.documents.plan_schema import SEEDS_DIR
from vstb.plans import tasks
from vstb.plans.models import ImportStatus, Plan, PlanImport
from vstb.plans.tests.test_import_web import _review_data

pytestmark = pytest.mark.django_db
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
HTMX = {"HTTP_HX_REQUEST": "true"}


def _uploaded(client, world, name="ke-hoach.txt", data=None) -> PlanImport:
    data = data or (SEEDS_DIR / "longbien-2025-ke-hoach.txt").read_bytes()
    client.post(
        reverse("plans:import_upload", args=[world.district.pk]),
        {"file": SimpleUploadedFile(name, data)},
    )
    return PlanImport.objects.latest("pk")


@override_settings(TASKS=DATABASE_QUEUE)
def test_the_review_page_waits_for_the_worker_then_shows_the_result(world, login, monkeypatch):
    # The worker closes connections outside autocommit, as the test's transaction is.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    client = login(world.users["district_secretariat"])
    record = _uploaded(client, world)
    read = reverse("plans:import_read", args=[record.pk])
    review = reverse("plans:import_review", args=[record.pk])
    for _ in range(2):  # a double click starts one job
        client.post(read, **HTMX)
    assert DBTaskResult.objects.count() == 1
    record.refresh_from_db()
    assert record.status == ImportStatus.READING
    assert 'hx-trigger="every 2s"' in client.get(review).content.decode()
    assert client.get(review, **HTMX).status_code == 204  # still reading: nothing to change

    call_command("worker", "--batch", stdout=open(os.devnull, "w"))

    record.refresh_from_db()
    assert record.status == ImportStatus.READ and record.data["tasks"]
    answer = client.get(review, **HTMX)
    assert answer.status_code == 204 and answer["HX-Refresh"] == "true"


def test_a_reader_that_fails_ends_the_job_with_a_message_and_keeps_no_file(
    world, login, monkeypatch
):
    def broken(data, name):
        raise RuntimeError("a bug in a reader")

    monkeypatch.setattr(tasks, "import_with_text", broken)
    client = login(world.users["district_secretariat"])
    record = _uploaded(client, world)
    stored = record.file.name
    client.post(reverse("plans:import_read", args=[record.pk]))
    record.refresh_from_db()
    assert record.status == ImportStatus.REFUSED and "lỗi" in record.message
    assert not record.file and not PlanImport.file.field.storage.exists(stored)


def test_a_file_that_stopped_its_worker_twice_is_refused(world, login):
    client = login(world.users["district_secretariat"])
    record = _uploaded(client, world)
    PlanImport.objects.filter(pk=record.pk).update(
        status=ImportStatus.READING, attempts=tasks.MAX_ATTEMPTS
    )  # what two killed workers leave
    tasks.read_import.call(record.pk)
    record.refresh_from_db()
    assert record.status == ImportStatus.REFUSED


def test_a_job_run_again_after_the_record_was_read_changes_nothing(world, login):
    client = login(world.users["district_secretariat"])
    record = _uploaded(client, world)
    client.post(reverse("plans:import_read", args=[record.pk]))
    record.refresh_from_db()
    data = record.data
    assert tasks.read_import.call(record.pk) == "nothing to do"
    record.refresh_from_db()
    assert record.status == ImportStatus.READ and record.data == data


def test_two_saves_of_the_same_import_sent_at_once_make_one_plan(world, login):
    """Two tabs, or a double click: both requests hold the record as read; one plan."""
    from django.core.exceptions import ValidationError

    from vstb.plans.views_import import ReviewForm, _save

    client = login(world.users["district_secretariat"])
    record = _uploaded(client, world)
    client.post(reverse("plans:import_read", args=[record.pk]))
    first, second = PlanImport.objects.get(pk=record.pk), PlanImport.objects.get(pk=record.pk)
    before = Plan.objects.count()
    forms = []
    for held in (first, second):
        form = ReviewForm(
            _review_data(held, save_as="draft"), initial=ReviewForm.initial_from(held.data)
        )
        assert form.is_valid(), form.errors
        forms.append(form)
    _save(first, forms[0], world.users["district_secretariat"])
    with pytest.raises(ValidationError):
        _save(second, forms[1], world.users["district_secretariat"])
    assert Plan.objects.count() == before + 1
