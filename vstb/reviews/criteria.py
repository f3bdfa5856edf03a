"""The checklist a reviewer goes through for a draft legal document: what the Law on Gender
Equality (Luật Bình đẳng giới, No. 73/2006/QH11, 29/11/2006) asks of a draft, one question
each, with the provision it rests on.

`confirmed` is True only where the provision's wording was read and compared with the
question; the review page shows the others to administrators and secretariats as "căn cứ
chưa được đối chiếu", never in the opinion letter. What was read, and where:

- Chapter III of the law (Articles 19, 20 and the heading of Article 21), from a public
  full-text copy: https://hethongphapluat.com/luat-binh-dang-gioi-2006/chuong-3
  Article 19.1 lists the measures promoting gender equality (a share of men and women or an
  adequate share of women taking part and benefiting; training for women or men; support
  creating conditions and opportunities for women or men; …) and 19.2 reserves them to the
  National Assembly, its Standing Committee and the Government. Article 20.1: "Việc xây
  dựng, sửa đổi, bổ sung văn bản quy phạm pháp luật phải bảo đảm các nguyên tắc cơ bản về
  bình đẳng giới." Article 21 is headed "Lồng ghép vấn đề bình đẳng giới trong xây d[ựng văn
  bản quy phạm pháp luật]": the copy read stops there, so its clauses were NOT read.
- The same three contents of mainstreaming (identify the gender issue; measures and a
  forecast of their impact on men and women; the human and financial resources) are in
  Decree 48/2009/NĐ-CP, Article 8, read only in a secondary copy:
  https://123docz.net/trich-doan/3045253-nghi-dinh-48-2009-nd-cp-ngay-19-5-2009-cua-chinh-phu-ve-cac-bien-phap-dam-bao-binh-dang-gio.htm
  and, for a People's Council resolution, the forecast of the policy's gender impact is part
  of the submission (Tờ trình): Circular 17/2014/TT-BTP, Article 13.2, read in
  https://thuvienphapluat.vn/hoi-dap-phap-luat/iframe/3CD29-hd-long-ghep-van-de-binh-dang-gioi-trong-qua-trinh-soan-thao-van-ban-quy-pham-phap-luat.html
  (neither is the law's own text: the questions resting on Article 21 stay unconfirmed).
- Articles 22 and 23 of the law were not found in any source read: no criterion cites them.

Searched on the stored public pages with "Luật Bình đẳng giới 2006 Điều 21 lồng ghép vấn đề
bình đẳng giới" and variants (research for issue 17, item 6).
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

LAW = "Luật Bình đẳng giới số 73/2006/QH11"


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")
    NOT_APPLICABLE = "na", _("Not applicable")


@dataclass(frozen=True)
class Criterion:
    code: str
    # The question as the reviewer reads it (the text of the law is Vietnamese).
    question: str
    # The provision the question rests on, as cited to the reviewer.
    basis: str
    # True only where the provision's wording was compared with the question (above).
    confirmed: bool
    # The opinion letter's sentence for each answer but "not applicable".
    said: dict[str, str]


CRITERIA = [
    # Issue 17, item 6: "does the draft raise a gender issue". Article 21's clauses were not
    # read (see above): not confirmed.
    Criterion(
        code="gender_issue",
        question=(
            "Dự thảo có xác định vấn đề giới (bình đẳng giới, bất bình đẳng giới, phân biệt "
            "đối xử về giới) trong lĩnh vực mà văn bản điều chỉnh không?"
        ),
        basis=f"{LAW}, Điều 21",
        confirmed=False,
        said={
            Answer.YES: "Dự thảo đã xác định vấn đề giới trong lĩnh vực mà văn bản điều chỉnh.",
            Answer.PARTLY: (
                "Dự thảo mới xác định một phần vấn đề giới trong lĩnh vực mà văn bản điều chỉnh."
            ),
            Answer.NO: "Dự thảo chưa xác định vấn đề giới trong lĩnh vực mà văn bản điều chỉnh.",
        },
    ),
    # "does it assess gender impact": Article 21, not read (see above): not confirmed.
    Criterion(
        code="gender_impact",
        question=(
            "Dự thảo và tờ trình kèm theo có đánh giá, dự báo tác động của các quy định đối "
            "với nữ và nam không?"
        ),
        basis=f"{LAW}, Điều 21",
        confirmed=False,
        said={
            Answer.YES: "Hồ sơ dự thảo đã đánh giá, dự báo tác động của các quy định đối với nữ và nam.",
            Answer.PARTLY: (
                "Việc đánh giá, dự báo tác động của các quy định đối với nữ và nam trong hồ sơ "
                "dự thảo còn chưa đầy đủ."
            ),
            Answer.NO: "Hồ sơ dự thảo chưa đánh giá, dự báo tác động của các quy định đối với nữ và nam.",
        },
    ),
    # "does it contain gender-equality measures": measures addressing the gender issue are
    # Article 21's (not read: not confirmed). Article 19.1 (read) lists the measures that
    # promote gender equality, but 19.2 reserves them to the National Assembly, its Standing
    # Committee and the Government: a local draft applies them, it does not create them.
    Criterion(
        code="equality_measures",
        question=(
            "Dự thảo có quy định biện pháp bảo đảm bình đẳng giới hoặc giải quyết vấn đề giới "
            "đã xác định không?"
        ),
        basis=f"{LAW}, Điều 21",
        confirmed=False,
        said={
            Answer.YES: "Dự thảo đã có biện pháp bảo đảm bình đẳng giới, giải quyết vấn đề giới đã xác định.",
            Answer.PARTLY: (
                "Các biện pháp bảo đảm bình đẳng giới trong dự thảo chưa giải quyết hết vấn đề "
                "giới đã xác định."
            ),
            Answer.NO: "Dự thảo chưa có biện pháp bảo đảm bình đẳng giới, giải quyết vấn đề giới.",
        },
    ),
    # "are figures sex-disaggregated": no provision of the law was found that says so in these
    # words; no article is cited (an invented one would mislead the reviewer).
    Criterion(
        code="sex_disaggregated",
        question=(
            "Các số liệu, chỉ tiêu trong dự thảo và hồ sơ kèm theo có được tách biệt theo giới "
            "tính (nam, nữ) không?"
        ),
        basis=f"{LAW} (chưa xác định điều khoản)",
        confirmed=False,
        said={
            Answer.YES: "Các số liệu, chỉ tiêu trong hồ sơ dự thảo đã được tách biệt theo giới tính.",
            Answer.PARTLY: (
                "Một số số liệu, chỉ tiêu trong hồ sơ dự thảo chưa được tách biệt theo giới tính."
            ),
            Answer.NO: "Các số liệu, chỉ tiêu trong hồ sơ dự thảo chưa được tách biệt theo giới tính.",
        },
    ),
    # Article 20.1, read (see above): confirmed.
    Criterion(
        code="principles",
        question="Dự thảo có bảo đảm các nguyên tắc cơ bản về bình đẳng giới không?",
        basis=f"{LAW}, Điều 20, khoản 1",
        confirmed=True,
        said={
            Answer.YES: "Dự thảo bảo đảm các nguyên tắc cơ bản về bình đẳng giới.",
            Answer.PARTLY: (
                "Một số quy định của dự thảo chưa bảo đảm đầy đủ các nguyên tắc cơ bản về bình "
                "đẳng giới."
            ),
            Answer.NO: "Dự thảo chưa bảo đảm các nguyên tắc cơ bản về bình đẳng giới.",
        },
    ),
    # The responsibilities and resources for the gender issue: Article 21, not read: not
    # confirmed (Decree 48/2009/NĐ-CP, Article 8.3, secondary copy, names the resources).
    Criterion(
        code="resources",
        question=(
            "Dự thảo có xác định trách nhiệm và nguồn lực (nhân lực, tài chính) để giải quyết "
            "vấn đề giới không?"
        ),
        basis=f"{LAW}, Điều 21",
        confirmed=False,
        said={
            Answer.YES: "Dự thảo đã xác định trách nhiệm và nguồn lực để giải quyết vấn đề giới.",
            Answer.PARTLY: (
                "Trách nhiệm và nguồn lực để giải quyết vấn đề giới trong dự thảo chưa được xác "
                "định đầy đủ."
            ),
            Answer.NO: "Dự thảo chưa xác định trách nhiệm và nguồn lực để giải quyết vấn đề giới.",
        },
    ),
]

CODES = [(criterion.code, criterion.code) for criterion in CRITERIA]
