"""A file as lines of text with light structure: the first step of `vstb import-plan`.

Every reader returns a `Document`: its `lines` in reading order, each a `Line` with what the
format tells beyond the words (bold, centred, a heading, the column of a two-column table);
and the `warnings` of the reading itself. Bad input raises `ImportRefused` with a Vietnamese
sentence for the clerk; nothing is half-read.

- TXT / MD: decoded (UTF-8 with or without BOM, UTF-16 with BOM, then Windows-1258 when the
  result is clean Vietnamese), one `Line` per line, blank lines kept (they tell paragraph and
  page breaks apart); the parser joins and cleans.
- DOCX (python-docx): paragraphs in body order, table cells included; Word's automatic
  numbering (numbering.xml) is materialised as the visible label ("1.", "a)", "-"); a table of
  at most two columns (the header, the "Nơi nhận" / signer block) is read column by column.
- PDF (pdfminer.six): the text layer's lines, joined back into paragraphs from their
  positions (first-line indent, spacing, short last lines); the header and the closing block
  are read column by column.
"""

from __future__ import annotations

import io
import os
import re
import statistics
import unicodedata
import zipfile
from dataclasses import dataclass, field

from vstb.lib.archives import ArchiveTooLarge, check_unpacked

DEFAULT_MAX_MB = 20

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
SUPPORTED = "TXT, MD, DOCX, DOC, ODT, RTF hoặc PDF"


class ImportRefused(Exception):
    """A file that cannot be imported; `message` is a Vietnamese sentence for the clerk."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Line:
    text: str
    bold: bool | None = None  # None: the format does not say
    centered: bool | None = None
    heading: bool = False  # a markdown heading or a Word heading style
    column: str | None = None  # "left" / "right" in a two-column table (header, signature)
    confidence: float | None = None  # 0–1, for a line read by OCR from a scan


@dataclass
class Document:
    lines: list[Line]
    format: str  # "txt", "docx" or "pdf"
    warnings: list[str] = field(default_factory=list)


def max_bytes() -> int:
    """The size limit: settings.VSTB_IMPORT_MAX_MB, else the environment variable of the same
    name, else 20 MB."""
    value = None
    try:
        from django.conf import settings

        value = getattr(settings, "VSTB_IMPORT_MAX_MB", None)
    except Exception:  # settings not configured: a plain script
        value = None
    if value is None:
        value = os.environ.get("VSTB_IMPORT_MAX_MB")
    try:
        megabytes = float(value) if value not in (None, "") else DEFAULT_MAX_MB
    except (TypeError, ValueError):
        megabytes = DEFAULT_MAX_MB
    return int(megabytes * 1024 * 1024)


def read_document(data: bytes, filename: str = "") -> Document:
    """Read `data` (the bytes of a file called `filename`); raises ImportRefused."""
    name = filename or "tệp"
    limit = max_bytes()
    if len(data) > limit:
        raise ImportRefused(
            f"Tệp {name} nặng {_megabytes(len(data))}, vượt giới hạn {_megabytes(limit)} "
            "cho một lần nhập. Hãy tách hoặc nén tệp rồi thử lại."
        )
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ImportRefused(f"Tệp {name} trống, không có nội dung để nhập.")
    suffix = os.path.splitext(filename.lower())[1]
    if data.startswith(b"%PDF"):
        return read_pdf(data, name)
    if data.startswith(b"PK\x03\x04") and b"application/vnd.oasis.opendocument.text" in data[:200]:
        try:
            _check_unpacked(zipfile.ZipFile(io.BytesIO(data)), name)  # before LibreOffice opens it
        except (zipfile.BadZipFile, OSError, ValueError):
            pass  # LibreOffice says it cannot read it, in its words
        return read_docx(_to_docx(data, "odt", name, "OpenDocument (.odt)"), name)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return read_docx(data, name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return read_docx(_to_docx(data, "doc", name, "Word đời cũ (.doc)"), name)
    if data.lstrip().startswith(b"{\\rtf"):
        return read_docx(_to_docx(data, "rtf", name, "RTF"), name)
    if suffix in (".pdf", ".docx"):
        raise ImportRefused(
            f"Tệp {name} có đuôi {suffix} nhưng nội dung không phải tệp {suffix[1:].upper()} "
            "(có thể tệp bị hỏng hoặc bị đổi tên). Hãy xuất lại tệp từ chương trình gốc."
        )
    if suffix and suffix not in TEXT_SUFFIXES:
        raise ImportRefused(
            f"Chưa nhập được tệp {name}: định dạng {suffix} không được hỗ trợ. "
            f"Chỉ nhận tệp {SUPPORTED}."
        )
    return read_text(data, name)


def _to_docx(data: bytes, suffix: str, name: str, kind: str) -> bytes:
    """A .doc, .odt or .rtf file as DOCX, converted by LibreOffice (one profile per
    conversion, see documents/pdf.py), so that one reader serves every word processor."""
    from vstb.documents.pdf import ConversionFailed, ConversionUnavailable, convert

    try:
        return convert(data, suffix, "docx", timeout=CONVERSION_TIMEOUT)
    except ConversionUnavailable:
        raise ImportRefused(
            f"Tệp {name} là văn bản {kind}; máy chủ chưa cài LibreOffice nên chưa đọc được. "
            "Hãy mở tệp bằng Word hoặc LibreOffice, lưu lại thành .docx rồi nhập lại."
        ) from None
    except ConversionFailed as error:
        raise ImportRefused(
            f"Không đọc được tệp {name} ({kind}): {error} Tệp có thể bị hỏng hoặc có mật khẩu; "
            "hãy mở bằng Word, lưu lại thành .docx rồi nhập lại."
        ) from None


# Seconds LibreOffice may take to turn one imported .doc/.odt/.rtf into DOCX.
CONVERSION_TIMEOUT = 60


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.1f} MB".replace(".0 MB", " MB")


# --------------------------------------------------------------------------- text


# Letters of Vietnamese (precomposed, NFC), beyond ASCII.
VIETNAMESE_LETTERS = set(
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
)
# Punctuation and signs a Vietnamese office document uses beyond ASCII.
ALLOWED_SIGNS = set("“”‘’–—…•·°§±×÷€№«»\u00a0\u200b\ufeff")


def _clean_share(text: str) -> float:
    """The share of the non-ASCII characters of `text` that Vietnamese text would use."""
    others = [ch for ch in text if ord(ch) > 127]
    if not others:
        return 1.0
    good = sum(1 for ch in others if ch in VIETNAMESE_LETTERS or ch in ALLOWED_SIGNS)
    return good / len(others)


def decode_text(data: bytes, name: str = "tệp") -> tuple[str, list[str]]:
    """The text of `data` and the warnings of decoding it; raises ImportRefused."""
    warnings: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), warnings
        except UnicodeDecodeError:
            raise ImportRefused(
                f"Tệp {name} ghi là UTF-16 nhưng có byte lỗi. Hãy lưu lại tệp với bảng mã UTF-8."
            ) from None
    if b"\x00" in data:
        raise ImportRefused(
            f"Tệp {name} là tệp nhị phân, không phải văn bản. Chỉ nhận tệp {SUPPORTED}."
        )
    try:
        return data.decode("utf-8-sig"), warnings
    except UnicodeDecodeError:
        pass
    text = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    control = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t\f")
    if "\ufffd" not in text and not control and _clean_share(text) >= 0.98:
        if any(ch in VIETNAMESE_LETTERS for ch in text):
            warnings.append(
                "Tệp không dùng bảng mã UTF-8; đã đọc theo bảng mã Windows-1258. "
                "Hãy kiểm tra lại dấu tiếng Việt."
            )
            return text, warnings
    raise ImportRefused(
        f"Không đọc được tệp {name}: bảng mã chữ không xác định được (không phải UTF-8, "
        "UTF-16 hay Windows-1258). Hãy mở tệp, lưu lại với bảng mã UTF-8 rồi nhập lại."
    )


def read_text(data: bytes, name: str = "tệp") -> Document:
    text, warnings = decode_text(data, name)
    if _is_binary(text):
        raise ImportRefused(
            f"Tệp {name} là tệp nhị phân, không phải văn bản. Chỉ nhận tệp {SUPPORTED}."
        )
    _refuse_too_long(text, name)
    _refuse_legacy_font(text, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    # line breaks a page's script kept as the characters "\r\n" (a copy of its source)
    unescaped, breaks = _ESCAPED_BREAK.subn("\n", text)
    if breaks >= _ESCAPED_BREAKS:
        text = unescaped
    lines = [Line(line) for line in text.split("\n")]
    if not any(line.text.strip() for line in lines):
        raise ImportRefused(f"Tệp {name} trống, không có nội dung để nhập.")
    return Document(lines, "txt", warnings)


# A line break written out as "\r\n" or "\n"; how many mark a copy made of them.
_ESCAPED_BREAK = re.compile(r"\\r\\n|\\n")
_ESCAPED_BREAKS = 3


def _is_binary(text: str) -> bool:
    if not text:
        return False
    control = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Co", "Cs"))
    control -= sum(text.count(ch) for ch in "\r\n\t\f")
    return control > max(3, len(text) // 200)


# TCVN3 (ABC) and VNI fonts store Vietnamese letters as Latin-1 characters: read as Unicode,
# the text is full of these.
_LEGACY_MARKS = set("¸µ¶·¹¨»¾¼½Æ©ÇÊËÌÎÏ®ÐÑÒÓÔ«×ØÜÝÞ¬ßãáâäå¦çèéëìíîïóòôõöõ÷øùúû")


def _refuse_legacy_font(text: str, name: str) -> None:
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 40:
        return
    vietnamese = sum(1 for ch in letters if ch in VIETNAMESE_LETTERS)
    legacy = sum(1 for ch in text if ch in _LEGACY_MARKS)
    if legacy > len(letters) * 0.04 and vietnamese < legacy * 0.5:
        raise ImportRefused(
            f"Tệp {name} dùng phông chữ cũ (TCVN3/ABC hoặc VNI), không phải Unicode nên "
            "không đọc được chữ. Hãy chuyển mã sang Unicode (ví dụ bằng Unikey) rồi nhập lại."
        )


# --------------------------------------------------------------------------- docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, name: str = "tệp") -> Document:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportRefused(
            f"Tệp {name} bị hỏng: không mở được như một tệp DOCX. Hãy xuất lại tệp từ Word."
        ) from None
    _check_unpacked(archive, name)
    if "word/document.xml" not in names:
        kind = "một tệp nén ZIP"
        if "xl/workbook.xml" in names:
            kind = "một bảng tính Excel (XLSX)"
        elif "ppt/presentation.xml" in names:
            kind = "một bản trình chiếu PowerPoint (PPTX)"
        elif "content.xml" in names:
            kind = "một tệp OpenDocument (ODT/ODS)"
        raise ImportRefused(
            f"Tệp {name} là {kind}, không phải văn bản Word (DOCX). "
            f"Chỉ nhận tệp {SUPPORTED}; hãy mở văn bản bằng Word và lưu thành .docx."
        )
    try:
        from docx import Document as open_docx

        document = open_docx(io.BytesIO(data))
    except Exception:
        raise ImportRefused(
            f"Tệp {name} bị hỏng: Word không đọc được nội dung. Hãy mở và lưu lại bằng Word."
        ) from None
    reader = _DocxReader(document)
    lines: list[Line] = []
    warnings: list[str] = []
    reader.block(document.element.body, lines, warnings)
    text = "\n".join(line.text for line in lines)
    if not text.strip():
        raise ImportRefused(f"Tệp {name} trống, không có chữ để nhập.")
    _refuse_too_long(text, name)
    _refuse_legacy_font(text, name)
    return Document(lines, "docx", warnings)


def _check_unpacked(archive: zipfile.ZipFile, name: str) -> None:
    try:
        check_unpacked(archive)
    except ArchiveTooLarge:
        raise ImportRefused(
            f"Tệp {name} khi giải nén lớn hơn nhiều so với một văn bản kế hoạch nên không được "
            "đọc. Hãy mở tệp bằng Word, xóa hình ảnh hoặc phần thừa, lưu lại rồi nhập lại."
        ) from None


# A plan of a hundred pages is some 300,000 characters; ten times that is not a plan.
MAX_TEXT_CHARACTERS = 3_000_000


def _refuse_too_long(text: str, name: str) -> None:
    if len(text) > MAX_TEXT_CHARACTERS:
        raise ImportRefused(
            f"Tệp {name} dài hơn {MAX_TEXT_CHARACTERS:,} ký tự, quá dài cho một văn bản kế "
            "hoạch. Hãy tách phần kế hoạch ra một tệp riêng rồi nhập lại.".replace(",", ".")
        )


_BULLET_DASHES = set("-–—‐‑−")


class _DocxReader:
    """Paragraphs and tables in body order, with numbering labels, bold and alignment."""

    def __init__(self, document):
        self.document = document
        self.styles = {}
        try:
            for style in document.styles:
                self.styles[style.style_id] = style
        except Exception:
            pass
        self.abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self._load_numbering()

    # ----- numbering

    def _load_numbering(self) -> None:
        try:
            root = self.document.part.numbering_part.element
        except Exception:  # no numbering part
            return
        for abstract in root.findall(f"{W}abstractNum"):
            levels = {}
            for lvl in abstract.findall(f"{W}lvl"):
                ilvl = _int(lvl.get(f"{W}ilvl"), 0)
                fmt = _val(lvl.find(f"{W}numFmt")) or "decimal"
                text = _val(lvl.find(f"{W}lvlText"))
                start = _int(_val(lvl.find(f"{W}start")), 1)
                levels[ilvl] = (fmt, text if text is not None else "", start)
            self.abstract[abstract.get(f"{W}abstractNumId")] = levels
        for num in root.findall(f"{W}num"):
            overrides = {}
            for override in num.findall(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    overrides[_int(override.get(f"{W}ilvl"), 0)] = _int(_val(start), 1)
            self.nums[num.get(f"{W}numId")] = (_val(num.find(f"{W}abstractNumId")), overrides)

    def _num_pr(self, p):
        """(numId, ilvl) of a paragraph, from its own properties or its style's."""
        ppr = p.find(f"{W}pPr")
        num_id = ilvl = None
        if ppr is not None:
            numpr = ppr.find(f"{W}numPr")
            if numpr is not None:
                num_id = _val(numpr.find(f"{W}numId"))
                ilvl = _val(numpr.find(f"{W}ilvl"))
            style_id = _val(ppr.find(f"{W}pStyle"))
        else:
            style_id = None
        seen = 0
        while num_id is None and style_id and seen < 10:
            style = self.styles.get(style_id)
            if style is None:
                break
            spr = style.element.find(f"{W}pPr")
            numpr = spr.find(f"{W}numPr") if spr is not None else None
            if numpr is not None:
                num_id = _val(numpr.find(f"{W}numId"))
                if ilvl is None:
                    ilvl = _val(numpr.find(f"{W}ilvl"))
            based = style.element.find(f"{W}basedOn")
            style_id = _val(based)
            seen += 1
        if num_id in (None, "0"):
            return None
        return num_id, _int(ilvl, 0)

    def label(self, p) -> str | None:
        found = self._num_pr(p)
        if not found or found[0] not in self.nums:
            return None
        num_id, ilvl = found
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels:
            return None
        counters = self.counters.setdefault(num_id, {})
        fmt, text, start = levels[ilvl]
        start = overrides.get(ilvl, start)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            char = text.strip()
            if char == "+":
                return "+"
            if char in _BULLET_DASHES or ilvl == 0:
                return "-"
            return "+"
        if fmt == "none":
            return text.strip() or None

        def level_value(match):
            level = int(match.group(1)) - 1
            level_fmt, _, level_start = levels.get(level, ("decimal", "", 1))
            value = counters.get(level, overrides.get(level, level_start))
            return _format_number(value, level_fmt)

        return re.sub(r"%(\d)", level_value, text).strip() or None

    # ----- formatting

    def _style_chain(self, style_id):
        seen = 0
        while style_id and seen < 10:
            style = self.styles.get(style_id)
            if style is None:
                return
            yield style
            style_id = _val(style.element.find(f"{W}basedOn"))
            seen += 1

    def _style_bold(self, style_id) -> bool:
        for style in self._style_chain(style_id):
            rpr = style.element.find(f"{W}rPr")
            if rpr is not None and rpr.find(f"{W}b") is not None:
                return _on(rpr.find(f"{W}b"))
        return False

    def _style_name(self, style_id) -> str:
        style = self.styles.get(style_id)
        return (getattr(style, "name", "") or "") if style is not None else ""

    def paragraph(self, p, column: str | None = None) -> Line | None:
        ppr = p.find(f"{W}pPr")
        style_id = _val(ppr.find(f"{W}pStyle")) if ppr is not None else None
        style_bold = self._style_bold(style_id)
        parts: list[str] = []
        bold_chars = total_chars = 0
        for run in p.iter(f"{W}r"):
            rpr = run.find(f"{W}rPr")
            bold = style_bold
            if rpr is not None:
                if rpr.find(f"{W}b") is not None:
                    bold = _on(rpr.find(f"{W}b"))
                elif rpr.find(f"{W}rStyle") is not None:
                    bold = self._style_bold(_val(rpr.find(f"{W}rStyle"))) or style_bold
            for node in run:
                if node.tag == f"{W}t":
                    text = node.text or ""
                    parts.append(text)
                    visible = len(text.strip())
                    total_chars += visible
                    bold_chars += visible if bold else 0
                elif node.tag in (f"{W}br", f"{W}cr"):
                    parts.append("\n")
                elif node.tag == f"{W}tab":
                    parts.append("\t")
        text = "".join(parts)
        label = self.label(p)
        if not text.strip() and not label:
            return None
        if label:
            text = f"{label} {text.lstrip()}"
        align = None
        for source in [ppr, *[s.element.find(f"{W}pPr") for s in self._style_chain(style_id)]]:
            if source is not None and source.find(f"{W}jc") is not None:
                align = _val(source.find(f"{W}jc"))
                break
        heading = self._style_name(style_id).lower().startswith(("heading", "title"))
        return Line(
            text=text,
            bold=(bold_chars >= max(1, total_chars * 0.6)) if total_chars else None,
            centered=align == "center",
            heading=heading,
            column=column,
        )

    # ----- blocks

    def block(self, element, out: list[Line], warnings: list[str], column=None) -> None:
        for child in element.iterchildren():
            if child.tag == f"{W}p":
                line = self.paragraph(child, column)
                if line is not None:
                    out.append(line)
            elif child.tag == f"{W}tbl":
                self.table(child, out, warnings, column)
            elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag"):
                self.block(child, out, warnings, column)

    def table(self, tbl, out: list[Line], warnings: list[str], column=None) -> None:
        rows = [[tc for tc in tr.findall(f"{W}tc")] for tr in tbl.findall(f"{W}tr")]
        rows = [row for row in rows if row]
        width = max((len(row) for row in rows), default=0)
        if width <= 2 and len(rows) <= 4:
            # Header (issuer | Quốc hiệu) or closing (Nơi nhận | signer): column by column.
            for index in range(width):
                name = column or ("left" if index == 0 else "right")
                for row in rows:
                    if index < len(row):
                        self.block(row[index], out, warnings, name)
            return
        for row in rows:
            cells = []
            for tc in row:
                inner: list[Line] = []
                self.block(tc, inner, warnings, column)
                text = " ".join(line.text.replace("\n", " ").strip() for line in inner).strip()
                cells.append(text)
                # A cell merged across columns (w:gridSpan) holds their place, so the columns
                # of every row stay aligned with the heading's.
                span = _int(_val(tc.find(f"{W}tcPr/{W}gridSpan")), 1)
                cells += [""] * max(0, min(span, 50) - 1)
            if any(cells):
                # With its borders, as a markdown table writes a row: an empty first or last
                # cell keeps its place.
                out.append(Line("| " + " | ".join(cells) + " |", column=column))


def _val(element) -> str | None:
    return element.get(f"{W}val") if element is not None else None


def _on(element) -> bool:
    return _val(element) not in ("0", "false", "off", "none")


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


def _roman(value: int) -> str:
    out = ""
    for number, letters in _ROMAN:
        while value >= number:
            out += letters
            value -= number
    return out


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        value = max(value, 1)
        while value:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        text = _roman(max(value, 1))
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


# --------------------------------------------------------------------------- pdf


@dataclass
class _PdfLine:
    page: int
    x0: float
    x1: float
    y0: float
    y1: float
    text: str
    bold: bool
    table_row: bool = False  # a row of a ruled table, its cells as "| … | … |"

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


def read_pdf(data: bytes, name: str = "tệp") -> Document:
    raw = _pdf_lines(data, name)
    text = "".join(line.text for line in raw)
    if len(re.sub(r"\s", "", text)) < 20:
        return read_scan(data, name)
    if text.count("(cid:") > 5:
        raise ImportRefused(
            f"Tệp PDF {name} dùng phông chữ không kèm bảng mã Unicode nên không đọc được chữ. "
            "Hãy dùng bản Word (DOCX) hoặc xuất lại PDF từ Word."
        )
    _refuse_legacy_font(text, name)
    return Document(_pdf_paragraphs(raw), "pdf", [])


def read_scan(data: bytes, name: str) -> Document:
    """A PDF without a text layer (a scan, a photo), read by OCR (importer/ocr.py)."""
    from vstb.documents.importer import ocr

    try:
        found, pages = ocr.recognise(data)
    except ocr.OcrUnavailable:
        raise ImportRefused(
            f"Tệp PDF {name} không có lớp chữ (có thể là bản quét hoặc ảnh chụp) và máy chủ "
            "chưa cài chương trình nhận dạng chữ (Tesseract tiếng Việt). Hãy dùng bản Word "
            "(DOCX) hoặc bản PDF xuất trực tiếp từ Word."
        ) from None
    except ocr.OcrFailed as error:
        raise ImportRefused(
            f"Tệp PDF {name} không có lớp chữ và việc nhận dạng chữ từ ảnh không thành công "
            f"({error}). Hãy dùng bản Word (DOCX), hoặc nhập bản quét ít trang hơn, rõ hơn."
        ) from None
    text = "".join(line for line, _, _, _ in found)
    if len(re.sub(r"\s", "", text)) < 20:
        raise ImportRefused(
            f"Tệp PDF {name} không có lớp chữ và không nhận dạng được chữ nào từ ảnh. Hãy dùng "
            "bản Word (DOCX) hoặc một bản quét rõ hơn."
        )
    lines: list[Line] = []
    for line, confidence, new_block, centered in found:
        if new_block and lines:
            lines.append(Line(""))  # Tesseract's block: a paragraph or a column
        lines.append(Line(line, centered=centered, confidence=confidence))
    warnings = [
        "Văn bản được đọc từ ảnh quét (nhận dạng chữ, OCR): hãy đối chiếu các trường được "
        "tô màu với bản gốc trước khi lưu."
    ]
    if pages >= ocr.MAX_PAGES:
        warnings.append(f"Chỉ đọc {ocr.MAX_PAGES} trang đầu của bản quét.")
    return Document(lines, "ocr", warnings)


def _pdf_lines(data: bytes, name: str) -> list[_PdfLine]:
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import (
            LAParams,
            LTChar,
            LTLine,
            LTRect,
            LTTextContainer,
            LTTextLine,
        )
    except ImportError:  # pragma: no cover - the dependency is pinned
        raise ImportRefused(
            "Máy chủ chưa cài thư viện đọc PDF (pdfminer.six); hãy nhập bản DOCX hoặc TXT."
        ) from None
    lines: list[_PdfLine] = []
    rules: dict[int, list[tuple[float, float, float, float]]] = {}

    def visit(element, page_number):
        if isinstance(element, LTTextLine):
            chars = [c for c in element if isinstance(c, LTChar) and c.get_text().strip()]
            text = element.get_text().replace("\n", "")
            if not text.strip():
                return
            bold_count = sum(1 for c in chars if _bold_font(c.fontname))
            lines.append(
                _PdfLine(
                    page_number,
                    element.x0,
                    element.x1,
                    element.y0,
                    element.y1,
                    text,
                    bool(chars) and bold_count >= len(chars) * 0.6,
                )
            )
        elif isinstance(element, LTTextContainer) or hasattr(element, "__iter__"):
            for child in element:
                visit(child, page_number)
        elif isinstance(element, LTLine | LTRect):
            x0, y0, x1, y1 = element.bbox
            if min(x1 - x0, y1 - y0) < 2:  # a rule, not a filled box
                rules.setdefault(page_number, []).append((x0, y0, x1, y1))

    try:
        for page_number, page in enumerate(
            extract_pages(io.BytesIO(data), laparams=LAParams(line_margin=0.2)), 1
        ):
            for element in page:
                visit(element, page_number)
    except ImportRefused:
        raise
    except Exception as error:
        detail = type(error).__name__
        if "Password" in detail or "Encrypt" in detail:
            raise ImportRefused(
                f"Tệp PDF {name} có mật khẩu nên không đọc được. Hãy gỡ mật khẩu rồi nhập lại."
            ) from None
        raise ImportRefused(
            f"Tệp PDF {name} bị hỏng hoặc không đọc được ({detail}). "
            "Hãy xuất lại PDF từ Word hoặc dùng bản DOCX."
        ) from None
    for page_number, page_rules in rules.items():
        lines = _ruled_tables(lines, page_number, page_rules)
    return lines


# How many columns a ruled table needs to be read as a table: fewer are the header's and the
# signature's two columns, which the reader lays out by position.
_TABLE_COLUMNS = 3
# The most vertical rules on a page read for tables: a page of tables has a few hundred; the
# search for them grows with the square of their number.
_MAX_RULES = 2000


def _ruled_tables(lines: list[_PdfLine], page: int, rules) -> list[_PdfLine]:
    """The text of each ruled table on a page (a plan's table of activities drawn with its
    borders, as Word and LibreOffice print them), a row at a time: each row one line whose
    cells are set apart by "|", read as the same table in a DOCX is. The table is found by its
    rules: the vertical ones give its columns, the horizontal ones its rows; a line of text
    goes to the cell its start and its middle fall in."""
    verticals = [r for r in rules if r[2] - r[0] < 2]
    horizontals = [r for r in rules if r[3] - r[1] < 2]
    if not _TABLE_COLUMNS + 1 <= len(verticals) <= _MAX_RULES:
        return lines  # no table; or a drawing of thousands of strokes, not one to read
    # The tables: runs of vertical rules that overlap in height.
    tables: list[tuple[float, float, list[float]]] = []  # its bottom, its top, its rules' x
    for x0, y0, _, y1 in sorted(verticals, key=lambda r: -r[3]):
        for index, (bottom, top, rule_xs) in enumerate(tables):
            if y0 < top and y1 > bottom:
                rule_xs.append(x0)
                tables[index] = (min(bottom, y0), max(top, y1), rule_xs)
                break
        else:
            tables.append((y0, y1, [x0]))
    out = list(lines)
    for bottom, top, rule_xs in tables:
        xs = _distinct(sorted(rule_xs))
        left, right = xs[0], xs[-1]
        ys = _distinct(
            sorted(
                (
                    r[1]
                    for r in horizontals
                    if r[0] <= left + 3 and r[2] >= right - 3 and bottom - 2 <= r[1] <= top + 2
                ),
                reverse=True,
            )
        )
        if len(xs) < _TABLE_COLUMNS + 1 or len(ys) < 2:
            continue
        rows: list[list[list[str]]] = [[[] for _ in xs[:-1]] for _ in ys[:-1]]
        inside: list[_PdfLine] = []
        for ln in out:
            middle_y = (ln.y0 + ln.y1) / 2
            if ln.page != page or not (bottom < middle_y < top and left < ln.x0 + 1 < right):
                continue
            column = next((i for i in range(len(xs) - 1) if ln.x0 + 1 < xs[i + 1]), None)
            row = next((i for i in range(len(ys) - 1) if middle_y > ys[i + 1]), None)
            if column is None or row is None:
                continue
            rows[row][column].append(ln.text.strip())
            inside.append(ln)
        if not inside:
            continue
        taken = {id(ln) for ln in inside}
        out = [ln for ln in out if id(ln) not in taken]
        for index, cells in enumerate(rows):
            texts = [_cell_text(parts) for parts in cells]
            if any(texts):
                y = ys[index] - 1
                row_text = "| " + " | ".join(texts) + " |"
                out.append(_PdfLine(page, left, right, y - 10, y, row_text, False, True))
    return out


def _distinct(values: list[float]) -> list[float]:
    """The values, those within 3 points of the one before them left out (a rule drawn
    twice, or as the edges of a thin box)."""
    out: list[float] = []
    for value in values:
        if not out or abs(value - out[-1]) > 3:
            out.append(value)
    return out


def _cell_text(parts: list[str]) -> str:
    text = ""
    for part in parts:
        text = _join_wrapped(text, part) if text else part
    return text.replace("|", "/").strip()


def _bold_font(fontname: str) -> bool:
    name = (fontname or "").split("+")[-1].lower()
    return any(mark in name for mark in ("bold", "black", "heavy", "semibold", ",b", "-b"))


def _mode(values: list[float], default: float) -> float:
    if not values:
        return default
    rounded = [round(v) for v in values]
    return statistics.mode(rounded)


_LABEL_START = re.compile(
    r"^\s*(?:[-–—•+*]\s|[IVXLC]+[.)]\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[a-zđ][).]\s|Điều\s+\d)"
)


def _pdf_paragraphs(raw: list[_PdfLine]) -> list[Line]:
    """Join the text layer's lines back into paragraphs."""
    if not raw:
        return []
    by_page: dict[int, list[_PdfLine]] = {}
    for line in raw:
        by_page.setdefault(line.page, []).append(line)
    pages = [
        sorted(lines, key=lambda ln: (-round(ln.y0), ln.x0)) for _, lines in sorted(by_page.items())
    ]
    long_lines = [ln for ln in raw if ln.x1 - ln.x0 > 200]
    left = _mode([ln.x0 for ln in long_lines], min(ln.x0 for ln in raw))
    right = _mode([ln.x1 for ln in long_lines], max(ln.x1 for ln in raw))
    middle = (left + right) / 2
    pitches = []
    for lines in pages:
        for a, b in zip(lines, lines[1:], strict=False):
            delta = a.y0 - b.y0
            if 5 < delta < 40 and abs(b.x0 - left) < 3:
                pitches.append(delta)
    pitch = _mode(pitches, 16)

    def centred(ln: _PdfLine) -> bool:
        return ln.x0 > left + 10 and abs(ln.center - middle) < 12

    def page_number(ln: _PdfLine, lines: list[_PdfLine]) -> bool:
        return ln.text.strip().isdigit() and (ln is lines[0] or ln is lines[-1])

    out: list[Line] = []
    header = True
    cell_centres: list[float] = []  # of the header's left column's lines
    closing = False
    closing_start: int | None = None
    closing_end: int | None = None
    closing_page = 0
    previous: _PdfLine | None = None
    current: Line | None = None
    for page_index, lines in enumerate(pages):
        for ln in lines:
            if page_number(ln, lines):
                continue
            text = ln.text.strip()
            if header:
                if (
                    page_index == 0
                    and (ln.center < middle - 30 or ln.center > middle + 30)
                    and not _out_of_centred_cell(ln, cell_centres, left)
                ):
                    column = "left" if ln.center < middle else "right"
                    out.append(Line(text, bold=ln.bold, column=column))
                    if column == "left":
                        cell_centres.append(ln.center)
                    continue
                header = False
                # Left column first, then the right one, each top to bottom.
                out.sort(key=lambda item: 0 if item.column == "left" else 1)
            if ln.table_row:
                # A row of a ruled table, its cells apart: a line of its own (prepare reads
                # the table).
                current = Line(text)
                out.append(current)
                previous = ln
                continue
            if (
                closing_start is None
                and not closing
                and re.match(r"^\W*N[ơo]i\s*nh[ậa]n", text, re.IGNORECASE)
            ):
                closing = True
                closing_start, closing_page = len(out), ln.page
            if closing and ln.page != closing_page and _centred_caps(ln, middle):
                # A document attached after the signature (a decision's regulation or plan)
                # starts on a page of its own with its centred title: the closing has ended.
                closing, closing_end, current = False, len(out), None
            if closing:
                column = "left" if ln.center < middle else "right"
                if (
                    column == "left"
                    and current is not None
                    and current.column == "left"
                    and not _LABEL_START.match(text)
                    and not current.text.rstrip().endswith(":")
                ):
                    current.text += " " + text
                else:
                    current = Line(text, bold=ln.bold, column=column)
                    out.append(current)
                previous = ln
                continue
            new = _new_paragraph(previous, ln, left, right, pitch, centred)
            if new or current is None:
                current = Line(text, bold=ln.bold, centered=centred(ln))
                out.append(current)
            else:
                current.text = _join_wrapped(current.text, text)
                if current.bold and not ln.bold:
                    current.bold = False
            previous = ln
    if closing_start is not None:
        end = len(out) if closing_end is None else closing_end
        tail, after = out[closing_start:end], out[end:]
        out = out[:closing_start] + [t for t in tail if t.column == "left"]
        out += [t for t in tail if t.column != "left"] + after
    return out


def _out_of_centred_cell(line: _PdfLine, centres: list[float], margin: float) -> bool:
    """The body's first line under a header whose left cell is centred (Decree 30/2020,
    Appendix I, part II: the issuer, the number and the "V/v" subject centred under one
    another): a line at the body's margin ("Kính gửi:", "- Các sở, ban, ngành;") not centred
    where they are, though it stands in the left half as they do."""
    if len(centres) < 2 or max(centres) - min(centres) > 4:
        return False  # a left-aligned cell, whose lines have no common centre
    return abs(line.x0 - margin) < 3 and abs(line.center - statistics.mean(centres)) > 25


def _centred_caps(line: _PdfLine, middle: float) -> bool:
    """A title: a line in capitals in the middle of the page (the signer's lines, in capitals
    too, stand in the right half)."""
    letters = [ch for ch in line.text if ch.isalpha()]
    return (
        len(letters) >= 4
        and all(not ch.islower() for ch in letters)
        and abs(line.center - middle) < 30
    )


def _join_wrapped(text: str, more: str) -> str:
    """Join a wrapped line: a hyphen inside a word ("2016-" / "2020") takes no space."""
    if re.search(r"\w[-–]$", text) and more[:1].isalnum():
        return text + more
    return f"{text} {more}"


def _new_paragraph(previous, line, left, right, pitch, centred) -> bool:
    if previous is None:
        return True
    text = line.text.strip()
    if _LABEL_START.match(text):
        return True
    if previous.page == line.page and previous.y0 - line.y0 > pitch * 1.2:
        return True
    if previous.bold and not line.bold and previous.text.strip().isupper():
        return True  # under a bold line in capitals (a decision's authority, a heading)
    if centred(previous) or centred(line):
        same_style = previous.bold == line.bold
        return not (centred(line) and same_style and previous.x1 - previous.x0 > 150)
    if line.x0 > left + 10:
        return True  # first-line indent
    if previous.x1 < right - 40:
        return True  # the previous line ended short: its paragraph ended
    return False
