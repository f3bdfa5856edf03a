"""The three documents of an inspection, read back after issue."""

from datetime import date

from vstb.inspections import services
from vstb.inspections.tests.helpers import issue, issued, visited
from vstb.issuing.models import DocType, Purpose


def text_of(content) -> str:
    """Every string of a vstb.plan/1 dict, in order."""
    parts: list[str] = []

    def walk(value):
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(content)
    return "\n".join(parts)


def test_the_plan_is_issued_by_a_decision_with_the_plan_attached(world):
    plan = issued(world)
    document = plan.plan_document
    content = document.content
    assert (document.purpose, document.doc_type) == (Purpose.INSPECTION_PLAN, DocType.DECISION)
    assert document.number_and_symbol.endswith("/QĐ-BVSTBPN")
    assert content["sections"][0]["label"] == "Điều 1"
    [annex] = content["annexes"]
    assert annex["title"] == "KẾ HOẠCH"
    assert document.number_and_symbol in annex["note"]
    text = text_of(annex)
    for criterion in plan.criteria.all():
        assert criterion.text in text
    assert "Phường Bồ Đề: ngày 15 tháng 9 năm 2025" in text
    assert "Hội Liên hiệp Phụ nữ quận: ngày 22 tháng 9 năm 2025" in text
    assert "Bà Trần Thị Chủ Tịch, Phòng Lao động – Thương binh và Xã hội quận, Trưởng đoàn" in text
    assert "từ ngày 01/09/2025 đến ngày 30/11/2025" in text


def test_the_team_decision_lists_its_members_in_article_1(world):
    plan = issued(world)
    document = issue(services.draft_team_decision(plan), on=date(2025, 9, 6))
    plan.refresh_from_db()
    assert plan.team_decision == document
    article_1 = document.content["sections"][0]
    assert article_1["label"] == "Điều 1"
    members = [child["paragraphs"][0] for child in article_1["children"]]
    assert members == [
        "Bà Trần Thị Chủ Tịch, Phòng Lao động – Thương binh và Xã hội quận, Trưởng đoàn;",
        "Ông Lê Văn Thành Viên, Phòng Tư pháp quận, Thành viên.",
    ]
    # It cites the issued plan.
    assert f"Quyết định số {plan.plan_document.number_and_symbol}" in text_of(
        document.content["preamble"]
    )


def test_the_notice_of_conclusions_holds_the_findings_and_recommendations(world):
    visit = visited(world)
    document = issue(services.draft_conclusions(visit), on=date(2025, 9, 25))
    assert (document.purpose, document.doc_type) == (Purpose.INSPECTION_CONCLUSIONS, DocType.NOTICE)
    text = text_of(document.content)
    assert "đã làm việc với Phường Bồ Đề" in text
    assert "Đơn vị đã quan tâm triển khai." in text
    first = visit.target.plan.criteria.first()
    assert f"{first.text}: Chưa đạt. Chưa ban hành kế hoạch." in text
    assert (
        "Ban hành kế hoạch hoạt động vì sự tiến bộ của phụ nữ năm 2025. Giao Phường Bồ Đề "
        "thực hiện, báo cáo kết quả trước ngày 31/10/2025." in text
    )
    assert list(document.addressees.all()) == [world.ward]


def test_the_documents_render_to_docx_in_the_decree_30_layout(world):
    from io import BytesIO

    from docx import Document

    from vstb.documents.docx import render_docx

    visit = visited(world)
    plan = visit.target.plan
    team = issue(services.draft_team_decision(plan), on=date(2025, 9, 6))
    notice = issue(services.draft_conclusions(visit), on=date(2025, 9, 25))
    for document, words in (
        (plan.plan_document, ["QUYẾT ĐỊNH", "KẾ HOẠCH", "NỘI DUNG KIỂM TRA"]),
        (team, ["QUYẾT ĐỊNH", "Trưởng đoàn"]),
        (notice, ["THÔNG BÁO", "KIẾN NGHỊ", "31/10/2025"]),
    ):
        read = Document(BytesIO(render_docx(document.content)))
        text = "\n".join(p.text for p in read.paragraphs)
        text += "\n".join(c.text for t in read.tables for row in t.rows for c in row.cells)
        for word in words:
            assert word in text, (document.purpose, word)
        assert document.number_and_symbol.split("/")[0] in text
