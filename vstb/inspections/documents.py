"""The words of an inspection's documents, as `vstb.plan/1` dicts (vstb/issuing builds them).

Each builder reads the record named in `document.params` ("inspection": the plan's id,
"visit": the visit's id), never writes, and is run again when the document is issued, so
that it says what was recorded on its day of issue; issuing then freezes it.

- the plan: a decision of the committee (QĐ) issuing the inspection plan attached to it
  (Decree 30/2020/NĐ-CP, Appendix III: a decision that issues a document attached, the plan
  as its annex "KẾ HOẠCH"): purposes and requirements, criteria, targets and schedule, team,
  implementation. VSTB's issued documents have no type "KH" of their own (vstb/issuing
  DocType), so the plan travels with the decision that issues it, as decisions issuing
  plans do;
- the decision establishing the inspection team (QĐ thành lập đoàn kiểm tra): its members in
  Article 1, head first;
- the notice of conclusions (TB kết luận kiểm tra) to one inspected unit or agency: the
  findings against each criterion and the recommendations, each with its addressee and
  deadline.
"""

from vstb.documents.plan_schema import new_section
from vstb.inspections.models import (
    InspectionPlan,
    Recommendation,
    Result,
    TeamMember,
    TeamRole,
    Visit,
)
from vstb.issuing.builders import COMMITTEE_BASES, base
from vstb.issuing.models import IssuedDocument
from vstb.lib.dates import long_date
from vstb.org.models import Sex

RESULT_WORDS = {Result.MET: "Đạt", Result.PARTLY: "Đạt một phần", Result.NOT_MET: "Chưa đạt"}
ROLE_WORDS = {TeamRole.HEAD: "Trưởng đoàn", TeamRole.MEMBER: "Thành viên"}
DOTS = "…"


def plan_of(document: IssuedDocument) -> InspectionPlan | None:
    pk = (document.params or {}).get("inspection")
    if not isinstance(pk, int):
        return None
    return InspectionPlan.objects.select_related("unit__committee").filter(pk=pk).first()


def visit_of(document: IssuedDocument) -> Visit | None:
    pk = (document.params or {}).get("visit")
    if not isinstance(pk, int):
        return None
    return (
        Visit.objects.select_related(
            "target__plan__unit__committee",
            "target__plan__plan_document",
            "target__unit",
            "target__agency",
        )
        .filter(pk=pk)
        .first()
    )


def _committee_name(plan: InspectionPlan) -> str:
    committee = getattr(plan.unit, "committee", None)
    return committee.name if committee else f"Ban Vì sự tiến bộ của phụ nữ {plan.unit.name}"


def _authority(plan: InspectionPlan) -> str:
    return f"TRƯỞNG {_committee_name(plan).upper()}"


def _bases(plan: InspectionPlan) -> list[str]:
    bases = list(COMMITTEE_BASES)
    committee = getattr(plan.unit, "committee", None)
    if committee is not None and committee.established_by.strip():
        bases.append(f"Căn cứ {committee.established_by.strip().rstrip(';.')};")
    return bases


def _team(plan: InspectionPlan) -> list[TeamMember]:
    members = plan.team.select_related("membership__agency")
    return sorted(members, key=lambda m: (m.role != TeamRole.HEAD, m.membership.full_name, m.pk))


def team_line(member: TeamMember, last: bool = False) -> str:
    """ "Bà Trần Thị Hoa, Phòng Lao động – Thương binh và Xã hội quận, Trưởng đoàn;"."""
    person = member.membership
    title = {Sex.FEMALE: "Bà", Sex.MALE: "Ông"}.get(person.sex, "Ông/Bà")
    parts = [f"{title} {person.full_name}"]
    job = person.job_title or (person.agency.name if person.agency_id else "")
    if job:
        parts.append(job)
    parts.append(ROLE_WORDS[TeamRole(member.role)])
    return ", ".join(parts) + ("." if last else ";")


def _ended(text: str, mark: str) -> str:
    return text.strip().rstrip(";.,:") + mark


def _period(plan: InspectionPlan) -> str:
    return f"từ ngày {plan.period_start:%d/%m/%Y} đến ngày {plan.period_end:%d/%m/%Y}"


def _reference(document: IssuedDocument | None, plan: InspectionPlan) -> str:
    """ "Kế hoạch ban hành kèm theo Quyết định số 12/QĐ-BVSTBPN ngày 05/9/2025 …"."""
    if document is not None and document.number:
        return (
            f"Quyết định số {document.number_and_symbol} ngày {document.issued_on:%d/%m/%Y} "
            f"của {_committee_name(plan)} ban hành Kế hoạch {_lower_first(plan.title)}"
        )
    return f"Kế hoạch {_lower_first(plan.title)}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def plan_decision(document: IssuedDocument) -> dict:
    """The decision issuing the inspection plan, with the plan as its annex."""
    content = base(document)
    plan = plan_of(document)
    if plan is None:
        return content
    committee = _committee_name(plan)
    content["authority"] = _authority(plan)
    content["preamble"] = [*_bases(plan), "Xét đề nghị của Thường trực Ban,"]
    content["sections"] = [
        new_section(
            "Điều 1",
            None,
            paragraphs=[f"Ban hành kèm theo Quyết định này Kế hoạch {_lower_first(plan.title)}."],
        ),
        new_section("Điều 2", None, paragraphs=["Quyết định này có hiệu lực kể từ ngày ký."]),
        new_section(
            "Điều 3",
            None,
            paragraphs=[
                f"Thành viên {committee}, thủ trưởng các cơ quan, đơn vị được kiểm tra và các "
                "cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./."
            ],
        ),
    ]
    targets = list(plan.targets.select_related("unit", "agency").order_by("planned_on", "pk"))
    content["recipients"] = ["Như Điều 3", *[t.name for t in targets], "Lưu: VT"]
    number = document.number_and_symbol if document.number else DOTS
    day = long_date(document.issued_on) if document.issued_on else DOTS
    content["annexes"] = [
        {
            "title": "KẾ HOẠCH",
            "subject": plan.title,
            "note": f"(Ban hành kèm theo Quyết định số {number} {day} của Trưởng ban)",
            "preamble": [],
            "sections": plan_sections(plan, targets),
        }
    ]
    return content


def plan_sections(plan: InspectionPlan, targets) -> list[dict]:
    purpose_lines = [line.strip() for line in plan.purpose.splitlines() if line.strip()] or [
        "Kiểm tra, đánh giá việc triển khai thực hiện công tác vì sự tiến bộ của phụ nữ và "
        "bình đẳng giới tại các cơ quan, đơn vị; kịp thời phát hiện khó khăn, vướng mắc, "
        "kiến nghị biện pháp khắc phục.",
        "Việc kiểm tra bảo đảm khách quan, đúng nội dung, không làm ảnh hưởng đến hoạt động "
        "của cơ quan, đơn vị được kiểm tra.",
    ]
    purposes = new_section("I", "MỤC ĐÍCH, YÊU CẦU", kind="purpose", paragraphs=purpose_lines)
    criteria = list(plan.criteria.all())
    contents = new_section("II", "NỘI DUNG KIỂM TRA", kind="other")
    contents["children"] = [
        new_section(
            str(index), None, paragraphs=[_ended(c.text, ";" if index < len(criteria) else ".")]
        )
        for index, c in enumerate(criteria, start=1)
    ]
    schedule = new_section(
        "III",
        "ĐỐI TƯỢNG, THỜI GIAN KIỂM TRA",
        kind="other",
        paragraphs=[f"Thời gian thực hiện {_period(plan)}."],
    )
    schedule["children"] = [
        new_section(
            "-",
            None,
            paragraphs=[
                _ended(f"{t.name}: {long_date(t.planned_on)}", ";" if i < len(targets) else ".")
            ],
        )
        for i, t in enumerate(targets, start=1)
    ]
    team = _team(plan)
    team_section = new_section(
        "IV",
        "THÀNH PHẦN ĐOÀN KIỂM TRA",
        kind="other",
        paragraphs=["Đoàn kiểm tra gồm các ông, bà có tên sau:" if team else DOTS],
    )
    team_section["children"] = [
        new_section(str(i), None, paragraphs=[team_line(m, last=i == len(team))])
        for i, m in enumerate(team, start=1)
    ]
    arrangements = new_section(
        "V",
        "TỔ CHỨC THỰC HIỆN",
        kind="implementation",
        paragraphs=[
            "Các cơ quan, đơn vị được kiểm tra chuẩn bị báo cáo theo nội dung kiểm tra, hồ sơ, "
            "tài liệu có liên quan và bố trí thành phần làm việc với Đoàn kiểm tra.",
            "Đoàn kiểm tra thông báo kết luận kiểm tra đến từng cơ quan, đơn vị được kiểm tra "
            "và theo dõi việc thực hiện các kiến nghị.",
        ],
    )
    return [purposes, contents, schedule, team_section, arrangements]


def team_decision(document: IssuedDocument) -> dict:
    """The decision establishing the inspection team, its members in Article 1."""
    content = base(document)
    plan = plan_of(document)
    if plan is None:
        return content
    committee = _committee_name(plan)
    content["authority"] = _authority(plan)
    bases = _bases(plan)
    if plan.plan_document_id:
        bases.append(f"Căn cứ {_reference(plan.plan_document, plan)};")
    content["preamble"] = [*bases, "Xét đề nghị của Thường trực Ban,"]
    team = _team(plan)
    article_1 = new_section(
        "Điều 1",
        None,
        paragraphs=[
            f"Thành lập Đoàn kiểm tra {_lower_first(plan.title)}, gồm các ông, bà có tên sau:"
        ],
    )
    article_1["children"] = [
        new_section(str(i), None, paragraphs=[team_line(m, last=i == len(team))])
        for i, m in enumerate(team, start=1)
    ]
    content["sections"] = [
        article_1,
        new_section(
            "Điều 2",
            None,
            paragraphs=[
                "Đoàn kiểm tra có nhiệm vụ kiểm tra theo nội dung, đối tượng và thời gian của "
                f"Kế hoạch kiểm tra ({_period(plan)}); thông báo kết luận kiểm tra và theo dõi "
                f"việc thực hiện các kiến nghị; báo cáo kết quả với Trưởng ban. Đoàn kiểm tra "
                "tự giải thể sau khi hoàn thành nhiệm vụ."
            ],
        ),
        new_section("Điều 3", None, paragraphs=["Quyết định này có hiệu lực kể từ ngày ký."]),
        new_section(
            "Điều 4",
            None,
            paragraphs=[
                f"Thành viên {committee}, các cơ quan, đơn vị được kiểm tra và các ông, bà có "
                "tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
            ],
        ),
    ]
    content["recipients"] = ["Như Điều 4", "Lưu: VT"]
    return content


def conclusions(document: IssuedDocument) -> dict:
    """The notice of conclusions to one inspected unit or agency."""
    content = base(document)
    visit = visit_of(document)
    if visit is None:
        return content
    target = visit.target
    plan = target.plan
    day = visit.visited_on or target.planned_on
    opening = (
        f"Thực hiện {_reference(plan.plan_document, plan)}, ngày {day:%d/%m/%Y}, Đoàn kiểm "
        f"tra của {_committee_name(plan)} đã làm việc với {target.name}. Trên cơ sở báo cáo "
        "của đơn vị và kết quả kiểm tra, Đoàn kiểm tra thông báo kết luận như sau:"
    )
    findings = list(visit.findings.select_related("criterion").order_by("criterion__order"))
    result = new_section("I", "KẾT QUẢ KIỂM TRA", kind="other")
    result["paragraphs"] = [line.strip() for line in visit.summary.splitlines() if line.strip()]
    result["children"] = [
        new_section(
            str(i),
            None,
            paragraphs=[
                f"{_ended(f.criterion.text, ':')} {RESULT_WORDS[Result(f.result)]}."
                + (f" {_ended(f.note, '.')}" if f.note.strip() else "")
            ],
        )
        for i, f in enumerate(findings, start=1)
    ]
    recommendations = list(
        visit.recommendations.select_related("addressee_unit", "addressee_agency").order_by(
            "order", "pk"
        )
    )
    asked = new_section("II", "KIẾN NGHỊ", kind="other")
    asked["paragraphs"] = [] if recommendations else ["Không có kiến nghị."]
    asked["children"] = [recommendation_section(i, r) for i, r in enumerate(recommendations, 1)]
    closing = new_section(
        None,
        None,
        paragraphs=[
            "Đề nghị các cơ quan, đơn vị được nêu tại mục II tổ chức thực hiện và báo cáo kết "
            "quả về Đoàn kiểm tra (qua Thường trực Ban) đúng thời hạn./."
        ],
    )
    content["preamble"] = [opening]
    content["sections"] = [result, asked, closing]
    addressees = list(dict.fromkeys([target.name, *(r.addressee_name for r in recommendations)]))
    content["recipients"] = [*addressees, "Thành viên Đoàn kiểm tra", "Lưu: VT"]
    return content


def recommendation_section(index: int, recommendation: Recommendation) -> dict:
    text = (
        f"{_ended(recommendation.text, '.')} Giao {recommendation.addressee_name} thực hiện, "
        f"báo cáo kết quả trước ngày {recommendation.deadline:%d/%m/%Y}."
    )
    return new_section(str(index), None, paragraphs=[text])
