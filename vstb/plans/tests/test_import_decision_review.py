"""The import review of a decision (issue 13): who decides and its articles are shown, and the
decision kept as an issued document keeps them."""

import pytest
from django.urls import reverse

from vstb.issuing.models import IssuedDocument
from vstb.plans.tests.test_import_web import _review_data, _upload

pytestmark = pytest.mark.django_db

DECISION = """\
ỦY BAN NHÂN DÂN
QUẬN HOÀN KIẾM
Số: 17/QĐ-UBND
Hoàn Kiếm, ngày 05 tháng 01 năm 2026
QUYẾT ĐỊNH
Về việc ban hành Kế hoạch công tác bình đẳng giới năm 2026
CHỦ TỊCH ỦY BAN NHÂN DÂN
QUẬN HOÀN KIẾM
Căn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;
Theo đề nghị của Trưởng phòng Nội vụ.
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch công tác bình đẳng giới năm 2026.
Điều 2. Giao các đơn vị sau thực hiện:
- Phòng Nội vụ chủ trì, theo dõi;
- Các phường phối hợp.
Điều 3. Chánh Văn phòng và các đơn vị có tên tại Điều 2 thi hành Quyết định này./.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
CHỦ TỊCH
Ngô Văn Quý
"""

PLAN = """\
KẾ HOẠCH
Công tác bình đẳng giới năm 2026
I. NHIỆM VỤ
- Tuyên truyền Luật Bình đẳng giới.
"""

REGULATION = """\
QUY CHẾ
Làm việc của Ban vì sự tiến bộ của phụ nữ quận
(Ban hành kèm theo Quyết định số 17/QĐ-UBND ngày 05/01/2026)
Điều 1. Phạm vi điều chỉnh
Quy chế này quy định cách làm việc của Ban.
"""

ARTICLE_2 = (
    "Điều 2. Giao các đơn vị sau thực hiện: - Phòng Nội vụ chủ trì, theo dõi; "
    "- Các phường phối hợp."
)


def test_the_review_shows_who_decides_and_the_articles_of_a_decision_issuing_a_plan(world, login):
    client = login(world.users["district_secretariat"])
    record = _upload(client, world, "quyet-dinh.txt", (DECISION + PLAN).encode())
    response = client.get(reverse("plans:import_review", args=[record.pk]))
    decision = response.context["decision"]
    assert decision["authority"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN HOÀN KIẾM"
    assert decision["articles"][1] == ARTICLE_2
    assert len(decision["articles"]) == 3
    page = response.content.decode()
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN HOÀN KIẾM" in page
    assert "Điều 2. Giao các đơn vị sau thực hiện:" in page


def test_the_decision_kept_as_an_issued_document_keeps_its_authority_and_articles(world, login):
    client = login(world.users["district_secretariat"])
    record = _upload(client, world, "quyet-dinh.txt", (DECISION + PLAN).encode())
    response = client.post(
        reverse("plans:import_review", args=[record.pk]),
        _review_data(record, save_as="draft", record_decision="on"),
    )
    assert response.status_code == 302
    kept = IssuedDocument.objects.get(unit=world.district, symbol="QĐ-UBND")
    content = kept.content
    assert content["authority"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN HOÀN KIẾM"
    assert [s["label"] for s in content["sections"]] == ["Điều 1", "Điều 2", "Điều 3"]
    assert content["preamble"][-1] == "Theo đề nghị của Trưởng phòng Nội vụ."
    assert content["recipients"] == ["Như Điều 3", "Lưu: VT"]


def test_the_review_of_a_decision_issuing_a_regulation_shows_the_decision_and_its_annex(
    world, login
):
    client = login(world.users["district_secretariat"])
    text = DECISION.replace("Kế hoạch công tác bình đẳng giới năm 2026", "Quy chế làm việc")
    record = _upload(client, world, "quyet-dinh.txt", (text + REGULATION).encode())
    response = client.get(reverse("plans:import_review", args=[record.pk]))
    assert response.context["decision"] is None
    decision = response.context["decision_alone"]
    assert decision["number"] == "17/QĐ-UBND"
    assert decision["authority"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN HOÀN KIẾM"
    assert decision["articles"][1] == ARTICLE_2
    assert decision["annexes"] == ["QUY CHẾ Làm việc của Ban vì sự tiến bộ của phụ nữ quận"]
    assert "QUY CHẾ Làm việc của Ban vì sự tiến bộ của phụ nữ quận" in response.content.decode()
