"""A plan's activities, whichever way it sets them out (issue 13): each numbered activity with
the lines that say who leads it, with whom and when ("- Cơ quan chủ trì: …", "- Thời gian: Quý
II/2025"), or a table of activities with a column for each. Either way every activity is one
task with its lead, its partners and its dates, as officials wrote them in Word, and from the
same table printed to PDF."""

import io

import pytest
from docx import Document

from vstb.documents.importer import dates, import_bytes
from vstb.documents.pdf import docx_to_pdf
from vstb.documents.tests.test_import_formats import needs_libreoffice

HEAD = """\
ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BẮC KẠN                          Độc lập - Tự do - Hạnh phúc
Số: 210/KH-UBND                         Bắc Kạn, ngày 15 tháng 3 năm 2024

KẾ HOẠCH
Thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ tỉnh Bắc Kạn năm 2024

Căn cứ Luật Bình đẳng giới ngày 29/11/2006;
Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức về bình đẳng giới.
II. NHIỆM VỤ VÀ GIẢI PHÁP
"""
TAIL = """\
III. TỔ CHỨC THỰC HIỆN
Các đơn vị gửi báo cáo kết quả về Sở Lao động - Thương binh và Xã hội trước ngày 05/12.

Nơi nhận:                                    TM. ỦY BAN NHÂN DÂN
- Các sở, ngành;                                   KT. CHỦ TỊCH
- Lưu: VT.                                        PHÓ CHỦ TỊCH
                                                  Đinh Quang Tuyên
"""
# (number, activity, lead, partner, time) of each row, and what the tasks must read.
ROWS = [
    (
        "1",
        "Tổ chức hội nghị triển khai công tác bình đẳng giới năm 2024",
        "Sở Lao động - Thương binh và Xã hội",
        "Hội Liên hiệp phụ nữ tỉnh",
        "Quý I/2024",
    ),
    (
        "2",
        "Tuyên truyền Tháng hành động vì bình đẳng giới",
        "Sở Thông tin và Truyền thông",
        "Đài Phát thanh và Truyền hình tỉnh",
        "Từ ngày 15/11 đến ngày 15/12/2024",
    ),
    (
        "3",
        "Kiểm tra việc thực hiện pháp luật về bình đẳng giới",
        "Sở Lao động - Thương binh và Xã hội",
        "",
        "Trước ngày 30/9",
    ),
]
EXPECTED = [
    ("II.1", ["Sở Lao động - Thương binh và Xã hội"], ["Hội Liên hiệp phụ nữ tỉnh"], None,
     {"start": "2024-01-01", "end": "2024-03-31"}),
    ("II.2", ["Sở Thông tin và Truyền thông"], ["Đài Phát thanh và Truyền hình tỉnh"], None,
     {"start": "2024-11-15", "end": "2024-12-15"}),
    ("II.3", ["Sở Lao động - Thương binh và Xã hội"], [], "2024-09-30", None),
]  # fmt: skip
COLUMNS = ("TT", "Nội dung hoạt động", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian")


def _as_lines(rows) -> str:
    out = []
    for number, what, lead, partner, time in rows:
        out.append(f"{number}. {what}")
        out.append(f"- Cơ quan chủ trì: {lead}.")
        if partner:
            out.append(f"- Cơ quan phối hợp: {partner}.")
        out.append(f"- Thời gian thực hiện: {time}.")
    return "\n".join(out) + "\n"


def _as_pipe_table(rows) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|---|---|---|---|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _tasks(plan: dict) -> list[tuple]:
    return [
        (t["path"], t["lead"], t["support"], t["due"], t["period"])
        for t in plan["tasks"]
        if t["path"].startswith("II.")
    ]


def _read(text: str) -> dict:
    return import_bytes(text.encode("utf-8"), "ke-hoach.txt")


@pytest.mark.parametrize("body", [_as_lines, _as_pipe_table], ids=["lines", "table"])
def test_each_activity_is_one_task_with_its_lead_partners_and_dates(body):
    plan = _read(HEAD + body(ROWS) + TAIL)
    assert _tasks(plan) == EXPECTED
    assert [s["label"] for s in plan["sections"]] == ["I", "II", "III"]
    assert [c["label"] for c in plan["sections"][1]["children"]] == ["1", "2", "3"]
    assert plan["warnings"] == []


def _plan_docx(rows, merged: tuple = ()) -> bytes:
    """The plan in Word, its activities a table with its borders (Word's "Table Grid") of the
    `rows` given; `merged`: the (row, first column, last column) of cells merged across."""
    document = Document()
    for line in HEAD.splitlines():
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=len(COLUMNS))
    table.style = "Table Grid"
    for row, values in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    for row, first, last in merged:
        table.rows[row].cells[first].merge(table.rows[row].cells[last])
    for line in TAIL.splitlines():
        document.add_paragraph(line)
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


# A heading row and a row numbering the columns.
ACTIVITIES_TABLE = [COLUMNS, ("(1)", "(2)", "(3)", "(4)", "(5)"), *ROWS]
# A heading over two rows, "Đơn vị thực hiện" merged over "Chủ trì" and "Phối hợp".
MERGED_HEADING = [
    ("TT", "Nội dung", "Đơn vị thực hiện", "", "Thời gian"),
    ("", "", "Chủ trì", "Phối hợp", ""),
    *ROWS,
]


def test_a_docx_table_of_activities_with_a_heading_row_and_a_row_per_part():
    plan = import_bytes(_plan_docx(ACTIVITIES_TABLE), "ke-hoach.docx")
    assert _tasks(plan) == EXPECTED


@needs_libreoffice
def test_the_same_table_printed_to_pdf_is_read_by_its_rules():
    plan = import_bytes(docx_to_pdf(_plan_docx(ACTIVITIES_TABLE)), "ke-hoach.pdf")
    assert _tasks(plan) == EXPECTED
    assert [c["label"] for c in plan["sections"][1]["children"]] == ["1", "2", "3"]


def test_a_table_without_a_heading_row_is_read_row_by_row_and_says_so():
    table = "\n".join("| " + " | ".join(row) + " |" for row in ROWS) + "\n"
    plan = _read(HEAD + table + TAIL)
    assert any("bảng nhiều cột" in warning for warning in plan["warnings"])


def test_numbered_tasks_that_each_name_their_lead_stay_tasks_of_their_own():
    plan = _read(
        HEAD
        + "1. Tuyên truyền\n"
        + "Sở Thông tin và Truyền thông chủ trì tuyên truyền trên báo chí.\n"
        + "Hội Liên hiệp phụ nữ tỉnh chủ trì tuyên truyền tại cơ sở.\n"
        + TAIL
    )
    assert [(t["path"], t["lead"]) for t in plan["tasks"] if t["path"].startswith("II.")] == [
        ("II.1.p1", ["Sở Thông tin và Truyền thông"]),
        ("II.1.p2", ["Hội Liên hiệp phụ nữ tỉnh"]),
    ]


def test_the_last_headings_only_paragraph_is_its_text_not_the_closing():
    plan = _read(HEAD + _as_lines(ROWS) + TAIL)
    implementation = plan["sections"][-1]
    assert implementation["label"] == "III"
    assert implementation["paragraphs"] == [
        "Các đơn vị gửi báo cáo kết quả về Sở Lao động - Thương binh và Xã hội trước ngày 05/12."
    ]
    assert plan["deadlines"] == [{"what": "Báo cáo kết quả", "date": "2024-12-05"}]


@pytest.mark.parametrize(
    "text, span",
    [
        ("Thời gian: Quý II/2025", ("2025-04-01", "2025-06-30")),
        ("trong quý 3 năm 2025", ("2025-07-01", "2025-09-30")),
        ("Quý IV", ("2024-10-01", "2024-12-31")),
        ("quy I - 2025", ("2025-01-01", "2025-03-31")),
    ],
)
def test_a_quarter_is_its_three_months(text, span):
    assert dates.task_dates(text, 2024) == (None, {"start": span[0], "end": span[1]})


def test_a_word_that_starts_like_a_quarter_is_none():
    assert dates.mentions("Thực hiện quy hoạch và quy định", 2024) == []


def test_a_table_whose_heading_takes_two_rows_and_names_its_columns_otherwise():
    table = "\n".join(
        [
            "| STT | Nội dung công việc | Đơn vị thực hiện | | Thời gian thực hiện |",
            "| | | Chủ trì | Phối hợp | |",
            *("| " + " | ".join(row) + " |" for row in ROWS),
        ]
    )
    plan = _read(HEAD + table + "\n" + TAIL)
    assert _tasks(plan) == EXPECTED


def test_a_docx_tables_heading_merged_across_two_columns_keeps_the_columns_aligned():
    data = _plan_docx(MERGED_HEADING, merged=[(0, 2, 3)])
    assert _tasks(import_bytes(data, "ke-hoach.docx")) == EXPECTED


@needs_libreoffice
def test_the_merged_heading_printed_to_pdf_keeps_the_columns_its_rules_draw():
    data = _plan_docx(MERGED_HEADING, merged=[(0, 2, 3)])
    assert _tasks(import_bytes(docx_to_pdf(data), "ke-hoach.pdf")) == EXPECTED
