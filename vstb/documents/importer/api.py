"""The importer's entry points: a file in, a normalised and validated vstb.plan/1 dict out."""

from __future__ import annotations

import os
from pathlib import Path

from vstb.documents import plan_schema
from vstb.documents.importer.parse import parse_lines
from vstb.documents.importer.read import ImportRefused, max_bytes, read_document
from vstb.documents.importer.text import key

# The order of the fields in the printed JSON: PLAN_JSON.md with "preamble" after "subject",
# and the fields plan_schema adds where they sit in the document.
ORDER = [
    "schema",
    "doc_type",
    "number",
    "symbol",
    "issuer",
    "place",
    "date",
    "date_partial",
    "title",
    "subject",
    "authority",
    "preamble",
    "year",
    "recipients_to",
    "bases",
    "sections",
    "tasks",
    "assignments",
    "deadlines",
    "events",
    "recipients",
    "signer",
    "countersigner",
    "annexes",
    "warnings",
]


def output_order(plan: dict) -> dict:
    """The same plan with its fields in the order of the seed files."""
    ordered = {name: plan[name] for name in ORDER if name in plan}
    ordered.update({name: value for name, value in plan.items() if name not in ordered})
    return ordered


def import_bytes(data: bytes, filename: str = "") -> dict:
    """Import a file's bytes; raises ImportRefused (Vietnamese message) on bad input."""
    return _plan_of(read_document(data, filename))


def _plan_of(document) -> dict:
    plan = plan_schema.normalise(parse_lines(document.lines, document.warnings))
    if document.format == "ocr":
        plan["confidence"] = field_confidence(plan, document.lines)
    for problem in plan_schema.validate(plan):
        message = f"Kết quả nhập chưa hợp lệ: {problem}"
        if message not in plan["warnings"]:
            plan["warnings"].append(message)
    return output_order(plan)


# The fields whose recognition is scored, and the texts that show each in the document.
def _field_texts(plan: dict) -> dict[str, list[str]]:
    issuer, signer = plan.get("issuer") or {}, plan.get("signer") or {}
    return {
        "number": [f"{plan.get('number') or ''}/{plan.get('symbol') or ''}"],
        "symbol": [plan.get("symbol") or ""],
        "place": [plan.get("place") or ""],
        "date": [plan.get("place") or ""],  # the place and date line
        "issuer": [issuer.get("parent") or "", issuer.get("name") or ""],
        "subject": [plan.get("subject") or ""],
        "signer_name": [signer.get("name") or ""],
        "signer_lines": list(signer.get("lines") or []),
        "recipients": list(plan.get("recipients") or []),
        "bases": [b.get("text") or "" for b in plan.get("bases") or []],
    }


def field_confidence(plan: dict, lines) -> dict[str, float]:
    """For a document read by OCR: each field's confidence (0–1), the lowest of the lines
    of the document it was read from, so the review screen can mark the fields to check."""
    scored = [(key(line.text), line.confidence) for line in lines if line.confidence is not None]
    out = {}
    for field, texts in _field_texts(plan).items():
        found = []
        for text in texts:
            wanted = key(text)
            if len(wanted) < 3:
                continue
            found += [
                confidence
                for line_key, confidence in scored
                if len(line_key) >= 3 and (line_key in wanted or wanted in line_key)
            ]
        if found:
            out[field] = round(min(found), 2)
    return out


def import_with_text(data: bytes, filename: str = "") -> tuple[dict, str]:
    """`import_bytes` and `document_text` of one reading (a scan is recognised once)."""
    document = read_document(data, filename)
    return _plan_of(document), "\n".join(line.text for line in document.lines).strip()


def document_text(data: bytes, filename: str = "") -> str:
    """The document's text as read (one paragraph a line), to show beside the fields in a
    review step; raises ImportRefused like import_bytes."""
    document = read_document(data, filename)
    return "\n".join(line.text for line in document.lines).strip()


def import_file(source: str | os.PathLike | bytes, filename: str | None = None) -> dict:
    """Import a file given by its path, or by its bytes and name."""
    if isinstance(source, bytes | bytearray):
        return import_bytes(bytes(source), filename or "")
    path = Path(source)
    name = filename or path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportRefused(f"Không tìm thấy tệp {path}.") from None
    except OSError as error:
        raise ImportRefused(
            f"Không đọc được tệp {path} (lỗi hệ thống: {error.strerror})."
        ) from None
    if path.is_dir():
        raise ImportRefused(f"{path} là một thư mục, không phải tệp văn bản.")
    if size > max_bytes():
        # Refuse before reading a huge file into memory.
        return import_bytes(_head(path, max_bytes() + 1), name)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportRefused(
            f"Không đọc được tệp {path} (lỗi hệ thống: {error.strerror})."
        ) from None
    return import_bytes(data, name)


def _head(path: Path, size: int) -> bytes:
    with path.open("rb") as file:
        return file.read(size)
