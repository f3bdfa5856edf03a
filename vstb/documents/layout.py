"""What a `vstb.plan/1` document says, paragraph by paragraph, in reading order.

The DOCX writer and any HTML preview share these rules, and seed JSON files are written
against them, so they are exact:

- a section labelled with a roman or arabic number and with a title is one heading
  "{label}. {title}"; with a letter label ("a", "b", "đ"…) it is "{label}) {title}";
- a section labelled "-" renders its first paragraph as "- {text}" (its title is null);
- a section with a label (not "-") and no title renders its first paragraph as
  "{label}. {text}" ("{label}) {text}" for letters);
- a section with no label renders its title (if any) as a paragraph of its own, then its
  paragraphs plain;
- then come the section's remaining paragraphs, plain, then its children in order.

- a section labelled "Điều N" is an article of a decision: "Điều N. {title}" as a heading,
  or, with no title, "Điều N. {first paragraph}" with only "Điều N." in bold.

Each type of document follows its model in Decree 30/2020/NĐ-CP, Appendix III:
- a decision (QĐ, Mẫu 1.1–1.3) puts its `authority` ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …") under
  the subject, then its bases, then "QUYẾT ĐỊNH:" before the articles;
- an official letter (CV, Mẫu 1.5) has no type name: its subject is "V/v …" under the number
  (Appendix I, Part I, IV, box 5b), and "Kính gửi" opens the body;
- minutes (BB, Mẫu 1.8) are signed by the secretary (`countersigner`, on the left) and the
  chair (`signer`, on the right), level with each other, with "Nơi nhận" below them;
- every other type (KH, CTr, BC, TB, TTr, GM…) has its type name and subject (Mẫu 1.4).

Whole document (document_text_lines): issuer lines, "Số: …", "V/v …" of a letter, Quốc hiệu,
Tiêu ngữ, place and date, title, subject, "Kính gửi: …", the decision's authority, preamble,
"QUYẾT ĐỊNH:", sections, "Nơi nhận:" and its list, the countersigner's and the signer's lines
and names, then each annex. "Kính gửi" comes after the title and subject, where Decree
30/2020/NĐ-CP (Appendix I, Part I, IV, box 9a under box 5a) places it.
"""

import re
from dataclasses import dataclass
from datetime import date

from vstb.lib.dates import long_date

# Left blank for the records office to fill in by hand when the document is issued.
BLANK = " " * 6
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_HEADING = "Nơi nhận:"
ADDRESSEES_HEADING = "Kính gửi:"
# Decree 30/2020/NĐ-CP, Appendix III, Mẫu 1.1: the line that opens a decision's articles.
DECIDES = "QUYẾT ĐỊNH:"
DECISION, LETTER, MINUTES = "QĐ", "CV", "BB"
_ARTICLE = re.compile(r"Điều \d+[a-zđ]?")


@dataclass(frozen=True)
class Paragraph:
    text: str
    # "preamble", "heading", "body", "item" (a "-" line), "authority" (who decides, in a
    # decision), "decides" ("QUYẾT ĐỊNH:") or "article" (an article without a title)
    role: str
    level: int = 0  # depth of the section it belongs to: 1 for I, II…; 0 for the preamble
    lead: str = ""  # the words at the start of `text` set in bold: "Điều 1." of an article

    @property
    def rest(self) -> str:
        """The text after its bold lead."""
        return self.text[len(self.lead) :] if self.lead else self.text


def body_paragraphs(plan: dict) -> list[Paragraph]:
    """The decision's authority, the preamble and the section tree, between the subject
    and "Nơi nhận"."""
    return _paragraphs(plan, plan.get("doc_type") == DECISION)


def _paragraphs(plan: dict, decision: bool) -> list[Paragraph]:
    paragraphs = []
    authority = plan.get("authority")
    if decision and isinstance(authority, str) and authority.strip():
        paragraphs.append(Paragraph(authority.strip(), "authority"))
    paragraphs += [Paragraph(text, "preamble") for text in _strings(plan.get("preamble"))]
    sections = [section for section in plan.get("sections") or [] if isinstance(section, dict)]
    if decision and sections:
        paragraphs.append(Paragraph(DECIDES, "decides"))
    for section in sections:
        _add_section(section, 1, paragraphs)
    return paragraphs


def annexes(plan: dict) -> list[dict]:
    """The documents attached after the signature (a decision's regulation, a list), each
    with its title, subject, note "(Kèm theo …)" and body paragraphs."""
    found = []
    for annex in plan.get("annexes") or []:
        if isinstance(annex, dict):
            found.append(
                {
                    "title": _text(annex.get("title")),
                    "subject": _text(annex.get("subject")),
                    "note": _text(annex.get("note")),
                    "body": _paragraphs(annex, decision=False),
                }
            )
    return found


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _add_section(section, level: int, out: list[Paragraph]) -> None:
    if not isinstance(section, dict):
        return
    label, title = section.get("label"), section.get("title")
    texts = _strings(section.get("paragraphs"))
    if isinstance(label, str) and _ARTICLE.fullmatch(label):
        # Decree 30/2020/NĐ-CP, Appendix I, Part I, II.6.đ and V: "Điều 1." in bold; an
        # article's title, when it has one, in bold with it.
        if title is not None:
            out.append(Paragraph(f"{label}. {title}", "heading", level))
        elif texts:
            out.append(Paragraph(f"{label}. {texts.pop(0)}", "article", level, f"{label}."))
        else:
            out.append(Paragraph(f"{label}.", "article", level, f"{label}."))
    elif label == "-":
        first = title if title is not None else (texts.pop(0) if texts else None)
        if first is not None:
            out.append(Paragraph(f"- {first}", "item", level))
    elif label is not None:
        if title is not None:
            out.append(Paragraph(_numbered(label, title), "heading", level))
        elif texts:
            out.append(Paragraph(_numbered(label, texts.pop(0)), "body", level))
        else:
            out.append(Paragraph(_numbered(label, "").strip(), "heading", level))
    elif title is not None:
        out.append(Paragraph(title, "heading", level))
    out.extend(Paragraph(text, "body", level) for text in texts)
    for child in section.get("children") or []:
        _add_section(child, level + 1, out)


def _numbered(label: str, text: str) -> str:
    if label.endswith((".", ")")):
        return f"{label} {text}"
    # Decree 30, Appendix I, Part I, II.6.đ: điểm are letters followed by ")".
    is_letter = len(label) == 1 and label.isalpha() and label.islower()
    return f"{label}{')' if is_letter else '.'} {text}"


def letter_subject(plan: dict) -> str | None:
    """ "V/v …" under a letter's number (Decree 30, Appendix I, Part I, IV, box 5b)."""
    subject = plan.get("subject")
    if plan.get("doc_type") != LETTER or not isinstance(subject, str) or not subject.strip():
        return None
    subject = subject.strip()
    return subject if subject.lower().startswith("v/v") else f"V/v {subject}"


def title_lines(plan: dict) -> list[str]:
    """The type name and the subject centred under the header; a letter has neither."""
    if plan.get("doc_type") == LETTER:
        return []
    return [text for text in (plan.get("title"), plan.get("subject")) if text]


def issuer_lines(plan: dict) -> list[str]:
    """The parent body and the issuing body, those that are known."""
    issuer = plan.get("issuer") or {}
    return [text for text in (issuer.get("parent"), issuer.get("name")) if text]


def number_line(plan: dict) -> str:
    """ "Số: 02/CTr-BVSTBPN"; a null number stays blank to be filled in at issue."""
    number, symbol = plan.get("number"), plan.get("symbol")
    if number:
        number = str(number)
        # Decree 30, Appendix I, Part I, II.3.c: numbers below 10 take a leading zero.
        if number.isdigit() and len(number) == 1:
            number = f"0{number}"
        head = f"Số: {number}"
    else:
        head = f"Số:{BLANK}"
    return f"{head}/{symbol}" if symbol else head


def date_text(plan: dict) -> str:
    """ "ngày 05 tháng 01 năm 2026", with blanks for the parts not known yet."""
    day = _iso_date(plan.get("date"))
    if day:
        return long_date(day)
    year, month = _partial_date(plan.get("date_partial"))
    if month:
        # The same leading zero rule as long_date: "tháng 01", "tháng 02", "tháng 6".
        month_text = f"{month:02d}" if month < 3 else str(month)
        return f"ngày{BLANK}tháng {month_text} năm {year}"
    if year:
        return f"ngày{BLANK}tháng{BLANK}năm {year}"
    return f"ngày{BLANK}tháng{BLANK}năm{BLANK}"


def place_date_line(plan: dict) -> str:
    place = plan.get("place")
    text = date_text(plan)
    return f"{place}, {text}" if place else text[0].upper() + text[1:]


def addressee_lines(plan: dict) -> list[str]:
    """ "Kính gửi: X" for one addressee; "Kính gửi:" and a dash list for several."""
    addressees = _strings(plan.get("recipients_to"))
    if len(addressees) == 1:
        return [f"{ADDRESSEES_HEADING} {addressees[0]}"]
    return [ADDRESSEES_HEADING, *dash_list(addressees)] if addressees else []


def recipient_lines(plan: dict) -> list[str]:
    """ "Nơi nhận:" and its list, or nothing when the plan names no recipient."""
    recipients = _strings(plan.get("recipients"))
    return [RECIPIENTS_HEADING, *dash_list(recipients)] if recipients else []


def dash_list(items: list[str]) -> list[str]:
    """ "- X;" for each item and "- Y." for the last (Decree 30, Appendix I, Part I, II.9.d)."""
    lines = []
    for index, text in enumerate(items):
        if index < len(items) - 1:
            lines.append(f"- {text.rstrip(';')};")
        else:
            lines.append(f"- {text}" if text.endswith(".") else f"- {text.rstrip(';')}.")
    return lines


def signer_lines(plan: dict, field: str = "signer") -> tuple[list[str], str | None]:
    """The authority and position lines, and the signer's name; `field="countersigner"`
    for the second signer of minutes (the secretary)."""
    signer = plan.get(field) or {}
    if not isinstance(signer, dict):
        return [], None
    return _strings(signer.get("lines")), signer.get("name") or None


def document_text_lines(plan: dict) -> list[str]:
    """Every non-empty paragraph of the rendered document, in the order of the DOCX body."""
    lines = [
        *issuer_lines(plan),
        number_line(plan),
        *filter(None, [letter_subject(plan)]),
        NATIONAL_NAME,
        MOTTO,
        place_date_line(plan),
        *title_lines(plan),
        *addressee_lines(plan),
        *[paragraph.text for paragraph in body_paragraphs(plan)],
    ]
    if plan.get("doc_type") != MINUTES:
        lines += recipient_lines(plan)
    for field in ("countersigner", "signer"):
        authority, name = signer_lines(plan, field)
        lines += [*authority, *([name] if name else [])]
    if plan.get("doc_type") == MINUTES:
        lines += recipient_lines(plan)
    for annex in annexes(plan):
        lines += [annex["title"], annex["subject"], annex["note"]]
        lines += [paragraph.text for paragraph in annex["body"]]
    return [line for line in lines if line and line.strip()]


def _strings(value) -> list[str]:
    return [text for text in (value or []) if isinstance(text, str) and text.strip()]


def _iso_date(value) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _partial_date(value) -> tuple[int | None, int | None]:
    if not isinstance(value, str):
        return None, None
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else None
    except ValueError:
        return None, None
    return year, (month if month and 1 <= month <= 12 else None)
