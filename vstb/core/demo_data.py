"""Demonstration data: real units and agencies, invented people.

Unit names are real. Hà Nội's units, before and after the 2025 reform, are the official list's
(vstb/org/official_list.py, as `vstb load-units --province 01` loads them). Elsewhere, codes are
those of the national list of administrative units (Decision 124/2004/QĐ-TTg and its updates)
where we know them; every code we have not
checked against the list is marked `code_confirmed=False` and says so on screen. Units
created by the 1 July 2025 reform carry placeholder codes (prefix "TAM-") until their
official codes are entered. Succession links that we have not checked against the
Standing Committee's resolutions are marked `confirmed=False`.

Committee members are fictitious people, flagged `fictitious=True` and shown as such.
"""

from datetime import date

REFORM_2025 = date(2025, 7, 1)
# Law on Organisation of Local Government 2025: the district level ends on 1 July 2025.
DISTRICTS_ABOLISHED_NOTE = (
    "Cấp huyện kết thúc hoạt động từ 01/7/2025 theo Luật Tổ chức chính quyền địa phương 2025."
)
PROVINCES_BASIS = "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 (cần đối chiếu)"

# (code, name, kind, code_confirmed)
BIM_SON_UNITS = [
    ("TAM-381-01", "Phường Ba Đình", "phuong"),
    ("TAM-381-02", "Phường Bắc Sơn", "phuong"),
    ("TAM-381-03", "Phường Đông Sơn", "phuong"),
    ("TAM-381-04", "Phường Lam Sơn", "phuong"),
    ("TAM-381-05", "Phường Ngọc Trạo", "phuong"),
    ("TAM-381-06", "Phường Phú Sơn", "phuong"),
    ("TAM-381-07", "Xã Hà Lan", "xa"),
    ("TAM-381-08", "Xã Quang Trung", "xa"),
]

SA_DEC_UNITS = [
    ("TAM-866-01", "Phường 1", "phuong"),
    ("TAM-866-02", "Phường 2", "phuong"),
    ("TAM-866-03", "Phường 3", "phuong"),
    ("TAM-866-04", "Phường 4", "phuong"),
    ("TAM-866-05", "Phường An Hòa", "phuong"),
    ("TAM-866-06", "Phường Tân Quy Đông", "phuong"),
    ("TAM-866-07", "Xã Tân Khánh Đông", "xa"),
    ("TAM-866-08", "Xã Tân Quy Tây", "xa"),
    ("TAM-866-09", "Xã Tân Phú Đông", "xa"),
]

HAI_PHONG_DISTRICTS = [
    ("303", "Quận Hồng Bàng"),
    ("304", "Quận Ngô Quyền"),
    ("305", "Quận Lê Chân"),
]

# Agencies named in the seeds: (name, short name, kind).
LONG_BIEN_AGENCIES = [
    ("Ủy ban nhân dân quận Long Biên", "UBND quận", "ubnd"),
    ("Phòng Lao động – Thương binh và Xã hội quận Long Biên", "Phòng LĐTBXH quận", "ldtbxh"),
    ("Phòng Tư pháp quận Long Biên", "Phòng Tư pháp", "tu_phap"),
    ("Phòng Nội vụ quận Long Biên", "Phòng Nội vụ", "noi_vu"),
    ("Phòng Văn hóa và Thông tin quận Long Biên", "Phòng VHTT", "vhtt"),
    ("Phòng Tài chính – Kế hoạch quận Long Biên", "Phòng TCKH", "tckh"),
    ("Phòng Y tế quận Long Biên", "Phòng Y tế", "y_te"),
    ("Trung tâm Y tế quận Long Biên", "TTYT quận", "y_te"),
    ("Phòng Giáo dục và Đào tạo quận Long Biên", "Phòng GD&ĐT", "gddt"),
    ("Công an quận Long Biên", "Công an quận", "cong_an"),
    ("Hội Liên hiệp Phụ nữ quận Long Biên", "Hội LHPN quận", "hlhpn"),
    ("Liên đoàn Lao động quận Long Biên", "LĐLĐ quận", "ldld"),
]

HAI_PHONG_AGENCIES = [
    ("Văn phòng Ủy ban nhân dân thành phố Hải Phòng", "VP UBND TP", "ubnd"),
    ("Sở Lao động – Thương binh và Xã hội thành phố Hải Phòng", "Sở LĐTBXH", "ldtbxh"),
    ("Sở Nội vụ thành phố Hải Phòng", "Sở Nội vụ", "noi_vu"),
    ("Ban Tổ chức Thành ủy Hải Phòng", "BTC TU", "dang"),
    ("Hội Liên hiệp Phụ nữ thành phố Hải Phòng", "Hội LHPN TP", "hlhpn"),
    ("Liên đoàn Lao động thành phố Hải Phòng", "LĐLĐ TP", "ldld"),
    ("Công an thành phố Hải Phòng", "Công an TP", "cong_an"),
]

HANOI_AGENCIES = [
    ("Ủy ban nhân dân thành phố Hà Nội", "UBND TP Hà Nội", "ubnd"),
    ("Sở Lao động – Thương binh và Xã hội thành phố Hà Nội", "Sở LĐTBXH Hà Nội", "ldtbxh"),
    ("Hội Liên hiệp Phụ nữ thành phố Hà Nội", "Hội LHPN TP", "hlhpn"),
]

BIM_SON_AGENCIES = [
    ("Ủy ban nhân dân thị xã Bỉm Sơn", "UBND thị xã", "ubnd"),
    ("Phòng Lao động – Thương binh và Xã hội thị xã Bỉm Sơn", "PLĐ", "ldtbxh"),
    ("Hội Liên hiệp Phụ nữ thị xã Bỉm Sơn", "Hội LHPN thị xã", "hlhpn"),
]

THANH_HOA_AGENCIES = [
    ("Sở Lao động – Thương binh và Xã hội tỉnh Thanh Hóa", "Sở LĐTBXH", "ldtbxh"),
    ("Hội Liên hiệp Phụ nữ tỉnh Thanh Hóa", "Hội LHPN tỉnh", "hlhpn"),
]

SA_DEC_AGENCIES = [
    ("Ủy ban nhân dân thành phố Sa Đéc", "UBND thành phố", "ubnd"),
    ("Phòng Lao động – Thương binh và Xã hội thành phố Sa Đéc", "Phòng LĐTBXH", "ldtbxh"),
    ("Hội Liên hiệp Phụ nữ thành phố Sa Đéc", "Hội LHPN TP", "hlhpn"),
]

DONG_THAP_AGENCIES = [
    ("Sở Lao động – Thương binh và Xã hội tỉnh Đồng Tháp", "Sở LĐTBXH", "ldtbxh"),
    ("Hội Liên hiệp Phụ nữ tỉnh Đồng Tháp", "Hội LHPN tỉnh", "hlhpn"),
]

WARD_AGENCIES = [
    ("Ủy ban nhân dân {name}", "UBND {short}", "ubnd"),
    ("Hội Liên hiệp Phụ nữ {name}", "Hội LHPN {short}", "hlhpn"),
    ("Công an {name}", "Công an {short}", "cong_an"),
]

# Fictitious people, drawn in turn for the committees.
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
FEMALE_GIVEN = [
    "Thị Minh Anh",
    "Thị Thu Hà",
    "Thị Lan",
    "Thị Hồng Nhung",
    "Thị Mai",
    "Thị Ngọc Hân",
]
MALE_GIVEN = ["Văn Hùng", "Đức Minh", "Quang Huy", "Văn Nam", "Hữu Phước", "Thành Long"]

DEMO_PASSWORD = "VstbDemo@2026"

# (username, full name, role, unit name, agency short name or None)
DEMO_USERS = [
    ("quantri", "Quản trị hệ thống", "admin", "Việt Nam", None),
    ("tw.lanhdao", "Lãnh đạo Ủy ban Quốc gia (minh họa)", "viewer", "Việt Nam", None),
    # The national committee's standing office: the national plan, requirements to the
    # provinces, the provinces' compiled reports sent up.
    ("tw.thuongtruc", "Thường trực Ủy ban Quốc gia (minh họa)", "secretariat", "Việt Nam", None),
    ("hanoi.thuongtruc", "Thường trực Ban VSTBPN Hà Nội", "secretariat", "Thành phố Hà Nội", None),
    (
        "haiphong.thuongtruc",
        "Thường trực Ban VSTBPN Hải Phòng",
        "secretariat",
        "Thành phố Hải Phòng",
        None,
    ),
    (
        "longbien.thuongtruc",
        "Thường trực Ban VSTBPN quận Long Biên",
        "secretariat",
        "Quận Long Biên",
        None,
    ),
    ("longbien.lanhdao", "Lãnh đạo UBND quận Long Biên", "viewer", "Quận Long Biên", None),
    (
        "longbien.tuphap",
        "Đầu mối Phòng Tư pháp quận",
        "focal_point",
        "Quận Long Biên",
        "Phòng Tư pháp",
    ),
    (
        "longbien.hoiphunu",
        "Đầu mối Hội LHPN quận",
        "focal_point",
        "Quận Long Biên",
        "Hội LHPN quận",
    ),
    ("bode.canbo", "Cán bộ phường Bồ Đề", "unit_officer", "Phường Bồ Đề@Quận Long Biên", None),
    (
        "ngoclam.canbo",
        "Cán bộ phường Ngọc Lâm",
        "unit_officer",
        "Phường Ngọc Lâm@Quận Long Biên",
        None,
    ),
    (
        "bode2025.canbo",
        "Cán bộ phường Bồ Đề (từ 01/7/2025)",
        "unit_officer",
        "Phường Bồ Đề@Thành phố Hà Nội",
        None,
    ),
    # The case register (vstb/cases): the ward's case worker and supervisor, a trusted address
    # that reports, and a legal-aid officer who receives referrals. Each enrols a second
    # factor at first sign-in.
    (
        "bode.vuviec",
        "Cán bộ quản lý vụ việc phường Bồ Đề",
        "case_worker",
        "Phường Bồ Đề@Thành phố Hà Nội",
        None,
    ),
    (
        "bode.giamsat",
        "Phó Chủ tịch UBND phường Bồ Đề (giám sát vụ việc)",
        "case_supervisor",
        "Phường Bồ Đề@Thành phố Hà Nội",
        None,
    ),
    (
        "bode.tincay",
        "Địa chỉ tin cậy tổ dân phố 5 (minh họa)",
        "trusted_address",
        "Phường Bồ Đề@Thành phố Hà Nội",
        None,
    ),
    (
        "hanoi.trogiup",
        "Trợ giúp viên pháp lý (minh họa)",
        "case_recipient",
        "Thành phố Hà Nội",
        None,
    ),
    (
        "bimson.thuongtruc",
        "Thường trực Ban VSTBPN thị xã Bỉm Sơn",
        "secretariat",
        "Thị xã Bỉm Sơn",
        None,
    ),
    (
        "sadec.thuongtruc",
        "Thường trực Ban VSTBPN thành phố Sa Đéc",
        "secretariat",
        "Thành phố Sa Đéc",
        None,
    ),
]


# The demo's support providers (made up, marked so): (name, kind, unit, receiving account).
DEMO_PROVIDERS = [
    ("Trợ giúp pháp lý thành phố (minh họa)", "legal_aid", "Thành phố Hà Nội", "hanoi.trogiup"),
    ("Trạm Y tế phường Bồ Đề (minh họa)", "health", "Phường Bồ Đề@Thành phố Hà Nội", None),
    ("Nhà tạm lánh (minh họa)", "shelter", "Thành phố Hà Nội", None),
]


# Long Biên's committee at work in 2025 (made up, before the district ends on 1/7/2025) -------

INSPECTION_PLAN = {
    "title": "Kiểm tra công tác vì sự tiến bộ của phụ nữ 6 tháng đầu năm 2025 (minh họa)",
    "period_start": date(2025, 4, 1),
    "period_end": date(2025, 6, 15),
}
# The suggestions are read as of 20/3/2025, when the committee drew its plan up.
INSPECTION_AS_OF = date(2025, 3, 20)
INSPECTION_ISSUED = date(2025, 3, 25)
# (ward, planned visit): of the wards suggest_targets lists, the two with a demo officer.
INSPECTION_TARGETS = [
    ("Phường Bồ Đề", date(2025, 4, 15)),
    ("Phường Ngọc Lâm", date(2025, 5, 6)),
]
# Findings in turn for the plan's criteria: (Result member, note).
INSPECTION_FINDINGS = [
    ("MET", "Đã ban hành kế hoạch năm 2025 đúng hạn."),
    ("PARTLY", "Tuyên truyền mới ở 6/12 tổ dân phố."),
    ("NOT_MET", "Chưa có số liệu tách biệt theo giới tính trong báo cáo quý I."),
]
INSPECTION_SUMMARY = (
    "Phường đã quan tâm triển khai kế hoạch; cần hoàn thiện số liệu tách biệt theo giới "
    "và mở rộng tuyên truyền đến các tổ dân phố còn lại (nội dung minh họa)."
)
INSPECTION_CONCLUDED = date(2025, 4, 25)
# (recommendation, deadline): the first is reported by the ward, the second still open.
INSPECTION_RECOMMENDATIONS = [
    (
        "Tổ chức tuyên truyền về bình đẳng giới tại 6 tổ dân phố còn lại",
        date(2025, 5, 30),
    ),
    (
        "Bổ sung số liệu tách biệt theo giới tính vào báo cáo 6 tháng đầu năm 2025",
        date(2025, 6, 20),
    ),
]
INSPECTION_REPORT = (
    "Phường đã tổ chức 6 buổi tuyên truyền tại các tổ dân phố 2, 4, 7, 9, 10 và 12 trong "
    "tháng 5/2025, với 310 lượt người tham dự (nội dung minh họa)."
)

# Tasks of Long Biên's 2025 plan reported done, the commendation round's evidence:
# (lead agency, how many of its tasks, on, note).
TASKS_DONE = [
    ("Hội LHPN quận", 2, date(2025, 5, 15), "Đã tổ chức tại 13 phường (minh họa)."),
    ("Phòng Tư pháp", 1, date(2025, 4, 28), "Đã lồng ghép vào phổ biến pháp luật (minh họa)."),
    ("Phòng VHTT", 1, date(2025, 6, 10), "Đã thực hiện trên cổng thông tin quận (minh họa)."),
]

# The district opened its round on 20/5/2025, its proposals due before the district level
# ends on 1/7/2025.
COMMENDATION_AS_OF = date(2025, 5, 20)
COMMENDATION_DUE = date(2025, 6, 20)

# The estimate of Long Biên's 2025 plan: (index of the plan's tasks part or None, budget item
# of Thông tư 191/2009/TT-BTC, source, content, amount in VND). Illustrative amounts.
ESTIMATE_LINES = [
    (
        0,
        "2a",
        "district",
        "Tuyên truyền trên hệ thống loa truyền thanh và pa-nô (minh họa)",
        18_000_000,
    ),
    (
        0,
        "4",
        "district",
        "Tập huấn cho cán bộ làm công tác bình đẳng giới của các phường (minh họa)",
        24_000_000,
    ),
    (None, "2đ", "mobilised", "Duy trì câu lạc bộ gia đình hạnh phúc (minh họa)", 8_000_000),
]

# Candidates in planning at Long Biên: (sex, current position, agency, planned position,
# rank). Names are drawn from the fictitious ones above.
LEADER_CANDIDATES = [
    ("nu", "Phó Trưởng phòng", "Phòng LĐTBXH quận", "Trưởng phòng", "head"),
    ("nam", "Phó Trưởng phòng", "Phòng Tư pháp", "Trưởng phòng", "head"),
    ("nu", "Chuyên viên", "Phòng Nội vụ", "Phó Trưởng phòng", "deputy"),
    ("nam", "Phó Trưởng phòng", "Phòng TCKH", "Trưởng phòng", "head"),
]
LEADER_APPOINTED = date(2025, 3, 3)
LEADER_NOTE = "Người giả định, chỉ để minh họa."
