"""Who reads and changes a review (vstb/access/reviews.py): the unit's managers and the
reviewing agency change it, viewers read it, the drafting agency reads its own draft's
review and opinion, nobody else learns it exists."""

from datetime import date

import pytest
from django.urls import reverse

from vstb.accounts.models import RoleKind
from vstb.conftest import make_user
from vstb.issuing import services as issuing
from vstb.reviews import services
from vstb.reviews.tests.helpers import TITLE, receive, shown

pytestmark = pytest.mark.django_db

NOT_CHECKED = "basis not yet checked against the law's text"


def _finding(review):
    return services.add_finding(review, "Điều 5", "Chưa có biện pháp bảo đảm bình đẳng giới.", "")


def test_the_drafting_agency_reads_its_review_and_the_opinion_but_changes_nothing(world, login):
    review = receive(world)  # sent by the justice division, whose focal point is focal_point
    finding = _finding(review)
    document = services.draft_opinion(review)
    client = login(world.users["focal_point"])
    assert client.get(reverse("reviews:detail", args=[review.pk])).status_code == 200
    for name, args in [
        ("reviews:checklist", [review.pk]),
        ("reviews:finding_add", [review.pk]),
        ("reviews:finding_delete", [finding.pk]),
        ("reviews:opinion", [review.pk]),
        ("reviews:outcome", [review.pk]),
    ]:
        assert client.post(reverse(name, args=args), {}).status_code == 403, name
    assert client.get(reverse("reviews:edit", args=[review.pk])).status_code == 403
    assert client.get(reverse("reviews:finding_edit", args=[finding.pk])).status_code == 403
    issuing.issue(document, on=date(2026, 3, 18))
    page = client.get(reverse("reviews:detail", args=[review.pk])).content.decode()
    assert reverse("issuing:detail", args=[document.pk]) in page
    opinion = client.get(reverse("issuing:detail", args=[document.pk]))
    assert opinion.status_code == 200 and "Kính gửi: Phòng Tư pháp quận" in opinion.content.decode()
    assert client.get(reverse("issuing:docx", args=[document.pk])).status_code == 200


def test_another_agencys_focal_point_and_other_units_do_not_see_the_review(world, login):
    review = receive(world)
    finding = _finding(review)
    labour = make_user("labour_focal_point", RoleKind.FOCAL_POINT, world.district, world.labour)
    for user in (labour, world.users["ward_officer"], world.users["other_district_officer"]):
        client = login(user)
        for name, args in [
            ("reviews:detail", [review.pk]),
            ("reviews:draft_file", [review.pk]),
            ("reviews:edit", [review.pk]),
            ("reviews:finding_edit", [finding.pk]),
        ]:
            assert client.get(reverse(name, args=args)).status_code == 404, (user, name)
        assert client.post(reverse("reviews:checklist", args=[review.pk])).status_code == 404
        listed = client.get(reverse("reviews:list") + f"?unit={world.district.pk}")
        assert TITLE not in listed.content.decode()


def test_the_reviewing_agency_works_on_the_review(world, login):
    review = receive(world, agency=world.labour, reviewer=world.womens_union)
    union = make_user("union_focal_point", RoleKind.FOCAL_POINT, world.district, world.womens_union)
    client = login(union)
    assert client.get(reverse("reviews:detail", args=[review.pk])).status_code == 200
    response = client.post(
        reverse("reviews:finding_add", args=[review.pk]),
        {"reference": "Điều 3", "finding": "Chưa có số liệu theo giới tính."},
    )
    assert response.status_code == 302 and review.findings.count() == 1
    # The justice division neither drafted nor reviews it.
    assert (
        login(world.users["focal_point"])
        .get(reverse("reviews:detail", args=[review.pk]))
        .status_code
        == 404
    )


def test_viewers_and_the_levels_above_read_without_changing(world, login):
    review = receive(world)
    for persona in ("district_viewer", "province_secretariat"):
        client = login(world.users[persona])
        assert client.get(reverse("reviews:detail", args=[review.pk])).status_code == 200
        assert client.post(reverse("reviews:checklist", args=[review.pk])).status_code == 403
        assert client.get(reverse("reviews:receive", args=[world.district.pk])).status_code == 403


def test_anonymous_is_sent_to_sign_in_and_posts_need_post(world, client, login):
    review = receive(world)
    response = client.get(reverse("reviews:detail", args=[review.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    secretariat = login(world.users["district_secretariat"])
    for name in ("checklist", "finding_add", "opinion", "outcome"):
        url = reverse(f"reviews:{name}", args=[review.pk])
        assert secretariat.get(url).status_code == 405, name


def test_a_focal_points_list_holds_its_agencys_drafts_only(world, login):
    receive(world)  # from the justice division
    receive(world, agency=world.labour, draft_title="Kế hoạch việc làm cho lao động nữ")
    client = login(world.users["focal_point"])
    page = client.get(reverse("reviews:list") + f"?unit={world.district.pk}&year=2026")
    html = page.content.decode()
    assert TITLE in html and "Kế hoạch việc làm cho lao động nữ" not in html
    assert page.context["counts"].received == 1
    assert reverse("reviews:receive", args=[world.district.pk]) not in html
    secretariat = login(world.users["district_secretariat"])
    page = secretariat.get(reverse("reviews:list") + f"?unit={world.district.pk}&year=2026")
    assert page.context["counts"].received == 2
    assert reverse("reviews:receive", args=[world.district.pk]) in page.content.decode()


def test_which_bases_are_unchecked_is_a_note_for_secretariats_only(world, login):
    review = receive(world)
    url = reverse("reviews:detail", args=[review.pk])
    note = shown(NOT_CHECKED)
    assert note in login(world.users["district_secretariat"]).get(url).content.decode()
    assert note in login(world.users["province_secretariat"]).get(url).content.decode()
    for persona in ("district_viewer", "focal_point"):
        assert note not in login(world.users[persona]).get(url).content.decode(), persona
