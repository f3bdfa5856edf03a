"""`vstb render-plan PLAN.json --out FILE.docx|FILE.pdf`."""

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from vstb.documents.layout import document_text_lines
from vstb.documents.pdf import PdfFailed, PdfUnavailable, docx_to_pdf, soffice
from vstb.documents.readback import docx_text_lines
from vstb.documents.tests.test_layout_docx import make_plan

# In CI LibreOffice must be there; elsewhere a machine without it skips the PDF tests.
needs_libreoffice = pytest.mark.skipif(
    soffice() is None and os.environ.get("CI") != "true",
    reason="LibreOffice (soffice) is not installed on this machine",
)


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(make_plan(), ensure_ascii=False), encoding="utf-8")
    return path


def render(*args) -> str:
    out = StringIO()
    call_command("render_plan", *args, stdout=out)
    return out.getvalue()


def test_writes_a_docx_and_prints_one_line(plan_file, tmp_path):
    out = tmp_path / "ke-hoach.docx"
    printed = render(str(plan_file), "--out", str(out))
    assert docx_text_lines(out.read_bytes()) == document_text_lines(make_plan())
    assert printed.count("\n") == 1
    assert printed.startswith(f"Đã ghi {out} (")
    assert "KẾ HOẠCH" in printed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ke-hoach.docx", "plan.json"]


def test_bad_json_is_refused_and_nothing_is_written(tmp_path):
    bad = tmp_path / "plan.json"
    bad.write_text('{"schema": "vstb.plan/1", ', encoding="utf-8")
    out = tmp_path / "out.docx"
    with pytest.raises(CommandError, match="không phải JSON hợp lệ"):
        render(str(bad), "--out", str(out))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]


def test_invalid_plan_lists_every_problem_and_writes_nothing(tmp_path):
    bad = tmp_path / "plan.json"
    bad.write_text(
        json.dumps({"schema": "vstb.plan/1", "date": "5/1/2026", "sections": [{"kind": "x"}]}),
        encoding="utf-8",
    )
    out = tmp_path / "out.docx"
    out.write_bytes(b"old")
    with pytest.raises(CommandError) as raised:
        render(str(bad), "--out", str(out))
    message = str(raised.value)
    assert "chưa đúng định dạng vstb.plan/1" in message
    assert '"date" phải là ngày dạng YYYY-MM-DD' in message
    assert '"sections[0].kind" là "x"' in message
    assert out.read_bytes() == b"old"  # an existing file is left alone


def test_missing_file_and_wrong_extension(plan_file, tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        render(str(tmp_path / "none.json"), "--out", str(tmp_path / "x.docx"))
    with pytest.raises(CommandError, match="phải có đuôi .docx hoặc .pdf"):
        render(str(plan_file), "--out", str(tmp_path / "x.odt"))
    with pytest.raises(CommandError, match="Không có thư mục"):
        render(str(plan_file), "--out", str(tmp_path / "no" / "x.docx"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]


def test_console_script_exits_1_with_message_on_stderr(tmp_path):
    bad = tmp_path / "plan.json"
    bad.write_text("[]", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from vstb.cli import main; main()",
            "render-plan",
            str(bad),
            "--out",
            str(tmp_path / "out.docx"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "vstb.settings_test"},
        timeout=60,
    )
    assert result.returncode == 1
    assert "phải chứa một đối tượng JSON" in result.stderr
    assert result.stdout == ""
    assert not (tmp_path / "out.docx").exists()


def test_pdf_unavailable_without_libreoffice(monkeypatch):
    monkeypatch.setattr("vstb.documents.pdf.shutil.which", lambda name: None)
    with pytest.raises(PdfUnavailable, match="chưa cài LibreOffice"):
        docx_to_pdf(b"")


def test_pdf_unavailable_is_a_command_error(plan_file, tmp_path, monkeypatch):
    monkeypatch.setattr("vstb.documents.pdf.shutil.which", lambda name: None)
    with pytest.raises(CommandError, match="tải bản DOCX"):
        render(str(plan_file), "--out", str(tmp_path / "x.pdf"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]


@needs_libreoffice
def test_writes_a_pdf_through_libreoffice(plan_file, tmp_path):
    out = tmp_path / "ke-hoach.pdf"
    render(str(plan_file), "--out", str(out))
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert b"/Type /Page" in data or b"/Type/Page" in data


@needs_libreoffice
def test_parallel_conversions_each_get_their_pdf():
    # One profile per conversion: with a shared profile the second process hands its file to
    # the first and exits, and its PDF is lost.
    from concurrent.futures import ThreadPoolExecutor

    from vstb.documents.docx import render_docx

    docx = render_docx(make_plan())
    with ThreadPoolExecutor(max_workers=3) as pool:
        pdfs = list(pool.map(docx_to_pdf, [docx] * 3))
    assert all(pdf.startswith(b"%PDF-") for pdf in pdfs)


def fake_soffice(tmp_path, monkeypatch, script: str) -> None:
    program = tmp_path / "soffice"
    program.write_text(f"#!/bin/sh\n{script}\n")
    program.chmod(0o755)
    monkeypatch.setattr("vstb.documents.pdf.shutil.which", lambda name: str(program))


def test_conversion_failure_is_pdf_failed(tmp_path, monkeypatch):
    fake_soffice(tmp_path, monkeypatch, "echo 'Error: source file could not be loaded' >&2; exit 1")
    with pytest.raises(PdfFailed, match="source file could not be loaded"):
        docx_to_pdf(b"PK")


def test_conversion_that_hangs_is_stopped(tmp_path, monkeypatch):
    fake_soffice(tmp_path, monkeypatch, "sleep 30")
    with pytest.raises(PdfFailed, match="sau 0.5 giây"):
        docx_to_pdf(b"PK", timeout=0.5)


def test_each_conversion_has_its_own_profile(tmp_path, monkeypatch):
    fake_soffice(tmp_path, monkeypatch, f'echo "$1" >> {tmp_path}/profiles; exit 1')
    for _ in range(2):
        with pytest.raises(PdfFailed):
            docx_to_pdf(b"PK")
    first, second = (tmp_path / "profiles").read_text().split()
    assert first.startswith("-env:UserInstallation=file:///") and first != second
