"""The catalogue of the National Strategy on Gender Equality 2021–2030 (Resolution
28/NQ-CP, 03/3/2021): data elements, indicators and their 2025 and 2030 targets.

Loaded by the data migration 0002 into every database; `load_strategy()` is idempotent, so a
correction is a new migration calling it again.

What was checked, and against what (never a value from memory):
- Objective 1 and objective 2 (targets 1–3): the Resolution as published by
  thuvienphapluat.vn (document 466613) and evn.com.vn, and in English by luatvietnam.vn.
- Objective 3 (targets 1–4): the wording of the four targets quoted in full by
  giadinhmoi.vn ("Chiến lược quốc gia về bình đẳng giới mới…") and thitruonghanghoa.com.
  Target 2 sets two values (victims supported; perpetrators counselled): two indicators.
- Objective 6, target 1: the ministry's guidance on collecting the Strategy's data
  ("6.1. Chỉ tiêu 1 … dân số được tiếp cận kiến thức cơ bản về bình đẳng giới"), which
  also gives the formula. The text says "access to" basic knowledge, not "has" it.
- Sex ratio at birth, maternal mortality, ethnic-minority primary completion and gender in
  curricula: only English press summaries of the Strategy (news.gov.vn, VOV, SGGP); their
  place among the 20 and their exact Vietnamese wording are not checked: "to confirm".
- Women among doctorates (30 % / 35 %) and master's holders (at least 50 %): only the issue
  text; the year of the 50 % is not known, so that target's values stay empty.
Government reports count 20 targets; five are not identified yet and are not invented here.
"""

from decimal import Decimal

RESOLUTION = "Nghị quyết 28/NQ-CP ngày 03/3/2021 của Chính phủ (Chiến lược quốc gia về bình đẳng giới giai đoạn 2021–2030)"
STRATEGY_TARGET_COUNT = 20

NATIONAL, PROVINCE, DISTRICT, COMMUNE = 0, 1, 2, 3
ALL_LEVELS = [NATIONAL, PROVINCE, DISTRICT, COMMUNE]
SURVEY_LEVELS = [NATIONAL, PROVINCE]  # labour-force and education statistics

# fmt: off
# (code, Vietnamese name, English name, measure, by sex, by area, levels, additive)
ELEMENTS = [
    ("LD_CO_QUAN", "Số cơ quan quản lý nhà nước, chính quyền địa phương", "State agencies and local governments", "count", False, False, ALL_LEVELS, True),
    ("LD_CO_QUAN_CO_NU", "Số cơ quan quản lý nhà nước, chính quyền địa phương có lãnh đạo chủ chốt là nữ", "State agencies and local governments with a woman among key leaders", "count", False, False, ALL_LEVELS, True),
    ("LD_LANH_DAO", "Số lãnh đạo chủ chốt", "Key leaders", "count", True, False, ALL_LEVELS, True),
    ("LAO_DONG", "Số lao động có việc làm", "Employed persons", "count", True, True, SURVEY_LEVELS, True),
    ("LAO_DONG_HUONG_LUONG", "Số lao động làm công hưởng lương", "Wage workers", "count", True, True, SURVEY_LEVELS, True),
    ("LAO_DONG_NONG_NGHIEP", "Số lao động làm việc trong khu vực nông nghiệp", "Workers in agriculture", "count", True, True, SURVEY_LEVELS, True),
    ("GIAM_DOC", "Số giám đốc/chủ doanh nghiệp, hợp tác xã", "Directors or owners of enterprises and cooperatives", "count", True, False, SURVEY_LEVELS, True),
    ("GIO_CHAM_SOC", "Số giờ trung bình một tuần làm công việc nội trợ và chăm sóc trong gia đình không được trả công", "Average weekly hours of unpaid domestic and care work", "hours", True, False, SURVEY_LEVELS, False),
    ("BLG_NAN_NHAN", "Số người bị bạo lực gia đình, bạo lực trên cơ sở giới được phát hiện", "Detected victims of domestic and gender-based violence", "count", True, False, [COMMUNE], True),
    ("BLG_NAN_NHAN_HO_TRO", "Số người bị bạo lực gia đình, bạo lực trên cơ sở giới được phát hiện được tiếp cận ít nhất một dịch vụ hỗ trợ cơ bản", "Detected victims who reached at least one basic support service", "count", True, False, [COMMUNE], True),
    ("BLG_NGUOI_GAY", "Số người gây bạo lực gia đình, bạo lực trên cơ sở giới được phát hiện ở mức chưa bị truy cứu trách nhiệm hình sự", "Detected perpetrators not prosecuted", "count", True, False, [COMMUNE], True),
    ("BLG_NGUOI_GAY_TU_VAN", "Số người gây bạo lực được phát hiện ở mức chưa bị truy cứu trách nhiệm hình sự được tư vấn, tham vấn", "Detected perpetrators not prosecuted who were counselled", "count", True, False, [COMMUNE], True),
    ("MBN_NAN_NHAN", "Số nạn nhân bị mua bán trở về được phát hiện có nhu cầu hỗ trợ", "Returned trafficking victims identified as needing support", "count", True, False, [COMMUNE], True),
    ("MBN_NAN_NHAN_HO_TRO", "Số nạn nhân bị mua bán trở về được hưởng các dịch vụ hỗ trợ và tái hòa nhập cộng đồng", "Returned trafficking victims who received support and reintegration services", "count", True, False, [COMMUNE], True),
    ("CS_TRO_GIUP", "Số cơ sở trợ giúp xã hội công lập", "Public social-assistance facilities", "count", False, False, [NATIONAL, PROVINCE, DISTRICT], True),
    ("CS_TRO_GIUP_BLG", "Số cơ sở trợ giúp xã hội công lập triển khai hoạt động trợ giúp, phòng ngừa và ứng phó với bạo lực trên cơ sở giới", "Public social-assistance facilities running GBV support, prevention and response", "count", False, False, [NATIONAL, PROVINCE, DISTRICT], True),
    ("TRE_SINH", "Số trẻ sinh ra sống", "Live births", "count", True, True, [COMMUNE], True),
    ("TU_VONG_ME", "Số ca tử vong mẹ", "Maternal deaths", "count", False, False, [PROVINCE], True),
    ("THAC_SI", "Số người có trình độ thạc sĩ", "Master's degree holders", "count", True, False, SURVEY_LEVELS, True),
    ("TIEN_SI", "Số người có trình độ tiến sĩ", "Doctorate holders", "count", True, False, SURVEY_LEVELS, True),
    ("DAN_SO", "Dân số", "Population", "count", True, True, [COMMUNE], True),
    ("DAN_SO_TIEP_CAN_BDG", "Dân số được tiếp cận kiến thức cơ bản về bình đẳng giới", "Population with access to basic knowledge of gender equality", "count", True, True, [COMMUNE], True),
]
# fmt: on

UNCHECKED_PRESS = (
    "Chỉ thấy trong bản tóm tắt tiếng Anh của báo chí (Cổng TTĐT Chính phủ, VOV, SGGP); "
    "chưa đối chiếu nguyên văn Nghị quyết 28/NQ-CP: cần xác nhận cách diễn đạt và số thứ tự chỉ tiêu."
)

# Each indicator: its fields, then its targets as (year, operator, value, to confirm, note).
INDICATORS = [
    {
        "code": "NQ28-M1-CT1",
        "name_vi": "Tỷ lệ cơ quan quản lý nhà nước, chính quyền địa phương các cấp có lãnh đạo chủ chốt là nữ",
        "name_en": "Share of state agencies and local governments with a woman among key leaders",
        "measure": "percent",
        "direction": "higher",
        "numerator": ("LD_CO_QUAN_CO_NU", ""),
        "denominator": ("LD_CO_QUAN", ""),
        "scale": 100,
        "objective": 1,
        "target_number": 1,
        "wording": "Đến năm 2025 đạt 60% và đến năm 2030 đạt 75% các cơ quan quản lý nhà nước, chính quyền địa phương các cấp có lãnh đạo chủ chốt là nữ.",
        "targets": [(2025, "reach", 60, False, ""), (2030, "reach", 75, False, "")],
    },
    {
        "code": "VSTB-LD-NU",
        "name_vi": "Tỷ lệ nữ trong tổng số lãnh đạo chủ chốt",
        "name_en": "Women's share of key leaders",
        "measure": "percent",
        "direction": "higher",
        "numerator": ("LD_LANH_DAO", "f"),
        "denominator": ("LD_LANH_DAO", ""),
        "scale": 100,
        "source": "Thống kê bổ trợ cho Mục tiêu 1, tính từ sổ theo dõi lãnh đạo chủ chốt (không phải chỉ tiêu của Chiến lược).",
        "definition": "Số nữ lãnh đạo chủ chốt chia cho tổng số lãnh đạo chủ chốt của các cơ quan quản lý nhà nước, chính quyền địa phương, theo từng cấp.",
        "targets": [],
    },
    {
        "code": "NQ28-M2-CT1",
        "name_vi": "Tỷ lệ lao động nữ làm công hưởng lương",
        "name_en": "Share of employed women who are wage workers",
        "measure": "percent",
        "direction": "higher",
        "disaggregations": ["area"],
        "numerator": ("LAO_DONG_HUONG_LUONG", "f"),
        "denominator": ("LAO_DONG", "f"),
        "scale": 100,
        "objective": 2,
        "target_number": 1,
        "wording": "Tăng tỷ lệ lao động nữ làm công hưởng lương lên đạt 50% vào năm 2025 và khoảng 60% vào năm 2030.",
        "targets": [(2025, "reach", 50, False, ""), (2030, "about", 60, False, "")],
    },
    {
        "code": "NQ28-M2-CT2",
        "name_vi": "Tỷ trọng lao động nữ làm việc trong khu vực nông nghiệp trong tổng số lao động nữ có việc làm",
        "name_en": "Share of employed women working in agriculture",
        "measure": "percent",
        "direction": "lower",
        "disaggregations": ["area"],
        "numerator": ("LAO_DONG_NONG_NGHIEP", "f"),
        "denominator": ("LAO_DONG", "f"),
        "scale": 100,
        "objective": 2,
        "target_number": 2,
        "wording": "Giảm tỷ trọng lao động nữ làm việc trong khu vực nông nghiệp trong tổng số lao động nữ có việc làm xuống dưới 30% vào năm 2025 và dưới 25% vào năm 2030.",
        "targets": [(2025, "under", 30, False, ""), (2030, "under", 25, False, "")],
    },
    {
        "code": "NQ28-M2-CT3",
        "name_vi": "Tỷ lệ nữ giám đốc/chủ doanh nghiệp, hợp tác xã",
        "name_en": "Women's share of directors or owners of enterprises and cooperatives",
        "measure": "percent",
        "direction": "higher",
        "numerator": ("GIAM_DOC", "f"),
        "denominator": ("GIAM_DOC", ""),
        "scale": 100,
        "objective": 2,
        "target_number": 3,
        "wording": "Tỷ lệ nữ giám đốc/chủ doanh nghiệp, hợp tác xã đạt ít nhất 27% vào năm 2025 và 30% vào năm 2030.",
        "targets": [(2025, "at_least", 27, False, ""), (2030, "reach", 30, False, "")],
    },
    {
        "code": "NQ28-M3-CT1",
        "name_vi": "Số giờ trung bình làm công việc nội trợ và chăm sóc trong gia đình không được trả công của phụ nữ so với nam giới",
        "name_en": "Ratio of women's to men's average hours of unpaid domestic and care work",
        "measure": "ratio",
        "direction": "lower",
        "numerator": ("GIO_CHAM_SOC", "f"),
        "denominator": ("GIO_CHAM_SOC", "m"),
        "scale": 1,
        "objective": 3,
        "target_number": 1,
        "definition": "Số giờ trung bình của nữ chia cho số giờ trung bình của nam (lần). Số liệu điều tra: không cộng dồn giữa các đơn vị.",
        "wording": "Giảm số giờ trung bình làm công việc nội trợ và chăm sóc trong gia đình không được trả công của phụ nữ còn 1,7 lần vào năm 2025 và 1,4 lần vào năm 2030 so với nam giới.",
        "targets": [
            (2025, "reach", Decimal("1.7"), False, ""),
            (2030, "reach", Decimal("1.4"), False, ""),
        ],
    },
    {
        "code": "NQ28-M3-CT2A",
        "name_vi": "Tỷ lệ người bị bạo lực gia đình, bạo lực trên cơ sở giới được phát hiện được tiếp cận ít nhất một trong các dịch vụ hỗ trợ cơ bản",
        "name_en": "Share of detected victims of domestic and gender-based violence reaching at least one basic support service",
        "measure": "percent",
        "direction": "higher",
        "disaggregations": ["sex"],
        "numerator": ("BLG_NAN_NHAN_HO_TRO", ""),
        "denominator": ("BLG_NAN_NHAN", ""),
        "scale": 100,
        "objective": 3,
        "target_number": 2,
        "wording": "Đến năm 2025 đạt 80% và đến 2030 đạt 90% người bị bạo lực gia đình, bạo lực trên cơ sở giới được phát hiện được tiếp cận ít nhất một trong các dịch vụ hỗ trợ cơ bản.",
        "targets": [(2025, "reach", 80, False, ""), (2030, "reach", 90, False, "")],
    },
    {
        "code": "NQ28-M3-CT2B",
        "name_vi": "Tỷ lệ người gây bạo lực gia đình, bạo lực trên cơ sở giới được phát hiện ở mức chưa bị truy cứu trách nhiệm hình sự được tư vấn, tham vấn",
        "name_en": "Share of detected perpetrators not prosecuted who were counselled",
        "measure": "percent",
        "direction": "higher",
        "disaggregations": ["sex"],
        "numerator": ("BLG_NGUOI_GAY_TU_VAN", ""),
        "denominator": ("BLG_NGUOI_GAY", ""),
        "scale": 100,
        "objective": 3,
        "target_number": 2,
        "wording": "Đến năm 2025 đạt 50% và đến năm 2030 đạt 70% người gây bạo lực gia đình, bạo lực trên cơ sở giới được phát hiện ở mức chưa bị truy cứu trách nhiệm hình sự được tư vấn, tham vấn.",
        "targets": [(2025, "reach", 50, False, ""), (2030, "reach", 70, False, "")],
    },
    {
        "code": "NQ28-M3-CT3",
        "name_vi": "Tỷ lệ nạn nhân bị mua bán trở về được phát hiện có nhu cầu hỗ trợ được hưởng các dịch vụ hỗ trợ và tái hòa nhập cộng đồng",
        "name_en": "Share of returned trafficking victims needing support who received support and reintegration services",
        "measure": "percent",
        "direction": "higher",
        "disaggregations": ["sex"],
        "numerator": ("MBN_NAN_NHAN_HO_TRO", ""),
        "denominator": ("MBN_NAN_NHAN", ""),
        "scale": 100,
        "objective": 3,
        "target_number": 3,
        "wording": "Từ năm 2025 trở đi, 100% số nạn nhân bị mua bán trở về được phát hiện có nhu cầu hỗ trợ được hưởng các dịch vụ hỗ trợ và tái hòa nhập cộng đồng.",
        "targets": [(2025, "from_year", 100, False, ""), (2030, "from_year", 100, False, "")],
    },
    {
        "code": "NQ28-M3-CT4",
        "name_vi": "Tỷ lệ cơ sở trợ giúp xã hội công lập triển khai các hoạt động trợ giúp, phòng ngừa và ứng phó với bạo lực trên cơ sở giới",
        "name_en": "Share of public social-assistance facilities running GBV support, prevention and response",
        "measure": "percent",
        "direction": "higher",
        "numerator": ("CS_TRO_GIUP_BLG", ""),
        "denominator": ("CS_TRO_GIUP", ""),
        "scale": 100,
        "objective": 3,
        "target_number": 4,
        "wording": "Đến năm 2025 có 70% và năm 2030 có 100% cơ sở trợ giúp xã hội công lập triển khai các hoạt động trợ giúp, phòng ngừa và ứng phó với bạo lực trên cơ sở giới.",
        "targets": [(2025, "reach", 70, False, ""), (2030, "reach", 100, False, "")],
    },
    {
        "code": "NQ28-M4-TSGTKS",
        "name_vi": "Tỷ số giới tính khi sinh (số bé trai/100 bé gái sinh ra sống)",
        "name_en": "Sex ratio at birth (boys per 100 girls born alive)",
        "measure": "ratio",
        "direction": "lower",
        "disaggregations": ["area"],
        "numerator": ("TRE_SINH", "m"),
        "denominator": ("TRE_SINH", "f"),
        "scale": 100,
        "objective": 4,
        "to_confirm": True,
        "confirm_note": UNCHECKED_PRESS,
        "targets": [
            (
                2025,
                "under",
                111,
                True,
                "Giá trị 111 khớp giữa đề bài và báo chí; từ “dưới” theo đề bài, báo chí tiếng Anh ghi “khoảng”: cần đối chiếu nguyên văn.",
            ),
            (
                2030,
                "under",
                109,
                True,
                "Giá trị 109 khớp giữa đề bài và báo chí; từ “dưới” theo đề bài: cần đối chiếu nguyên văn.",
            ),
        ],
    },
    {
        "code": "NQ28-M4-TVM",
        "name_vi": "Tỷ số tử vong mẹ (trên 100.000 trẻ đẻ sống)",
        "name_en": "Maternal mortality ratio (per 100,000 live births)",
        "measure": "ratio",
        "direction": "lower",
        "numerator": ("TU_VONG_ME", ""),
        "denominator": ("TRE_SINH", ""),
        "scale": 100000,
        "objective": 4,
        "to_confirm": True,
        "confirm_note": UNCHECKED_PRESS,
        "targets": [
            (
                2025,
                "reach",
                42,
                True,
                "Theo báo chí tiếng Anh: “42/100.000 trẻ đẻ sống vào năm 2025”.",
            ),
            (
                2030,
                "under",
                42,
                True,
                "Theo báo chí tiếng Anh: “dưới 42/100.000 trẻ đẻ sống vào năm 2030”.",
            ),
        ],
    },
    {
        "code": "NQ28-M5-TIEU-HOC-DTTS",
        "name_vi": "Tỷ lệ trẻ em người dân tộc thiểu số hoàn thành giáo dục tiểu học",
        "name_en": "Primary education completion rate of ethnic-minority children",
        "measure": "percent",
        "direction": "higher",
        "disaggregations": ["sex"],
        "objective": 5,
        "to_confirm": True,
        "confirm_note": UNCHECKED_PRESS + " Chưa có công thức: cần xác định tử số và mẫu số.",
        "targets": [
            (2025, "reach", 90, True, "Chỉ một nguồn báo chí (news.gov.vn, tiếng Anh)."),
            (
                2030,
                "about",
                99,
                True,
                "Chỉ một nguồn báo chí (news.gov.vn, tiếng Anh): “khoảng 99%”.",
            ),
        ],
    },
    {
        "code": "NQ28-M5-THAC-SI",
        "name_vi": "Tỷ lệ nữ thạc sĩ",
        "name_en": "Women's share of master's degree holders",
        "measure": "percent",
        "direction": "higher",
        "numerator": ("THAC_SI", "f"),
        "denominator": ("THAC_SI", ""),
        "scale": 100,
        "objective": 5,
        "to_confirm": True,
        "confirm_note": "Chỉ có trong đề bài (“ít nhất 50%”), không rõ năm 2025 hay 2030; chưa đối chiếu Nghị quyết 28/NQ-CP.",
        "targets": [
            (
                2025,
                "at_least",
                None,
                True,
                "Đề bài ghi “ít nhất 50%” nhưng không nói năm nào: để trống cho đến khi đối chiếu.",
            ),
            (
                2030,
                "at_least",
                None,
                True,
                "Đề bài ghi “ít nhất 50%” nhưng không nói năm nào: để trống cho đến khi đối chiếu.",
            ),
        ],
    },
    {
        "code": "NQ28-M5-TIEN-SI",
        "name_vi": "Tỷ lệ nữ tiến sĩ",
        "name_en": "Women's share of doctorate holders",
        "measure": "percent",
        "direction": "higher",
        "numerator": ("TIEN_SI", "f"),
        "denominator": ("TIEN_SI", ""),
        "scale": 100,
        "objective": 5,
        "to_confirm": True,
        "confirm_note": "Giá trị theo đề bài; chưa tìm thấy nguyên văn trong Nghị quyết 28/NQ-CP.",
        "targets": [
            (2025, "reach", 30, True, "Theo đề bài; chưa đối chiếu nguyên văn."),
            (2030, "reach", 35, True, "Theo đề bài; chưa đối chiếu nguyên văn."),
        ],
    },
    {
        "code": "NQ28-M5-GIAO-TRINH",
        "name_vi": "Nội dung về giới và bình đẳng giới được đưa vào chương trình giảng dạy",
        "name_en": "Gender and gender equality in school and teacher-training curricula",
        "measure": "percent",
        "direction": "higher",
        "objective": 5,
        "to_confirm": True,
        "confirm_note": UNCHECKED_PRESS
        + " Báo chí ghi “từ năm 2025”, không nêu giá trị; chưa có công thức.",
        "targets": [
            (2025, "from_year", None, True, "Báo chí ghi “từ năm 2025”, không nêu giá trị.")
        ],
    },
    {
        "code": "NQ28-M6-CT1",
        "name_vi": "Tỷ lệ dân số được tiếp cận kiến thức cơ bản về bình đẳng giới",
        "name_en": "Share of the population with access to basic knowledge of gender equality",
        "measure": "percent",
        "direction": "higher",
        "disaggregations": ["sex", "area"],
        "numerator": ("DAN_SO_TIEP_CAN_BDG", ""),
        "denominator": ("DAN_SO", ""),
        "scale": 100,
        "objective": 6,
        "target_number": 1,
        "definition": "Dân số được tiếp cận kiến thức cơ bản về bình đẳng giới chia cho tổng dân số, nhân 100 (hướng dẫn thu thập số liệu của Bộ LĐTBXH, mục 6.1). Lưu ý: chỉ tiêu nói “được tiếp cận”, không phải “có” kiến thức.",
        "wording": "Phấn đấu đạt 60% vào năm 2025 và 80% vào năm 2030 dân số được tiếp cận kiến thức cơ bản về bình đẳng giới.",
        "targets": [(2025, "reach", 60, False, ""), (2030, "reach", 80, False, "")],
    },
]


def load_strategy(DataElement, Indicator, Target, using: str = "default") -> None:
    """Create or update the Strategy's elements, indicators and targets (model classes are
    passed in, so that a migration can give its historical models; `using` is the database
    being migrated, which need not be the default one)."""
    elements = {}
    for order, (code, name_vi, name_en, measure, by_sex, by_area, levels, additive) in enumerate(
        ELEMENTS, 1
    ):
        elements[code], _ = DataElement.objects.using(using).update_or_create(
            code=code,
            defaults={
                "name_vi": name_vi,
                "name_en": name_en,
                "measure": measure,
                "by_sex": by_sex,
                "by_area": by_area,
                "levels": levels,
                "additive": additive,
                "order": order,
            },
        )
    for order, row in enumerate(INDICATORS, 1):
        numerator, numerator_sex = row.get("numerator") or (None, "")
        denominator, denominator_sex = row.get("denominator") or (None, "")
        objective = row.get("objective")
        number = row.get("target_number")
        if objective:
            place = f"Mục tiêu {objective}" + (f", chỉ tiêu {number}" if number else "")
            source = f"{RESOLUTION}, mục I.2, {place}"
        else:
            source = row["source"]
        indicator, _ = Indicator.objects.using(using).update_or_create(
            code=row["code"],
            defaults={
                "name_vi": row["name_vi"],
                "name_en": row["name_en"],
                "measure": row["measure"],
                "direction": row["direction"],
                "disaggregations": row.get("disaggregations", []),
                "period_kind": "year",
                "definition": row.get("definition", ""),
                "numerator": elements.get(numerator),
                "numerator_sex": numerator_sex,
                "denominator": elements.get(denominator),
                "denominator_sex": denominator_sex,
                "scale": Decimal(row.get("scale", 1)),
                "objective": objective,
                "target_number": number,
                "source": source,
                "to_confirm": row.get("to_confirm", False),
                "confirm_note": row.get("confirm_note", ""),
                "order": order,
            },
        )
        for year, operator, value, to_confirm, note in row["targets"]:
            Target.objects.using(using).update_or_create(
                indicator=indicator,
                unit=None,
                year=year,
                defaults={
                    "operator": operator,
                    "value": None if value is None else Decimal(value),
                    "wording": row.get("wording", ""),
                    "source": source,
                    "to_confirm": to_confirm,
                    "confirm_note": note,
                },
            )
