"""Shared test fixtures: a small unit tree and the named personas every test uses.

    Việt Nam
    ├── Thành phố Hà Nội
    │   ├── Quận Long Biên (district)   agencies: Phòng LĐTBXH (standing), Phòng Tư pháp, Hội LHPN
    │   │   ├── Phường Bồ Đề (ward)
    │   │   └── Phường Ngọc Lâm (other ward)
    │   └── Quận Hoàn Kiếm (other district)
    │       └── Phường Hàng Trống
    └── Thành phố Hải Phòng (other province)

Personas (all with PASSWORD): admin, district_secretariat, district_viewer, focal_point
(Phòng Tư pháp of Long Biên), ward_officer (Bồ Đề), other_ward_officer (Ngọc Lâm),
other_district_officer (secretariat of Hoàn Kiếm), other_province_secretariat (Hải Phòng).
Also in `world.users` but not walked: province_secretariat (Hà Nội), national_secretariat.
"""

from datetime import date
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from vstb.accounts.models import CASE_KINDS, Role, RoleKind, User
from vstb.activities.models import Activity, Evidence
from vstb.org.models import Agency, Committee, Membership, Position, Sex, Unit
from vstb.plans.models import Plan, PlanImport, Section, Task

PASSWORD = "Mat-khau-thu-2026"
# A short plan as officials paste it into a text file.
SMALL_PLAN_TEXT = """Số: /KH-UBND
Long Biên, ngày 06 tháng 01 năm 2026
KẾ HOẠCH
Thực hiện công tác bình đẳng giới năm 2026
I. NỘI DUNG
- Phòng Tư pháp quận chủ trì tuyên truyền Luật Bình đẳng giới.
Nơi nhận:
- UBND các phường;
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn Ký
"""
# A 1×1 PNG: the smallest real photo.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)

PERSONAS = [
    "anonymous",
    "admin",
    "district_secretariat",
    "district_viewer",
    "focal_point",
    "ward_officer",
    "other_ward_officer",
    "other_district_officer",
    "other_province_secretariat",
]


def vi(message: str) -> str:
    """The Vietnamese text users see for an English msgid; fails if it is untranslated."""
    with translation.override("vi"):
        text = gettext(message)
    assert text != message, f"no Vietnamese translation for {message!r}"
    return text


def queries_of(action) -> int:
    """How many SQL queries `action()` runs."""
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def make_user(
    username: str, kind: str | None = None, unit: Unit | None = None, agency=None
) -> User:
    user = User.objects.create_user(
        username, f"{username}@example.vn", PASSWORD, full_name=username
    )
    if kind == RoleKind.ADMIN:
        user.is_staff = user.is_superuser = True
        user.save()
        # Administrators sign in with a second factor (vstb/accounts/two_factor.py).
        TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    elif kind in CASE_KINDS:  # every case role signs in with a second factor
        TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    if kind:
        Role.objects.create(user=user, kind=kind, unit=unit, agency=agency)
    return user


def sign_in(client, user) -> None:
    """Sign `client` in as `user`, past the second factor when the user has one (as if the
    code from their app had been typed)."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def current_code(user) -> str:
    """The code `user`'s authenticator app shows now."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def build_world() -> SimpleNamespace:
    w = SimpleNamespace()
    w.nation = Unit.objects.create(code="VN", name="Việt Nam", kind="quoc_gia")
    w.province = Unit.objects.create(
        code="01", name="Thành phố Hà Nội", kind="tp_trung_uong", parent=w.nation
    )
    w.other_province = Unit.objects.create(
        code="31", name="Thành phố Hải Phòng", kind="tp_trung_uong", parent=w.nation
    )
    w.district = Unit.objects.create(
        code="004", name="Quận Long Biên", kind="quan", parent=w.province
    )
    w.other_district = Unit.objects.create(
        code="002", name="Quận Hoàn Kiếm", kind="quan", parent=w.province
    )
    w.ward = Unit.objects.create(
        code="00139", name="Phường Bồ Đề", kind="phuong", parent=w.district
    )
    w.other_ward = Unit.objects.create(
        code="00133", name="Phường Ngọc Lâm", kind="phuong", parent=w.district
    )
    w.far_ward = Unit.objects.create(
        code="00037", name="Phường Hàng Trống", kind="phuong", parent=w.other_district
    )

    w.labour = Agency.objects.create(
        unit=w.district,
        name="Phòng Lao động – Thương binh và Xã hội quận",
        short_name="Phòng LĐTBXH",
        kind="ldtbxh",
    )
    w.justice = Agency.objects.create(
        unit=w.district, name="Phòng Tư pháp quận", short_name="Phòng Tư pháp", kind="tu_phap"
    )
    w.womens_union = Agency.objects.create(
        unit=w.district, name="Hội Liên hiệp Phụ nữ quận", short_name="Hội LHPN quận", kind="hlhpn"
    )
    w.ward_committee_agency = Agency.objects.create(
        unit=w.ward, name="Ủy ban nhân dân phường Bồ Đề", kind="ubnd"
    )

    w.committee = Committee.objects.create(
        unit=w.district, name="Ban VSTBPN quận Long Biên", standing_agency=w.labour
    )
    w.chair = Membership.objects.create(
        committee=w.committee,
        full_name="Trần Thị Chủ Tịch",
        sex=Sex.FEMALE,
        position=Position.CHAIR,
        agency=w.labour,
        start=date(2024, 1, 1),
    )
    w.member = Membership.objects.create(
        committee=w.committee,
        full_name="Lê Văn Thành Viên",
        sex=Sex.MALE,
        position=Position.MEMBER,
        agency=w.justice,
        start=date(2024, 1, 1),
    )
    w.ward_committee = Committee.objects.create(
        unit=w.ward, name="Ban VSTBPN phường Bồ Đề", standing_agency=w.ward_committee_agency
    )
    w.ward_member = Membership.objects.create(
        committee=w.ward_committee,
        full_name="Phạm Thị Phường",
        sex=Sex.FEMALE,
        position=Position.CHAIR,
        agency=w.ward_committee_agency,
        start=date(2024, 1, 1),
    )
    w.other_ward_committee = Committee.objects.create(
        unit=w.other_ward, name="Ban VSTBPN phường Ngọc Lâm"
    )
    w.other_province_committee = Committee.objects.create(
        unit=w.other_province, name="Ban VSTBPN thành phố Hải Phòng"
    )

    w.district_plan, w.justice_task, w.wards_task = _issued_district_plan(w)
    w.district_draft = Plan.objects.create(
        unit=w.district,
        year=2025,
        subject="Dự thảo kế hoạch quận",
        place="Long Biên",
        symbol="KH-UBND",
    )
    w.draft_section = Section.objects.create(
        plan=w.district_draft, order=1, label="I", title="NỘI DUNG"
    )
    w.other_district_draft = Plan.objects.create(
        unit=w.other_district, year=2025, subject="Dự thảo kế hoạch quận khác", symbol="KH-UBND"
    )

    w.activity = Activity.objects.create(
        unit=w.district,
        agency=w.justice,
        kind="communication",
        title="Hội nghị tuyên truyền Luật Bình đẳng giới",
        start=date(2025, 3, 8),
        participants_total=120,
        participants_women=80,
        participants_men=40,
    )
    w.activity.tasks.add(w.justice_task)
    w.evidence = Evidence(
        activity=w.activity,
        original_name="anh-hoi-nghi.png",
        content_type="image/png",
        size=len(PNG),
    )
    w.evidence.file.save("anh.png", ContentFile(PNG), save=True)

    w.district_draft.source_name = "ke-hoach-nhap.txt"
    w.district_draft.source_file.save(
        "ke-hoach-nhap.txt", ContentFile(SMALL_PLAN_TEXT.encode()), save=True
    )
    w.district_plan.source_name = "ke-hoach.txt"
    w.district_plan.source_file.save(
        "ke-hoach.txt", ContentFile(SMALL_PLAN_TEXT.encode()), save=True
    )
    w.plan_import = PlanImport(unit=w.district, original_name="ke-hoach-moi.txt")
    w.plan_import.file.save("ke-hoach-moi.txt", ContentFile(SMALL_PLAN_TEXT.encode()), save=True)

    w.users = {
        "anonymous": None,
        "admin": make_user("admin", RoleKind.ADMIN, w.nation),
        "district_secretariat": make_user("district_secretariat", RoleKind.SECRETARIAT, w.district),
        "district_viewer": make_user("district_viewer", RoleKind.VIEWER, w.district),
        "focal_point": make_user("focal_point", RoleKind.FOCAL_POINT, w.district, agency=w.justice),
        "ward_officer": make_user("ward_officer", RoleKind.UNIT_OFFICER, w.ward),
        "other_ward_officer": make_user("other_ward_officer", RoleKind.UNIT_OFFICER, w.other_ward),
        "other_district_officer": make_user(
            "other_district_officer", RoleKind.SECRETARIAT, w.other_district
        ),
        "other_province_secretariat": make_user(
            "other_province_secretariat", RoleKind.SECRETARIAT, w.other_province
        ),
        # Above the district, outside PERSONAS (the access walk's columns): the city's and
        # the nation's secretariats, for the cycle's hand-offs upward.
        "province_secretariat": make_user("province_secretariat", RoleKind.SECRETARIAT, w.province),
        "national_secretariat": make_user("national_secretariat", RoleKind.SECRETARIAT, w.nation),
    }
    return w


def six_month_requirement(w, reporters: str = "units", default_figures: bool = False):
    """The district's requirement of a 6-month report for 2025, due from its wards on 25/05
    (and from its agencies when `reporters` is "both"), checked as the form checks it."""
    from vstb.reporting import services
    from vstb.reporting.models import Requirement

    due_dates = {"3": "2025-05-25"}
    if reporters == "both":
        due_dates["agency"] = "2025-05-25"
    requirement = Requirement(
        unit=w.district,
        title="Báo cáo sơ kết 6 tháng đầu năm 2025",
        kind="six_month",
        period_rule="six_month",
        year=2025,
        reporters=reporters,
        due_dates=due_dates,
    )
    requirement.full_clean()
    requirement.save()
    if default_figures:
        services.add_default_figures(requirement)
    return requirement


def ready_draft(world, **fields) -> Plan:
    """A draft plan of the district with everything issuing asks for; `fields` change it."""
    values = dict(
        unit=world.district,
        year=2026,
        issuer_name="ỦY BAN NHÂN DÂN QUẬN LONG BIÊN",
        subject="Kế hoạch thử",
        place="Long Biên",
        symbol="KH-UBND",
        signer_lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        signer_name="Nguyễn Văn Ký",
    )
    values.update(fields)
    return Plan.objects.create(**values)


def _issued_district_plan(w):
    """Long Biên's issued 2025 plan: one task led by Phòng Tư pháp, one for every ward."""
    plan = ready_draft(
        w,
        year=2025,
        subject="Thực hiện công tác bình đẳng giới năm 2025",
        recipients=["UBND các phường", "Lưu: VT"],
    )
    tasks = Section.objects.create(
        plan=plan, order=1, label="II", title="NỘI DUNG THỰC HIỆN", kind="tasks"
    )
    first = Section.objects.create(
        plan=plan,
        parent=tasks,
        order=2,
        label="-",
        kind="tasks",
        paragraphs=["Tuyên truyền pháp luật về bình đẳng giới."],
    )
    second = Section.objects.create(
        plan=plan,
        parent=tasks,
        order=3,
        label="-",
        kind="tasks",
        paragraphs=["Các phường xây dựng kế hoạch gửi về quận trước ngày 15/02/2025."],
    )
    justice_task = Task.objects.create(
        plan=plan, section=first, lead=w.justice, due=date(2025, 12, 15)
    )
    wards_task = Task.objects.create(
        plan=plan, section=second, addresses_all_lower_units=True, due=date(2025, 2, 15)
    )
    plan.issue(on=date(2025, 1, 6))
    return plan, justice_task, wards_task


@pytest.fixture
def world(db) -> SimpleNamespace:
    return build_world()


@pytest.fixture
def login(client):
    """login(user) signs the test client in as that persona (None stays anonymous)."""

    def _login(user):
        client.logout()
        if user is not None:
            sign_in(client, user)
        return client

    return _login
