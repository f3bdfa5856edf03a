"""Reading a scanned PDF (no text layer) by optical character recognition.

Poppler's `pdftoppm` renders each page to a grey image and Tesseract reads it with its
Vietnamese model (Debian `poppler-utils`, `tesseract-ocr`, `tesseract-ocr-vie`; installed by
`run.py` and `.ci/run` like LibreOffice). Both are called as programs, each page in a
temporary folder, with a time limit: no Python binding is needed (pytesseract only wraps the
same program) and nothing is left running. Each line keeps Tesseract's confidence, so the
review screen can point at the fields to check (docs/decisions/0011-reading-documents.md).
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
import unicodedata
from pathlib import Path

# The longest side of each page image, in pixels: an A4 page at 300 dpi, the resolution
# Tesseract's documentation recommends. A size, not a resolution, so that a PDF declaring a
# huge page cannot make a gigapixel image (memory stays bounded whatever the file says).
PAGE_PIXELS = 3508
# Pages read at most: a plan runs to 10–20 pages; a longer scan is cut with a warning.
MAX_PAGES = 30
# Seconds for one page (rendering and recognition).
PAGE_TIMEOUT = 90
# Seconds the whole scan may take, unless VSTB_OCR_SECONDS says otherwise. Uploads are read
# by `vstb worker`, which sets it to its job's limit less a minute; `vstb import-plan` gives
# itself 600. This default holds elsewhere (a shell, a test): short, as a web request's would
# have to be.
DEFAULT_SECONDS = 20


def seconds() -> float:
    try:
        return float(os.environ.get("VSTB_OCR_SECONDS") or DEFAULT_SECONDS)
    except ValueError:
        return DEFAULT_SECONDS


class OcrUnavailable(Exception):
    """Tesseract, its Vietnamese model or pdftoppm is missing on the server."""


class OcrFailed(Exception):
    """A program ran but gave no result in time."""


def available() -> bool:
    if not (shutil.which("tesseract") and shutil.which("pdftoppm")):
        return False
    try:
        listed = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=20
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "vie" in listed.stdout.split()


def recognise(data: bytes) -> tuple[list[tuple[str, float, bool, bool]], int]:
    """The lines of a scanned PDF as (text, confidence 0–1, starts a new block, centred) and
    the number of pages read. Raises OcrUnavailable or OcrFailed."""
    if not available():
        raise OcrUnavailable()
    lines: list[tuple[str, float, bool, bool]] = []
    budget = seconds()
    deadline = time.monotonic() + budget

    def left(limit: float) -> float:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise OcrFailed(f"bản quét cần hơn {budget:g} giây để đọc")
        return min(limit, remaining)

    with tempfile.TemporaryDirectory(prefix="vstb-ocr-") as folder:
        folder = Path(folder)
        source = folder / "scan.pdf"
        source.write_bytes(data)
        _run(
            [
                "pdftoppm",
                "-scale-to",
                str(PAGE_PIXELS),
                "-gray",
                "-png",
                "-l",
                str(MAX_PAGES),
                str(source),
                str(folder / "page"),
            ],
            left(PAGE_TIMEOUT * 2),
        )
        pages = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        for page in pages:
            tsv = _run(["tesseract", str(page), "stdout", "-l", "vie", "tsv"], left(PAGE_TIMEOUT))
            lines += _lines_of(tsv)
    return lines, len(pages)


def _run(command: list[str], timeout: float) -> str:
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise OcrFailed(f"quá {timeout:g} giây") from None
    except OSError as error:
        raise OcrUnavailable(error.strerror) from None
    if done.returncode != 0:
        detail = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["?"]
        raise OcrFailed(detail[0])
    return done.stdout.decode("utf-8", errors="replace")


# A gap between two words wider than this share of the page, and than several of the page's
# usual spaces between words, splits a line into two cells: the two columns of the header and
# of the signature block, which Tesseract reads as one line (centred cells leave as little as
# a tenth of an A4 page's text width between them, 2 cm). The text then carries the cells as a
# plain-text copy does, four spaces apart.
COLUMN_GAP = 0.035
COLUMN_GAP_SPACES = 5


def _lines_of(tsv: str) -> list[tuple[str, float, bool, bool]]:
    """Tesseract's TSV (one row per word, with its block, paragraph and line numbers, its
    position and a confidence 0–100) as lines of text in reading order, each saying whether
    it starts a block (Tesseract's blocks are the columns and paragraphs of the page) and
    whether it stands centred on the page (a title, a subject)."""
    rows: dict[tuple[str, str, str, str], list[tuple[int, int, str, float]]] = {}
    page_width = 0
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12:
            continue
        if cells[0] == "1":
            page_width = int(cells[8])
        if cells[0] != "5" or not cells[11].strip():
            continue
        left, width = int(cells[6]), int(cells[8])
        word = (left, left + width, cells[11].strip(), max(0.0, float(cells[10])) / 100)
        rows.setdefault((cells[1], cells[2], cells[3], cells[4]), []).append(word)
    spaces = [
        word[0] - before[1]
        for words in rows.values()
        for before, word in zip(words, words[1:], strict=False)
    ]
    space = statistics.median(spaces) if spaces else 0
    column_gap = max(COLUMN_GAP * page_width, COLUMN_GAP_SPACES * space)
    out, previous_block = [], None
    for (page, block, _, _), words in rows.items():
        text = words[0][2]
        for before, word in zip(words, words[1:], strict=False):
            gap = word[0] - before[1]
            text += "    " if page_width and gap > column_gap else " "
            text += word[2]
        confidence = sum(w[3] for w in words) / len(words)
        middle = (words[0][0] + words[-1][1]) / 2
        centered = bool(page_width) and (
            abs(middle - page_width / 2) < 0.04 * page_width
            and words[-1][1] - words[0][0] < 0.8 * page_width
        )
        out.append((correct(text), confidence, (page, block) != previous_block, centered))
        previous_block = (page, block)
    return out


# Phrases of this work that Tesseract's Vietnamese model often reads with a wrong tone or
# vowel mark ("bình đăng giới" for "bình đẳng giới"). A phrase read with the same letters
# but other marks is put right; anything else is left as read.
VOCABULARY = (
    "bình đẳng giới",
    "vì sự tiến bộ của phụ nữ",
    "Vì sự tiến bộ của phụ nữ",
    "Ủy ban nhân dân",
    "ỦY BAN NHÂN DÂN",
    "Lao động - Thương binh và Xã hội",
    "Hội Liên hiệp Phụ nữ",
    "bạo lực gia đình",
    "bạo lực trên cơ sở giới",
    "phòng, chống",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Nơi nhận",
    "CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "TRƯỞNG BAN",
    "KẾ HOẠCH",
    "CHƯƠNG TRÌNH",
    "QUYẾT ĐỊNH",
    "BÁO CÁO",
    "Kế hoạch",
    "Quyết định",
    "Công văn",
    "tuyên truyền",
    "thực hiện",
    "triển khai",
)


def _bare(text: str) -> str:
    """Letters without their marks (đ as d), case kept: what OCR gets right most often."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


_PATTERNS = [
    (re.compile(r"(?<!\w)" + re.escape(_bare(phrase)) + r"(?!\w)"), phrase) for phrase in VOCABULARY
]


def correct(text: str) -> str:
    """`text` with the marks of the vocabulary's phrases put right."""
    bare = _bare(text)
    if len(bare) != len(text):
        return text  # a decomposed character: positions would not match
    for pattern, phrase in _PATTERNS:
        for match in pattern.finditer(bare):
            text = text[: match.start()] + phrase + text[match.end() :]
    return text
