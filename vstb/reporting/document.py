"""A report as a Decree 30/2020/NĐ-CP report (BC): a `vstb.plan/1` dict, rendered to DOCX by
the shared renderer (vstb/documents/docx.py).

The words are Vietnamese because the document is: it is the official text sent upward,
whatever language the user reads the site in.
"""

from vstb.documents.docx import render_docx
from vstb.documents.plan_schema import empty_plan
from vstb.org.models import Committee, Level, Unit
from vstb.reporting.models import Report

# Decree 30, Appendix III: "BC" is a report; "UBND" the People's Committee that issues it.
SYMBOL = "BC-UBND"
NARRATIVE_HEADINGS = [
    ("II", "SỐ LIỆU", None),
    ("III", "KHÓ KHĂN, VƯỚNG MẮC", "difficulties"),
    ("IV", "KIẾN NGHỊ, ĐỀ XUẤT", "recommendations"),
    ("V", "PHƯƠNG HƯỚNG", "next_period"),
]


def render_report(report: Report) -> bytes:
    """The report as a DOCX file."""
    return render_docx(report_document(report))


def report_document(report: Report) -> dict:
    """The report as a vstb.plan/1 dict (doc_type "BC")."""
    requirement = report.requirement
    addressee = _addressee(report)
    document = empty_plan()
    document.update(
        doc_type="BC",
        number=f"{report.number:02d}" if report.number else None,
        symbol=SYMBOL if report.unit_id else "BC",
        issuer=_issuer(report),
        place=_place(report.unit or report.agency.unit),
        date=report.issued_on.isoformat() if report.issued_on else None,
        title="BÁO CÁO",
        subject=f"Kết quả thực hiện công tác vì sự tiến bộ của phụ nữ và bình đẳng giới – {requirement.title}",
        year=requirement.year,
        recipients_to=[addressee],
        recipients=_recipients(report, addressee),
        sections=_sections(report),
    )
    if report.signer_lines or report.signer_name:
        document["signer"] = {
            "lines": list(report.signer_lines),
            "name": report.signer_name or None,
        }
    return document


def _issuer(report: Report) -> dict:
    if report.agency_id:
        unit = report.agency.unit
        return {"parent": unit.body_name().upper(), "name": report.agency.name.upper()}
    parent = report.unit.parent
    # A province's committee has no parent body in its header (the nation is not one).
    above = parent.body_name().upper() if parent and parent.level != Level.NATIONAL else None
    return {"parent": above, "name": report.unit.body_name().upper()}


# Decision 114/2008/QĐ-TTg: the National Committee for the Advancement of Women reports to the
# Prime Minister every 6 months; the nation's own synthesis is addressed to the Prime Minister.
PRIME_MINISTER = "Thủ tướng Chính phủ"


def _addressee(report: Report) -> str:
    """A unit reports to the body of the unit above it (Unit.body_name: its People's
    Committee, at the top the national body); an agency to its unit's committee for the
    advancement of women (Ban VSTBPN), or to its People's Committee if it has none; the
    nation's own synthesis goes to the Prime Minister."""
    receiver = report.receiver
    if report.agency_id:
        committee = Committee.objects.filter(unit=receiver).first()
        if committee:
            return committee.name
    elif report.unit_id == receiver.pk:
        return PRIME_MINISTER
    return receiver.body_name()


def _recipients(report: Report, addressee: str) -> list[str]:
    """Nơi nhận: the addressee, the receiving unit's committee for the advancement of women
    when a unit reports (it follows the work for the People's Committee), and the file copy."""
    recipients = [addressee]
    if report.unit_id and report.unit_id != report.receiver_id:
        committee = Committee.objects.filter(unit=report.receiver_id).first()
        if committee and committee.name != addressee:
            recipients.append(committee.name)
    return [*recipients, "Lưu: VT"]


def _place(unit: Unit) -> str:
    return unit.place_name


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _section(label: str, title: str, paragraphs: list[str], children=()) -> dict:
    return {
        "label": label,
        "title": title,
        "kind": "other",
        "paragraphs": paragraphs,
        "children": list(children),
    }


def _number(value: int | None) -> str:
    # Vietnamese writes thousands with a dot: 1.200.
    return f"{value:,}".replace(",", ".") if value is not None else "…"


def figure_lines(report: Report) -> list[str]:
    """ "label: total (nữ: x, nam: y)" for each figure of the requirement, in order."""
    values = {value.figure_id: value for value in report.values.all()}
    lines = []
    for figure in report.requirement.figures.all():
        value = values.get(figure.pk)
        line = f"{figure.label}: {_number(value.total if value else None)}"
        if figure.by_sex:
            women, men = (value.women, value.men) if value else (None, None)
            rest = value.unspecified_sex if value else 0
            unknown = f", chưa rõ giới tính: {_number(rest)}" if rest else ""
            line += f" (nữ: {_number(women)}, nam: {_number(men)}{unknown})"
        lines.append(line)
    return lines


# The budget part of a report: what the unit's plans of the year were to cost and have cost,
# kept by an app above reporting (vstb/budget), which adds its function here when it loads
# (budget.apps). Each gives, for a report, its lines; with any, the report has a part
# "KINH PHÍ" after its figures, and the parts after it move down one number.
FUNDING_LINES: list = []


def funding_lines(report: Report) -> list[str]:
    return [line for source in FUNDING_LINES for line in source(report)]


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


def _sections(report: Report) -> list[dict]:
    narrative = report.narrative or {}
    sections = [_section("I", "KẾT QUẢ THỰC HIỆN", _paragraphs(narrative.get("results")))]
    for label, title, key in NARRATIVE_HEADINGS:
        if key is None:
            items = [_section("-", None, [line]) for line in figure_lines(report)]
            sections.append(_section(label, title, [], items))
            funding = funding_lines(report)
            if funding:
                sections.append(_section("", "KINH PHÍ THỰC HIỆN", funding))
        else:
            sections.append(_section(label, title, _paragraphs(narrative.get(key))))
    for number, section in enumerate(sections):
        section["label"] = ROMAN[number]
    return sections
