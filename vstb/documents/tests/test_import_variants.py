"""Documents written for these tests (not the seeds): other localities and levels, sections
renumbered, reordered or missing, a report, a decision issuing a plan; the main fields must come
out right."""

import pytest

from vstb.documents.importer import import_file

PROVINCE_PLAN = """\
ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH GIA LAI                              Độc lập - Tự do - Hạnh phúc
Số: 45/KH-UBND                        Gia Lai, ngày 05 tháng 3 năm 2024

KẾ HOẠCH
Thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ tỉnh Gia Lai năm 2024

Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;
Căn cứ Quyết định số 1790/QĐ-BLĐTBXH ngày 15/12/2023 của Bộ Lao động - Thương binh và Xã hội về việc ban hành kế hoạch công tác năm 2024;
Thực hiện Kế hoạch số 180/KH-BVSTBPN ngày 18/5/2023 của Ban Vì sự tiến bộ của phụ nữ tỉnh và Công văn số 12/UBQG-VP ngày 10/01/2024 của Ủy ban Quốc gia Vì sự tiến bộ của phụ nữ Việt Nam;
Theo đề nghị của Sở Lao động - Thương binh và Xã hội tại Tờ trình số 25/TTr-SLĐTBXH ngày 20/02/2024,
Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện công tác bình đẳng giới năm 2024 như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao nhận thức của cán bộ, công chức và nhân dân về bình đẳng giới.
2. Yêu cầu
Các sở, ban, ngành, địa phương chủ động triển khai có hiệu quả.

II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Công tác truyền thông
a) Tổ chức các hoạt động hưởng ứng Tháng hành động quốc gia về phòng, chống bạo lực gia đình (tháng 6/2024).
b) Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Hội Liên hiệp Phụ nữ tỉnh tổ chức hội thi tìm hiểu pháp luật về bình đẳng giới nhân dịp ngày Phụ nữ Việt Nam 20/10.
2. Công tác kiểm tra
- Kiểm tra việc thực hiện pháp luật về bình đẳng giới tại UBND các huyện, thị xã, thành phố.
- Tổng hợp báo cáo kết quả gửi Ủy ban nhân dân tỉnh trước ngày 05/12.

III. KINH PHÍ THỰC HIỆN
Kinh phí thực hiện từ nguồn ngân sách nhà nước năm 2024.

IV. TỔ CHỨC THỰC HIỆN
1. Sở Lao động - Thương binh và Xã hội
- Chủ trì, hướng dẫn các sở, ngành triển khai Kế hoạch này.
- Tổng hợp báo cáo 6 tháng trước ngày 15/6/2024.
2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh
Phối hợp tuyên truyền, vận động hội viên thực hiện bình đẳng giới.
3. UBND các huyện, thị xã, thành phố
Xây dựng kế hoạch triển khai tại địa phương, gửi về Sở Lao động - Thương binh và Xã hội trước ngày 30/3/2024.

Trên đây là Kế hoạch thực hiện công tác bình đẳng giới năm 2024 của UBND tỉnh Gia Lai./.

Nơi nhận:                                    TM. ỦY BAN NHÂN DÂN
- Bộ Lao động - TB&XH (b/c);                        KT. CHỦ TỊCH
- TT Tỉnh ủy, TT HĐND tỉnh;                          PHÓ CHỦ TỊCH
- Các sở, ban, ngành;
- UBND các huyện, thị xã, thành phố;
- Lưu: VT, KGVX.                                  Nguyễn Thị Thanh Lịch
"""

WARD_PLAN = """\
| UBND QUẬN LONG BIÊN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
|---|---|
| **ỦY BAN NHÂN DÂN PHƯỜNG BỒ ĐỀ** | **Độc lập - Tự do - Hạnh phúc** |
| Số: 12 /KH-UBND | *Bồ Đề, ngày    tháng 6 năm 2023* |

# KẾ HOẠCH

## Tổ chức Tháng hành động vì bình đẳng giới trên địa bàn phường năm 2023

Thực hiện Kế hoạch số 95/KH-UBND ngày 02/6/2023 của UBND quận Long Biên về việc tổ chức Tháng hành động vì bình đẳng giới năm 2023, UBND phường Bồ Đề xây dựng kế hoạch như sau:

## II. NỘI DUNG HOẠT ĐỘNG

**1. Truyền thông**

- Treo băng rôn, khẩu hiệu hưởng ứng Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới từ ngày 15/11 đến ngày 15/12/2023 tại các tuyến phố chính.
- Đài truyền thanh phường phát tin bài 2 lần/tuần.

**3. Hội thi**

Phối hợp với Hội LHPN phường tổ chức hội thi “Phụ nữ với pháp luật” vào ngày 25/11/2023.

## I. TỔ CHỨC THỰC HIỆN

1. Công chức Văn hóa - Xã hội: tham mưu UBND phường triển khai Kế hoạch; tổng hợp báo cáo kết quả gửi UBND quận trước ngày 20/12.

2. Đề nghị Hội Liên hiệp phụ nữ phường (*phối hợp*)

- Vận động hội viên tham gia hội thi.

Nơi nhận:
- UBND quận (để b/c);
- Phòng LĐTBXH quận;
- Lưu: VP.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

(Đã ký)

Trần Văn Bình
"""

REPORT = """\
ỦY BAN NHÂN DÂN PHƯỜNG NGỌC LÂM
Số: 58/BC-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Ngọc Lâm, ngày 20 tháng 5 năm 2025

BÁO CÁO
Kết quả thực hiện công tác bình đẳng giới 6 tháng đầu năm 2025

Kính gửi: Ban Vì sự tiến bộ của phụ nữ quận Long Biên.

Thực hiện Kế hoạch số 45/KH-UBND ngày 10/01/2025 của UBND quận Long Biên, UBND phường Ngọc Lâm báo cáo kết quả như sau:

I. KẾT QUẢ THỰC HIỆN
1. Công tác tuyên truyền
Tổ chức 05 buổi tuyên truyền với 350 lượt người tham dự.
2. Công tác kiện toàn
Kiện toàn Ban Vì sự tiến bộ của phụ nữ phường theo Quyết định số 12/QĐ-UBND ngày 15/02/2025.
II. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM
- Tổ chức các hoạt động nhân ngày Phụ nữ Việt Nam 20/10.
- Triển khai Tháng hành động vì bình đẳng giới từ ngày 15/11 đến ngày 15/12/2025.

Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lê Thị Hoa
"""

DECISION_WITH_PLAN = """\
BỘ TƯ PHÁP
Số: 4155QĐ/ BTP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 28 tháng 12 năm 2023
QUYẾT ĐỊNH
Về việc BANHÀNH Kếhoạch công tác bình đẳng giới năm 2024
BỘ TRƯỞNG BỘ TƯ PHÁP
Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;
Theo đề nghị của Vụ trưởng Vụ Tổ chức cán bộ,
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch công tác bình đẳng giới năm 2024 của Bộ Tư pháp.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Nơi nhận:
- Như Điều 2;
- Lưu: VT, TCCB.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Thanh Tịnh

BỘ TƯ PHÁP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
KẾ HOẠCH
Công tác bình đẳng giới năm 2024
(Ban hành kèm theo Quyết định số 4155/QĐ-BTP ngày 28/12/2023 của Bộ trưởng Bộ Tư pháp)
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức về bình đẳng giới trong cơquan Bộ.
II. NHIỆM VỤ
1. Vụ Tổ chức cán bộ chủ trì tổ chức tập huấn về lồng ghép giới trong tháng 9/2024.
2. Các đơn vị thuộc Bộ báo cáo kết quả trước ngày 05/12.
"""


def load(text: str, name: str) -> dict:
    return import_file(text.encode("utf-8"), name)


def test_province_plan():
    plan = load(PROVINCE_PLAN, "gia-lai.txt")
    assert plan["issuer"] == {"parent": None, "name": "ỦY BAN NHÂN DÂN TỈNH GIA LAI"}
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("KH", "45", "KH-UBND")
    assert (plan["place"], plan["date"], plan["year"]) == ("Gia Lai", "2024-03-05", 2024)
    assert plan["subject"].startswith("Thực hiện công tác bình đẳng giới")
    assert [(b["doc_type"], b["number"]) for b in plan["bases"]] == [
        (None, None),  # the law, named by title and date
        ("QĐ", "1790"),
        ("KH", "180"),
        ("CV", "12"),
    ]  # "Theo đề nghị của …" is a proposal, not a basis
    assert [(s["label"], s["kind"]) for s in plan["sections"]] == [
        ("I", "purpose"),
        ("II", "tasks"),
        ("III", "funding"),
        ("IV", "implementation"),
        (None, "other"),
    ]
    task = {t["path"]: t for t in plan["tasks"]}
    assert task["II.1.a"]["period"] == {"start": "2024-06-01", "end": "2024-06-30"}
    assert task["II.1.b"]["lead"] == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert task["II.1.b"]["support"] == ["Hội Liên hiệp Phụ nữ tỉnh"]
    assert task["II.1.b"]["due"] == "2024-10-20"
    assert task["II.2.-1"]["units"] == ["UBND các huyện, thị xã, thành phố"]
    assert task["II.2.-2"]["due"] == "2024-12-05"  # "trước ngày 05/12": the document's year
    assert [a["agency"] for a in plan["assignments"]] == [
        "Sở Lao động - Thương binh và Xã hội",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "UBND các huyện, thị xã, thành phố",
    ]
    assert {"what": "Báo cáo kết quả", "date": "2024-12-05"} in plan["deadlines"]
    assert {"name": "ngày Phụ nữ Việt Nam", "start": "2024-10-20", "end": "2024-10-20"} in (
        plan["events"]
    )
    assert plan["recipients"][-1] == "Lưu: VT, KGVX"
    assert plan["signer"] == {
        "lines": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        "name": "Nguyễn Thị Thanh Lịch",
    }
    assert plan["warnings"] == []


def test_ward_plan_reordered_with_missing_sections_and_markdown_table():
    plan = load(WARD_PLAN, "bo-de.md")
    assert plan["issuer"] == {
        "parent": "UBND QUẬN LONG BIÊN",
        "name": "ỦY BAN NHÂN DÂN PHƯỜNG BỒ ĐỀ",
    }
    assert (plan["number"], plan["symbol"]) == ("12", "KH-UBND")
    assert (plan["date"], plan["date_partial"], plan["year"]) == (None, "2023-06", 2023)
    # The document's own order and numbers, even when they skip or go backwards.
    assert [(s["label"], s["kind"]) for s in plan["sections"]] == [
        ("II", "tasks"),
        ("I", "implementation"),
    ]
    assert [c["label"] for c in plan["sections"][0]["children"]] == ["1", "3"]
    task = {t["path"]: t for t in plan["tasks"]}
    assert task["II.1.-1"]["period"] == {"start": "2023-11-15", "end": "2023-12-15"}
    assert task["II.3"]["support"] == ["Hội LHPN phường"]
    assert task["II.3"]["due"] == "2023-11-25"
    assert task["I.1"]["lead"] == ["Công chức Văn hóa - Xã hội"]
    assert task["I.2.-1"]["lead"] == ["Hội Liên hiệp phụ nữ phường"]
    assert plan["deadlines"] == [
        {"what": "Báo cáo kết quả của Công chức Văn hóa - Xã hội", "date": "2023-12-20"}
    ]
    assert plan["signer"] == {"lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "name": "Trần Văn Bình"}
    assert plan["recipients"] == ["UBND quận (để b/c)", "Phòng LĐTBXH quận", "Lưu: VP"]


def test_six_month_report():
    plan = load(REPORT, "bao-cao.txt")
    assert (plan["doc_type"], plan["number"], plan["symbol"]) == ("BC", "58", "BC-UBND")
    assert plan["issuer"] == {"parent": None, "name": "ỦY BAN NHÂN DÂN PHƯỜNG NGỌC LÂM"}
    assert plan["title"] == "BÁO CÁO"
    assert plan["recipients_to"] == ["Ban Vì sự tiến bộ của phụ nữ quận Long Biên"]
    assert plan["bases"][0]["symbol"] == "KH-UBND"
    assert [(s["label"], s["kind"]) for s in plan["sections"]] == [("I", "other"), ("II", "tasks")]
    assert [t["path"] for t in plan["tasks"]] == ["II.-1", "II.-2"]
    assert [e["start"] for e in plan["events"]] == ["2025-10-20", "2025-11-15"]
    assert plan["signer"]["name"] == "Lê Thị Hoa"
    assert any("Báo cáo (BC)" in w for w in plan["warnings"])


def test_decision_issuing_a_plan():
    plan = load(DECISION_WITH_PLAN, "quyet-dinh.txt")
    assert (plan["doc_type"], plan["title"]) == ("KH", "KẾ HOẠCH")
    assert plan["subject"] == "Công tác bình đẳng giới năm 2024"
    assert (plan["place"], plan["date"], plan["year"]) == ("Hà Nội", "2023-12-28", 2024)
    assert plan["issuer"]["name"] == "BỘ TƯ PHÁP"
    assert plan["bases"][0]["symbol"] == "QĐ-BTP" and plan["bases"][0]["number"] == "4155"
    assert plan["tasks"][0]["lead"] == ["Vụ Tổ chức cán bộ"]
    assert plan["tasks"][0]["period"] == {"start": "2024-09-01", "end": "2024-09-30"}
    assert plan["deadlines"] == [{"what": "Báo cáo kết quả", "date": "2024-12-05"}]
    assert plan["signer"] == {"lines": ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"], "name": "Nguyễn Thanh Tịnh"}
    text = " ".join(plan["warnings"])
    assert "Quyết định số 4155/QĐ-BTP" in text
    assert "dính liền" in text  # "BANHÀNH", "Kếhoạch", "cơquan"


@pytest.mark.parametrize("renumber", [False, True])
def test_seed_renumbered_and_trimmed(renumber):
    """The Long Biên seed with its purpose section cut out and, once, its sections renumbered
    and a funding section added: the remaining tasks keep their agencies and dates."""
    from vstb.documents.plan_schema import SEEDS_DIR

    text = (SEEDS_DIR / "longbien-2025-ke-hoach.txt").read_text(encoding="utf-8")
    start, end = text.index("I. MỤC ĐÍCH"), text.index("II. NỘI DUNG")
    text = text[:start] + text[end:]
    if renumber:
        text = text.replace("II. NỘI DUNG THỰC HIỆN", "1. NHIỆM VỤ").replace(
            "III. TỔ CHỨC, THỰC HIỆN",
            "2. KINH PHÍ\n\nTừ ngân sách quận năm 2025.\n\n3. TỔ CHỨC THỰC HIỆN",
        )
    plan = load(text, "long-bien.txt")
    top = "1" if renumber else "II"
    implementation = "3" if renumber else "III"
    assert plan["sections"][0]["label"] == top
    assert [s["kind"] for s in plan["sections"]][-2:] == ["implementation", "other"]
    task = {t["path"]: t for t in plan["tasks"]}
    assert task[f"{implementation}.3.-1"]["lead"] == ["Phòng Nội vụ quận"]
    assert task[f"{implementation}.11.-1"]["due"] == "2025-02-15"
    assert task[f"{top}.3.-3"]["period"] == {"start": "2025-11-15", "end": "2025-12-15"}
    assert len(plan["assignments"]) == 11
    assert [d["date"] for d in plan["deadlines"]] == ["2025-02-15", "2025-05-25", "2025-11-25"]
