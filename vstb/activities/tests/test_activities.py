"""Recording activities: validation, evidence files, progress on tasks and plans."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from vstb.activities.models import Activity, Evidence
from vstb.conftest import PNG, vi

pytestmark = pytest.mark.django_db

MISMATCH = (
    "Women and men add up to more than the total number of participants. "
    "Correct the numbers, or leave the total empty if it is not known."
)
NOT_EVIDENCE = "This file is not a photo (JPEG, PNG, WebP), a PDF or a DOCX, whatever its name says. Choose one of those."


def _form(world, **changes):
    data = {
        "kind": "training",
        "title": "Tập huấn kỹ năng lồng ghép giới",
        "agency": world.justice.pk,
        "tasks": [world.justice_task.pk],
        "start": "10/04/2025",
        "end": "",
        "place": "Hội trường quận",
        "participants_total": "50",
        "participants_women": "30",
        "participants_men": "20",
        "articles": "1",
        "broadcasts": "0",
        "leaflets": "200",
        "social_posts": "2",
        "cost": "15000000",
        "funding_source": "state_budget",
        "age_16_30": "10",
        "age_31_60": "40",
    }
    data.update(changes)
    return data


def test_focal_point_records_an_activity_against_its_task(world, login):
    client = login(world.users["focal_point"])
    response = client.post(reverse("activities:create", args=[world.district.pk]), _form(world))
    activity = Activity.objects.get(title="Tập huấn kỹ năng lồng ghép giới")
    assert response.status_code == 302
    assert list(activity.tasks.all()) == [world.justice_task]
    assert activity.age_groups == {"16_30": 10, "31_60": 40}
    assert activity.cost == 15_000_000


def test_participants_that_do_not_add_up_are_refused_with_a_message(world, login):
    client = login(world.users["district_secretariat"])
    before = Activity.objects.count()
    response = client.post(
        reverse("activities:create", args=[world.district.pk]),
        _form(world, participants_total="40", participants_women="30", participants_men="20"),
    )
    assert response.status_code == 200
    assert vi(MISMATCH) in response.content.decode()
    assert Activity.objects.count() == before


def test_unknown_counts_are_allowed(world, login):
    client = login(world.users["district_secretariat"])
    response = client.post(
        reverse("activities:create", args=[world.district.pk]),
        _form(world, participants_total="", participants_men="", age_16_30="", age_31_60=""),
    )
    assert response.status_code == 302


def test_focal_point_records_only_for_its_own_agency(world, login):
    client = login(world.users["focal_point"])
    response = client.post(
        reverse("activities:create", args=[world.district.pk]),
        _form(world, agency=world.womens_union.pk),
    )
    assert response.status_code == 200
    assert not Activity.objects.filter(title="Tập huấn kỹ năng lồng ghép giới").exists()


def test_a_photo_is_attached_and_served_to_insiders_only(world, login):
    client = login(world.users["district_secretariat"])
    upload = SimpleUploadedFile("hoi-nghi.jpg", PNG, content_type="image/jpeg")
    client.post(reverse("activities:evidence_upload", args=[world.activity.pk]), {"file": upload})
    evidence = world.activity.evidence.get(original_name="hoi-nghi.png")  # as its content is
    assert evidence.content_type == "image/png" and evidence.file.name.endswith(".png")
    response = client.get(reverse("activities:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    outsider = login(world.users["other_ward_officer"])
    assert (
        outsider.get(reverse("activities:evidence_download", args=[evidence.pk])).status_code == 404
    )


def test_an_executable_renamed_jpg_is_refused(world, login):
    client = login(world.users["district_secretariat"])
    upload = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00" + b"\x00" * 200, content_type="image/jpeg")
    response = client.post(
        reverse("activities:evidence_upload", args=[world.activity.pk]),
        {"file": upload},
        follow=True,
    )
    assert vi(NOT_EVIDENCE) in response.content.decode()
    assert world.activity.evidence.count() == 1  # only the one the world made


def test_a_zip_renamed_docx_is_refused_and_a_real_docx_accepted(world, login):
    client = login(world.users["district_secretariat"])
    fake = io.BytesIO()
    with zipfile.ZipFile(fake, "w") as archive:
        archive.writestr("readme.txt", "không phải văn bản Word")
    url = reverse("activities:evidence_upload", args=[world.activity.pk])
    client.post(url, {"file": SimpleUploadedFile("bao-cao.docx", fake.getvalue())})
    assert not world.activity.evidence.filter(original_name="bao-cao.docx").exists()
    from vstb.documents.docx import render_docx
    from vstb.documents.plan_schema import empty_plan

    real = render_docx({**empty_plan(), "doc_type": "BC", "title": "BÁO CÁO"})
    client.post(url, {"file": SimpleUploadedFile("bao-cao.docx", real)})
    assert world.activity.evidence.filter(original_name="bao-cao.docx").exists()


@override_settings(VSTB_EVIDENCE_MAX_MB=1)
def test_a_file_over_the_size_limit_is_refused(world, login):
    client = login(world.users["district_secretariat"])
    big = SimpleUploadedFile("lon.png", PNG + b"\x00" * (1024 * 1024 + 1))
    response = client.post(
        reverse("activities:evidence_upload", args=[world.activity.pk]), {"file": big}, follow=True
    )
    assert "1 MB" in response.content.decode()
    assert not Evidence.objects.filter(original_name="lon.png").exists()


def test_task_page_lists_activities_and_plan_page_shows_reach(world, login):
    client = login(world.users["district_viewer"])
    task_page = client.get(
        reverse("plans:task_detail", args=[world.justice_task.pk])
    ).content.decode()
    assert "Hội nghị tuyên truyền Luật Bình đẳng giới" in task_page
    plan_page = client.get(reverse("plans:detail", args=[world.district_plan.pk]))
    task = next(t for t in plan_page.context["tasks"] if t.pk == world.justice_task.pk)
    assert (task.reach.activities, task.reach.women, task.reach.men) == (1, 80, 40)


def test_viewer_cannot_record_or_change(world, login):
    client = login(world.users["district_viewer"])
    assert (
        client.post(
            reverse("activities:create", args=[world.district.pk]), _form(world)
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("activities:edit", args=[world.activity.pk]), _form(world)).status_code
        == 403
    )


def test_the_cost_shows_with_thousands_dots(world, login):
    world.activity.cost = 3_500_000
    world.activity.save(update_fields=["cost"])
    client = login(world.users["district_secretariat"])
    page = client.get(reverse("activities:detail", args=[world.activity.pk])).content.decode()
    assert "3.500.000&nbsp;đ" in page or "3.500.000\u00a0đ" in page
    assert "3500000" not in page


def test_the_task_list_names_plan_number_item_and_first_words(world, login):
    client = login(world.users["district_secretariat"])
    form = client.get(reverse("activities:create", args=[world.district.pk])).context["form"]
    labels = dict(form.fields["tasks"].choices)
    number = world.district_plan.number_and_symbol
    label = str(labels[world.justice_task.pk])
    assert label.startswith(f"{number} (")
    assert "· II Tuyên truyền pháp luật về bình đẳng giới." in label
    assert "plan " not in label  # the kind's stored value never shows
