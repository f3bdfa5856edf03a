"""The importer's extractors, one by one, on the variants officials write."""

import pytest

from vstb.documents.importer import agencies, dates
from vstb.documents.importer.parse import (
    Para,
    bases,
    build_sections,
    glued_words,
    issuer,
    number_and_symbol,
    parse_lines,
    place_and_date,
    prepare,
    recipients,
    recipients_to,
    section_kind,
    section_label,
    signer,
    title_type,
)
from vstb.documents.importer.read import Line


def lines(text: str) -> list[Line]:
    return [Line(line) for line in text.split("\n")]


# --------------------------------------------------------------------------- number and symbol


@pytest.mark.parametrize(
    "line, number, symbol, doc_type",
    [
        ("Số: 02 /CTr-BVSTBPN", "02", "CTr-BVSTBPN", "CTr"),
        ("Số: 02/CTr-BVSTBPN", "02", "CTr-BVSTBPN", "CTr"),
        ("Số: /KH-UBND", None, "KH-UBND", "KH"),
        ("Số:      /KH-UBND", None, "KH-UBND", "KH"),
        ("Số: 123/2024/QĐ-UBND", "123", "2024/QĐ-UBND", "QĐ"),
        ("Số: 58/BC-UBND", "58", "BC-UBND", "BC"),
        ("So: 45/KH-UBND", "45", "KH-UBND", "KH"),
        ("Số: 215/UBND-VX", "215", "UBND-VX", None),
        ("Số 07/KH-UBND", "07", "KH-UBND", "KH"),
    ],
)
def test_number_and_symbol(line, number, symbol, doc_type):
    found = number_and_symbol(line)
    assert (found["number"], found["symbol"], found["doc_type"]) == (number, symbol, doc_type)
    assert found["warning"] is None


def test_number_glued_to_the_type_is_read_and_flagged():
    found = number_and_symbol("Số: 4155QĐ/ BTP")
    assert (found["number"], found["symbol"], found["doc_type"]) == ("4155", "QĐ-BTP", "QĐ")
    assert "4155" in found["warning"] and "QĐ-BTP" in found["warning"]


@pytest.mark.parametrize("line", ["Sở Lao động - Thương binh và Xã hội", "Số liệu thống kê", ""])
def test_not_a_number_line(line):
    assert number_and_symbol(line) is None


# --------------------------------------------------------------------------- place and date


@pytest.mark.parametrize(
    "line, place, iso, partial",
    [
        ("Hải Phòng, ngày 14 tháng 4 năm 2022", "Hải Phòng", "2022-04-14", None),
        ("Bỉm Sơn, ngày 23 tháng 5 năm 2017", "Bỉm Sơn", "2017-05-23", None),
        ("Long Biên, ngày tháng năm 2025", "Long Biên", None, "2025"),
        ("Long Biên, ngày      tháng      năm 2025", "Long Biên", None, "2025"),
        ("Bồ Đề, ngày   tháng 6 năm 2023", "Bồ Đề", None, "2023-06"),
        ("Hà Nội, ngày … tháng … năm 2024", "Hà Nội", None, "2024"),
        ("Gia Lai, ngày 05/3/2024", "Gia Lai", "2024-03-05", None),
        ("TP. Hồ Chí Minh, ngày 01 tháng 02 năm 2024", "TP. Hồ Chí Minh", "2024-02-01", None),
        ("Ha Noi, ngay 5 thang 12 nam 2024", "Ha Noi", "2024-12-05", None),
        ("Hải Phòng, ngày14tháng4năm2022", "Hải Phòng", "2022-04-14", None),
        ("Ngày 20 tháng 10 năm 2025", None, "2025-10-20", None),
    ],
)
def test_place_and_date(line, place, iso, partial):
    assert place_and_date(line) == {"place": place, "date": iso, "date_partial": partial}


@pytest.mark.parametrize(
    "line",
    [
        "Thực hiện kế hoạch số 07/KH-UBND của UBND Thành phố Hà Nội ngày 06/01/2025",
        "KẾ HOẠCH",
        "Tổ chức các hoạt động nhân ngày Quốc tế Phụ nữ 8/3",
    ],
)
def test_not_a_place_and_date_line(line):
    assert place_and_date(line) is None


# --------------------------------------------------------------------------- issuer and title


def test_issuer_wrapped_name_is_one_body():
    assert issuer([("ỦY BAN NHÂN DÂN", None), ("TỈNH GIA LAI", None)]) == {
        "parent": None,
        "name": "ỦY BAN NHÂN DÂN TỈNH GIA LAI",
    }


def test_issuer_parent_and_body():
    found = issuer(
        [
            ("ỦY BAN NHÂN DÂN QUẬN LONG BIÊN", None),
            ("PHÒNG LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI", None),
        ]
    )
    assert found == {
        "parent": "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN",
        "name": "PHÒNG LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI",
    }


def test_issuer_wrapped_over_four_lines_with_bold():
    found = issuer(
        [
            ("ỦY BAN NHÂN DÂN", False),
            ("QUẬN LONG BIÊN", False),
            ("PHÒNG LAO ĐỘNG –", True),
            ("THƯƠNG BINH VÀ XÃ HỘI", True),
        ]
    )
    assert found == {
        "parent": "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN",
        "name": "PHÒNG LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI",
    }


def test_issuer_absent():
    assert issuer([]) == {"parent": None, "name": None}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("KẾ HOẠCH", "KH"),
        ("CHƯƠNG TRÌNH", "CTr"),
        ("BÁO CÁO", "BC"),
        ("QUYẾT ĐỊNH", "QĐ"),
        ("KẾHOẠCH", "KH"),
        ("KE HOACH", "KH"),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None),
        ("ỦY BAN NHÂN DÂN", None),
    ],
)
def test_title_type(text, expected):
    assert title_type(text) == expected


# --------------------------------------------------------------------------- bases


def test_bases_two_documents_in_one_sentence():
    found = bases(
        [
            "Thực hiện Công văn số 32/CT-BVSTBPN ngày 28 tháng 02 năm 2017 của Ban Vì sự tiến bộ "
            "của Phụ nữ tỉnh Thanh Hóa về chương trình công tác năm 2017 và Kế hoạch hành động "
            "về Bình đẳng giới của Thị xã Bỉm Sơn, giai đoạn 2016-2020;"
        ],
        2017,
    )
    assert [(b["doc_type"], b["number"], b["symbol"], b["date"], b["issuer"]) for b in found] == [
        ("CV", "32", "CT-BVSTBPN", "2017-02-28", "Ban Vì sự tiến bộ của Phụ nữ tỉnh Thanh Hóa"),
        ("KH", None, None, None, "Thị xã Bỉm Sơn"),
    ]


def test_bases_thuc_hien_ke_hoach_and_the_issuing_clause_is_dropped():
    found = bases(
        [
            "Thực hiện Kế hoạch số 180/KH-BVSTBPN ngày 18/5/2023 của Ban Vì sự tiến bộ của phụ "
            "nữ tỉnh về công tác năm 2023, Ủy ban nhân dân huyện xây dựng Kế hoạch như sau:"
        ],
        2023,
    )
    assert found == [
        {
            "text": "Kế hoạch số 180/KH-BVSTBPN ngày 18/5/2023 của Ban Vì sự tiến bộ của phụ nữ "
            "tỉnh về công tác năm 2023",
            "doc_type": "KH",
            "number": "180",
            "symbol": "KH-BVSTBPN",
            "date": "2023-05-18",
            "issuer": "Ban Vì sự tiến bộ của phụ nữ tỉnh",
        }
    ]


def test_bases_can_cu_lines_and_a_law_without_number():
    found = bases(
        [
            "Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;",
            "Căn cứ Nghị định số 48/2009/NĐ-CP ngày 19/5/2009 của Chính phủ;",
            "Theo đề nghị của Trưởng phòng Lao động - Thương binh và Xã hội,",
            "Căn cứ tình hình thực tế của địa phương;",
        ]
    )
    assert [b["text"] for b in found] == [
        "Luật Bình đẳng giới ngày 29 tháng 11 năm 2006",
        "Nghị định số 48/2009/NĐ-CP ngày 19/5/2009 của Chính phủ",
    ]
    assert found[0]["date"] == "2006-11-29" and found[0]["number"] is None
    assert (found[1]["doc_type"], found[1]["number"], found[1]["symbol"]) == (
        "NĐ",
        "48",
        "2009/NĐ-CP",
    )
    assert found[1]["issuer"] == "Chính phủ"


def test_bases_quoted_title_and_semicolons():
    found = bases(
        [
            "Thực hiện kế hoạch số 07/KH-UBND của UBND Thành phố Hà Nội ngày 06/01/2025 về việc "
            "triển khai công tác năm 2025; Chương trình công tác năm 2025 quận Long Biên “Năm "
            "hành động vì cảnh quan, môi trường đô thị và chuyển đổi số”, UBND quận xây dựng kế "
            "hoạch như sau:"
        ],
        2025,
    )
    assert [(b["doc_type"], b["issuer"]) for b in found] == [
        ("KH", "UBND Thành phố Hà Nội"),
        ("CTr", None),
    ]
    assert found[1]["text"].endswith("chuyển đổi số”")


# --------------------------------------------------------------------------- sections


@pytest.mark.parametrize(
    "text, level, label, rest",
    [
        ("I. MỤC ĐÍCH, YÊU CẦU", "roman", "I", "MỤC ĐÍCH, YÊU CẦU"),
        ("IV- TỔ CHỨC THỰC HIỆN", "roman", "IV", "TỔ CHỨC THỰC HIỆN"),
        ("1. Phòng Tư pháp quận", "arabic", "1", "Phòng Tư pháp quận"),
        ("10) Công an quận", "arabic", "10", "Công an quận"),
        ("1.2. Công tác kiểm tra", "arabic2", "1.2", "Công tác kiểm tra"),
        ("a) Tổ chức hội thi", "letter", "a", "Tổ chức hội thi"),
        ("đ) Tổ chức hội thi", "letter", "đ", "Tổ chức hội thi"),
        ("- Tăng cường phối hợp", "-", "-", "Tăng cường phối hợp"),
        ("-Tăng cường phối hợp", "-", "-", "Tăng cường phối hợp"),
        ("• Tăng cường phối hợp", "-", "-", "Tăng cường phối hợp"),
        ("+ Treo băng rôn", "+", "+", "Treo băng rôn"),
        ("Điều 1. Ban hành kèm theo", "dieu", "Điều 1", "Ban hành kèm theo"),
    ],
)
def test_section_label(text, level, label, rest):
    found = section_label(text)
    assert (found.level, found.label, found.rest) == (level, label, rest)


@pytest.mark.parametrize(
    "text",
    [
        "20/10 là ngày Phụ nữ Việt Nam",
        "2025 là năm",
        "15.000 lượt người",
        "Tăng cường",
        "V/v tổ chức",
    ],
)
def test_not_a_section_label(text):
    assert section_label(text) is None


@pytest.mark.parametrize(
    "title, kind",
    [
        ("MỤC ĐÍCH, YÊU CẦU", "purpose"),
        ("NHIỆM VỤ VÀ GIẢI PHÁP", "tasks"),
        ("NỘI DUNG THỰC HIỆN", "tasks"),
        ("KINH PHÍ THỰC HIỆN", "funding"),
        ("TỔ CHỨC, THỰC HIỆN", "implementation"),
        ("TỔCHỨC THỰC HIỆN", "implementation"),
        ("to chuc thuc hien", "implementation"),
        ("KẾT QUẢ ĐẠT ĐƯỢC", "other"),
    ],
)
def test_section_kind(title, kind):
    assert section_kind(title) == kind


def test_build_sections_heading_sentence_dash_and_closing():
    paras = [
        Para(text)
        for text in [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Nâng cao nhận thức.",
            "2. Triển khai hiệu quả.",
            "II. NHIỆM VỤ",
            "1. Công tác tuyên truyền",
            "- Treo băng rôn.",
            "- Phát tin bài.",
            "2. Công tác kiểm tra",
            "Kiểm tra định kỳ.",
            "Trên đây là Kế hoạch của UBND phường./.",
        ]
    ]
    tree = build_sections(paras, "KH")
    assert [(s["label"], s["title"], s["kind"]) for s in tree] == [
        ("I", "MỤC ĐÍCH, YÊU CẦU", "purpose"),
        ("II", "NHIỆM VỤ", "tasks"),
        (None, None, "other"),
    ]
    purpose = tree[0]["children"]
    assert [(c["label"], c["title"], c["paragraphs"]) for c in purpose] == [
        ("1", None, ["Nâng cao nhận thức."]),
        ("2", None, ["Triển khai hiệu quả."]),
    ]
    first, second = tree[1]["children"]
    assert (first["title"], [c["label"] for c in first["children"]]) == (
        "Công tác tuyên truyền",
        ["-", "-"],
    )
    assert (second["title"], second["paragraphs"]) == ("Công tác kiểm tra", ["Kiểm tra định kỳ."])


def test_unnumbered_headings_stay_as_headings():
    paras = [
        Para(t)
        for t in [
            "MỤC ĐÍCH, YÊU CẦU",
            "Nâng cao nhận thức.",
            "TỔ CHỨC THỰC HIỆN",
            "- Phòng Tư pháp: tuyên truyền.",
        ]
    ]
    tree = build_sections(paras, "KH")
    assert [(s["label"], s["title"], s["kind"]) for s in tree] == [
        (None, "MỤC ĐÍCH, YÊU CẦU", "purpose"),
        (None, "TỔ CHỨC THỰC HIỆN", "implementation"),
    ]


# --------------------------------------------------------------------------- who does what


def test_lead_support_units():
    text = (
        "Phòng Tư pháp chủ trì, phối hợp với Phòng Văn hóa - Thông tin và Hội LHPN quận tổ "
        "chức hội thi cho UBND các phường."
    )
    assert agencies.lead(text) == ["Phòng Tư pháp"]
    assert agencies.support(text) == ["Phòng Văn hóa - Thông tin", "Hội LHPN quận"]
    assert agencies.units(text) == ["UBND các phường"]


def test_agency_with_a_comma_in_its_name():
    text = "Sở Văn hóa, Thể thao và Du lịch chủ trì tổ chức hội thi."
    assert agencies.lead(text) == ["Sở Văn hóa, Thể thao và Du lịch"]


@pytest.mark.parametrize(
    "text",
    [
        "Phối hợp với các ngành tăng cường công tác tuyên truyền.",
        "Phối hợp với Ban, ngành, đoàn thể giới thiệu nhân sự.",
        "Chủ trì phối hợp với các đơn vị liên quan tổ chức thực hiện.",
    ],
)
def test_generic_groups_are_not_support(text):
    assert agencies.support(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Chỉ đạo UBND các xã, phường tổ chức các hoạt động.", ["UBND các xã, phường"]),
        ("Phối hợp với Ban, ngành, các xã, phường thực hiện thống kê.", ["các xã, phường"]),
        ("Triển khai đến các cấp Hội các phường.", ["các cấp Hội các phường"]),
        ("Kiểm tra hoạt động đối với các phường.", []),
        ("Phát triển đội ngũ ở các phường.", []),
        ("Tuyên truyền qua hội nghị các tổ dân phố.", []),
    ],
)
def test_units(text, expected):
    assert agencies.units(text) == expected


@pytest.mark.parametrize(
    "heading, agency",
    [
        ("Đề nghị Hội Liên hiệp phụ nữ quận", "Hội Liên hiệp phụ nữ quận"),
        ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
        (
            "Phòng Lao động TB&XH quận (Cơ quan thường trực Ban vì sự tiến bộ của Phụ nữ quận)",
            "Phòng Lao động TB&XH quận",
        ),
        ("UBND các phường", "UBND các phường"),
    ],
)
def test_de_nghi_and_agency_headings(heading, agency):
    assert agencies.is_agency_heading(heading)
    assert agencies.agency_of_heading(heading) == agency


def test_assignments_from_de_nghi_headings():
    plan = parse_lines(
        lines(
            "KẾ HOẠCH\nCông tác năm 2024\nIII. TỔ CHỨC THỰC HIỆN\n1. Phòng Tư pháp\n"
            "Tuyên truyền pháp luật.\n2. Đề nghị Hội Liên hiệp phụ nữ quận\n- Vận động hội viên.\n"
            "- Phối hợp với Phòng Tư pháp tổ chức hội thi."
        )
    )
    assert plan["assignments"] == [
        {"agency": "Phòng Tư pháp", "duties": ["Tuyên truyền pháp luật."]},
        {
            "agency": "Hội Liên hiệp phụ nữ quận",
            "duties": ["Vận động hội viên.", "Phối hợp với Phòng Tư pháp tổ chức hội thi."],
        },
    ]
    assert [(t["path"], t["lead"], t["support"]) for t in plan["tasks"]] == [
        ("III.1", ["Phòng Tư pháp"], []),
        ("III.2.-1", ["Hội Liên hiệp phụ nữ quận"], []),
        ("III.2.-2", ["Hội Liên hiệp phụ nữ quận"], ["Phòng Tư pháp"]),
    ]


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text, year, expected",
    [
        ("Gửi báo cáo trước ngày 05/12.", 2025, [{"what": "Báo cáo", "date": "2025-12-05"}]),
        (
            "Báo cáo 6 tháng trước ngày 25/5/2025; Báo cáo năm trước ngày 25/11/2025.",
            2025,
            [
                {"what": "Báo cáo 6 tháng", "date": "2025-05-25"},
                {"what": "Báo cáo năm", "date": "2025-11-25"},
            ],
        ),
        (
            "Xây dựng kế hoạch triển khai tại địa phương, gửi về quận trước ngày 15/02/2025.",
            2025,
            [{"what": "Kế hoạch", "date": "2025-02-15"}],
        ),
        ("Tổ chức hội thi nhân ngày 20/10.", 2025, []),
    ],
)
def test_deadlines(text, year, expected):
    assert dates.deadlines(text, year) == expected


def test_deadline_names_the_lead():
    found = dates.deadlines(
        "Chủ động xây dựng kế hoạch, gửi về quận (qua Phòng Lao động) trước ngày 15/02/2025.",
        2025,
        "UBND các phường",
    )
    assert found == [{"what": "Kế hoạch của UBND các phường", "date": "2025-02-15"}]


@pytest.mark.parametrize(
    "text, year, issued, expected",
    [
        # a plan for 2025 signed in December 2024: "15/01" is in 2025, as the plan's year
        ("Gửi kế hoạch trước ngày 15/01.", 2025, "2024-12-20", "2025-01-15"),
        # a report on 2024 signed in January 2025: "28/02" is ahead of it, in 2025
        ("Gửi kế hoạch năm 2025 trước ngày 28/02.", 2024, "2025-01-22", "2025-02-28"),
        # a deadline that names its year keeps it, even one already past
        ("Gửi báo cáo trước ngày 28/02/2024.", 2024, "2025-01-22", "2024-02-28"),
        # a document without a date: the year alone
        ("Gửi báo cáo trước ngày 28/02.", 2024, None, "2024-02-28"),
    ],
)
def test_a_deadline_without_its_year_falls_after_the_document_setting_it(
    text, year, issued, expected
):
    [deadline] = dates.deadlines(text, year, issued=issued)
    assert deadline["date"] == expected
    assert dates.task_dates(text, year, issued) == (expected, None)


def test_a_date_without_its_year_that_is_no_deadline_is_not_moved():
    # what a report says was done on "15/01" of the year it reports on stays in that year
    assert dates.task_dates("Tổ chức hội nghị ngày 15/01.", 2024, "2025-01-10") == (
        "2024-01-15",
        None,
    )


@pytest.mark.parametrize(
    "text, due, period",
    [
        ("Tổ chức hội nghị nhân dịp ngày Phụ nữ Việt Nam 20/10.", "2024-10-20", None),
        ("Triển khai từ ngày 15/11-15/12/2024 trên địa bàn.", None, ("2024-11-15", "2024-12-15")),
        (
            "Triển khai từ ngày 15/11 đến ngày 15/12 trên địa bàn.",
            None,
            ("2024-11-15", "2024-12-15"),
        ),
        ("Hưởng ứng Tháng hành động (tháng 6/2024).", None, ("2024-06-01", "2024-06-30")),
        ("Nhân ngày 8/3 và ngày 20/10.", None, None),
        ("Thực hiện Chỉ thị số 21-CT/TW ngày 20/01/2018 của Ban Bí thư.", None, None),
        ("Định kỳ 06 tháng/lần tổ chức giám sát.", None, None),
        ("Giai đoạn 2021-2025.", None, None),
    ],
)
def test_task_dates(text, due, period):
    found_due, found_period = dates.task_dates(text, 2024)
    assert found_due == due
    assert found_period == (None if period is None else {"start": period[0], "end": period[1]})


def test_events_named_and_deduplicated():
    texts = [
        "Tham mưu triển khai Tháng hành động quốc gia về phòng, chống bạo lực gia đình "
        "(tháng 6/2022), Tháng hành động vì Bình đẳng giới và phòng ngừa, ứng phó với bạo lực "
        "trên cơ sở giới (từ 15/11/2022-15/12/2022).",
        "Tổ chức các hoạt động nhân kỷ niệm ngày Quốc tế phụ nữ 8/3, Ngày Gia đình Việt Nam "
        "28/6, ngày phụ nữ Việt Nam 20/10.",
        "Hưởng ứng “Tháng hành động vì bình đẳng giới” hàng năm từ ngày 15/11-15/12.",
        "Gửi báo cáo trước ngày 05/12; Quyết định số 12/QĐ-UBND ngày 15/02/2022.",
    ]
    assert dates.events(texts, 2022) == [
        {
            "name": "Tháng hành động quốc gia về phòng, chống bạo lực gia đình",
            "start": "2022-06-01",
            "end": "2022-06-30",
        },
        {
            "name": "Tháng hành động vì Bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên "
            "cơ sở giới",
            "start": "2022-11-15",
            "end": "2022-12-15",
        },
        {"name": "ngày Quốc tế phụ nữ", "start": "2022-03-08", "end": "2022-03-08"},
        {"name": "Ngày Gia đình Việt Nam", "start": "2022-06-28", "end": "2022-06-28"},
        {"name": "ngày phụ nữ Việt Nam", "start": "2022-10-20", "end": "2022-10-20"},
    ]


# --------------------------------------------------------------------------- closing


def test_recipients_one_per_line_with_luu():
    found = recipients(
        [
            "Nơi nhận:",
            "- Sở LĐ-TB&XH; Ban VSTBPN TPHN;",
            "- Đ/c Chủ tịch UBND Quận;",
            "- Lưu: VT, LĐTBXH (05).",
        ]
    )
    assert found == [
        "Sở LĐ-TB&XH; Ban VSTBPN TPHN",
        "Đ/c Chủ tịch UBND Quận",
        "Lưu: VT, LĐTBXH (05)",
    ]


def test_recipients_on_the_heading_line_and_wrapped():
    assert recipients(
        [
            "Nơi nhận: - Như trên;",
            "- Ban Thường vụ Quận ủy, Thường trực",
            "HĐND quận;",
            "- Lưu: VT.",
        ]
    ) == [
        "Như trên",
        "Ban Thường vụ Quận ủy, Thường trực HĐND quận",
        "Lưu: VT",
    ]


@pytest.mark.parametrize(
    "block, expected_lines, name",
    [
        (
            ["TM. ỦY BAN NHÂN DÂN", "KT.CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thị Thanh Hằng"],
            ["TM. ỦY BAN NHÂN DÂN", "KT.CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
            "Nguyễn Thị Thanh Hằng",
        ),
        (
            ["TRƯỞNG BAN", "PHÓ CHỦ TỊCH UBND THÀNH PHỐ", "(Đã ký)", "Võ Thị Bình"],
            ["TRƯỞNG BAN", "PHÓ CHỦ TỊCH UBND THÀNH PHỐ"],
            "Võ Thị Bình",
        ),
        (
            ["PHÓ CHỦ TỊCH UBND THỊ XÃ", "Mai Đình Lâm"],
            ["PHÓ CHỦ TỊCH UBND THỊ XÃ"],
            "Mai Đình Lâm",
        ),
        (
            ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "TRẦN VĂN AN"],
            ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
            "TRẦN VĂN AN",
        ),
    ],
)
def test_signer(block, expected_lines, name):
    assert signer(block) == {"lines": expected_lines, "name": name}


def test_recipients_to_kinh_gui():
    assert recipients_to(["Kính gửi: Ban Vì sự tiến bộ của phụ nữ quận Long Biên."]) == [
        "Ban Vì sự tiến bộ của phụ nữ quận Long Biên"
    ]
    assert recipients_to(
        ["Kính gửi:", "- Sở Lao động - Thương binh và Xã hội;", "- Sở Nội vụ.", "Thực hiện"]
    ) == [
        "Sở Lao động - Thương binh và Xã hội",
        "Sở Nội vụ",
    ]


# --------------------------------------------------------------------------- tolerance


def test_glued_words_are_found():
    assert glued_words("Về việc BANHÀNH Kếhoạch trong cơquan nhà nước") == [
        "BANHÀNH",
        "Kếhoạch",
        "cơquan",
    ]
    assert glued_words("Tổ chức thực hiện nghiêm túc, khuyến khích người dân; Covid online") == []


def test_glued_words_and_missing_diacritics_do_not_crash():
    plan = parse_lines(
        lines(
            "So: 12/KH-UBND\nHa Noi, ngay 5 thang 3 nam 2024\nKEHOACH\nTo chuc thuc hien "
            "cong tac nam 2024\nI. MUC DICH, YEU CAU\nNang cao nhan thuc.\nII. TỔCHỨC THỰC HIỆN\n"
            "1. Phong Tu phap\nTuyen truyen phap luat trong cơquan truoc ngay 05/12."
        )
    )
    assert (plan["doc_type"], plan["number"], plan["date"], plan["year"]) == (
        "KH",
        "12",
        "2024-03-05",
        2024,
    )
    assert [s["kind"] for s in plan["sections"]] == ["purpose", "implementation"]
    assert plan["deadlines"] == [
        {"what": "Tuyen truyen phap luat trong cơquan", "date": "2024-12-05"}
    ]
    assert any("dính liền" in w for w in plan["warnings"])


def test_pipe_table_header_and_markdown():
    plan = parse_lines(
        lines(
            "| ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n"
            "| **TỈNH GIA LAI** | **Độc lập - Tự do - Hạnh phúc** |\n"
            "| Số: 45/KH-UBND | *Gia Lai, ngày 05 tháng 3 năm 2024* |\n\n# KẾ HOẠCH\n\n"
            "## Công tác bình đẳng giới năm 2024\n\n#### **I. NHIỆM VỤ**\n\n- Tuyên truyền.\n"
        )
    )
    assert plan["issuer"] == {"parent": None, "name": "ỦY BAN NHÂN DÂN TỈNH GIA LAI"}
    assert (plan["number"], plan["symbol"], plan["place"], plan["date"]) == (
        "45",
        "KH-UBND",
        "Gia Lai",
        "2024-03-05",
    )
    assert (plan["title"], plan["subject"]) == ("KẾ HOẠCH", "Công tác bình đẳng giới năm 2024")
    assert plan["sections"][0]["title"] == "NHIỆM VỤ"


def test_two_column_text_header_split_at_wide_gaps():
    plan = parse_lines(
        lines(
            "ỦY BAN NHÂN DÂN             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "QUẬN LONG BIÊN                  Độc lập - Tự do - Hạnh phúc\n"
            "Số: 07/KH-UBND                Long Biên, ngày 06 tháng 01 năm 2025\n"
            "KẾ HOẠCH\nCông tác năm 2025\nI. NHIỆM VỤ\n- Tuyên truyền.\n"
            "Nơi nhận:                                KT. CHỦ TỊCH\n"
            "- Như trên;                             PHÓ CHỦ TỊCH\n"
            "- Lưu: VT.                              Nguyễn Văn Hùng"
        )
    )
    assert plan["issuer"] == {"parent": None, "name": "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN"}
    assert plan["date"] == "2025-01-06"
    assert plan["recipients"] == ["Như trên", "Lưu: VT"]
    assert plan["signer"] == {"lines": ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "name": "Nguyễn Văn Hùng"}


def test_sentence_broken_by_a_page_break_is_joined():
    paras = prepare(
        lines("- Tham mưu triển khai Tháng hành động và\n\n\n\nphòng ngừa bạo lực.\n\n- Kế tiếp.")
    )
    assert [p.text for p in paras] == [
        "- Tham mưu triển khai Tháng hành động và phòng ngừa bạo lực.",
        "- Kế tiếp.",
    ]


def test_decision_issuing_a_plan_returns_the_plan():
    plan = parse_lines(
        lines(
            "BỘ TƯ PHÁP\nSố: 4155QĐ/ BTP\nHà Nội, ngày 28 tháng 12 năm 2023\nQUYẾT ĐỊNH\n"
            "Về việc ban hành Kế hoạch công tác năm 2024\nBỘ TRƯỞNG BỘ TƯ PHÁP\n"
            "Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;\nQUYẾT ĐỊNH:\n"
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch công tác năm 2024.\n"
            "Nơi nhận:\n- Lưu: VT.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nNguyễn Thanh Tịnh\n"
            "KẾ HOẠCH\nCông tác bình đẳng giới năm 2024\nI. NHIỆM VỤ\n- Tuyên truyền."
        )
    )
    assert (plan["doc_type"], plan["title"], plan["subject"]) == (
        "KH",
        "KẾ HOẠCH",
        "Công tác bình đẳng giới năm 2024",
    )
    assert (plan["date"], plan["issuer"]["name"]) == ("2023-12-28", "BỘ TƯ PHÁP")
    assert plan["signer"]["name"] == "Nguyễn Thanh Tịnh"
    assert plan["bases"][0]["symbol"] == "QĐ-BTP"
    assert any("Quyết định số 4155/QĐ-BTP" in w for w in plan["warnings"])
    # The decision itself is kept beside the plan it issues.
    decision = plan["issued_by"]
    assert (decision["doc_type"], decision["number"], decision["symbol"]) == (
        "QĐ",
        "4155",
        "QĐ-BTP",
    )
    assert (decision["title"], decision["date"]) == ("QUYẾT ĐỊNH", "2023-12-28")
    assert decision["subject"] == "Về việc ban hành Kế hoạch công tác năm 2024"
    assert [b["date"] for b in decision["bases"]] == ["2006-11-29"]
    assert decision["signer"]["lines"] == ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]


def test_report_with_kinh_gui():
    plan = parse_lines(
        lines(
            "Số: 58/BC-UBND\nNgọc Lâm, ngày 20 tháng 5 năm 2025\nBÁO CÁO\nKết quả 6 tháng đầu năm "
            "2025\nKính gửi: Ban Vì sự tiến bộ của phụ nữ quận Long Biên.\nI. KẾT QUẢ\nĐã tổ chức "
            "05 buổi tuyên truyền."
        )
    )
    assert plan["doc_type"] == "BC"
    assert plan["recipients_to"] == ["Ban Vì sự tiến bộ của phụ nữ quận Long Biên"]
    assert plan["preamble"] == []
    assert plan["sections"][0]["title"] == "KẾT QUẢ"
    assert any("Báo cáo (BC)" in w for w in plan["warnings"])
