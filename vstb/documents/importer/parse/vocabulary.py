"""The words the parser reads by: type names and their abbreviations, the words that start a
referenced document, the national name and motto, section kinds, signers' positions, the heads
of issuing bodies' names, and the patterns several steps match ("Kính gửi", "Nơi nhận")."""

import re

# Decree 30/2020/NĐ-CP, Appendix III: type names and their abbreviations.
TYPES = {
    "kehoach": "KH",
    "chuongtrinh": "CTr",
    "baocao": "BC",
    "quyetdinh": "QĐ",
    "thongbao": "TB",
    "huongdan": "HD",
    "nghiquyet": "NQ",
    "chithi": "CT",
    "totrinh": "TTr",
    "congvan": "CV",
    "dean": "ĐA",
    "phuongan": "PA",
    "quyche": "QC",
    "quydinh": "QyĐ",
    "bienban": "BB",
    "congdien": "CĐ",
    "giaymoi": "GM",
    "ketluan": "KL",
    "thongtri": "TT",
    "thongtu": "TT",
    "thongtulientich": "TTLT",
    "nghidinh": "NĐ",
    "vanban": "CV",
}

# The type names as printed, for the names whose letters, once folded, another header line
# shares: "PHƯỜNG AN KHÁNH" (a ward) folds as "PHƯƠNG ÁN" does.
TYPE_NAMES = {
    "kehoach": "KẾHOẠCH",
    "chuongtrinh": "CHƯƠNGTRÌNH",
    "baocao": "BÁOCÁO",
    "quyetdinh": "QUYẾTĐỊNH",
    "thongbao": "THÔNGBÁO",
    "huongdan": "HƯỚNGDẪN",
    "phuongan": "PHƯƠNGÁN",
    "dean": "ĐỀÁN",
    "quyche": "QUYCHẾ",
    "quydinh": "QUYĐỊNH",
}


# The type names in words, as a sentence names them ("Văn bản là Tờ trình …"); a title
# prints them in capitals (Decree 30/2020, Appendix I, part II, item 5.a).
NAMES = {
    "kehoach": "Kế hoạch",
    "chuongtrinh": "Chương trình",
    "baocao": "Báo cáo",
    "quyetdinh": "Quyết định",
    "thongbao": "Thông báo",
    "huongdan": "Hướng dẫn",
    "nghiquyet": "Nghị quyết",
    "chithi": "Chỉ thị",
    "totrinh": "Tờ trình",
    "congvan": "Công văn",
    "dean": "Đề án",
    "phuongan": "Phương án",
    "quyche": "Quy chế",
    "quydinh": "Quy định",
    "bienban": "Biên bản",
    "congdien": "Công điện",
    "giaymoi": "Giấy mời",
    "ketluan": "Kết luận",
    "thongtu": "Thông tư",
    "thongtri": "Thông tri",
    "thongtulientich": "Thông tư liên tịch",
    "nghidinh": "Nghị định",
}
# The name of each abbreviation, the first that NAMES gives it: "TT" is the State's circular
# far more often than the Party's thông tri.
NAME_OF_TYPE = {TYPES[k]: name for k, name in reversed(NAMES.items())}


ABBREVIATIONS = {
    "KH",
    "CTR",
    "BC",
    "QĐ",
    "QD",
    "TB",
    "HD",
    "NQ",
    "CT",
    "TTR",
    "CV",
    "ĐA",
    "PA",
    "QC",
    "BB",
    "CĐ",
    "GM",
    "KL",
    "TT",
    "TTLT",
    "NĐ",
    "HĐ",
    # the Party's regulation (quy định) as Party documents number it, "07-QĐi/TW"; the list of
    # the Party's abbreviations is in the Central Office's guidance on the format of Party
    # documents (Hướng dẫn 36-HD/VPTW, 2018), whose text was not checked here
    "QĐI",
}
_CANONICAL = {"CTR": "CTr", "TTR": "TTr", "QD": "QĐ", "QĐI": "QyĐ"}


# Words that start a referenced document, longest first.
DOC_WORDS = [
    ("thongtulientich", "TTLT"),
    ("congvan", "CV"),
    ("vanban", "CV"),
    ("kehoach", "KH"),
    ("chuongtrinh", "CTr"),
    ("quyetdinh", "QĐ"),
    ("nghiquyet", "NQ"),
    ("nghidinh", "NĐ"),
    ("chithi", "CT"),
    ("thongtu", "TT"),
    ("thongtri", "TT"),
    ("huongdan", "HD"),
    ("thongbao", "TB"),
    ("ketluan", "KL"),
    ("baocao", "BC"),
    ("dean", "ĐA"),
    ("totrinh", "TTr"),
    ("congdien", "CĐ"),
    ("quydinh", "QyĐ"),
    ("bolaut", None),
    ("boluat", None),
    ("luat", None),
    ("phaplenh", None),
    ("hienphap", None),
    ("dieule", None),
    ("chienluoc", None),
]


# The national name and the motto above a document's title, as `key` spells them.
NATIONAL = "conghoaxahoichunghiavietnam"
MOTTO = "doclaptudohanhphuc"
# What a Party committee's document prints where the national name stands (Hướng dẫn
# 36-HD/VPTW, 2018, on the format of the Party's documents).
PARTY = "dangcongsanvietnam"
# What the Youth Union's documents print there ("ĐOÀN TNCS HỒ CHÍ MINH" across from "BAN CHẤP
# HÀNH TRUNG ƯƠNG"), as its published documents show it; the Union's own rule on the format
# of its documents is not checked here.
YOUTH_UNION = "doantncshochiminh"
# And the Young Pioneers' ("ĐỘI TNTP HỒ CHÍ MINH" over "LIÊN ĐỘI TRƯỜNG …"), as a school's
# brigade prints it; spelt out or short.
PIONEERS = ("doitntphochiminh", "doithieunientienphonghochiminh")
# The names an organisation's documents print where the national name stands.
ORGANISATIONS = (PARTY, YOUTH_UNION, *PIONEERS)


# The words of a heading that say what its section is about (`section_kind`).
KIND_WORDS = [
    (
        "implementation",
        (
            "to chuc thuc hien",
            "trach nhiem thuc hien",
            "phan cong thuc hien",
            "phan cong nhiem vu",
            "trach nhiem cua cac",
            "to chuc trien khai thuc hien",
        ),
    ),
    ("funding", ("kinh phi",)),
    ("purpose", ("muc dich", "yeu cau", "muc tieu", "quan diem")),
    (
        "tasks",
        (
            "nhiem vu",
            "noi dung",
            "giai phap",
            "hoat dong",
            "chi tieu",
            "phuong huong",
            "trong tam",
            "cong tac",
        ),
    ),
]


# The heads' positions a signer holds (Decree 30/2020, Appendix I, part II, item 7a: the
# position of the one who signs), each also held by a deputy ("PHÓ …").
_HEADS_POSITIONS = (
    "CHỦ TỊCH",
    "THỦ TƯỚNG",
    "TRƯỞNG BAN",
    "GIÁM ĐỐC",
    "TRƯỞNG PHÒNG",
    "BÍ THƯ",
    "CHÁNH VĂN PHÒNG",
    "THỦ TRƯỞNG",
    "CỤC TRƯỞNG",
    "CHI CỤC TRƯỞNG",
    "TỔNG CỤC TRƯỞNG",
    "VỤ TRƯỞNG",
    "VIỆN TRƯỞNG",
    "TỔNG GIÁM ĐỐC",
    "HIỆU TRƯỞNG",
    "TRƯỞNG ĐOÀN",
    "CHỦ NHIỆM",
    "CHÁNH THANH TRA",
    "CHÁNH ÁN",
    "TRƯỞNG CÔNG AN",
    "TRƯỞNG TRẠM",
    "TỔ TRƯỞNG",
    "TRƯỞNG TIỂU BAN",
    # the heads of the State Audit, the Government Inspectorate and the State Bank
    "TỔNG KIỂM TOÁN",
    "TỔNG THANH TRA",
    "THỐNG ĐỐC",
)
# A signer's positions, which open the lines of a signature block.
POSITIONS = (
    *_HEADS_POSITIONS,
    *(f"PHÓ {position}" for position in _HEADS_POSITIONS),
    "BỘ TRƯỞNG",
    "THỨ TRƯỞNG",
    "THƯỜNG TRỰC",
)


# The words an issuing body's name starts with: a header line that starts with one starts a
# body's name of its own.
_ISSUER_HEADS = (
    "ỦY BAN",
    "UỶ BAN",
    "UBND",
    "BAN",
    "BCĐ",  # a steering committee's name as headers shorten it (Ban Chỉ đạo)
    "PHÒNG",
    "SỞ",
    "HỘI",
    "CÔNG AN",
    "TRUNG TÂM",
    "VĂN PHÒNG",
    "BỘ",
    "CỤC",
    "CHI CỤC",
    "ĐẢNG BỘ",
    "ĐẢNG ỦY",
    # a union's, the Party's or a brigade's unit under its body ("HỘI LHPN XÃ CHỈ ĐẠO" / "CHI
    # HỘI PN THÔN ĐÔNG MAI")
    "CHI HỘI",
    "CHI BỘ",
    "CHI ĐOÀN",
    "LIÊN ĐỘI",
    "ĐOÀN",
    "LIÊN ĐOÀN",
    "MẶT TRẬN",
    "TỈNH ỦY",
    "THÀNH ỦY",
    "HUYỆN ỦY",
    "QUẬN ỦY",
    "HỘI ĐỒNG",
    "TRƯỜNG",
    "BỆNH VIỆN",
    "VIỆN",
    "TÒA ÁN",
    "THANH TRA",
    "KIỂM TOÁN",
    "KHO BẠC",
    "NGÂN HÀNG",
    "BẢO HIỂM",
    "CHI NHÁNH",
    "TỔNG CỤC",
    "ĐÀI",
    "BÁO",
    "QUỐC HỘI",
    "CHÍNH PHỦ",
    "THỦ TƯỚNG",
    "NHÓM",
)


# "Kính gửi:", which opens the addressees of a letter.
KINH_GUI = re.compile(
    r"^\W*k[íi]nh\s*g[ửu]i\s*:?\s*"
    # and a dispatch's, as dispatches print it: its sender in capitals, then "điện:" ("CHỦ
    # TỊCH ỦY BAN QUỐC GIA VỀ TRẺ EM điện:")
    r"|^(?-i:[A-ZĐ][A-ZĐÀ-Ỹ ,\-–]{4,80})\s+điện\s*:\s*",
    re.IGNORECASE,
)
# "Nơi nhận:", which opens the list of recipients in the closing block.
NOI_NHAN = re.compile(r"^\W*n[ơo]i\s*nh[ậa]n\s*:?\s*", re.IGNORECASE)
# The dash of an addressee's line under "Kính gửi:".
ADDRESSEE_DASH = re.compile(r"^[-–—•+]\s*")
# Where a number and symbol split into parts ("2024/QĐ-UBND": 2024, QĐ, UBND), one of which
# may be the type's abbreviation.
SYMBOL_SEPARATOR = re.compile(r"[-/]")
# What opens a basis or the grounds of a document ("Căn cứ …", "Thực hiện …"), after the dash
# or "+" a typist may set before it: never an addressee under "Kính gửi".
GROUNDS_OPENING = re.compile(
    r"^[\s\-–•+*]*(?:c[ăa]n\s*c[ứu]|th[ựu]c\s*hi[ệe]n|thi\s*h[àa]nh|tri[ểe]n\s*khai|để\s+thực\s+hiện|"
    r"trên\s+cơ\s+sở|(?:theo|xét)\s+đề\s+nghị)\b",
    re.IGNORECASE,
)
# A basis numbered as a list item ("1. Căn cứ Luật …"): the number before it, which makes it
# neither a section nor anything but a basis.
NUMBERED_BASIS = re.compile(r"^\s*\d{1,2}[.)]\s*(?=C[ăa]n\s*c[ứu]\b)", re.IGNORECASE)


# A People's Council's term and session, printed under its name as the authority of its
# resolution ("HỘI ĐỒNG NHÂN DÂN TỈNH …" / "KHÓA VIII, KỲ HỌP THỨ 11"; Decree 34/2016,
# Appendix V, the form of a People's Council's resolution).
COUNCIL_SESSION = re.compile(r"^(?:KH(?:[OÓÒ]A|OÁ|OÀ)\s+[IVXLC]+\b|KỲ\s+HỌP\b)")  # "KHÓA", "KHOÁ"
