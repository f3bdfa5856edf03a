"""A PDF download never runs LibreOffice inside the web request (issue 14): the first one
hands the conversion to the worker and shows a page that polls; the job keeps the PDF once,
tries a failed conversion again, and may run twice without converting twice. LibreOffice is
replaced by a stand-in that counts its runs; the queue by django-tasks' dummy backend (jobs
are kept, not run) where the test plays the worker itself."""

import io
import os
import time

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from vstb.documents import pdf, tasks
from vstb.documents.downloads import SLOW_SECONDS, STOP_POLLING

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


class Conversions(list):
    """LibreOffice's stand-in: each run's time limit, in order; `failures` are raised first."""

    def __init__(self):
        super().__init__()
        self.failures: list[Exception] = []

    def __call__(self, docx: bytes, timeout: float) -> bytes:
        self.append(timeout)
        if self.failures:
            raise self.failures.pop(0)
        return b"%PDF-1.7 converted"


@pytest.fixture
def conversions(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    runs = Conversions()
    monkeypatch.setattr(pdf, "docx_to_pdf", runs)
    return runs


@pytest.fixture
def queue(settings):
    """Jobs are kept in the dummy backend's list and run by the test, as the worker would."""
    from django_tasks import task_backends

    settings.TASKS = DUMMY
    backend = task_backends["default"]
    backend.clear()
    return backend


def _run_queued(queue) -> list[str]:
    done = []
    while queue.results:
        result = queue.results.pop(0)
        done.append(result.task.call(*result.args, **result.kwargs))
    return done


def _poll(client, url, digest):
    return client.get(url, {"wait": digest}, headers={"HX-Request": "true"})


def test_first_download_waits_for_the_worker_and_later_ones_get_the_kept_pdf(
    world, login, conversions, queue
):
    url = reverse("plans:pdf", args=[world.district_plan.pk])
    client = login(world.users["district_viewer"])
    page = client.get(url)
    assert page.status_code == 202 and conversions == []  # nothing converted in the request
    text = page.content.decode()
    digest = text.split("?wait=", 1)[1][:64]
    assert pdf.is_digest(digest)
    assert reverse("plans:docx", args=[world.district_plan.pk]) in text  # the DOCX meanwhile

    # Others ask while it waits: still one job, and the page's poll changes nothing.
    for persona in ("district_secretariat", "ward_officer"):
        assert login(world.users[persona]).get(url).status_code == 202
    assert len(queue.results) == 1
    client = login(world.users["district_viewer"])
    assert _poll(client, url, digest).status_code == 204

    assert _run_queued(queue) == ["converted"]
    assert conversions == [pdf.TIMEOUT]  # the worker's limit, not the request's
    ready = _poll(client, url, digest)
    assert ready.status_code == STOP_POLLING and "data-download-now" in ready.content.decode()
    assert f"{url}?pdf={digest}" in ready.content.decode()
    got = client.get(url)
    assert got.status_code == 200 and got.content == b"%PDF-1.7 converted"
    assert got["Content-Disposition"].endswith('.pdf"')
    assert queue.results == [] and conversions == [pdf.TIMEOUT]


def test_the_download_the_waiting_page_starts_is_not_rendered_again_and_fits_only_its_document(
    world, login, conversions, queue, monkeypatch
):
    url = reverse("plans:pdf", args=[world.district_plan.pk])
    client = login(world.users["district_secretariat"])
    digest = client.get(url).content.decode().split("?wait=", 1)[1][:64]
    _run_queued(queue)

    def not_again(plan):
        raise AssertionError("built again")

    with monkeypatch.context() as patched:
        patched.setattr("vstb.plans.services.plan_document", not_again)
        got = client.get(url, {"pdf": digest})
    assert got.status_code == 200 and got.content == b"%PDF-1.7 converted"
    # Another plan's address with this digest: that plan's own PDF is asked for, not this one.
    other = reverse("plans:pdf", args=[world.district_draft.pk])
    answer = client.get(other, {"pdf": digest})
    assert answer.status_code == 202 and f"?wait={digest}" not in answer.content.decode()


def test_a_download_renders_nothing_and_the_worker_converts_the_documents_own_docx(
    world, login, conversions, queue, monkeypatch
):
    """The web request builds the document's content and no more: its DOCX (30-50 ms of a
    core for a plan) is rendered by the worker, from the content the request handed over."""
    from docx import Document

    from vstb.documents import docx
    from vstb.plans import services

    rendered, converted = [], []
    real_render = docx.render_docx

    def counted(content):
        rendered.append(content)
        return real_render(content)

    monkeypatch.setattr(docx, "render_docx", counted)
    monkeypatch.setattr(pdf, "docx_to_pdf", lambda data, timeout: converted.append(data) or b"%PDF")
    url = reverse("plans:pdf", args=[world.district_plan.pk])
    assert login(world.users["district_viewer"]).get(url).status_code == 202
    assert rendered == []
    assert _run_queued(queue) == ["converted"] and len(rendered) == 1

    def text(data):
        return [p.text for p in Document(io.BytesIO(data)).paragraphs]

    expected = real_render(services.plan_document(world.district_plan))
    assert text(converted[0]) == text(expected)


def test_a_change_to_what_the_document_says_makes_a_new_pdf(world, login, conversions, queue):
    """The PDF is kept under its content: an agency renamed after the plan was issued (its
    name is written out beside the task) is a new PDF, never the one with the old name."""
    url = reverse("plans:pdf", args=[world.district_plan.pk])
    client = login(world.users["district_viewer"])
    first = client.get(url).content.decode().split("?wait=", 1)[1][:64]
    _run_queued(queue)
    assert client.get(url).status_code == 200
    world.justice.name = "Phòng Tư pháp và Nội vụ"
    world.justice.save()
    again = client.get(url)
    assert again.status_code == 202
    assert pdf.is_digest(second := again.content.decode().split("?wait=", 1)[1][:64])
    assert second != first


def test_the_renderer_fingerprint_covers_every_module_the_renderer_uses():
    """A release that changes how a document is drawn makes new PDFs: the digest holds the code
    of documents.docx and of every VSTB module it imports (documents.pdf.RENDERER_MODULES)."""
    import ast
    import importlib.util
    from pathlib import Path

    def imported(name):
        tree = ast.parse(Path(importlib.util.find_spec(name).origin).read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                yield from (alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("vstb."):
                package = importlib.util.find_spec(node.module).submodule_search_locations
                for alias in node.names:
                    inner = f"{node.module}.{alias.name}"
                    yield inner if package and importlib.util.find_spec(inner) else node.module

    found, todo = set(), ["vstb.documents.docx"]
    while todo:
        name = todo.pop()
        if name in found or not name.startswith("vstb."):
            continue
        if importlib.util.find_spec(name).submodule_search_locations is None:  # not a package
            found.add(name)
        todo.extend(imported(name))
    assert found == set(pdf.RENDERER_MODULES)


def test_the_job_run_twice_converts_once_and_a_killed_job_runs_again(world, conversions, queue):
    from vstb.plans import services

    state = pdf.request_pdf(services.plan_document(world.district_plan))
    assert not state.ready and state.waited is not None
    # A worker killed mid-conversion left the claim and no PDF: the job, given back to the
    # queue by the heartbeat (core.jobs), converts it.
    assert tasks.convert_pdf.call(state.digest) == "converted"
    # The same job delivered a second time finds nothing to do.
    assert tasks.convert_pdf.call(state.digest) == "nothing to do"
    assert conversions == [pdf.TIMEOUT]
    assert pdf.pdf_state(state.digest).pdf == b"%PDF-1.7 converted"
    assert not default_storage.exists(f"pdf/{state.digest}.json")


def test_a_failed_conversion_is_tried_again_then_told_to_the_waiting_page(
    world, login, conversions, queue
):
    conversions.failures = [pdf.PdfFailed("Lỗi một."), pdf.PdfFailed("Lỗi hai. Hãy thử lại.")]
    url = reverse("plans:pdf", args=[world.district_plan.pk])
    client = login(world.users["district_viewer"])
    digest = client.get(url).content.decode().split("?wait=", 1)[1][:64]

    result = queue.results.pop(0)
    assert result.task.call(*result.args) == "retry"
    again = queue.results[0]
    assert again.args == [digest, 2] and again.task.run_after is not None
    assert _poll(client, url, digest).status_code == 204  # still waiting for the second try

    assert _run_queued(queue) == ["failed"]
    told = _poll(client, url, digest)
    assert told.status_code == STOP_POLLING and "Lỗi hai" in told.content.decode()
    assert not default_storage.exists(f"pdf/{digest}.json")

    # Asking again tries again.
    assert client.get(url).status_code == 202 and len(queue.results) == 1
    assert _run_queued(queue) == ["converted"]
    assert client.get(url).content == b"%PDF-1.7 converted"


def test_without_libreoffice_the_download_says_so_at_once(
    world, login, monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(pdf, "soffice", lambda: None)
    client = login(world.users["district_viewer"])
    response = client.get(reverse("plans:pdf", args=[world.district_plan.pk]), follow=True)
    assert response.redirect_chain and "LibreOffice" in response.content.decode()


def test_a_slow_conversion_is_said_to_be_slow_and_a_lost_one_can_be_asked_again(
    world, login, conversions, queue
):
    url = reverse("plans:pdf", args=[world.district_plan.pk])
    client = login(world.users["district_viewer"])
    digest = client.get(url).content.decode().split("?wait=", 1)[1][:64]
    claim = default_storage.path(f"pdf/{digest}.json")
    old = time.time() - SLOW_SECONDS - 1
    os.utime(claim, (old, old))
    slow = _poll(client, url, digest)
    assert slow.status_code == 200 and "lâu hơn" in slow.content.decode()

    # A claim far older than any conversion was left by a lost job: asking again queues it anew.
    old = time.time() - pdf.JOB_STALE - 1
    os.utime(claim, (old, old))
    queue.clear()
    assert client.get(url).status_code == 202 and len(queue.results) == 1

    os.remove(claim)  # nothing waits under this digest any more (storage cleaned)
    gone = _poll(client, url, digest)
    assert gone.status_code == STOP_POLLING and "chưa được tạo" in gone.content.decode()


@pytest.mark.parametrize("value", ["../../etc/passwd", "x" * 64, "A" * 64])
def test_a_poll_with_a_malformed_digest_is_an_ordinary_download(world, login, conversions, value):
    client = login(world.users["district_viewer"])
    url = reverse("plans:pdf", args=[world.district_plan.pk])
    response = _poll(client, url, value)
    assert response.status_code == 200 and response.content == b"%PDF-1.7 converted"


def test_an_issued_plan_and_document_have_their_pdf_made_before_anyone_asks(
    world, login, conversions, settings, django_capture_on_commit_callbacks
):
    from datetime import date

    from vstb.conftest import ready_draft
    from vstb.issuing import services as issuing
    from vstb.issuing.tests.test_issuing import committee_decision

    settings.VSTB_PDF_WHEN_ISSUED = True
    plan = ready_draft(world)
    decision = committee_decision(world)
    with django_capture_on_commit_callbacks(execute=True):
        plan.issue(on=date(2026, 1, 5))
        issuing.issue(decision, on=date(2026, 1, 5))
    assert len(conversions) == 2  # the worker's jobs (run at once here), one per document
    client = login(world.users["district_secretariat"])
    for url in (reverse("plans:pdf", args=[plan.pk]), reverse("issuing:pdf", args=[decision.pk])):
        got = client.get(url)
        assert got.status_code == 200 and got.content == b"%PDF-1.7 converted"
    assert len(conversions) == 2


def test_an_issued_report_has_its_pdf_made_before_anyone_asks(
    world, login, conversions, settings, django_capture_on_commit_callbacks
):
    from vstb.conftest import six_month_requirement
    from vstb.reporting import document
    from vstb.reporting import services as reporting

    settings.VSTB_PDF_WHEN_ISSUED = True
    requirement = six_month_requirement(world, default_figures=False)
    report = reporting.compile_report(requirement, world.district, confirm_incomplete=True)
    secretariat = world.users["district_secretariat"]
    with django_capture_on_commit_callbacks(execute=True):
        reporting.issue_report(
            report, secretariat, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Trần Thị Chủ Tịch",
            confirm_incomplete=True,
        )  # fmt: skip
    assert len(conversions) == 1
    got = login(secretariat).get(reverse("reporting:pdf", args=[report.pk]))
    assert got.status_code == 200 and got.content == b"%PDF-1.7 converted"
    assert len(conversions) == 1  # signing it after acceptance finds it too: pdf_once reads it
    assert pdf.pdf_once(document.report_document(report)) == b"%PDF-1.7 converted"
    assert len(conversions) == 1


def test_prune_pdfs_deletes_what_is_old_and_keeps_what_is_in_use(settings, tmp_path):
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path
    settings.VSTB_PDF_KEEP_DAYS = 30
    a, b = "a" * 64, "b" * 64
    files = {
        f"pdf/{a}.pdf": 31 * 86400,  # old: deleted, made again when next asked for
        f"pdf/{b}.pdf": 29 * 86400,
        f"pdf/{a}.failed": 31 * 86400,
        f"pdf/waited/{'c' * 64}": 31 * 86400,
        f"pdf/{a}.json": pdf.JOB_STALE + 60,  # a conversion that never ended
        f"pdf/{b}.json": 60,  # one under way
    }
    now = time.time()
    for name, age in files.items():
        default_storage.save(name, ContentFile(b"x"))
        os.utime(default_storage.path(name), (now - age, now - age))
    call_command("prune_pdfs", stdout=io.StringIO())
    assert sorted(n for n in files if default_storage.exists(n)) == [
        f"pdf/{b}.json",
        f"pdf/{b}.pdf",
    ]
