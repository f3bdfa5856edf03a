"""The forms of award a committee proposes, and who decides each (Law on Emulation and
Commendation No. 06/2022/QH15, in force from 01/01/2024; its Decree 98/2023/NĐ-CP).

`confirmed` says whether the article was read in the law's published text (Công báo No.
571+572 of 15/07/2022). Where it is False the form is still offered, because committees
propose it every year, but the article cited has not been checked: an administrator or a
secretariat sees the note, and nobody reads it as the law's words. The standards of each
form (Decree 98/2023/NĐ-CP) are not encoded: their articles were not read; the committee
judges them, and VSTB gives the evidence.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from vstb.org.models import Level, Unit


@dataclass(frozen=True)
class AwardForm:
    code: str
    name: str  # as the decision writes it
    level: int  # the level of the unit whose chair (or minister) decides it
    basis: str  # the article that gives the power to decide
    confirmed: bool


AWARD_FORMS = [
    # Law 06/2022/QH15, Article 80(3): the chair of the commune People's Committee decides
    # "Lao động tiên tiến", giấy khen and "Gia đình văn hóa" (read in Công báo 571+572).
    AwardForm(
        "giay_khen_xa",
        "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã",
        Level.COMMUNE,
        "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 80 khoản 3",
        True,
    ),
    # Article 80(2): the chair of the district People's Committee decides "Tập thể lao động
    # tiên tiến", "Chiến sĩ thi đua cơ sở", "Lao động tiên tiến" and giấy khen (read there).
    # Districts ceased on 01/07/2025; their units stay in VSTB for earlier years.
    AwardForm(
        "giay_khen_huyen",
        "Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện",
        Level.DISTRICT,
        "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 80 khoản 2",
        True,
    ),
    # The provincial chair's Bằng khen: the Law's article on the powers of ministers and
    # provincial chairs (Article 79, as we understand it) was not read in the published text.
    AwardForm(
        "bang_khen_tinh",
        "Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh",
        Level.PROVINCE,
        "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 79",
        False,
    ),
    # A minister's Bằng khen (the ministry in charge of gender equality): same article, same
    # caveat; VSTB's national unit stands for the ministry.
    AwardForm(
        "bang_khen_bo",
        "Bằng khen của Bộ trưởng",
        Level.NATIONAL,
        "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 79",
        False,
    ),
]
BY_CODE = {form.code: form for form in AWARD_FORMS}
CHOICES = [(form.code, form.name) for form in AWARD_FORMS]

NOT_CONFIRMED_NOTE = _("article not yet checked against the law's text")


def forms_for(unit: Unit) -> list[AwardForm]:
    """The forms a committee of `unit` proposes: decided at its own level or by the unit just
    above it (the proposal goes up one step at most). Since 01/07/2025 a commune's unit above
    is its province: it proposes the commune chair's Giấy khen or the province's Bằng khen."""
    levels = {unit.level}
    if unit.parent_id is not None:
        levels.add(unit.parent.level)
    return [form for form in AWARD_FORMS if form.level in levels]


def default_for(unit: Unit) -> AwardForm:
    """The form a proposal from evidence starts with: the committee's own level's."""
    offered = forms_for(unit)
    own = [form for form in offered if form.level == unit.level]
    return own[0] if own else offered[0]
