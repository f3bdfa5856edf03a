"""`vstb bench render`: a 20-page plan to DOCX and to PDF.

Data: `twenty_page_plan()`, a synthetic vstb.plan/1 document of a province People's
Committee: four roman parts, each with numbered sections of "-" items, in realistic
Vietnamese sentences; rendered with render_docx it fills 20 A4 pages at 14 pt
(docs/benchmarks.md gives the count LibreOffice lays out). Cases:

- docx-20-pages: `render_docx(plan)` against python-docx writing the same paragraphs
  (`layout.document_text_lines(plan)`) into a blank Document with no styling.
- pdf-20-pages: `docx_to_pdf(render_docx(plan))` against `docx_to_pdf` of the unstyled
  baseline DOCX (each side builds its DOCX, then LibreOffice converts it the same way, with
  a fresh profile), so the ratio is what the styled layout costs LibreOffice. Skipped, with
  a line on stderr, when LibreOffice is not installed.

The benchmark touches no database; the command still makes one (`--database` is accepted
and reported), and `queries` confirms that rendering runs none.
"""

import hashlib
import io
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator

from django.db import connections
from docx import Document

from vstb.bench.common import REPETITIONS, StatementCounter, compare, count_queries, result
from vstb.documents import layout
from vstb.documents.docx import render_docx
from vstb.documents.pdf import docx_to_pdf, soffice
from vstb.documents.readback import docx_text_lines

BENCH = "render"

# Parts (I–IV), each with one numbered section per entry of ITEMS holding that many "-"
# items (152 items in all); tuned so that the rendered document is 20 full A4 pages
# (LibreOffice's layout, counted with pdfinfo: docs/benchmarks.md).
PARTS = 4
ITEMS = (7, 6, 6, 7, 6, 6)
PAGES = 20

# Per body paragraph the styled writer makes 13 XML elements where the baseline makes 3
# (w:p, w:r, w:t), and costs about 4.3 times as much (418 against 97 µs); the header
# table, rules and page-number field are a fixed 15 ms, and loading the template and saving
# are common to both. The whole document cannot cost more than that per-paragraph factor
# unless something besides the formatting Decree 30 asks for has grown (docs/benchmarks.md).
DOCX_GOAL_RATIO = 4.5
# Starting LibreOffice with a fresh profile costs both sides the same 1.3 s or so; laying
# out the styled 20 pages (tables, borders, a PAGE field) should add little to it.
PDF_GOAL_RATIO = 1.5
DOCX_REPETITIONS = {"small": 3, "national": REPETITIONS["national"]}
DOCX_WARMUP = {"small": 1, "national": 3}
PDF_REPETITIONS = {"small": 1, "national": 3}
PDF_WARMUP = {"small": 0, "national": 1}


# Synthetic text ----------------------------------------------------------------------------

_OPENERS = (
    "Tổ chức",
    "Đẩy mạnh",
    "Tăng cường",
    "Triển khai",
    "Chủ trì, phối hợp tổ chức",
    "Rà soát, đánh giá",
    "Kiện toàn và nâng cao hiệu quả",
    "Hướng dẫn, đôn đốc",
    "Nghiên cứu, đề xuất",
    "Duy trì và nhân rộng",
    "Lồng ghép",
)
_OBJECTS = (
    "công tác tuyên truyền, phổ biến Luật Bình đẳng giới và các văn bản hướng dẫn thi hành",
    "hoạt động của Ban Vì sự tiến bộ của phụ nữ các cấp",
    "các mô hình hỗ trợ phụ nữ khởi nghiệp, phát triển kinh tế hộ gia đình",
    "công tác thống kê, thu thập và cập nhật số liệu về giới theo bộ chỉ tiêu thống kê quốc gia",
    "việc quy hoạch, đào tạo, bồi dưỡng và bổ nhiệm cán bộ nữ",
    "các dịch vụ hỗ trợ, tư vấn cho phụ nữ và trẻ em gái bị bạo lực trên cơ sở giới",
    "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
    "công tác kiểm tra, giám sát việc thực hiện các mục tiêu của Chiến lược quốc gia về bình đẳng giới",
    "các lớp tập huấn nâng cao năng lực cho đội ngũ cán bộ làm công tác bình đẳng giới",
    "việc chuyển đổi số trong quản lý, báo cáo công tác vì sự tiến bộ của phụ nữ",
    "các hoạt động biểu dương, khen thưởng tập thể và cá nhân điển hình tiên tiến",
    "chính sách hỗ trợ phụ nữ vùng dân tộc thiểu số, vùng sâu, vùng xa",
    "việc lồng ghép vấn đề bình đẳng giới trong xây dựng văn bản quy phạm pháp luật",
)
_SCOPES = (
    "đến cán bộ, công chức, viên chức và người lao động trên địa bàn tỉnh",
    "tại các sở, ban, ngành, đoàn thể cấp tỉnh và Ủy ban nhân dân các huyện, thị xã, thành phố",
    "trong các cơ quan, đơn vị, doanh nghiệp và cộng đồng dân cư",
    "ở cơ sở, chú trọng các xã khó khăn và khu vực có đông đồng bào dân tộc thiểu số",
    "cho hội viên, đoàn viên và các tầng lớp nhân dân",
    "trong các trường học, cơ sở giáo dục nghề nghiệp và cơ sở y tế",
)
_PURPOSES = (
    "nhằm nâng cao nhận thức, thay đổi hành vi về bình đẳng giới trong gia đình và xã hội",
    "góp phần thực hiện thắng lợi các chỉ tiêu về bình đẳng giới đã đề ra",
    "bảo đảm sự tham gia bình đẳng của phụ nữ trong lĩnh vực chính trị, kinh tế, văn hóa, xã hội",
    "tạo điều kiện để phụ nữ tiếp cận đầy đủ các nguồn lực và cơ hội phát triển",
    "kịp thời phát hiện, xử lý các vướng mắc, khó khăn phát sinh trong quá trình thực hiện",
    "từng bước thu hẹp khoảng cách giới trong các ngành, lĩnh vực còn bất bình đẳng",
    "phục vụ công tác chỉ đạo, điều hành và báo cáo định kỳ theo quy định",
)
_TIMES = (
    "thời gian thực hiện: trong năm 2026",
    "thời gian thực hiện: quý II và quý III năm 2026",
    "thời gian thực hiện: từ ngày 15/11 đến ngày 15/12/2026",
    "định kỳ 6 tháng và hằng năm báo cáo kết quả về Sở Lao động - Thương binh và Xã hội",
    "hoàn thành trước ngày 30/6/2026",
    "thực hiện thường xuyên, báo cáo kết quả trước ngày 15/12/2026",
)
_HEADINGS = (
    "Công tác chỉ đạo, điều hành",
    "Công tác thông tin, truyền thông",
    "Công tác đào tạo, bồi dưỡng cán bộ nữ",
    "Phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
    "Công tác kiểm tra, giám sát",
    "Công tác phối hợp liên ngành",
    "Hỗ trợ phụ nữ phát triển kinh tế",
    "Công tác thống kê và chuyển đổi số",
)
PART_TITLES = (
    ("MỤC ĐÍCH, YÊU CẦU", "purpose"),
    ("NHIỆM VỤ VÀ GIẢI PHÁP", "tasks"),
    ("KINH PHÍ THỰC HIỆN", "funding"),
    ("TỔ CHỨC THỰC HIỆN", "implementation"),
    ("CHẾ ĐỘ THÔNG TIN, BÁO CÁO", "other"),
)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")


def sentence(index: int) -> str:
    """A plausible body sentence of a plan on women's advancement, different for each index
    (the parts rotate at coprime strides), and always the same for the same index."""
    opener = _OPENERS[index % len(_OPENERS)]
    thing = _OBJECTS[(index * 5) % len(_OBJECTS)]
    scope = _SCOPES[(index * 7) % len(_SCOPES)]
    purpose = _PURPOSES[(index * 3) % len(_PURPOSES)]
    time = _TIMES[(index * 11) % len(_TIMES)]
    return f"{opener} {thing} {scope}, {purpose}; {time}."


def heading(index: int) -> str:
    return _HEADINGS[index % len(_HEADINGS)]


def twenty_page_plan(parts: int = PARTS, items: tuple[int, ...] = ITEMS) -> dict:
    """The benchmark's plan as a vstb.plan/1 dict: `parts` roman parts, each with one
    numbered section of `count` "-" items for each count in `items`, with a full header,
    preamble and closing."""
    sections = len(items)
    body = []
    counter = 0
    for p in range(parts):
        title, kind = PART_TITLES[p % len(PART_TITLES)]
        children = []
        for s, count in enumerate(items):
            dashes = []
            for _ in range(count):
                dashes.append({"label": "-", "kind": kind, "paragraphs": [sentence(counter)]})
                counter += 1
            children.append(
                {
                    "label": str(s + 1),
                    "title": heading(p * sections + s),
                    "kind": kind,
                    "children": dashes,
                }
            )
        body.append({"label": ROMAN[p], "title": title, "kind": kind, "children": children})
    return {
        "schema": "vstb.plan/1",
        "doc_type": "KH",
        "number": "45",
        "symbol": "KH-UBND",
        "issuer": {"parent": None, "name": "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM"},
        "place": "Thử Nghiệm",
        "date": "2026-01-15",
        "title": "KẾ HOẠCH",
        "subject": "Thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ "
        "tỉnh Thử Nghiệm năm 2026",
        "year": 2026,
        "preamble": [
            "Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;",
            "Căn cứ Nghị quyết số 28/NQ-CP ngày 03 tháng 3 năm 2021 của Chính phủ ban hành "
            "Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030;",
            "Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện công tác bình đẳng giới và vì "
            "sự tiến bộ của phụ nữ năm 2026 như sau:",
        ],
        "sections": body,
        "recipients": [
            "Bộ Lao động - Thương binh và Xã hội (b/c)",
            "Ủy ban Quốc gia vì sự tiến bộ của phụ nữ Việt Nam (b/c)",
            "TT Tỉnh ủy, TT HĐND tỉnh (b/c)",
            "Chủ tịch, các PCT UBND tỉnh",
            "Các sở, ban, ngành, đoàn thể cấp tỉnh",
            "UBND các huyện, thị xã, thành phố",
            "Lưu: VT, VX",
        ],
        "signer": {
            "lines": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
            "name": "Nguyễn Văn Thử",
        },
    }


# The committees' other documents (issue 17) -------------------------------------------------

DECISION_MEMBERS = 60
LETTER_PARAGRAPHS = 12  # 3 A4 pages (LibreOffice's layout, docs/benchmarks.md)
MINUTES_PARAGRAPHS = 44  # 10 A4 pages
_NAMES = ("Nguyễn Thị", "Trần Văn", "Lê Thị", "Phạm Văn", "Hoàng Thị", "Vũ Văn", "Đặng Thị")
_GIVEN = ("An", "Bình", "Chi", "Dũng", "Hà", "Khánh", "Lan", "Minh", "Ngọc", "Phúc", "Quyên")


def _header(doc_type: str, symbol: str, title, subject: str) -> dict:
    plan = twenty_page_plan(parts=0)
    plan.update(
        doc_type=doc_type, symbol=symbol, title=title, subject=subject, preamble=[], sections=[]
    )
    return plan


def decision_of_members(members: int = DECISION_MEMBERS) -> dict:
    """A province's decision reconstituting its committee with `members` members (Mẫu 1.1:
    authority, bases, "QUYẾT ĐỊNH:", four articles, the first listing every member)."""
    plan = _header(
        "QĐ", "QĐ-UBND", "QUYẾT ĐỊNH", "Về việc kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh"
    )
    listed = [
        {
            "label": str(i + 1),
            "kind": "other",
            "paragraphs": [
                f"{'Bà' if i % 2 else 'Ông'} {_NAMES[i % len(_NAMES)]} "
                f"{_GIVEN[(i * 3) % len(_GIVEN)]}, {heading(i)}, "
                f"{'Trưởng ban' if i == 0 else 'Thành viên'};"
            ],
        }
        for i in range(members)
    ]
    plan.update(
        authority="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM",
        preamble=[
            "Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;",
            "Căn cứ Quyết định số 1855/QĐ-TTg ngày 11 tháng 11 năm 2009 của Thủ tướng Chính phủ;",
            "Theo đề nghị của Giám đốc Sở Nội vụ.",
        ],
        sections=[
            {
                "label": "Điều 1",
                "kind": "other",
                "paragraphs": ["Kiện toàn Ban gồm các ông, bà có tên sau:"],
                "children": listed,
            },
            {"label": "Điều 2", "kind": "other", "paragraphs": [sentence(1)]},
            {"label": "Điều 3", "kind": "other", "paragraphs": [sentence(2)]},
            {"label": "Điều 4", "kind": "other", "paragraphs": [sentence(3)]},
        ],
    )
    return plan


def letter_of(paragraphs: int = LETTER_PARAGRAPHS) -> dict:
    """An official letter ("V/v" under the number, "Kính gửi", no type name) of
    `paragraphs` body paragraphs."""
    plan = _header("CV", "UBND-VX", None, "triển khai công tác bình đẳng giới năm 2026")
    plan.update(
        recipients_to=["Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các xã, phường"],
        sections=[
            {
                "label": None,
                "kind": "other",
                "paragraphs": [f"{sentence(i)} {sentence(i + 7)}" for i in range(paragraphs)],
            }
        ],
    )
    return plan


def minutes_of(paragraphs: int = MINUTES_PARAGRAPHS) -> dict:
    """Minutes of a committee meeting (Mẫu 1.8): parts with paragraphs, signed by the
    secretary and the chair."""
    plan = _header("BB", "BB-BVSTBPN", "BIÊN BẢN", "Phiên họp sơ kết 6 tháng đầu năm 2026")
    per_part = max(paragraphs // 5, 1)
    plan.update(
        sections=[
            {
                "label": ROMAN[p],
                "title": heading(p),
                "kind": "other",
                "paragraphs": [
                    f"{sentence(p * per_part + i)} {sentence(p * per_part + i + 3)}"
                    for i in range(per_part)
                ],
            }
            for p in range(5)
        ],
        signer={"lines": ["CHỦ TỌA"], "name": "Nguyễn Văn Thử"},
        countersigner={"lines": ["THƯ KÝ"], "name": "Lê Thị Ghi"},
    )
    return plan


DOCUMENT_CASES = {
    "docx-decision-60-members": decision_of_members,
    "docx-letter-3-pages": letter_of,
    "docx-minutes-10-pages": minutes_of,
}


# The baseline ------------------------------------------------------------------------------


def unstyled_docx(plan: dict) -> bytes:
    """The same paragraphs as render_docx writes, into python-docx's blank template, with
    no styling: one add_paragraph per line."""
    document = Document()
    for line in layout.document_text_lines(plan):
        document.add_paragraph(line)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def pdf_pages(pdf: bytes) -> int:
    """The page count of a PDF: pypdf if installed, else poppler's pdfinfo, else the
    number of page objects (LibreOffice writes them uncompressed)."""
    try:
        from pypdf import PdfReader
    except ImportError:
        PdfReader = None
    if PdfReader is not None:
        return len(PdfReader(io.BytesIO(pdf)).pages)
    if shutil.which("pdfinfo"):
        info = subprocess.run(
            ["pdfinfo", "-"], input=pdf, capture_output=True, check=True, timeout=60
        ).stdout.decode(errors="replace")
        match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
        if match:
            return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


# The run -----------------------------------------------------------------------------------


def run(scale: str, alias: str) -> Iterator[dict]:
    common = {"bench": BENCH, "scale": scale, "alias": alias}
    plan = twenty_page_plan()
    lines = layout.document_text_lines(plan)

    # 1. DOCX. Both sides must write the same words, or the comparison means nothing.
    styled = render_docx(plan)
    if docx_text_lines(styled) != lines or docx_text_lines(unstyled_docx(plan)) != lines:
        raise RuntimeError("docx-20-pages: the two sides do not write the same paragraphs")
    queries = count_queries(lambda: render_docx(plan), alias)
    ms, baseline_ms = compare(
        lambda: render_docx(plan),
        lambda: unstyled_docx(plan),
        DOCX_REPETITIONS[scale],
        warmup=DOCX_WARMUP[scale],
    )
    yield result(
        case="docx-20-pages",
        ms=ms,
        baseline_ms=baseline_ms,
        goal_ratio=DOCX_GOAL_RATIO,
        queries=queries,
        rows=len(lines),
        **common,
    )

    # 2. The other types of document, the same way.
    for case, make in DOCUMENT_CASES.items():
        document = make()
        lines = layout.document_text_lines(document)
        if docx_text_lines(render_docx(document)) != lines:
            raise RuntimeError(f"{case}: the rendering does not read back as its layout")
        ms, baseline_ms = compare(
            lambda document=document: render_docx(document),
            lambda document=document: unstyled_docx(document),
            DOCX_REPETITIONS[scale],
            warmup=DOCX_WARMUP[scale],
        )
        yield result(
            case=case,
            ms=ms,
            baseline_ms=baseline_ms,
            goal_ratio=DOCX_GOAL_RATIO,
            queries=count_queries(lambda document=document: render_docx(document), alias),
            rows=len(lines),
            **common,
        )

    # 3. PDF, through LibreOffice.
    if soffice() is None:
        print(
            "render: pdf-20-pages skipped: LibreOffice (soffice) is not installed "
            "(Debian: libreoffice-writer-nogui fonts-liberation2)",
            file=sys.stderr,
        )
        return
    made = {"runs": 0}
    counter = StatementCounter()  # statements of the measured side, over all its runs

    def styled_pdf():
        with connections[alias].execute_wrapper(counter):
            made["pdf"] = docx_to_pdf(render_docx(plan))
        made["runs"] += 1

    ms, baseline_ms = compare(
        styled_pdf,
        lambda: docx_to_pdf(unstyled_docx(plan)),
        PDF_REPETITIONS[scale],
        warmup=PDF_WARMUP[scale],
    )
    yield result(
        case="pdf-20-pages",
        ms=ms,
        baseline_ms=baseline_ms,
        goal_ratio=PDF_GOAL_RATIO,
        queries=counter.count // made["runs"],
        rows=pdf_pages(made["pdf"]),
        **common,
    )

    # 4. Signing that PDF digitally (informational): against hashing it, which any signature
    # does first; the certificate is the tests' throwaway authority's (EC P-256).
    from vstb.documents.signing import sign_pdf
    from vstb.documents.tests import certificates

    identity, roots = certificates.identity(), [certificates.root_certificate()]
    pdf = made["pdf"]
    ms, baseline_ms = compare(
        lambda: sign_pdf(pdf, identity, reason="Bench", location="Thử Nghiệm", trust_roots=roots),
        lambda: hashlib.sha256(pdf).hexdigest(),
        DOCX_REPETITIONS[scale],
        warmup=DOCX_WARMUP[scale],
    )
    yield result(
        case="sign-pdf-20-pages",
        ms=ms,
        baseline_ms=baseline_ms,
        goal_ratio=None,
        queries=0,
        rows=pdf_pages(pdf),
        **common,
    )
