#!/usr/bin/env python3
"""Set up VSTB in ./.venv and run it: `python3 run.py demo` or `python3 run.py test`.

Only the standard library is used here, so this works on a fresh machine that has python3
(>= 3.11) with venv and pip. Installing is skipped when the pinned requirements have not
changed since the last run, so re-running is quick and safe.
"""

import glob
import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def ensure_venv(requirements: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py is what an older python3 meets first
        sys.exit("VSTB cần Python 3.11 trở lên / VSTB needs Python 3.11 or newer.")
    if not (BIN / "python").exists():
        print("Tạo môi trường ảo .venv … / Creating .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    files = [ROOT / "requirements.txt", ROOT / requirements, ROOT / "pyproject.toml"]
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    stamp = VENV / f".installed-{requirements}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print("Cài đặt thư viện … / Installing dependencies …", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "-r", str(ROOT / requirements)], check=True)
    subprocess.run([*pip, "--no-deps", "-e", str(ROOT)], check=True)
    stamp.write_text(digest)


# Debian packages the project uses, by the command that shows each is present:
# LibreOffice converts DOCX to PDF; fonts-liberation2 has every Vietnamese letter (the older
# fonts-liberation misses 92); chromium runs the browser tests, and Playwright's Node driver
# needs libatomic1, which a fresh Debian 12 lacks; gettext checks the catalogue; poppler-utils
# (pdftotext, pdftoppm) reads PDFs back in the tests and renders scans for OCR, which
# tesseract-ocr with its Vietnamese model (tesseract-ocr-vie) reads. A probe starting with "/" is a path
# (glob patterns allowed), otherwise a command.
SYSTEM_PACKAGES = {
    "demo": {
        "soffice": "libreoffice-writer-nogui",
        "/usr/share/fonts/truetype/liberation2": "fonts-liberation2",
        "pdftoppm": "poppler-utils",
        "tesseract": "tesseract-ocr",
        "/usr/share/tesseract-ocr/*/tessdata/vie.traineddata": "tesseract-ocr-vie",
    },
    "test": {
        "soffice": "libreoffice-writer-nogui",
        "/usr/share/fonts/truetype/liberation2": "fonts-liberation2",
        "tesseract": "tesseract-ocr",
        "/usr/share/tesseract-ocr/*/tessdata/vie.traineddata": "tesseract-ocr-vie",
        "chromium": "chromium",
        "/usr/lib/*/libatomic.so.1": "libatomic1",
        "xgettext": "gettext",
        "pdftotext": "poppler-utils",
    },
}


def ensure_system_packages(command: str) -> None:
    """Install the Debian packages that are missing, where this machine lets us (root with
    apt-get); otherwise say what is missing and go on: PDF export or the browser tests are
    then unavailable, and they say so themselves. VSTB_NO_APT=1 skips this."""
    wanted = SYSTEM_PACKAGES[command]
    missing = [
        package
        for probe, package in wanted.items()
        if not (glob.glob(probe) if probe.startswith("/") else shutil.which(probe))
    ]
    if not missing or os.environ.get("VSTB_NO_APT") == "1":
        return
    can_install = hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get")
    if not can_install:
        print(
            f"Thiếu gói hệ thống / missing system packages: {' '.join(missing)} "
            f"(sudo apt-get install {' '.join(missing)})",
            flush=True,
        )
        return
    print(f"Cài gói hệ thống / installing: {' '.join(missing)} …", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    quiet = {"stdout": subprocess.DEVNULL, "env": env}
    if (
        subprocess.call(["apt-get", "update", "-qq"], **quiet) != 0
        or subprocess.call(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], **quiet
        )
        != 0
    ):
        print("Không cài được; tiếp tục / could not install; going on without them.", flush=True)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "demo"
    rest = argv[1:]
    if command == "demo":
        ensure_system_packages("demo")
        ensure_venv("requirements.txt")
        return subprocess.call([str(BIN / "vstb"), "demo", *rest])
    if command == "test":
        ensure_system_packages("test")
        ensure_venv("requirements-dev.txt")
        return subprocess.call([str(BIN / "python"), "-m", "pytest", *rest], cwd=ROOT)
    sys.exit("Cách dùng / usage: python3 run.py demo | python3 run.py test [pytest options]")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
