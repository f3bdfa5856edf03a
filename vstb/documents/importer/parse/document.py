"""A whole document: `parse_lines` prepares its lines, finds its title and reads it part by
part (`_parse`, one phase a part). A decision (QĐ) is read with its authority, its preamble
and its articles; one that issues a plan attached to it is read as that plan, with the
decision in `issued_by` and its header, signer and bases where the plan has none of its own;
one that issues a regulation, as the decision with the regulation as its annex."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from vstb.documents import plan_schema
from vstb.documents.importer import dates
from vstb.documents.importer.parse.bases import bases
from vstb.documents.importer.parse.closing import (
    _closing,
    _is_authority,
    _looks_like_name,
    _signer_before,
    _signer_start,
    recipients_to,
)
from vstb.documents.importer.parse.header import (
    _ABOUT,
    _ABOUT_WITHOUT_MARK,
    _ATTACHED_NOTE,
    _BODY_OPENING,
    _CONNECTIVE_END,
    _CUT_DATE,
    _URGENCY_MARKS,
    _continues_subject,
    _find_title,
    _header,
    _is_header_line,
    _is_preamble,
    _leading_header,
    _names_authority,
    _opens_body,
    _own_line,
    _starts_body,
    _title_apart,
    _without_title_note,
    number_and_symbol,
    place_and_date,
    title_type,
)
from vstb.documents.importer.parse.layout import _DATED_START, prepare
from vstb.documents.importer.parse.page import _page_before_header
from vstb.documents.importer.parse.paragraphs import Context, Para
from vstb.documents.importer.parse.sections import (
    ITEM_LEVELS,
    _is_unlabelled_heading,
    build_sections,
    section_label,
)
from vstb.documents.importer.parse.tasks import section_texts, tasks_and_assignments
from vstb.documents.importer.parse.vocabulary import (
    ADDRESSEE_DASH,
    COUNCIL_SESSION,
    GROUNDS_OPENING,
    KINH_GUI,
    MOTTO,
    NAME_OF_TYPE,
    NAMES,
    NATIONAL,
    NUMBERED_BASIS,
    ORGANISATIONS,
)
from vstb.documents.importer.read import VIETNAMESE_LETTERS, Line
from vstb.documents.importer.text import TERMINAL, fold_keep, is_upper, key


def glued_words(text: str) -> list[str]:
    """Words that are two Vietnamese syllables without a space ("Kếhoạch", "BANHÀNH"): a
    syllable has one group of vowels, and a word with a Vietnamese letter is not a loanword."""
    return list(_glued(text))


def _glued(text: str) -> Iterator[str]:
    # The folded text has a character for each of the text's: a match's place is the word's.
    for found in _TWO_VOWEL_GROUPS.finditer(fold_keep(text)):
        word = text[found.start() : found.end()]
        if not VIETNAMESE_LETTERS.isdisjoint(word):
            yield word


# A word with two groups of vowels, in folded text.
_TWO_VOWEL_GROUPS = re.compile(
    r"(?<![^\W\d_])(?=[^\W\d_]*?[aeiouy][^\W\d_aeiouy]+[aeiouy])[^\W\d_]+"
)


def _glued_words(paras: list[Para]) -> bool:
    """Whether any paragraph holds a glued word: the text searched once, to the first."""
    return next(_glued("\n".join(para.text for para in paras)), None) is not None


def parse_lines(lines: list[Line], warnings: list[str] | None = None) -> dict:
    """The vstb.plan/1 dict of a document's lines (not yet normalised nor validated)."""
    context = Context(warnings=list(warnings or []))
    paras = prepare(lines, context)
    if page := _page_before_header(paras):
        paras = paras[page:]
        context.warn(
            f"Đã bỏ qua {page} dòng đứng trước phần đầu văn bản (thường là phần của trang web "
            "nơi văn bản được sao chép); hãy kiểm tra lại nếu văn bản bắt đầu sớm hơn."
        )
    if not paras:
        plan = plan_schema.empty_plan()
        plan["warnings"] = context.warnings + ["Văn bản không có nội dung."]
        return plan
    title_at = _find_title(paras)
    decides_at = next((i for i, p in enumerate(paras[:80]) if _is_decides_line(p.text)), None)
    if (
        title_at is not None
        and decides_at is not None
        and decides_at < title_at
        and title_type(paras[title_at].text) in _PLAN_TYPES
    ):
        # A copy that lost the decision's type name and subject: its "QUYẾT ĐỊNH:" and
        # articles come before the first title, which is the plan it issues.
        return _decision_with_plan(paras, None, title_at, context)
    if title_at is not None and title_type(paras[title_at].text) == "QĐ":
        second = next(
            (
                i
                for i in range(title_at + 2, len(paras))
                if (
                    title_type(paras[i].text) in (*_PLAN_TYPES, "QC")
                    # A regulation (QUY ĐỊNH) only after "QUYẾT ĐỊNH:": before it, "QUY ĐỊNH
                    # …" is a wrapped subject's line ("BAN HÀNH" / "QUY ĐỊNH VỀ …").
                    or (
                        title_type(paras[i].text) == "QyĐ"
                        and decides_at is not None
                        and i > decides_at
                    )
                )
                and is_upper(paras[i].text)
                and not paras[i].text.endswith(":")
                and not section_label(paras[i].text)
                # a type name inside the decision's wrapped subject ("… DÂN SỐ -" / "KẾ HOẠCH
                # HÓA GIA ĐÌNH …"), where the line before cannot end a phrase
                and not _CONNECTIVE_END.search(paras[i - 1].text.strip())
            ),
            None,
        )
        if second is not None:
            if title_type(paras[second].text) in ANNEX_TYPES:
                return _decision_with_annex(paras, title_at, second, context)
            return _decision_with_plan(paras, title_at, second, context)
    if decides_at is not None and (title_at is None or title_type(paras[title_at].text) == "QĐ"):
        untitled = _untitled_attachment(paras, decides_at)
        if untitled is not None:
            subject_at, type_name = untitled
            if type_name is None:
                # what the decision issues is not named anywhere the copy kept (its first
                # article lost, or "Phê duyệt Đề cương …"): the decision, with it as its annex
                return _decision_with_annex(paras, title_at, subject_at, context, untitled=True)
            return _decision_with_plan(paras, title_at, subject_at, context, type_name)
    return _parse(paras, title_at, context)


# "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch …": the type of what the decision issues.
_ISSUED_TYPES = r"Kế hoạch|Chương trình|Đề án|Hướng dẫn|Phương án"
_ISSUES = re.compile(
    rf"kèm theo Quyết định này\s+(?:là\s+)?(?P<type>{_ISSUED_TYPES})\b"
    # or the article names it first ("Điều 1. Ban hành Kế hoạch thực hiện …")
    rf"|^Điều\s+1\s*[.:]?\s*(?:Ban hành|Phê duyệt)\s+(?P<named>{_ISSUED_TYPES})\b",
    re.IGNORECASE,
)


def _untitled_attachment(paras: list[Para], decides_at: int) -> tuple[int, str | None] | None:
    """A plan attached to a decision whose type name a copy lost ("KT. CHỦ TỊCH" /
    "THỰC HIỆN ĐỀ ÁN …" / "(Ban hành kèm theo Quyết định số …)"): where its subject, in
    capitals over the "(… kèm theo …)" note, starts, and its type name as the decision's first
    article gives it ("Ban hành kèm theo Quyết định này Kế hoạch …"), None where it names
    none."""
    note_at = next(
        (i for i in range(decides_at + 1, len(paras)) if _ATTACHED_NOTE.match(paras[i].text)),
        None,
    )
    if note_at is None:
        return None
    issues = next(
        (found for p in paras[decides_at:note_at] if (found := _ISSUES.search(p.text))), None
    )
    start = note_at
    while (
        start - 1 > decides_at
        and is_upper(paras[start - 1].text)
        and not _is_authority(paras[start - 1].text)
        # a signer's name in capitals, under the authority's lines
        and not (_looks_like_name(paras[start - 1].text) and _is_authority(paras[start - 2].text))
    ):
        start -= 1
    if start == note_at:
        return None
    if issues is None:
        return start, None
    return start, (issues.group("type") or issues.group("named")).upper()


# The documents a decision issues that a unit carries out (the plan on top, the decision in
# `issued_by`).
_PLAN_TYPES = ("KH", "CTr", "HD", "ĐA", "PA")


def _parse(paras: list[Para], title_at: int | None, context: Context) -> dict:
    """The plan of one document, read part by part in the order they come: the header and the
    title, the subject, the addressees; then the closing block ("Nơi nhận", the signer), which
    ends the body; then the body: the preamble with its bases, the sections and their tasks,
    the dates."""
    plan = plan_schema.empty_plan()
    if title_at is not None:
        paras = _title_apart(paras, title_at)
    if _glued_words(paras):
        context.warn(
            'Văn bản có chữ bị dính liền (ví dụ "Kếhoạch", "cơquan"), thường do xuất PDF lỗi; '
            "hãy kiểm tra lại chính tả các trường đã nhập."
        )
    header, position = _read_header(plan, paras, title_at, context)
    position = _read_subject(plan, paras, title_at, position, context.wrap_width)
    position = _read_addressees(plan, paras, header, position)
    position = _read_authority(plan, paras, position)
    position = _past_letters_heading(plan, paras, position)
    plan["year"] = _year(plan, context.issued)
    context.year = plan["year"]
    context.issued = plan["date"] or context.issued
    context.doc_type = plan["doc_type"]
    end = _read_closing(plan, paras, position, context)
    body = paras[position:end]
    first_section = _read_preamble(plan, body, context)
    task_deadlines = _read_body(plan, body[first_section:], context.issued)
    if not plan["bases"]:
        plan["bases"] = _bases_in_grounds_section(plan)
    _read_dates(plan, task_deadlines, context.issued)
    _warn_if_not_a_plan(plan, context)
    plan["warnings"] = context.warnings
    return plan


def _past_letters_heading(plan: dict, paras: list[Para], position: int) -> int:
    """Past a letter's heading in capitals over its body that repeats its "V/v" subject
    ("V/v: Hướng dẫn quản lý …" / "HƯỚNG DẪN QUẢN LÝ …, THUỘC …"): no section of the body."""
    if (
        plan["doc_type"] == "CV"
        and plan["subject"]
        and position < len(paras)
        and is_upper(paras[position].text)
        and key(paras[position].text).startswith(key(plan["subject"]))
    ):
        return position + 1
    return position


def _read_header(
    plan: dict, paras: list[Para], title_at: int | None, context: Context
) -> tuple[list[Para], int]:
    """The header's lines read into the plan (number, place and date, issuer), then the title,
    or a letter's "V/v" line: the header's lines, and the position of the line after them."""
    # An official letter (công văn) has no type name: its subject line "V/v …" ends the
    # header (Decree 30/2020, Appendix I, part I.5.b).
    about_at = (
        None
        if title_at is not None
        else next((i for i, p in enumerate(paras[:20]) if _ABOUT.match(p.text)), None)
    )
    if about_at is not None:
        header = paras[:about_at]
    else:
        header = paras[:title_at] if title_at is not None else _leading_header(paras)
    _header(plan, header, context)
    if about_at is not None:
        return header, _read_letter_subject(plan, paras, about_at)
    if title_at is not None:
        _read_title(plan, paras[title_at].text, context)
        return header, title_at + 1
    about = _unmarked_letter_subject(header)
    if about and (plan["number"] or plan["symbol"]):
        # a letter's subject written without its "V/v" ("Về …", or under the number as the
        # left column gives it), before the national name or the date a copy flattened
        plan["subject"] = about
        plan["doc_type"] = plan["doc_type"] or "CV"
        return header, len(header)
    context.warn(
        "Không tìm thấy tên loại văn bản (KẾ HOẠCH, CHƯƠNG TRÌNH, BÁO CÁO…); "
        "hãy kiểm tra lại loại văn bản."
    )
    # _leading_header: the first lines, up to the body or a subject in capitals under them
    return header, _read_untitled_subject(plan, paras, len(header))


def _unmarked_letter_subject(header: list[Para]) -> str | None:
    """A letter's subject its header gives without "V/v": a line "Về …", or a sentence under
    the number with the date line right under it ("Số: 159/TANDTC-PC" / "Bảo đảm chỉ tiêu …" /
    "Hà Nội, ngày …"), as the left column of the header holds it (Decree 30/2020, Appendix I,
    part I.5.b: a letter's subject stands under its number)."""
    for para in header:
        if _ABOUT_WITHOUT_MARK.match(para.text) and not is_upper(para.text):
            return para.text.strip()
    for index, para in enumerate(header[:-2]):
        under, dated = header[index + 1].text.strip(), header[index + 2].text
        if (
            number_and_symbol(para.text)
            and under[:1].isupper()
            and not is_upper(under)
            and len(under.split()) <= _SUBJECT_LINE_WORDS * 2
            and not place_and_date(under)
            and not key(under).startswith((NATIONAL, MOTTO))
            and place_and_date(dated)
        ):
            return under
    return None


def _read_untitled_subject(plan: dict, paras: list[Para], position: int) -> int:
    """The subject in capitals right under a header whose type name a copy lost ("TRIỂN KHAI
    THÁNG HÀNH ĐỘNG VÌ TRẺ EM NĂM 2017", "BAN HÀNH QUY ĐỊNH …"), with the lines it wrapped
    onto, up to a decision's authority or the body: the position of the line after it."""
    if not (plan["number"] or plan["symbol"]) or (plan["date"] is None and not plan["place"]):
        return position  # not under a whole header
    if position < len(paras) and _ABOUT_WITHOUT_MARK.match(paras[position].text):
        # a letter's subject written "Về …" without its "V/v", then any mark of urgency
        subject = paras[position].text.strip()
        position += 1
        # its wrapped lines up to the addressees ("Về cho học sinh nghỉ học" / "Ngày 26/11")
        while (
            position + 1 < len(paras)
            and key(paras[position].text) not in _URGENCY_MARKS
            and not _BODY_OPENING.match(paras[position].text)
            and not paras[position].text.rstrip().endswith(TERMINAL)
            and len(paras[position].text.split()) <= _SUBJECT_LINE_WORDS
            and any(
                KINH_GUI.match(p.text) or key(p.text) in _URGENCY_MARKS
                for p in paras[position + 1 : position + 3]
            )
        ):
            subject += " " + paras[position].text.strip()
            position += 1
        plan["subject"] = subject
        while position < len(paras) and key(paras[position].text) in _URGENCY_MARKS:
            position += 1
        return position
    text = paras[position].text.strip() if position < len(paras) else ""
    if (
        text[:1].isupper()
        and not is_upper(text)
        and len(text.split()) <= 3 * _SUBJECT_LINE_WORDS
        and not text.rstrip().endswith((".", ":"))
        and not _opens_body(text)
        and not section_label(text)
        and _opens_body(_after(paras, position))
    ):
        # a subject in sentence case, the basis right under it ("Công tác nhân sự để bầu …" /
        # "Căn cứ …")
        plan["subject"] = text
        return position + 1
    lines: list[str] = []
    while position < len(paras):
        text = paras[position].text.strip()
        following = _after(paras, position)
        if (
            not is_upper(text)
            or section_label(text)
            or title_type(text)
            or _is_decides_line(text)
            or (lines and _names_authority(text, following) and not _ISSUES_VERB.match(text))
            or (not lines and _authority_under_title(text, following))
        ):
            break
        lines.append(text)
        position += 1
    if lines:
        plan["subject"] = " ".join(lines)
    return position


def _read_letter_subject(plan: dict, paras: list[Para], about_at: int) -> int:
    """A letter's subject, from its "V/v" line, and the place and date a copy may put after
    it: the position of the line after them."""
    plan["doc_type"] = plan["doc_type"] or "CV"
    line = paras[about_at].text.strip()
    subject = _ABOUT.sub("", line).strip()
    if line.startswith("(") and subject.endswith(")"):
        subject = subject[:-1].strip()  # "(V/v …)" in brackets
    position = about_at + 1
    # A subject wrapped onto lines of its own, then the place and date, which a copy that
    # flattened the header's two columns puts after the subject.
    while position < len(paras) and (
        paras[position].text[:1].islower() or _subject_line_before_date(paras, position)
    ):
        subject += " " + paras[position].text
        position += 1
    plan["subject"] = subject.strip() or None
    position = _past_national_name(paras, position)
    if position >= len(paras):
        return position
    line = paras[position].text
    # A date cut after its month or "năm" ("Đồng Nai, ngày 18 tháng 12 năm" / "2023"), as a
    # narrow cell wraps it: one line again, its rest taken from the same column where the
    # columns are told apart (a scan's line may hold the subject's rest beside it).
    rest_at = _same_column_after(paras, position)
    following = paras[rest_at].text if rest_at is not None else ""
    cut = bool(_CUT_DATE.search(fold_keep(line))) and bool(
        re.match(r"(?:thang|nam|\d)", fold_keep(following))
    )
    if (dated := place_and_date(f"{line} {following}" if cut else line)) is not None:
        if plan["date"] is None and plan["date_partial"] is None:
            plan.update(dated)
        taken = {position, rest_at} if cut else {position}
        position += 1  # the date line, read here or already in the header
        # The rest of a subject wrapped in the left column under the row that holds the date
        # ("V/v hướng dẫn xây dựng kế hoạch    Đồng Nai, ngày …" / "bình đẳng giới năm 2024").
        while position < len(paras) and (
            position in taken
            or (
                paras[position].text[:1].islower()
                and not subject.rstrip().endswith(TERMINAL)
                and len(paras[position].text.split()) <= _SUBJECT_LINE_WORDS
                and not _own_line(paras[position].text)
            )
        ):
            if position not in taken:
                subject += " " + paras[position].text
            position += 1
        plan["subject"] = subject.strip() or None
    return position


def _same_column_after(paras: list[Para], position: int) -> int | None:
    """The line after `position` in its column: the next one, or where the columns are told
    apart and the next one is the other column's, the one after it."""
    for index in range(position + 1, min(position + 3, len(paras))):
        if paras[position].column is None or paras[index].column == paras[position].column:
            return index
    return None


def _past_national_name(paras: list[Para], position: int) -> int:
    """The position after the national name and the motto where a copy that flattened the
    header's columns one after the other puts them: under the letter's "V/v" line, whole or
    cut mid-phrase ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA" / "VIỆT NAM"), before the place and date
    (Decree 30/2020, Appendix I, part I.5.b: the subject stands under the number, in the
    left column; the national name, the motto, the place and date in the right one)."""
    spelt = NATIONAL + MOTTO
    while position < len(paras):
        k = key(paras[position].text)
        if not (len(k) >= 4 and (k in spelt or k.startswith(ORGANISATIONS))):
            break
        position += 1
    return position


def _subject_line_before_date(paras: list[Para], position: int) -> bool:
    """A letter's subject wrapped onto a line that starts in capitals ("V/v triển khai công
    tác" / "Bình đẳng giới năm 2025"): a short line that opens no part of the letter, with the
    place and date or "Kính gửi" right under it."""
    text = paras[position].text
    following = paras[position + 1].text if position + 1 < len(paras) else ""
    return (
        len(text.split()) <= _SUBJECT_LINE_WORDS
        # in sentence case, or an abbreviation the subject ends on ("V/v chính sách thuế" /
        # "GTGT")
        and (not is_upper(text) or (len(text.split()) <= 2 and key(text) not in NATIONAL + MOTTO))
        and not text.rstrip().endswith(TERMINAL)
        and not _own_line(text)
        and not section_label(text)
        and bool(
            place_and_date(following)
            or KINH_GUI.match(following)
            # the national name, where the header's left column was copied first
            or key(following).startswith(NATIONAL)
        )
    )


_SUBJECT_LINE_WORDS = 15


def _read_title(plan: dict, title: str, context: Context) -> None:
    plan["title"] = _without_title_note(title)
    if key(plan["title"]) in NAMES:
        # The type name as Decree 30/2020 prints it (Appendix I, part II, item 5.a: in
        # capitals), whether the copy set it in sentence case ("Kế hoạch"), glued
        # ("KẾHOẠCH") or letter-spaced ("K Ế  H O Ạ C H").
        plan["title"] = NAMES[key(plan["title"])].upper()
    type_from_title = title_type(title)
    if plan["doc_type"] is None:
        plan["doc_type"] = type_from_title
    elif type_from_title and type_from_title != plan["doc_type"]:
        # Decree 30/2020, Appendix I, part II, items 5.a and 3: the type name states the
        # document's type and the symbol abbreviates it; one that disagrees was mistyped.
        context.warn(
            f"Ký hiệu văn bản ({plan['symbol']}) không khớp với tên loại "
            f"{title}; đã lấy loại theo tên loại văn bản."
        )
        plan["doc_type"] = type_from_title


def _read_subject(
    plan: dict, paras: list[Para], title_at: int | None, position: int, width: int | None = None
) -> int:
    """The subject: the paragraph under the title, unless the body starts at once, with the
    lines it was wrapped onto; the position of the line after it."""
    if title_at is None or position >= len(paras):
        return position
    candidate = paras[position]
    if (
        section_label(candidate.text)
        or re.match(r"^\W*(?:k[íi]nh\s*g[ửu]i|c[ăa]n\s*c[ứu])", candidate.text, re.I)
        or candidate.column is not None
    ):
        return position
    decision = title_type(paras[title_at].text) in ("QĐ", "NQ")
    if decision and _authority_under_title(candidate.text, _after(paras, position)):
        return position  # a copy that lost the subject: the authority under the title
    if _OF_ISSUER.match(candidate.text) and position + 1 < len(paras):
        # "CHỈ THỊ" / "CỦA THỦ TƯỚNG CHÍNH PHỦ" / "Về …", as documents before Decree 30 set
        # their title: who issues it, already in the header; the subject is the line under it
        position += 1
        candidate = paras[position]
    subject = candidate.text
    position += 1
    # A subject wrapped over centred lines (bold in a Word file; a scan cannot say), up to a
    # decision's authority, as bold and centred as the subject (Decree 30, Mẫu 1.1).
    while (
        position < len(paras)
        and candidate.bold is not False
        and candidate.centered
        and paras[position].bold is not False
        and paras[position].bold == candidate.bold
        and paras[position].centered
        and not section_label(paras[position].text)
        and not _own_line(paras[position].text)
        and not (
            decision
            and _names_authority(
                paras[position].text,
                paras[position + 1].text if position + 1 < len(paras) else "",
            )
        )
    ):
        subject += " " + paras[position].text
        position += 1
    # A plain-text copy says nothing of bold or centring: the subject goes on while
    # its lines read as its continuation.
    if candidate.bold is None and (block := _subject_block(paras, position)):
        # the subject's lines set apart by blank lines from the body under them
        subject += " " + " ".join(p.text for p in paras[position : position + block])
        position += block
    if candidate.bold is None:
        while position < len(paras) and (
            (
                _cut_by_width(paras[position - 1], paras[position], width)
                # a decision's authority may fill a line as the subject's does
                and not (
                    decision and _names_authority(paras[position].text, _after(paras, position))
                )
            )
            or _continues_subject(
                subject,
                paras[position],
                decision,
                _after(paras, position),
                _after(paras, position + 1),
            )
        ):
            subject += " " + paras[position].text
            position += 1
    if decision and (split := _authority_glued_to_subject(subject)):
        # "Về việc … phụ nữ ỦY BAN NHÂN DÂN XÃ HÒA BÌNH": the authority run onto the subject's
        # line by a copy; it is read as the authority's own line.
        subject = split[0]
        paras.insert(position, Para(split[1]))
    plan["subject"] = re.sub(r"^[Vv]/[Vv]\s*:?\s*", "", subject).strip() or None
    return position


_OF_ISSUER = re.compile(r"^CỦA\s+[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ\s,]+$")


def _authority_under_title(text: str, following: str) -> bool:
    """Whether the line under a decision's title is its authority, the subject lost ("QUYẾT
    ĐỊNH" / "ỦY BAN NHÂN DÂN TỈNH" / "Căn cứ …"): a body's name or an office over the bases,
    never a subject that opens with "BAN HÀNH" (whose "BAN" also starts a body's name)."""
    return (
        is_upper(text)
        and not _ISSUES_VERB.match(text)
        and _names_authority(text, following)
        and bool(_BODY_OPENING.match(following) or COUNCIL_SESSION.match(following))
    )


# What a decision's subject opens with: what it does ("BAN HÀNH …", "PHÊ DUYỆT …", "VỀ VIỆC …").
_ISSUES_VERB = re.compile(r"^\W*(?:BAN\s+HÀNH|VỀ|PHÊ\s+DUYỆT|THÀNH\s+LẬP|KIỆN\s+TOÀN)\b")


def _subject_block(paras: list[Para], position: int) -> int:
    """How many lines under a subject's first go on with it in a copy that keeps a blank
    line between its blocks: those up to the blank line before the body's first line, a
    few, none ending a sentence ("Tuyên truyền … thành lập" / "Uỷ ban Quốc gia … (25/2/1993-
    25/2/2009);" / "99 năm ngày Quốc tế phụ nữ …" / "" / "Căn cứ …")."""
    end = position
    while end < len(paras) and not paras[end].blank_before and end - position <= _SUBJECT_LINES:
        end += 1
    block = paras[position:end]
    if (
        not block
        or end - position > _SUBJECT_LINES
        or end >= len(paras)
        or not _opens_body(paras[end].text)
        or any(
            p.text.rstrip().endswith((".", ":"))
            or section_label(p.text)
            or _opens_body(p.text)
            or len(p.text.split()) > 2 * _SUBJECT_LINE_WORDS
            # an authority, a note in brackets ("(Kèm theo …)"), a page's "Ngày cập nhật …"
            or is_upper(p.text)
            or p.text.lstrip().startswith("(")
            or _DATED_START.match(p.text.strip())
            for p in block
        )
    ):
        return 0
    return len(block)


# The most lines a subject goes on over under its first.
_SUBJECT_LINES = 3


def _authority_glued_to_subject(subject: str) -> tuple[str, str] | None:
    """A subject in sentence case with a decision's authority in capitals after it on the
    same line: (subject, authority), or None."""
    if is_upper(subject):
        return None
    words = subject.split()
    for index in range(1, len(words) - 2):
        tail = " ".join(words[index:])
        if is_upper(tail) and (_starts_body(tail) or _is_authority(tail)):
            return " ".join(words[:index]), tail
    return None


def _after(paras: list[Para], position: int) -> str:
    return paras[position + 1].text if position + 1 < len(paras) else ""


def _cut_by_width(line: Para, following: Para, width: int | None) -> bool:
    """Whether, in a copy hard-wrapped at `width`, a subject's line in capitals was cut only
    because the next word did not fit ("… PHỤC VỤ" / "MỤC TIÊU QUẢN LÝ …"): the next line in
    capitals goes on with it, whatever its words look like (a heading, a type name)."""
    return bool(
        width
        and is_upper(line.text)
        and is_upper(following.text)
        and not section_label(following.text)
        and not following.blank_before
        and line.line_length + 1 + following.first_word_length > width
    )


def _read_addressees(plan: dict, paras: list[Para], header: list[Para], position: int) -> int:
    """The "Kính gửi:" block under the subject, or in the header: the position of the line
    after it."""
    if (
        position + 1 < len(paras)
        and re.fullmatch(r"\(.*\)", paras[position].text.strip())
        and KINH_GUI.match(paras[position + 1].text)
    ):
        position += 1  # a note under the subject ("(trình phiên họp … tháng 9/2016)")
    if position < len(paras) and KINH_GUI.match(paras[position].text):
        texts = [p.text for p in paras[position:]]
        plan["recipients_to"] = recipients_to(texts)
        position += 1
        named = {key(name) for name in plan["recipients_to"]}
        while position < len(paras) and (
            (
                ADDRESSEE_DASH.match(paras[position].text)
                and not GROUNDS_OPENING.match(paras[position].text)
            )
            or key(paras[position].text) in named
        ):
            position += 1
    elif any(KINH_GUI.match(p.text) for p in header):
        plan["recipients_to"] = recipients_to([p.text for p in header])
    if (
        plan["recipients_to"]
        and plan["date"] is None
        and plan["date_partial"] is None
        and position < len(paras)
        and (dated := place_and_date(paras[position].text)) is not None
    ):
        plan.update(dated)  # the date's column flattened after the addressees
        position += 1
    if plan["doc_type"] is None and plan["title"] is None and plan["recipients_to"]:
        plan["doc_type"] = "CV"  # no type name, addressed to someone: an official letter
    return position


def _read_authority(plan: dict, paras: list[Para], position: int) -> int:
    """A decision's authority, the body or office that decides, in capitals under the subject
    ("ỦY BAN NHÂN DÂN TỈNH …", "BỘ TRƯỞNG BỘ …"; Decree 30/2020, Appendix III, Mẫu 1.1), with
    the lines it was wrapped onto: the position of the line after it."""
    if plan["doc_type"] not in _DECIDING_TYPES:
        return position
    lines: list[str] = []
    if position < len(paras) and _authority_in_sentence_case(paras, position):
        plan["authority"] = paras[position].text
        return position + 1
    while position < len(paras) and len(lines) < _AUTHORITY_LINES:
        text = paras[position].text
        if lines and COUNCIL_SESSION.match(text):
            # The council's term and session under its name ("KHÓA VIII, KỲ HỌP THỨ 11"):
            # when it sits, not who decides.
            position += 1
            break
        glued = _AUTHORITY_GLUED.match(text)
        if glued and is_upper(glued.group("authority")):
            # Run together with the first basis by a copy ("… TỈNH HÀ TĨNH Căn cứ Luật …"):
            # the authority ends here, the preamble starts with the rest.
            lines.append(glued.group("authority"))
            paras[position] = dataclasses.replace(paras[position], text=glued.group("rest"))
            break
        if text.endswith(":") and is_upper(text) and not _is_decides(text) and not lines:
            # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …:" as older decisions print it
            lines.append(text.rstrip(": "))
            position += 1
            break
        if (
            not is_upper(text)
            or text.endswith(TERMINAL + (",",))
            or section_label(text)
            or title_type(text)
            or key(text).startswith(("noinhan", "kinhgui"))
        ):
            break
        lines.append(text)
        position += 1
    plan["authority"] = " ".join(lines) or None
    return position


def _authority_in_sentence_case(paras: list[Para], position: int) -> bool:
    """An authority a web page printed in capitals by its style sheet, so that its text is in
    sentence case ("Ủy ban nhân dân xã Hòa Bình", "Chủ tịch Ủy ban nhân dân tỉnh …"): a short
    line naming a body or an office, with the bases or "QUYẾT ĐỊNH:" under it."""
    text = paras[position].text.strip()
    following = paras[position + 1].text if position + 1 < len(paras) else ""
    return (
        not is_upper(text)
        and len(text.split()) <= _AUTHORITY_WORDS
        and not text.endswith(TERMINAL + (",",))
        and (_starts_body(text.upper()) or _is_authority(text.upper()))
        and bool(_BODY_OPENING.match(following) or _is_decides(following))
    )


_AUTHORITY_WORDS = 14

# An authority is a name of one or two printed lines; a copy may wrap it once more.
_AUTHORITY_LINES = 3

_AUTHORITY_GLUED = re.compile(
    r"^(?P<authority>(?:\S+\s+){2,}?\S+)\s+(?P<rest>(?:Căn cứ|Theo đề nghị|Xét đề nghị)\b.*)$"
)

# Where one paragraph of a decision's preamble ends and the next begins, when a copy ran them
# together: a basis's ";" (or a "," or ".") before "Căn cứ", "Theo đề nghị", "Xét đề nghị".
_DECISION_PREAMBLE_BREAK = re.compile(r"(?<=[;,.])\s+(?=(?:Căn cứ|Theo đề nghị|Xét đề nghị)\b)")


def _is_decides(text: str) -> bool:
    """ "QUYẾT ĐỊNH:", the line that opens a decision's articles, which the renderer writes
    itself (layout.DECIDES)."""
    return key(text) == "quyetdinh"


# The documents with an authority under their subject, a preamble of bases and articles: a
# decision, and a resolution ("HỘI ĐỒNG NHÂN DÂN TỈNH …" / "Căn cứ …" / "QUYẾT NGHỊ:"; Decree
# 30/2020, Appendix III, Mẫu 1.1 and 1.2).
_DECIDING_TYPES = ("QĐ", "NQ")
# "QUYẾT NGHỊ:", which opens a resolution's articles as "QUYẾT ĐỊNH:" a decision's.
_RESOLVES = re.compile(r"QUYẾT\s*NGHỊ\s*:", re.IGNORECASE)


def _is_decides_line(text: str) -> bool:
    """ "QUYẾT ĐỊNH:" with its colon: never a title (a title has none)."""
    return _is_decides(text) and text.rstrip().endswith(":")


def _read_closing(plan: dict, paras: list[Para], position: int, context: Context) -> int:
    """The closing block: "Nơi nhận", then the signer; or the signer alone. Its recipients and
    signer read into the plan; returns where it starts, the end of the body."""
    end = next(
        (i for i in range(position, len(paras)) if key(paras[i].text).startswith("noinhan")),
        None,
    )
    if end is not None:
        end = _signer_before(paras, position, end)
    else:
        end = _signer_start(paras, position)
    if end is None:
        end = len(paras)
        context.warn("Không tìm thấy phần Nơi nhận và người ký ở cuối văn bản.")
    _closing(plan, paras[end:])
    if plan["date"] is None and plan["date_partial"] is None:
        _read_date_above_signature(plan, paras[max(position, end - _DATE_ABOVE_SIGNATURE) :])
    return end


# How many lines above the signature a form's place and date may stand.
_DATE_ABOVE_SIGNATURE = 3


def _read_date_above_signature(plan: dict, paras: list[Para]) -> None:
    """The place and date where a form or a report without them in its header sets them:
    on a line of their own above the signer ("Tân Lạc, ngày 10 tháng 01 năm 2025" / "NGƯỜI
    LẬP BIỂU"), as the forms of the reporting circulars print it. Never a date inside a
    sentence: that one belongs to what the sentence says."""
    for para in paras:
        text = para.text.strip()
        if len(text) <= 60 and re.search(r",\s*ngày\s*\d", text, re.IGNORECASE):
            if (dated := place_and_date(text)) is not None and dated.get("date"):
                plan.update(dated)
                return


def _read_preamble(plan: dict, body: list[Para], context: Context) -> int:
    """The preamble, the paragraphs before the first section, and the bases it names; returns
    where the first section starts."""
    first_section = next(
        (
            i
            for i, p in enumerate(body)
            if (
                section_label(p.text)
                and section_label(p.text).level not in ITEM_LEVELS
                and not NUMBERED_BASIS.match(p.text)  # the preamble, not a first section
            )
            or _is_unlabelled_heading(p)
        ),
        None,
    )
    articles = [
        i for i, p in enumerate(body) if (found := section_label(p.text)) and found.level == "dieu"
    ]
    if plan["doc_type"] in _DECIDING_TYPES and articles:
        first_section = articles[0]
    if first_section is None:
        # A line or two may come before the bases (a web page's "Ngày cập nhật …", the
        # notice's own sentence repeating its subject): the preamble runs to the bases' end.
        first_section = next(
            (i for i, p in enumerate(body[: _PREAMBLE_LEAD + 1]) if _is_preamble(p.text)), 0
        )
        while first_section < len(body) and (
            _is_preamble(body[first_section].text) or _rest_of_basis(body, first_section)
        ):
            first_section += 1
        if first_section < len(body) and (
            _is_decides_line(body[first_section].text)
            or _RESOLVES.fullmatch(body[first_section].text.strip())
        ):
            first_section += 1  # "QUYẾT ĐỊNH:" ends the preamble, even with no article after it
        # An official letter's body is usually unnumbered paragraphs.
        if body[first_section:] and plan["doc_type"] != "CV":
            context.warn("Không nhận ra các mục đánh số (I, II… hoặc 1, 2…) của văn bản.")
    preamble = [p.text for p in body[:first_section]]
    if plan["doc_type"] in _DECIDING_TYPES:
        # Each basis and "Theo đề nghị …" is a paragraph of the decision's preamble (Decree
        # 30, Mẫu 1.1); a copy may run them together on one line.
        preamble = [
            part
            for text in preamble
            if not _is_decides(text) and not _RESOLVES.fullmatch(text.strip())
            for part in _DECISION_PREAMBLE_BREAK.split(text)
        ]
    plan["preamble"] = preamble
    plan["bases"] = bases(plan["preamble"], plan["year"])
    if plan["doc_type"] == "CV" and not plan["bases"] and first_section < len(body):
        # A letter may give its grounds in a sentence of its first paragraph ("… còn chậm.
        # Căn cứ Nghị quyết số 35/2023/UBTVQH15 …; để tháo gỡ …, Bộ đề nghị …"), which a
        # hard-wrapped copy may cut at a sentence's end.
        opening = body[first_section : first_section + 2]
        plan["bases"] = bases([p.text for p in opening], plan["year"])
    return first_section


def _rest_of_basis(body: list[Para], position: int) -> bool:
    """A line between two bases that goes on with the one before it, cut mid-sentence by a
    copy's wrap before a word that takes a capital ("… Nghị quyết Đại hội" / "XX Đảng bộ tỉnh
    …;" / "Căn cứ …")."""
    return (
        0 < position < len(body) - 1
        and _is_preamble(body[position - 1].text)
        and not body[position - 1].text.rstrip().endswith(TERMINAL)
        and _is_preamble(body[position + 1].text)
    )


# The lines a preamble with no numbered sections after it may have before its first basis.
_PREAMBLE_LEAD = 3


def _read_body(plan: dict, body: list[Para], issued: str | None) -> list[dict]:
    """The body, from its first section, as sections, their tasks and the agencies given
    duties; returns the deadlines the tasks set."""
    plan["sections"] = build_sections(body, plan["doc_type"])
    found_tasks, found_assignments, task_deadlines = tasks_and_assignments(
        plan["sections"], plan["year"], issued
    )
    plan["tasks"] = found_tasks
    plan["assignments"] = found_assignments
    return task_deadlines


def _bases_in_grounds_section(plan: dict) -> list[dict]:
    """The bases a plan lists in a section of their own ("I. CĂN CỨ XÂY DỰNG KẾ HOẠCH" / "-
    Luật …" / "- Quyết định số …") rather than in its preamble."""
    for section in plan["sections"]:
        if section["title"] and key(section["title"]).startswith("cancu"):
            # its items also under a heading of their own ("1. Các văn bản chỉ đạo" / "- …")
            items = [text for part in _and_below(section) for text in part["paragraphs"]]
            return bases(["Căn cứ:", *(f"- {text}" for text in items)], plan["year"])
    return []


def _and_below(section: dict) -> list[dict]:
    return [section, *(part for child in section["children"] for part in _and_below(child))]


def _read_dates(plan: dict, task_deadlines: list[dict], issued: str | None) -> None:
    """The deadlines, each once and by date: the tasks', those of the paragraphs outside the
    numbered sections and, in a letter, those of its preamble; and the events the sections
    name."""
    all_deadlines = list(task_deadlines)
    if plan["doc_type"] == "CV":
        # An official letter often asks for its one thing in the sentence of its basis
        # ("Thực hiện …, UBND tỉnh đề nghị … báo cáo trước ngày 20/12").
        for text in plan["preamble"]:
            all_deadlines += dates.deadlines(text, plan["year"], issued=issued)
    for section in plan["sections"]:
        if section["label"] is None:
            for text in section["paragraphs"]:
                all_deadlines += dates.deadlines(text, plan["year"], issued=issued)
    plan["deadlines"] = []
    for deadline in all_deadlines:
        if deadline not in plan["deadlines"]:
            plan["deadlines"].append(deadline)
    plan["deadlines"].sort(key=lambda d: d["date"])
    plan["events"] = dates.events(section_texts(plan["sections"]), plan["year"])


def _warn_if_not_a_plan(plan: dict, context: Context) -> None:
    if plan["doc_type"] and plan["doc_type"] not in ("KH", "CTr"):
        # The user reads the type's name; the abbreviation alone ("TTr") is an office's code.
        name = NAME_OF_TYPE.get(plan["doc_type"], "văn bản loại")
        context.warn(
            f"Văn bản là {name} ({plan['doc_type']}), "
            "không phải kế hoạch (KH) hay chương trình (CTr)."
        )


def _year(plan: dict, issued: str | None = None) -> int | None:
    subject = plan.get("subject") or ""
    # The year a plan or a report is for, as its subject names it in either case ("… năm
    # 2025", "… NĂM 2024" of a report signed in January 2025), before the year it is dated.
    # "nam" of a copy without diacritics only in lower case: "VIỆT NAM 2030" is no year.
    match = re.search(r"\b(?:(?i:năm)|nam)\s+(\d{4})", subject)
    if match:
        return int(match.group(1))
    for value in (plan.get("date"), plan.get("date_partial"), issued):
        if value:
            return int(value[:4])
    match = re.search(r"\b(19[4-9]\d|2[01]\d\d)\b", subject)
    return int(match.group(1)) if match else None


def _decision_with_plan(
    paras, decision_at, plan_at, context: Context, untitled: str | None = None
) -> dict:
    """A decision (QĐ) that issues a plan: the plan, with the decision's header and signer
    where the plan has none of its own. `untitled`: the plan's type name where a copy lost
    it (its subject at `plan_at`), read as the decision's first article names it."""
    decision_context = Context()
    decision = _parse(paras[:plan_at], decision_at, decision_context)
    # The attached plan is dated by the decision that issues it: its dates without a year.
    attached_context = Context(issued=decision["date"])
    if untitled is not None:
        attached = _parse([Para(untitled), *paras[plan_at:]], 0, attached_context)
        attached["title"] = None  # the copy does not print it
    else:
        start = _attachment_start(paras, plan_at)
        attached = _parse(paras[start:], plan_at - start, attached_context)
    plan = attached
    for name in ("place", "date", "date_partial"):
        if not plan[name]:
            plan[name] = decision[name]
    if not (plan["issuer"] or {}).get("name"):
        plan["issuer"] = decision["issuer"]
    if not plan["signer"]:
        plan["signer"] = decision["signer"]
    if not plan["recipients"]:
        plan["recipients"] = decision["recipients"]
    plan["year"] = _year(plan, decision["date"])
    reference = " ".join(
        part
        for part in (
            f"Quyết định số {decision['number'] or ''}/{decision['symbol'] or ''}".replace(
                "số /", "số "
            ),
            _date_words(decision),
        )
        if part
    )
    mentioned = any(b.get("doc_type") == "QĐ" for b in plan["bases"])
    if not mentioned and (decision["number"] or decision["symbol"]):
        plan["bases"].insert(
            0,
            {
                "text": reference,
                "doc_type": "QĐ",
                "number": decision["number"],
                "symbol": decision["symbol"],
                "date": decision["date"],
                "issuer": (decision["issuer"] or {}).get("name"),
            },
        )
    # The decision's own bases are the plan's too (it issues the plan under them).
    known = {(b.get("number"), b.get("symbol"), b.get("text")) for b in plan["bases"]}
    for basis in decision["bases"]:
        if (basis.get("number"), basis.get("symbol"), basis.get("text")) not in known:
            plan["bases"].append(basis)
    plan["issued_by"] = {name: decision[name] for name in DECISION_FIELDS}
    number = "/".join(x for x in (decision["number"] or "", decision["symbol"] or "") if x)
    context.warn(
        f"Tệp là một Quyết định{(' số ' + number) if number else ''} ban hành kèm theo "
        f"{(plan['title'] or 'kế hoạch').lower()}: đã nhập phần {plan['title'] or 'kế hoạch'} "
        "đi kèm; ngày, cơ quan ban hành và người ký lấy theo Quyết định."
    )
    inherited = [w for w in decision_context.warnings if not w.startswith("Văn bản là ")]
    own = [w for w in attached["warnings"] if not w.startswith("Không tìm thấy phần Nơi nhận")]
    for warning in inherited + own:
        context.warn(warning)
    plan["warnings"] = context.warnings
    return plan


# What `issued_by` keeps of a decision that issues a plan (plan_schema): its header, its
# authority, preamble and articles, its recipients and signer, so that the decision can be
# kept as an issued document in its own right.
DECISION_FIELDS = (
    "doc_type", "number", "symbol", "issuer", "place", "date", "title", "subject",
    "authority", "bases", "preamble", "sections", "recipients", "signer",
)  # fmt: skip

# The documents a decision issues that are not plans: a regulation (quy chế, quy định) is
# the decision's annex, the decision itself what the file is.
ANNEX_TYPES = ("QC", "QyĐ")


def _attachment_start(paras: list[Para], title_at: int) -> int:
    """Where a document attached to a decision starts: at its title, or at its own header if
    it repeats one just before it."""
    start = title_at
    while (
        start > 0
        and _is_header_line(paras[start - 1])
        and not key(paras[start - 1].text).startswith("noinhan")
    ):
        if _is_authority(paras[start - 1].text) or _looks_like_name(paras[start - 1].text):
            break
        start -= 1
    return start


def _decision_with_annex(
    paras, decision_at, annex_at, context: Context, untitled: bool = False
) -> dict:
    """A decision (QĐ) that issues a regulation: the decision, its articles and signer, with
    the regulation as its annex (plan_schema's `annexes`). `untitled`: the annex's type name
    is lost, its subject at `annex_at`."""
    start = annex_at if untitled else _attachment_start(paras, annex_at)
    decision = _parse(paras[:start], decision_at, context)
    if untitled:
        # read under a stand-in for the type name the copy lost, which is then left out
        annex = _parse([Para(_UNNAMED_ANNEX), *paras[start:]], 0, Context())
        annex["title"] = None
    else:
        annex = _parse(paras[start:], annex_at - start, Context())
    preamble = list(annex["preamble"])
    # "(Ban hành kèm theo Quyết định số … ngày …)" under the annex's subject.
    note = None
    if preamble and preamble[0].startswith("(") and "kem theo" in fold_keep(preamble[0]):
        note = preamble.pop(0)
    number = "/".join(x for x in (decision["number"] or "", decision["symbol"] or "") if x)
    context.warn(
        f"Tệp là một Quyết định{(' số ' + number) if number else ''} ban hành kèm theo "
        f"{(annex['title'] or 'một văn bản').lower()}: đã nhập Quyết định với các điều của "
        f"nó; {(annex['title'] or 'văn bản').lower()} là phần kèm theo Quyết định."
    )
    decision["annexes"] = [
        {
            "title": annex["title"],
            "subject": annex["subject"],
            "note": note,
            "preamble": preamble,
            "sections": annex["sections"],
        }
    ]
    return decision


_UNNAMED_ANNEX = "QUY ĐỊNH"


def _date_words(plan: dict) -> str:
    if not plan.get("date"):
        return ""
    year, month, day = plan["date"].split("-")
    return f"ngày {int(day):02d}/{int(month):02d}/{year}"
