"""The words of each document VSTB drafts, as a `vstb.plan/1` dict, by purpose.

A builder reads the document's unit, type, issuer, date (`issued_on`, or blank in a draft)
and `params`, and the records it names; it never writes. The committee's decision lists the
memberships in force on the decision's date: issuing rebuilds it on that date and freezes it,
so a later change of membership never changes an issued decision.

Apps above this one (meetings, reviews) give their documents' content to services.create
themselves, with `base()` for the header and the signature.
"""

import re
from collections.abc import Callable
from datetime import date

from django.utils import timezone

from vstb.documents.plan_schema import empty_plan, new_section
from vstb.issuing.models import TITLE_OF_TYPE, DocType, IssuedDocument, Purpose
from vstb.lib.dates import long_date
from vstb.notifications.services import in_vietnamese
from vstb.org.models import POSITION_ORDER, Committee, Level, Membership, Position, Sex, Unit
from vstb.plans.models import ISSUER_CODE, IssuerBody
from vstb.plans.services import committee_signer
from vstb.reporting.models import NARRATIVE_SECTIONS, Requirement

# The bases every decision on a committee for the advancement of women rests on, as the
# decisions of provinces write them (research/regulations.md, 5.1 and 5.4; both confirmed
# there). The clerk adds the local ones (the previous decision, the People's Committee's own
# regulation) in the draft.
COMMITTEE_BASES = [
    # Law on Gender Equality, No. 73/2006/QH11, passed on 29/11/2006.
    "Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;",
    # Decision 1855/QĐ-TTg of 11/11/2009 on establishing and reconstituting the committees
    # at provincial and district People's Committees (research/regulations.md, 5.1).
    "Căn cứ Quyết định số 1855/QĐ-TTg ngày 11 tháng 11 năm 2009 của Thủ tướng Chính phủ về "
    "việc thành lập, kiện toàn Ban vì sự tiến bộ của phụ nữ ở Ủy ban nhân dân cấp tỉnh và "
    "cấp huyện;",
]

POSITION_WORDS = {
    Position.CHAIR: "Trưởng ban",
    Position.VICE_CHAIR: "Phó Trưởng ban",
    Position.MEMBER: "Thành viên",
    Position.SECRETARY: "Thư ký",
}


def default_symbol(document: IssuedDocument) -> str:
    """ "QĐ-UBND", "TB-BVSTBPN"; a letter has no type abbreviation (Decree 30/2020/NĐ-CP,
    Appendix III, I): "UBND", "BVSTBPN"."""
    code = ISSUER_CODE[IssuerBody(document.issuer_body)]
    return code if document.doc_type == DocType.LETTER else f"{document.doc_type}-{code}"


def issuer(unit: Unit, issuer_body: str) -> dict:
    """The header's bodies: the People's Committee alone, or the committee under it."""
    if issuer_body == IssuerBody.COMMITTEE:
        committee = Committee.objects.filter(unit=unit).first()
        name = committee.name if committee else "Ban Vì sự tiến bộ của phụ nữ"
        return {"parent": _body_of(unit).upper(), "name": name.upper()}
    return {"parent": None, "name": _body_of(unit).upper()}


def _body_of(unit: Unit) -> str:
    return unit.body_name()


def signer(unit: Unit, issuer_body: str, doc_type: str) -> dict:
    """Who signs by default: for the People's Committee, the committee's chair (a Vice-chair
    of the People's Committee) signing for its Chair; for the committee, its chair.

    Decree 30/2020/NĐ-CP, Appendix I, II.7.b: "TM." for a collective; a decision is the
    Chair's own (Appendix III, Mẫu 1.1), so it is signed "KT. CHỦ TỊCH" without "TM.".
    """
    lines, name = committee_signer(unit)
    name = name or None  # no chair on record: the clerk enters the signer before issuing
    if issuer_body == IssuerBody.COMMITTEE:
        return {"lines": ["TM. BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ", "TRƯỞNG BAN"], "name": name}
    if doc_type == DocType.DECISION and lines and lines[0].startswith("TM."):
        lines = lines[1:]
    return {"lines": lines, "name": name}


def base(document: IssuedDocument) -> dict:
    """The header, title, subject, date and signature of any document of `document`'s unit."""
    unit = document.unit
    content = empty_plan()
    day = document.issued_on
    content.update(
        doc_type=document.doc_type,
        number=document.number_text,
        symbol=document.symbol or default_symbol(document),
        issuer=issuer(unit, document.issuer_body),
        place=unit.place_name,
        date=day.isoformat() if day else None,
        date_partial=None if day else str(timezone.localdate().year),
        year=(day or timezone.localdate()).year,
        title=TITLE_OF_TYPE.get(DocType(document.doc_type)),
        subject=document.subject,
        signer=signer(unit, document.issuer_body, document.doc_type),
    )
    return content


def committee_decision(document: IssuedDocument) -> dict:
    """The decision establishing or reconstituting (kiện toàn) the unit's committee, with its
    members on the decision's date, and its working regulation attached when given.

    `params`: "kind" ("establish" or "reconstitute"), "on" (ISO date the members are listed
    on while a draft), "bases" (extra "Căn cứ" lines), "proposed_by", "regulation" (text).
    """
    unit, params = document.unit, document.params
    committee = Committee.objects.get(unit=unit)
    day = document.issued_on or _date(params.get("on")) or timezone.localdate()
    content = base(document)
    place = unit.name_in_text
    verb = "Thành lập" if params.get("kind") == "establish" else "Kiện toàn"
    content["authority"] = f"CHỦ TỊCH {_body_of(unit).upper()}"
    bases = [*COMMITTEE_BASES, *_lines(params.get("bases"))]
    proposed_by = (params.get("proposed_by") or "").strip()
    if proposed_by:
        bases.append(f"Theo đề nghị của {proposed_by}.")
    content["preamble"] = _terminated(bases)
    members = members_on(committee, day)
    article_1 = new_section(
        "Điều 1",
        None,
        paragraphs=[f"{verb} Ban Vì sự tiến bộ của phụ nữ {place} gồm các ông, bà có tên sau:"],
    )
    article_1["children"] = [
        new_section(str(index), None, paragraphs=[member_line(member, last=index == len(members))])
        for index, member in enumerate(members, start=1)
    ]
    regulation = _regulation(params.get("regulation"))
    duties = (
        f"Ban Vì sự tiến bộ của phụ nữ {place} có nhiệm vụ giúp Ủy ban nhân dân {place} "
        "nghiên cứu, đề xuất, phối hợp và đôn đốc việc thực hiện công tác vì sự tiến bộ của "
        "phụ nữ và bình đẳng giới trên địa bàn"
    )
    duties += (
        "; hoạt động theo Quy chế ban hành kèm theo Quyết định này."
        if regulation
        else "; hoạt động theo quy chế do Trưởng ban ban hành."
    )
    previous = _previous_decision(document)
    effect = "Quyết định này có hiệu lực kể từ ngày ký"
    if previous is not None:
        effect += (
            f" và thay thế Quyết định số {previous.number_and_symbol} ngày "
            f"{previous.issued_on:%d/%m/%Y} của {_body_of(unit)}"
        )
    content["sections"] = [
        article_1,
        new_section("Điều 2", None, paragraphs=[duties]),
        new_section("Điều 3", None, paragraphs=[effect + "."]),
        new_section(
            "Điều 4",
            None,
            paragraphs=[
                f"Chánh Văn phòng {_body_of(unit)}, thủ trưởng các cơ quan, đơn vị có liên "
                "quan và các ông, bà có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định "
                "này./."
            ],
        ),
    ]
    content["recipients"] = ["Như Điều 4", *_parent_recipient(unit), "Lưu: VT"]
    if regulation:
        number = document.number_and_symbol if document.number else "…"
        content["annexes"] = [
            {
                "title": "QUY CHẾ",
                "subject": f"Hoạt động của Ban Vì sự tiến bộ của phụ nữ {place}",
                "note": f"(Ban hành kèm theo Quyết định số {number} ngày "
                f"{long_date(day) if document.issued_on else '…'} của Chủ tịch "
                f"{_body_of(unit)})",
                "preamble": [],
                "sections": regulation,
            }
        ]
    return content


def members_on(committee: Committee, day: date) -> list[Membership]:
    """The committee's members in force on `day`, chair first, then vice-chairs, members and
    the secretary, each group by name."""
    members = list(committee.members_on(day))
    return sorted(members, key=lambda m: (POSITION_ORDER.get(m.position, 9), m.full_name, m.pk))


def member_line(member: Membership, last: bool = False) -> str:
    """ "Bà Lê Thị Hoa, Phó Chủ tịch UBND tỉnh, Trưởng ban;"."""
    title = {Sex.FEMALE: "Bà", Sex.MALE: "Ông"}.get(member.sex, "Ông/Bà")
    parts = [f"{title} {member.full_name}"]
    job = member.job_title or (member.agency.name if member.agency_id else "")
    if job:
        parts.append(job)
    parts.append(POSITION_WORDS.get(member.position, ""))
    return ", ".join(part for part in parts if part) + ("." if last else ";")


def letter(document: IssuedDocument) -> dict:
    """An official letter to lower units: "Kính gửi" its addressees, the paragraphs the user
    wrote (`params["body"]`), "Trân trọng." and the recipients."""
    content = base(document)
    params = document.params
    addressees = _lines(params.get("addressees"))
    content["recipients_to"] = addressees
    paragraphs = _lines(params.get("body")) or [""]
    content["sections"] = [new_section(None, None, paragraphs=[*paragraphs, "Trân trọng./."])]
    content["recipients"] = ["Như trên", "Lưu: VT"]
    return content


def chase(document: IssuedDocument) -> dict:
    """A letter chasing the reports still missing (đôn đốc): the requirement, the units
    that have not sent theirs, and the new date asked for (`params`: "requirement_title",
    "due", "missing": the units' names, "new_due")."""
    content = base(document)
    params = document.params
    missing = _lines(params.get("missing"))
    content["recipients_to"] = missing
    due, new_due = _date(params.get("due")), _date(params.get("new_due"))
    title = params.get("requirement_title") or "báo cáo"
    first = f"Thực hiện yêu cầu {title[:1].lower() + title[1:]}"
    first += f", hạn gửi ngày {due:%d/%m/%Y}" if due else ""
    first += f", đến nay {_body_of(document.unit)} chưa nhận được báo cáo của các đơn vị nêu trên."
    ask = "Đề nghị các đơn vị khẩn trương hoàn thành và gửi báo cáo qua hệ thống VSTB"
    ask += f" trước ngày {new_due:%d/%m/%Y}." if new_due else "."
    content["sections"] = [new_section(None, None, paragraphs=[first, ask, "Trân trọng./."])]
    content["recipients"] = ["Như trên", "Lưu: VT"]
    return content


def requirement_letter(document: IssuedDocument) -> dict:
    """A reporting requirement sent down as a letter (`params["requirement"]`): the period
    of the data, what the report holds, and the due date of the units it goes to."""
    requirement = Requirement.objects.select_related("unit").get(pk=document.params["requirement"])
    unit = document.unit
    content = base(document)
    lower = lower_units_of(requirement)
    content["recipients_to"] = [u.body_name() for u in lower] or _lines(
        document.params.get("addressees")
    )
    if requirement.includes_agencies():
        content["recipients_to"].append(
            "Các cơ quan, đơn vị thành viên Ban Vì sự tiến bộ của phụ nữ"
        )
    due = requirement.due_for(lower[0].level) if lower else requirement.due_for(None)
    parts = "; ".join(in_vietnamese(label).lower() for _key, label in NARRATIVE_SECTIONS)
    title = requirement.title[:1].lower() + requirement.title[1:]
    paragraphs = [
        f"Để tổng hợp {title}, {_body_of(unit)} đề nghị các cơ quan, đơn vị báo cáo kết quả "
        "thực hiện công tác vì sự tiến bộ của phụ nữ và bình đẳng giới, số liệu tính từ ngày "
        f"{requirement.window_start:%d/%m/%Y} đến ngày {requirement.window_end:%d/%m/%Y}.",
        f"Nội dung báo cáo gồm: {parts}; kèm biểu số liệu theo mẫu trên hệ thống VSTB.",
    ]
    if due:
        paragraphs.append(f"Báo cáo gửi qua hệ thống VSTB trước ngày {due:%d/%m/%Y}.")
    paragraphs.append("Trân trọng./.")
    content["sections"] = [new_section(None, None, paragraphs=paragraphs)]
    content["recipients"] = ["Như trên", "Lưu: VT"]
    return content


def lower_units_of(requirement) -> list[Unit]:
    """The units that report to the requirement's unit directly: its children existing
    during the data window."""
    if not requirement.includes_units():
        return []
    return list(
        Unit.objects.filter(parent=requirement.unit)
        .valid_during(requirement.window_start, requirement.window_end)
        .order_by("name")
    )


BUILDERS: dict[str, Callable[[IssuedDocument], dict]] = {
    Purpose.COMMITTEE: committee_decision,
    Purpose.GUIDANCE: letter,
    Purpose.CHASE: chase,
    Purpose.REQUIREMENT: requirement_letter,
}


def register(purpose: str, builder: Callable[[IssuedDocument], dict]) -> None:
    """An app above this one (meetings, reviews) gives the builder of its documents, from
    its AppConfig.ready(); the builder finds its record through `document.params`."""
    BUILDERS[purpose] = builder


def has_builder(purpose: str) -> bool:
    return purpose in BUILDERS


def build(document: IssuedDocument) -> dict:
    builder = BUILDERS.get(document.purpose)
    return builder(document) if builder else base(document)


def _previous_decision(document: IssuedDocument) -> IssuedDocument | None:
    earlier = IssuedDocument.objects.issued().filter(unit=document.unit, purpose=Purpose.COMMITTEE)
    if document.pk:
        earlier = earlier.exclude(pk=document.pk)
    return earlier.order_by("-issued_on", "-pk").first()


def _parent_recipient(unit: Unit) -> list[str]:
    parent = unit.parent
    if parent is None or parent.level == Level.NATIONAL:
        return []
    committee = Committee.objects.filter(unit=parent).first()
    return [committee.name] if committee else [parent.body_name()]


def _terminated(lines: list[str]) -> list[str]:
    """Decree 30/2020/NĐ-CP, Appendix I, II.6.a: each basis ends with ";", the last with "."."""
    cleaned = [line.strip().rstrip(";.,") for line in lines if line.strip()]
    return [f"{line};" for line in cleaned[:-1]] + [f"{line}." for line in cleaned[-1:]]


def _lines(value) -> list[str]:
    if isinstance(value, str):
        value = value.splitlines()
    return [line.strip() for line in value or [] if isinstance(line, str) and line.strip()]


def _date(value) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


_ARTICLE_LINE = re.compile(r"(Điều \d+)\.\s*(.*)")
_CHAPTER_LINE = re.compile(r"(Chương [IVXLC]+)\.?\s*(.*)", re.IGNORECASE)


def _regulation(text) -> list[dict]:
    """A regulation typed or pasted as text: "Chương I" and "Điều 1. …" lines open their
    parts, other lines are paragraphs of the part above."""
    sections: list[dict] = []
    for line in _lines(text):
        chapter, article = _CHAPTER_LINE.fullmatch(line), _ARTICLE_LINE.fullmatch(line)
        if chapter:
            sections.append(new_section(None, line))
        elif article:
            label, rest = article.groups()
            # "Điều 1. Phạm vi điều chỉnh" has a title; "Điều 2. Ban có nhiệm vụ …." opens
            # with its text.
            titled = rest and len(rest) <= 120 and not rest.endswith((".", ";", ":"))
            section = new_section(label, rest if titled else None)
            if rest and not titled:
                section["paragraphs"].append(rest)
            sections.append(section)
        elif sections:
            sections[-1]["paragraphs"].append(line)
        else:
            sections.append(new_section(None, None, paragraphs=[line]))
    return sections
