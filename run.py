#!/usr/bin/env python3
"""Set up VSTB in ./.venv and run it: `python3 run.py demo` or `python3 run.py test`.

Only the standard library is used here, so this works on a fresh machine that has python3
(>= 3.11) with venv and pip. Installing is skipped when the pinned requirements have not
changed since the last run, so re-running is quick and safe.
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def ensure_venv(requirements: str) -> None:
    if sys.version_info < (3, 11):
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


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "demo"
    rest = argv[1:]
    if command == "demo":
        ensure_venv("requirements.txt")
        return subprocess.call([str(BIN / "vstb"), "demo", *rest])
    if command == "test":
        ensure_venv("requirements-dev.txt")
        return subprocess.call([str(BIN / "python"), "-m", "pytest", *rest], cwd=ROOT)
    sys.exit("Cách dùng / usage: python3 run.py demo | python3 run.py test [pytest options]")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
