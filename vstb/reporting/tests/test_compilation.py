"""Compilation tells the truth (issue 11, item 8): who is included, confirmation before an
incomplete compilation, narratives merged by section, the real addressee at every level,
the PDF; and the reporting fixes of item 14 (future activities, due dates before the data
cut-off, women and men below the total)."""

import io
import os
import shutil
import subprocess
from datetime import date

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from docx import Document

from vstb.activities.models import Activity
from vstb.conftest import sign_in, vi
from vstb.documents.pdf import soffice
from vstb.reporting import narrative, services
from vstb.reporting.document import report_document
from vstb.reporting.models import Figure, Report, ReportEvent, ReportStatus, Requirement

pytestmark = pytest.mark.django_db

# In CI LibreOffice must be there; elsewhere a machine without it skips the PDF test.
needs_libreoffice = pytest.mark.skipif(
    soffice() is None and os.environ.get("CI") != "true",
    reason="LibreOffice (soffice) is not installed on this machine",
)


def _requirement(unit, reporters="both", title="Báo cáo sơ kết 6 tháng đầu năm 2025", **extra):
    requirement = Requirement(
        unit=unit,
        title=title,
        kind="six_month",
        period_rule="six_month",
        year=2025,
        reporters=reporters,
        due_dates=extra.pop("due_dates", {"3": "2025-06-20", "agency": "2025-06-20"}),
        **extra,
    )
    requirement.full_clean()
    requirement.save()
    Figure.objects.create(
        requirement=requirement, order=1, code="TT", label="Số lượt người tham dự", by_sex=True
    )
    return requirement


@pytest.fixture
def requirement(world):
    """Long Biên's requirement: its two wards and its three agencies are expected."""
    return _requirement(world.district)


def _client(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def _report(requirement, reporter, status, narrative_text=None, total=10):
    report = services.open_report(requirement, reporter)
    figure = requirement.figures.get()
    text = narrative_text or {"results": f"Kết quả của {reporter}."}
    services.save_report(
        report, None, report.version, text, {figure.pk: {"total": total, "women": 6, "men": 4}}
    )
    if status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED, ReportStatus.RETURNED):
        report.submit(None)
    if status == ReportStatus.ACCEPTED:
        report.accept(None)
    if status == ReportStatus.RETURNED:
        report.return_to_reporter(None, "Bổ sung.")
    return report


# Coverage and confirmation ---------------------------------------------------------------------


def test_the_compile_page_says_who_is_included_and_who_is_missing(world, requirement):
    _report(requirement, world.ward, ReportStatus.ACCEPTED)
    _report(requirement, world.other_ward, ReportStatus.SUBMITTED)
    _report(requirement, world.justice, ReportStatus.RETURNED)
    client = _client(world.users["district_secretariat"])
    page = client.get(reverse("reporting:completeness", args=[requirement.pk, world.district.pk]))
    coverage = page.context["coverage"]
    assert (len(coverage.included), coverage.expected) == (1, 5)
    assert [str(r) for r in coverage.not_accepted] == ["Phường Ngọc Lâm", "Phòng Tư pháp quận"]
    assert sorted(str(r) for r in coverage.missing) == [
        "Hội Liên hiệp Phụ nữ quận",
        "Phòng Lao động – Thương binh và Xã hội quận",
    ]
    html = page.content.decode()
    assert 'name="confirm_incomplete"' in html
    assert "Báo cáo được đưa vào tổng hợp: 1/5 đơn vị" in html
    assert "Đã gửi nhưng chưa được tiếp nhận" in html


def test_compiling_without_confirmation_when_incomplete_changes_nothing(world, requirement):
    _report(requirement, world.ward, ReportStatus.ACCEPTED)
    client = _client(world.users["district_secretariat"])
    url = reverse("reporting:compile", args=[requirement.pk, world.district.pk])
    events = ReportEvent.objects.count()
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert not Report.objects.filter(requirement=requirement, unit=world.district).exists()
    assert ReportEvent.objects.count() == events
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "Bản tổng hợp sẽ chỉ có báo cáo của 1/5 đơn vị" in messages

    # Confirmed: compiled, and the warning is kept in the report's history.
    response = client.post(url, {"confirm_incomplete": "on"})
    compiled = Report.objects.get(requirement=requirement, unit=world.district)
    assert response.url == reverse("reporting:report", args=[compiled.pk])
    event = compiled.events.get(action="compiled")
    assert event.changes["confirmed_incomplete"] is True
    assert event.changes["expected"] == 5 and event.changes["contributors"] == 1
    assert "Phòng Tư pháp quận" in event.changes["missing"]
    assert "Phòng Tư pháp quận" in event.comment and event.by == world.users["district_secretariat"]
    history = client.get(reverse("reporting:report", args=[compiled.pk])).content.decode()
    assert "Phòng Tư pháp quận" in history


def test_a_complete_compilation_needs_no_confirmation(world):
    requirement = _requirement(world.district, reporters="units")
    _report(requirement, world.ward, ReportStatus.ACCEPTED)
    _report(requirement, world.other_ward, ReportStatus.ACCEPTED)
    page = _client(world.users["district_secretariat"]).get(
        reverse("reporting:completeness", args=[requirement.pk, world.district.pk])
    )
    assert page.context["coverage"].complete
    assert 'name="confirm_incomplete"' not in page.content.decode()
    compiled = services.compile_report(requirement, world.district)
    event = compiled.events.get(action="compiled")
    assert event.comment == "" and "confirmed_incomplete" not in event.changes


def _issue_data(**extra):
    return {
        "signer_lines": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        "signer_name": "Nguyễn Văn Ký",
        "confirm": "1",  # past the confirmation page (tested in notifications)
        **extra,
    }


def test_issuing_an_incomplete_compilation_asks_for_confirmation(world, requirement):
    _report(requirement, world.ward, ReportStatus.ACCEPTED)
    compiled = services.compile_report(requirement, world.district, confirm_incomplete=True)
    client = _client(world.users["district_secretariat"])
    page = client.get(reverse("reporting:report", args=[compiled.pk]))
    assert "confirm_incomplete" in page.context["issue_form"].fields
    url = reverse("reporting:issue", args=[compiled.pk])
    client.post(url, _issue_data())
    compiled.refresh_from_db()
    assert compiled.number is None and compiled.status == ReportStatus.DRAFT
    client.post(url, _issue_data(confirm_incomplete="on"))
    compiled.refresh_from_db()
    assert compiled.number == 1 and compiled.status == ReportStatus.ACCEPTED
    confirmed = compiled.events.get(action="issued_incomplete")
    assert confirmed.changes["included"] == 1 and confirmed.changes["expected"] == 5
    assert confirmed.by == world.users["district_secretariat"]


def test_a_report_accepted_after_compiling_must_be_compiled_again(world, requirement):
    _report(requirement, world.ward, ReportStatus.ACCEPTED)
    compiled = services.compile_report(requirement, world.district, confirm_incomplete=True)
    _report(requirement, world.other_ward, ReportStatus.ACCEPTED)
    client = _client(world.users["district_secretariat"])
    client.post(reverse("reporting:issue", args=[compiled.pk]), _issue_data(confirm_incomplete="1"))
    compiled.refresh_from_db()
    assert compiled.number is None
    services.compile_report(requirement, world.district, confirm_incomplete=True)
    client.post(reverse("reporting:issue", args=[compiled.pk]), _issue_data(confirm_incomplete="1"))
    compiled.refresh_from_db()
    assert compiled.number == 1


# Narratives merged by section ------------------------------------------------------------------

WARD_RESULTS = """II. NỘI DUNG THỰC HIỆN
1. Công tác tuyên truyền
- 01/03/2025: Hội nghị tuyên truyền (30 người tham dự, trong đó 20 nữ)
- 08/03/2025: Mít tinh ngày Quốc tế Phụ nữ
2. Công tác tập huấn
- 05/04/2025: Tập huấn kỹ năng"""

OTHER_WARD_RESULTS = """Phường đã triển khai kịp thời.
1. CÔNG TÁC TUYÊN TRUYỀN:
Tuyên truyền trên loa phát thanh 12 buổi.
III. KHÓ KHĂN, VƯỚNG MẮC
Thiếu cán bộ chuyên trách."""


def test_narratives_are_merged_under_each_heading_each_contributor_once():
    merged = narrative.merge(
        [
            ("Phường Bồ Đề", {"results": WARD_RESULTS, "difficulties": "Thiếu kinh phí."}),
            ("Phường Ngọc Lâm", {"results": OTHER_WARD_RESULTS}),
        ],
        ["results", "difficulties", "recommendations", "next_period"],
    )
    assert merged["results"].splitlines() == [
        "1. Công tác tuyên truyền",
        "- Phường Bồ Đề:",
        "+ 01/03/2025: Hội nghị tuyên truyền (30 người tham dự, trong đó 20 nữ)",
        "+ 08/03/2025: Mít tinh ngày Quốc tế Phụ nữ",
        "- Phường Ngọc Lâm: Tuyên truyền trên loa phát thanh 12 buổi.",
        "2. Công tác tập huấn",
        "- Phường Bồ Đề: 05/04/2025: Tập huấn kỹ năng",
        vi("Other content"),
        "- Phường Ngọc Lâm: Phường đã triển khai kịp thời.",
    ]
    # A heading naming another section of the report sends its text there.
    assert merged["difficulties"].splitlines() == [
        "- Phường Bồ Đề: Thiếu kinh phí.",
        "- Phường Ngọc Lâm: Thiếu cán bộ chuyên trách.",
    ]
    assert merged["recommendations"] == merged["next_period"] == ""


def test_merging_never_loses_text():
    texts = {
        "results": "KHÔNG\n\nmột dòng\n- gạch đầu dòng\na) điểm a\nIV. MỤC LẠ\nnội dung lạ",
        "difficulties": "1. Số một kết thúc bằng dấu chấm.",
        "recommendations": "I. KIẾN NGHỊ, ĐỀ XUẤT",
    }
    merged = narrative.merge([("Xã A", texts)], list(texts) + ["next_period"])
    flat = "\n".join(merged.values())
    for word in ("KHÔNG", "một dòng", "gạch đầu dòng", "a) điểm a", "nội dung lạ"):
        assert word in flat
    assert "MỤC LẠ" in merged["results"]  # a heading of its own, kept as a heading
    assert "1. Số một kết thúc bằng dấu chấm." in merged["difficulties"]


def test_text_sent_from_another_section_is_attributed_with_the_sections_own_once():
    merged = narrative.merge(
        [
            (
                "Xã A",
                {
                    "results": "- hội nghị\nIII. KHÓ KHĂN, VƯỚNG MẮC\n- thiếu người",
                    "difficulties": "- thiếu tiền",
                },
            )
        ],
        ["results", "difficulties"],
    )
    assert merged["results"] == "- Xã A: hội nghị"
    assert merged["difficulties"].splitlines() == ["- Xã A:", "+ thiếu người", "+ thiếu tiền"]


def test_merging_follows_the_template_order():
    merged = narrative.merge(
        [("Xã A", {"results": "2. Tập huấn\n- lớp\n1. Tuyên truyền\n- hội nghị"})],
        ["results"],
        {"results": ["1. Tuyên truyền", "2. Tập huấn", "3. Kiểm tra"]},
    )
    assert merged["results"].splitlines() == [
        "1. Tuyên truyền",
        "- Xã A: hội nghị",
        "2. Tập huấn",
        "- Xã A: lớp",
    ]


def test_compiling_merges_the_prefilled_narratives_by_plan_part(world):
    requirement = _requirement(world.district, reporters="units", source_plan=world.district_plan)
    for ward, title in ((world.ward, "Hội nghị Bồ Đề"), (world.other_ward, "Hội nghị Ngọc Lâm")):
        activity = Activity.objects.create(
            unit=ward, kind="communication", title=title, start=date(2025, 3, 1)
        )
        activity.tasks.add(world.wards_task)
        report = services.open_report(requirement, ward)
        assert "II. NỘI DUNG THỰC HIỆN" in report.narrative["results"]
        services.save_report(
            report,
            None,
            report.version,
            {},
            {requirement.figures.get().pk: {"total": 1}},
        )
        report.submit(None)
        report.accept(None)
    compiled = services.compile_report(requirement, world.district)
    lines = compiled.narrative["results"].splitlines()
    # One heading, each ward once under it, no ward heading pasted in.
    assert lines.count("II. NỘI DUNG THỰC HIỆN") == 1
    assert lines.index("II. NỘI DUNG THỰC HIỆN") < lines.index(
        "- Phường Bồ Đề: 01/03/2025: Hội nghị Bồ Đề"
    )
    assert "- Phường Ngọc Lâm: 01/03/2025: Hội nghị Ngọc Lâm" in lines
    assert not any(line.startswith("Phường Bồ Đề: II.") for line in lines)
    # The district's own activity (the world's conference) is merged under its own name.
    assert any(line.startswith("- Quận Long Biên:") for line in lines)


# Addressee at every level ----------------------------------------------------------------------


def _document(report):
    return report_document(report)


def test_a_wards_report_is_addressed_to_the_districts_peoples_committee(world, requirement):
    document = _document(services.open_report(requirement, world.ward))
    assert document["recipients_to"] == ["Ủy ban nhân dân quận Long Biên"]
    assert document["recipients"] == [
        "Ủy ban nhân dân quận Long Biên",
        "Ban VSTBPN quận Long Biên",
        "Lưu: VT",
    ]
    assert document["issuer"] == {
        "parent": "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN",
        "name": "ỦY BAN NHÂN DÂN PHƯỜNG BỒ ĐỀ",
    }


def test_a_districts_report_is_addressed_to_the_citys_peoples_committee(world):
    city = _requirement(world.province, reporters="units", due_dates={"2": "2025-06-20"})
    compiled = services.compile_report(city, world.district, confirm_incomplete=True)
    document = _document(compiled)
    assert document["recipients_to"] == ["Ủy ban nhân dân thành phố Hà Nội"]
    assert document["issuer"]["parent"] == "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"


def test_a_provinces_report_is_addressed_to_the_national_body(world):
    nation = _requirement(world.nation, reporters="units", due_dates={"1": "2025-06-25"})
    compiled = services.compile_report(nation, world.province, confirm_incomplete=True)
    document = _document(compiled)
    assert document["recipients_to"] == ["Ủy ban Quốc gia vì sự tiến bộ của phụ nữ Việt Nam"]
    assert "việt Nam" not in str(document)
    assert document["issuer"] == {"parent": None, "name": "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"}
    # The nation's own synthesis: issued by the national body, to the Prime Minister.
    own = _document(services.compile_report(nation, world.nation, confirm_incomplete=True))
    assert own["issuer"]["name"] == "ỦY BAN QUỐC GIA VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ VIỆT NAM"
    assert own["recipients_to"] == ["Thủ tướng Chính phủ"]
    with override_settings(VSTB_NATIONAL_BODY="Bộ Nội vụ"):
        assert _document(compiled)["recipients_to"] == ["Bộ Nội vụ"]


def test_unit_names_in_a_sentence_keep_the_proper_name_capitals(world):
    assert world.province.body_name() == "Ủy ban nhân dân thành phố Hà Nội"
    assert world.ward.body_name() == "Ủy ban nhân dân phường Bồ Đề"
    assert world.nation.name_in_sentence == "Việt Nam"
    world.ward.name = "Thị trấn Trâu Quỳ"
    assert world.ward.body_name() == "Ủy ban nhân dân thị trấn Trâu Quỳ"


# PDF -------------------------------------------------------------------------------------------


def _pdf_text(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdftotext"):
        path = tmp_path / "bao-cao.pdf"
        path.write_bytes(pdf)
        return subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(pdf))


@needs_libreoffice
def test_a_compiled_report_downloads_as_a_pdf_that_opens(world, requirement, tmp_path):
    _report(requirement, world.ward, ReportStatus.ACCEPTED)
    compiled = services.compile_report(requirement, world.district, confirm_incomplete=True)
    response = _client(world.users["district_secretariat"]).get(
        reverse("reporting:pdf", args=[compiled.pk])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="BC-du-thao-2025-' in response["Content-Disposition"]
    text = " ".join(_pdf_text(response.content, tmp_path).split())
    assert "Báo cáo sơ kết 6 tháng đầu năm 2025" in text
    assert "Ủy ban nhân dân thành phố Hà Nội" in text


def test_a_ward_report_pdf_without_libreoffice_says_so(world, requirement, monkeypatch):
    monkeypatch.setattr("vstb.documents.pdf.soffice", lambda: None)
    report = services.open_report(requirement, world.ward)
    response = _client(world.users["ward_officer"]).get(
        reverse("reporting:pdf", args=[report.pk]), follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("reporting:report", args=[report.pk])
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "chưa cài LibreOffice" in messages


# Item 14 ---------------------------------------------------------------------------------------


def test_prefill_leaves_out_activities_dated_after_today(world, requirement, monkeypatch):
    Activity.objects.create(
        unit=world.ward, kind="communication", title="Đã tổ chức", start=date(2025, 2, 1)
    )
    Activity.objects.create(
        unit=world.ward, kind="communication", title="Sắp tổ chức", start=date(2025, 5, 1)
    )
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: date(2025, 3, 1))
    results = services.open_report(requirement, world.ward).narrative["results"]
    assert "Đã tổ chức" in results and "Sắp tổ chức" not in results


def test_a_due_date_before_the_data_cutoff_is_warned_about(world):
    client = _client(world.users["district_secretariat"])
    response = client.post(
        reverse("reporting:create", args=[world.district.pk]),
        {
            "title": "Báo cáo sơ kết 6 tháng",
            "kind": "six_month",
            "period_rule": "six_month",
            "year": 2025,
            "reporters": "units",
            "due_3": "25/05/2025",
        },
        follow=True,
    )
    requirement = Requirement.objects.get(title="Báo cáo sơ kết 6 tháng")
    warnings = requirement.due_date_warnings()
    assert len(warnings) == 1 and "Nghị định 09/2019/NĐ-CP, Điều 12" in warnings[0]
    detail = client.get(reverse("reporting:requirement", args=[requirement.pk]))
    assert "due-date-warnings" in detail.content.decode()
    shown = " ".join(str(m) for m in response.context["messages"])
    assert "Nghị định 09/2019/NĐ-CP" in shown and "14/06/2025" in shown
    # After the cut-off, no warning.
    requirement.due_dates = {"3": "2025-06-16"}
    assert requirement.due_date_warnings() == []


def test_women_and_men_below_the_total_are_kept_with_a_note(world, requirement):
    report = services.open_report(requirement, world.ward)
    figure = requirement.figures.get()
    notes = services.save_report(
        report, None, report.version, {}, {figure.pk: {"total": 10, "women": 4, "men": 3}}
    )
    value = report.values.get()
    assert (value.total, value.women, value.men, value.unspecified_sex) == (10, 4, 3, 3)
    assert notes == [
        "Số lượt người tham dự: Số nữ và nam cộng lại là 7 trên tổng số 10: 3 người chưa rõ "
        "giới tính. Hãy kiểm tra lại nếu không đúng."
    ]
    report.submit(None)
    page = _client(world.users["ward_officer"]).get(reverse("reporting:report", args=[report.pk]))
    assert "sex-note" in page.content.decode()
    lines = "\n".join(
        p.text
        for p in Document(
            io.BytesIO(
                _client(world.users["ward_officer"])
                .get(reverse("reporting:docx", args=[report.pk]))
                .content
            )
        ).paragraphs
    )
    assert "(nữ: 4, nam: 3, chưa rõ giới tính: 3)" in lines


def test_the_compiled_narrative_is_vietnamese_whatever_the_sites_language(world):
    from django.utils import translation

    requirement = _requirement(world.district, reporters="units")
    _report(
        requirement,
        world.ward,
        ReportStatus.ACCEPTED,
        {"results": "Mở đầu.\n1. Công tác tuyên truyền\n- Hội nghị"},
    )
    with translation.override("en"):
        compiled = services.compile_report(requirement, world.district, confirm_incomplete=True)
    assert "Nội dung khác" in compiled.narrative["results"]
    assert "Other content" not in compiled.narrative["results"]
