"""How survivors' data is protected (issue 15, tests): encryption at rest and key rotation,
the access log (every read, append-only, no log no data), consent, and what leaves the
register (small cells, the reports' figures)."""

import json
import random
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from msoffcrypto.exceptions import InvalidKeyError

from vstb.cases import crypto, services, statistics
from vstb.cases.catalogue import CaseKind, ConsentScope, Measure, ViolenceForm
from vstb.cases.models import AccessEntry, AppendOnly, Case, CaseExport, Incident
from vstb.cases.tests.world import build_case_world, new_case
from vstb.conftest import sign_in

NAME = "Nguyễn Thị Zqxbimat"


@pytest.fixture
def fresh_keys(tmp_path, settings):
    """A key file of this test's own, and the cache of keys emptied before and after."""
    settings.VSTB_CASE_KEYS = ""
    settings.VSTB_CASE_KEY_FILE = str(tmp_path / "case_keys.json")
    crypto.keyring.cache_clear()
    yield tmp_path / "case_keys.json"
    crypto.keyring.cache_clear()


# --------------------------------------------------------------------------- encryption


def _raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_the_database_holds_no_plaintext_of_a_sealed_field(db, fresh_keys):
    world = build_case_world()
    case = new_case(world.ward, world.users["worker"], name=NAME)
    Case.objects.filter(pk=case.pk).update(contact="0912 345 678")  # through the field: sealed
    stored = _raw("cases_case", "full_name", case.pk)
    assert "Zqxbimat" not in stored and stored.startswith("v1.")
    assert "0912" not in _raw("cases_case", "contact", case.pk)
    again = Case.objects.get(pk=case.pk)
    assert str(again.full_name) == crypto.MASK  # printed, it is dots
    assert again.full_name.reveal() == NAME
    assert again.contact.reveal() == "0912 345 678"
    # The key file is outside the database and readable by its owner only.
    assert fresh_keys.stat().st_mode & 0o077 == 0


def test_a_value_copied_into_another_column_does_not_decrypt(db, fresh_keys):
    world = build_case_world()
    case = new_case(world.ward, world.users["worker"], name=NAME)
    token = _raw("cases_case", "full_name", case.pk)
    with pytest.raises(crypto.CaseKeyError):
        crypto.unseal(token, "cases.case.address")


def test_key_rotation_rewraps_every_value_and_still_reads(db, fresh_keys):
    world = build_case_world()
    case = new_case(world.ward, world.users["worker"], name=NAME)
    old = crypto.key_id(_raw("cases_case", "full_name", case.pk))
    call_command("rotate_case_keys", "--new-key", stdout=open("/dev/null", "w"))
    new = crypto.keyring().current
    assert new != old
    assert crypto.key_id(_raw("cases_case", "full_name", case.pk)) == new
    assert Case.objects.get(pk=case.pk).full_name.reveal() == NAME
    # Without the old key, what it wrapped is still readable: everything was re-wrapped.
    data = json.loads(fresh_keys.read_text())
    del data["keys"][old]
    crypto.write_keyring(fresh_keys, data)
    crypto.keyring.cache_clear()
    assert Case.objects.get(pk=case.pk).full_name.reveal() == NAME


def test_a_wrong_or_missing_key_fails_loudly(db, fresh_keys):
    world = build_case_world()
    case = new_case(world.ward, world.users["worker"], name=NAME)
    data = json.loads(fresh_keys.read_text())
    data["keys"][data["current"]] = crypto.new_key()  # the same id, another key
    crypto.write_keyring(fresh_keys, data)
    crypto.keyring.cache_clear()
    with pytest.raises(crypto.CaseKeyError):
        Case.objects.get(pk=case.pk).full_name.reveal()
    data["keys"] = {"other": crypto.new_key()}
    data["current"] = "other"
    crypto.write_keyring(fresh_keys, data)
    crypto.keyring.cache_clear()
    with pytest.raises(crypto.CaseKeyError, match="not in the key file"):
        Case.objects.get(pk=case.pk).full_name.reveal()


def test_a_name_is_found_by_its_blind_index_only_when_typed_exactly(db):
    world = build_case_world()
    case = new_case(world.ward, world.users["worker"], name=NAME)
    cases = Case.objects.all()
    assert list(services.matching(cases, "  nguyễn thị   zqxbimat ")) == [case]
    assert not services.matching(cases, "Zqxbimat").exists()
    assert list(services.matching(cases, case.code.lower())) == [case]


# --------------------------------------------------------------------------- access log


def test_every_read_writes_its_line_and_a_search_keeps_no_words(db):
    world = build_case_world()
    case = world.cases["own"]
    client = Client()
    sign_in(client, world.users["worker"])
    reads = [
        ("get", reverse("cases:list"), {}, "list"),
        ("get", reverse("cases:list"), {"q": NAME}, "search"),
        ("get", reverse("cases:detail", args=[case.pk]), {}, "open"),
        ("post", reverse("cases:reveal", args=[case.pk]), {}, "reveal"),
        ("get", reverse("cases:edit", args=[case.pk]), {}, "open"),
    ]
    for method, url, data, action in reads:
        before = AccessEntry.objects.count()
        assert getattr(client, method)(url, data).status_code == 200
        lines = AccessEntry.objects.order_by("-pk")[: AccessEntry.objects.count() - before]
        assert lines and {line.action for line in lines} == {action}, url
        assert all(line.actor_id == world.users["worker"].pk for line in lines)
    assert not AccessEntry.objects.filter(what__icontains="zqx").exists()
    assert AccessEntry.objects.filter(action="search", what__startswith="q:").exists()


def test_an_access_line_is_never_changed_nor_deleted_through_the_app(db):
    world = build_case_world()
    line = AccessEntry.objects.filter(case_id=world.cases["own"].pk).first()
    with pytest.raises(AppendOnly):
        line.save()
    with pytest.raises(AppendOnly):
        line.delete()
    with pytest.raises(AppendOnly):
        AccessEntry.objects.filter(pk=line.pk).update(action="open")
    with pytest.raises(AppendOnly):
        AccessEntry.objects.all().delete()


def test_no_log_line_no_data(db):
    world = build_case_world()
    case = world.cases["own"]
    services.set_identity(case, full_name=NAME)
    case.save()
    client = Client()
    sign_in(client, world.users["worker"])

    with connection.cursor() as cursor:  # the log cannot be written (rolled back after the test)
        cursor.execute("DROP TABLE cases_accessentry")
    for method, url in [
        ("get", reverse("cases:detail", args=[case.pk])),
        ("post", reverse("cases:reveal", args=[case.pk])),
        ("get", reverse("cases:list")),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 503, url
        page = response.content.decode()
        assert case.code not in page and "Zqxbimat" not in page
        assert "nhật ký truy cập" in page


def test_a_supervisor_reads_a_case_access_log_and_a_worker_does_not(db):
    world = build_case_world()
    case = world.cases["own"]
    worker, supervisor = Client(), Client()
    sign_in(worker, world.users["worker"])
    sign_in(supervisor, world.users["ward_supervisor"])
    worker.post(reverse("cases:reveal", args=[case.pk]))
    assert worker.get(reverse("cases:log", args=[case.pk])).status_code == 403
    page = supervisor.get(reverse("cases:log", args=[case.pk])).content.decode()
    assert "worker" in page and "hiện thông tin nhận dạng" in page


# --------------------------------------------------------------------------- consent


def test_a_referral_needs_consent_unless_a_supervisor_overrides_with_a_reason(db):
    world = build_case_world()
    case = new_case(world.ward, world.users["worker"])
    services.record_consent(case, ConsentScope.REFERRAL, False, world.users["worker"])
    with pytest.raises(services.CaseRefused):
        services.refer(case, world.health, Measure.CARE, world.users["worker"])
    with pytest.raises(services.CaseRefused):
        services.refer(
            case, world.health, Measure.CARE, world.users["ward_supervisor"], may_override=True
        )
    referral = services.refer(
        case, world.health, Measure.CARE, world.users["ward_supervisor"],
        override_reason="Nạn nhân bị thương nặng", may_override=True, share_contact=True,
    )  # fmt: skip
    assert referral.override_reason and not referral.share_contact
    # Consent naming another provider does not allow this one.
    services.record_consent(
        case, ConsentScope.REFERRAL, True, world.users["worker"], providers=[world.legal_aid]
    )
    with pytest.raises(services.CaseRefused):
        services.refer(case, world.health, Measure.CARE, world.users["worker"])
    assert services.refer(case, world.legal_aid, Measure.LEGAL_AID, world.users["worker"])


def test_statistics_count_only_cases_whose_consent_is_in_force(db):
    world = build_case_world()
    year = (date(2025, 1, 1), date(2026, 12, 31))
    before = statistics.report_counts([world.ward.pk], *year)["cases_detected"]
    counted = new_case(world.ward, world.users["worker"])
    refused = new_case(world.ward, world.users["worker"], statistics=False)
    after = statistics.report_counts([world.ward.pk], *year)["cases_detected"]
    assert after == before + 1
    services.record_consent(counted, ConsentScope.STATISTICS, False, world.users["worker"])
    services.record_consent(refused, ConsentScope.STATISTICS, True, world.users["worker"])
    assert statistics.report_counts([world.ward.pk], *year)["cases_detected"] == after
    services.record_consent(refused, ConsentScope.STATISTICS, False, world.users["worker"])
    assert statistics.report_counts([world.ward.pk], *year)["cases_detected"] == before


def test_a_case_referred_twice_is_counted_once_as_supported(db):
    world = build_case_world()
    start, end = date(2025, 1, 1), date(2026, 12, 31)
    before = statistics.report_counts([world.ward.pk], start, end)
    case = new_case(world.ward, world.users["worker"])
    for provider in (world.legal_aid, world.health):
        referral = services.refer(case, provider, Measure.COUNSELLING, world.users["worker"])
        services.answer_referral(referral, "accept", world.users["recipient"])
        services.answer_referral(referral, "done", world.users["recipient"])
    after = statistics.report_counts([world.ward.pk], start, end)
    assert after["cases_detected"] == before["cases_detected"] + 1
    assert after["cases_supported"] == before["cases_supported"] + 1


# --------------------------------------------------------------------------- small cells


def _lines(shown, row_totals, column_totals):
    rows = [(cells, total) for cells, total in zip(shown, row_totals, strict=True)]
    columns = [([row[c] for row in shown], column_totals[c]) for c in range(len(column_totals))]
    return rows + columns


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(min_value=0, max_value=12), min_size=4, max_size=4),
        min_size=1,
        max_size=8,
    )
)
def test_small_cells_are_hidden_and_none_can_be_worked_out(grid):
    row_totals = [sum(row) for row in grid]
    column_totals = [sum(row[c] for row in grid) for c in range(4)]
    grand = sum(row_totals)
    shown, rows, columns, grand_shown = statistics.suppress_cells(
        grid, row_totals, column_totals, grand, 5
    )
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if 0 < value < 5:
                assert shown[r][c] is None
            if shown[r][c] is not None:
                assert shown[r][c] == value
    for cells, total in _lines(shown, rows, columns):
        hidden = [cell for cell in cells if cell is None]
        # With the total shown, a line never has exactly one hidden cell: it would be the
        # total minus the others.
        assert total is None or len(hidden) != 1
    hidden_rows = [total for total in rows if total is None]
    assert grand_shown is None or len(hidden_rows) != 1


def test_figures_above_the_commune_are_suppressed_and_the_communes_own_are_not(db):
    world = build_case_world()
    client = Client()
    sign_in(client, world.users["district_secretariat"])
    for _ in range(2):
        case = new_case(world.ward, world.users["worker"], reported_on=date.today())
        Incident.objects.create(case=case, forms=[ViolenceForm.SEXUAL])
    page = client.get(reverse("cases:figures"), {"unit": world.district.pk}).content.decode()
    assert "&lt;5" in page
    for case in Case.objects.all():
        assert case.code not in page
    ward = Client()
    sign_in(ward, world.users["ward_officer"])
    table = statistics.form_table([world.ward], date(2026, 1, 1), date(2026, 12, 31), False)
    assert table.rows[0][1][2] >= 2  # sexual violence, shown at the commune itself
    assert ward.get(reverse("cases:figures")).status_code == 200


def test_a_communes_report_takes_its_counts_from_the_register(db):
    from vstb.reporting import services as reporting
    from vstb.reporting.models import Figure, Requirement

    world = build_case_world()
    today = date.today()
    requirement = Requirement.objects.create(
        unit=world.district, title="Báo cáo 6 tháng", kind="periodic", period_rule="semiannual",
        year=today.year, window_start=today.replace(month=1, day=1), window_end=today,
    )  # fmt: skip
    reporting.add_default_figures(requirement)
    case = new_case(world.ward, world.users["worker"], reported_on=today)
    services.give_service(case, Measure.COUNSELLING, today, world.users["worker"])
    new_case(world.ward, world.users["worker"], reported_on=today, kind=CaseKind.TRAFFICKING)
    report = reporting.open_report(requirement, world.ward, world.users["ward_officer"])
    values = {v.figure.source: v.total for v in report.values.select_related("figure")}
    expected = statistics.report_counts([world.ward.pk], requirement.window_start, today)
    assert values[Figure.Source.CASES_DETECTED] == expected["cases_detected"] >= 1
    assert values[Figure.Source.CASES_SUPPORTED] == expected["cases_supported"] >= 1


def test_random_names_never_reach_a_page_a_list_a_mail_or_a_log(db, caplog, mailoutbox):
    """Property: whatever the names, no output but the reveal page of an allowed person
    carries them."""
    world = build_case_world()
    rng = random.Random(15)
    syllables = ["Zqx", "thị", "văn", "Lò", "Nguyễn", "Hà", "Đặng", "Ánh", "Quỳnh", "Ơ"]
    secrets_ = []
    for _ in range(5):
        name = " ".join(rng.choice(syllables) for _ in range(3)) + f" Zqx{rng.randrange(10**6)}"
        phone = f"09{rng.randrange(10**8):08d}"
        case = Case(unit=world.ward, kind=CaseKind.DOMESTIC, channel="trusted_address")
        services.set_identity(case, full_name=name, id_number=f"0{rng.randrange(10**11):011d}")
        case.contact, case.address, case.informant = phone, f"Ngõ Zqx{rng.randrange(999)}", name
        services.open_case(case, world.users["trusted"], {}, worker=None)
        services.assign(case, world.users["worker"], world.users["ward_supervisor"])
        services.record_consent(case, ConsentScope.REFERRAL, True, world.users["worker"])
        services.refer(case, world.legal_aid, Measure.LEGAL_AID, world.users["worker"],
                       note="", share_contact=False)  # fmt: skip
        secrets_ += [name, phone, case.code]
    watched = [
        ("worker", "get", reverse("cases:list")),
        ("ward_supervisor", "get", reverse("cases:list")),
        ("recipient", "get", reverse("cases:referrals")),
        ("district_secretariat", "get", reverse("cases:figures") + f"?unit={world.district.pk}"),
        ("district_secretariat", "get", reverse("home")),
        ("worker", "get", reverse("home")),
        ("worker", "get", reverse("notifications:list")),
        ("ward_supervisor", "get", reverse("notifications:list")),
    ]
    for persona, method, url in watched:
        client = Client()
        sign_in(client, world.users[persona])
        page = getattr(client, method)(url).content.decode()
        names_and_phones = [s for s in secrets_ if not s.startswith("VV-")]
        assert not [s for s in names_and_phones if s in page], (persona, url)
        if persona in ("district_secretariat", "recipient") or url != reverse("cases:list"):
            assert not [s for s in secrets_ if s.startswith("VV-") and s in page], (persona, url)
    outputs = [m.subject + m.body for m in mailoutbox] + [r.getMessage() for r in caplog.records]
    outputs += [str(n.title) + n.detail for n in world.users["worker"].notifications.all()]
    assert not [s for s in secrets_ for text in outputs if s in text]


# --------------------------------------------------------------------------- retention


def test_retention_erases_old_closed_cases_leaving_a_tombstone_and_keeps_a_legal_hold(db):
    from io import StringIO

    world = build_case_world()
    long_ago = date(2015, 1, 1)
    old = new_case(world.ward, world.users["worker"], name=NAME)
    held = new_case(world.ward, world.users["worker"])
    Case.objects.filter(pk__in=[old.pk, held.pk]).update(status="closed", closed_on=long_ago)
    Case.objects.filter(pk=held.pk).update(legal_hold=True)
    out = StringIO()
    call_command("case_retention", stdout=out)
    assert old.code in out.getvalue() and held.code not in out.getvalue()
    assert Case.objects.filter(pk=old.pk).exists()  # listing erases nothing
    call_command("case_retention", "--erase", stdout=StringIO())
    assert not Case.objects.filter(pk=old.pk).exists()
    assert Case.objects.filter(pk=held.pk).exists()
    tombstone = AccessEntry.objects.get(case_id=old.pk, action="erase")
    assert tombstone.case_code == old.code and tombstone.actor_name == "vstb case-retention"
    assert not [v for v in _all_text_columns() if "Zqxbimat" in v]


def _all_text_columns() -> list[str]:
    """Every value of the access log, as stored: what an erased case leaves."""
    return [f"{e.case_code} {e.what} {e.actor_name}" for e in AccessEntry.objects.all()]


# --------------------------------------------------------------------------- exports


def _open_xlsx(content: bytes, secret: str):
    import io

    import msoffcrypto
    from openpyxl import load_workbook

    source = msoffcrypto.OfficeFile(io.BytesIO(content))
    source.load_key(password=secret)
    plain = io.BytesIO()
    source.decrypt(plain)
    return load_workbook(plain)


def test_an_export_is_encrypted_shown_its_passphrase_once_and_downloaded_once(db):
    world = build_case_world()
    case = world.cases["own"]
    services.set_identity(case, full_name='=HYPERLINK("http://x")')
    case.save()
    client = Client()
    sign_in(client, world.users["worker"])
    page = client.post(reverse("cases:exports"), {"status": ""}).content.decode()
    export = CaseExport.objects.get()
    secret = page.split('class="passphrase"><strong>')[1].split("<")[0]
    assert secret not in client.get(reverse("cases:exports")).content.decode()  # once
    assert bytes(export.content)[:8] == bytes.fromhex("d0cf11e0a1b11ae1")  # an encrypted OLE file
    with pytest.raises(InvalidKeyError):
        _open_xlsx(bytes(export.content), "wrong-pass")
    response = client.post(reverse("cases:export_download", args=[export.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    sheet = _open_xlsx(response.content, secret).active
    codes = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert codes == {world.cases[k].code for k in ("own", "assigned", "closed")}
    assert sheet.max_column == 12  # no names without approval
    again = client.post(reverse("cases:export_download", args=[export.pk]))
    assert again.status_code == 302  # once only
    export.refresh_from_db()
    assert bytes(export.content) == b"" and export.state == "downloaded"
    assert AccessEntry.objects.filter(case_id=case.pk, action="export").exists()


def test_an_identifiable_export_waits_for_another_supervisor_and_escapes_formulas(db):
    world = build_case_world()
    case = world.cases["own"]
    services.set_identity(case, full_name='=HYPERLINK("http://x","y")')
    case.save()
    asker, approver = Client(), Client()
    sign_in(asker, world.users["ward_supervisor"])
    sign_in(approver, world.users["city_supervisor"])
    page = asker.post(reverse("cases:exports"), {"identifiable": "on"}).content.decode()
    assert "errorlist" in page and not CaseExport.objects.exists()  # a reason is needed
    page = asker.post(
        reverse("cases:exports"),
        {"identifiable": "on", "reason": "Tòa án yêu cầu", "status": "open"},
    ).content.decode()
    secret = page.split('class="passphrase"><strong>')[1].split("<")[0]
    export = CaseExport.objects.get()
    assert asker.post(reverse("cases:export_download", args=[export.pk])).status_code == 302
    assert (
        asker.post(
            reverse("cases:export_decide", args=[export.pk]), {"decision": "approve"}
        ).status_code
        == 403
    )
    worker = Client()
    sign_in(worker, world.users["worker"])
    assert (
        worker.post(
            reverse("cases:export_decide", args=[export.pk]), {"decision": "approve"}
        ).status_code
        == 404
    )
    assert (
        approver.post(
            reverse("cases:export_decide", args=[export.pk]), {"decision": "approve"}
        ).status_code
        == 302
    )
    response = asker.post(reverse("cases:export_download", args=[export.pk]))
    assert response.status_code == 200
    sheet = _open_xlsx(response.content, secret).active
    names = [row[12] for row in sheet.iter_rows(min_row=2)]
    cell = next(c for c in names if c.value and "HYPERLINK" in str(c.value))
    assert cell.data_type == "s"  # text, never a formula Excel would run


# --------------------------------------------------------------------------- documents


def test_the_record_of_receipt_and_the_referral_slip_hold_only_what_they_need(db):
    import io

    from docx import Document

    world = build_case_world()
    case = new_case(world.ward, world.users["worker"], name=NAME)
    Case.objects.filter(pk=case.pk).update(informant="Trần Văn Zqxbaotin", contact="0911 222 333")
    Incident.objects.create(case=case, occurred_on=date(2026, 3, 2), forms=[ViolenceForm.MENTAL])
    referral = services.refer(
        case, world.legal_aid, Measure.LEGAL_AID, world.users["worker"],
        note="Cần hỗ trợ thủ tục ly hôn", share_contact=True,
    )  # fmt: skip
    client = Client()
    sign_in(client, world.users["worker"])

    def text(url: str) -> str:
        response = client.get(url)
        assert response.status_code == 200 and response["Cache-Control"] == "no-store"
        document = Document(io.BytesIO(response.content))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)

    receipt = text(reverse("cases:receipt_docx", args=[case.pk]))
    assert "BIÊN BẢN" in receipt and case.code in receipt and "tinh thần" in receipt
    assert "Zqxbimat" not in receipt and "Zqxbaotin" not in receipt and "0911" not in receipt
    slip = text(reverse("cases:referral_docx", args=[referral.pk]))
    assert "PHIẾU CHUYỂN" in slip and "Cần hỗ trợ thủ tục ly hôn" in slip
    assert "0911 222 333" in slip  # shared with this provider, with consent
    assert "Zqxbimat" not in slip and "Zqxbaotin" not in slip
    assert AccessEntry.objects.filter(case_id=case.pk, action="print").count() == 2
    other = Client()
    sign_in(other, world.users["other_worker"])
    assert other.get(reverse("cases:receipt_docx", args=[case.pk])).status_code == 404
    assert other.get(reverse("cases:referral_docx", args=[referral.pk])).status_code == 404


def test_a_shelters_location_shows_only_on_the_page_that_reveals_it(db):
    world = build_case_world()
    case = world.cases["own"]
    client = Client()
    sign_in(client, world.users["worker"])
    response = client.post(
        reverse("cases:shelter_add", args=[case.pk]),
        {"start": "02/01/2026", "location": "Nhà chị Zqxnoiantoan"},
    )
    assert response.status_code == 302
    assert "Zqxnoiantoan" not in _raw("cases_shelterstay", "location", case.shelter_stays.get().pk)
    assert (
        "Zqxnoiantoan" not in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    )
    assert "Zqxnoiantoan" in client.post(reverse("cases:reveal", args=[case.pk])).content.decode()
    bad = client.post(reverse("cases:shelter_add", args=[case.pk]), {"start": "32/13/2026"})
    assert bad.status_code == 302 and case.shelter_stays.count() == 1
