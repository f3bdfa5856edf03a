"""A report's state as the completeness and received-reports tables show it
(reporting/templatetags/reports.py)."""

import pytest
from django.template import Context, Template
from django.utils import translation


@pytest.mark.parametrize(
    ("state", "late", "html"),
    [
        ("accepted", False, '<span class="badge ok">Đã tiếp nhận</span> <span class="badge ok">đúng hạn</span>'),
        ("submitted", True, '<span class="badge">Đã gửi</span> <span class="badge warn">chậm</span>'),
        ("returned", True, '<span class="badge warn">Trả lại (để bổ sung, chỉnh sửa)</span>'),
        ("late", False, '<span class="badge warn">Chậm nộp</span>'),
        ("draft", False, '<span class="badge">Đang soạn</span>'),
        ("", False, '<span class="badge warn">Chưa nộp</span>'),
    ],
)  # fmt: skip
def test_each_state_has_its_badge_and_a_sent_report_says_whether_it_came_on_time(state, late, html):
    template = Template("{% load reports %}{% report_state state late %}")
    with translation.override("vi"):
        assert template.render(Context({"state": state, "late": late})) == html
