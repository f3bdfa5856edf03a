"""DOCX to PDF through LibreOffice in headless mode (Debian `libreoffice-writer-nogui`).

Each conversion runs with a user profile of its own in a fresh temporary folder: two
LibreOffice processes sharing a profile make the second one hand its work to the first and
exit, and its output is silently lost. The Vietnamese glyphs come from Debian's
`fonts-liberation2` (Liberation Serif stands in for Times New Roman, with the same widths).
"""

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

TIMEOUT = 120  # seconds; a first start of LibreOffice builds its profile (a few seconds)


class PdfUnavailable(Exception):
    """LibreOffice is not installed on the server."""


class PdfFailed(Exception):
    """LibreOffice ran but produced no PDF."""


def soffice() -> str | None:
    """The LibreOffice program on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, timeout: float = TIMEOUT) -> bytes:
    program = soffice()
    if program is None:
        raise PdfUnavailable(
            "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản DOCX "
            "(quản trị viên cài gói libreoffice-writer-nogui và fonts-liberation2)."
        )
    with tempfile.TemporaryDirectory(prefix="vstb-pdf-") as folder:
        folder = Path(folder)
        source, output = folder / "document.docx", folder / "out"
        source.write_bytes(docx)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(output),
            str(source),
        ]
        # HOME too, so that nothing of LibreOffice's is written outside the folder.
        environment = {**os.environ, "HOME": str(folder)}
        try:
            process = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=environment,
                start_new_session=True,
            )
        except OSError as error:
            raise PdfUnavailable(
                f"Không chạy được LibreOffice ({program}: {error.strerror}) nên chưa xuất "
                "được PDF; hãy tải bản DOCX."
            ) from None
        try:
            _, errors = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            # soffice is a launcher: end the whole process group it started.
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise PdfFailed(
                f"LibreOffice chưa xuất xong PDF sau {timeout:g} giây nên đã bị dừng; "
                "hãy thử lại hoặc tải bản DOCX."
            ) from None
        pdf = output / "document.pdf"
        if process.returncode != 0 or not pdf.is_file():
            detail = errors.decode(errors="replace").strip().splitlines()[-1:] or ["không rõ"]
            raise PdfFailed(
                f"LibreOffice không xuất được PDF (mã thoát {process.returncode}, "
                f"thông báo: {detail[0]}); hãy tải bản DOCX."
            )
        data = pdf.read_bytes()
        if not data.startswith(b"%PDF"):
            raise PdfFailed("LibreOffice tạo ra một tệp không phải PDF; hãy tải bản DOCX.")
        return data
