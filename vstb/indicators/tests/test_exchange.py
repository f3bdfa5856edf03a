"""Exchanging figures with other systems: DHIS2 data value sets, ADX and SDMX-CSV out, the
first two back in (all values or none, each bad value named)."""

import io
import json
import types
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.utils import timezone, translation

from vstb.indicators import exchange
from vstb.indicators.exchange import adx, common
from vstb.indicators.exchange import sdmx as sdmx_format
from vstb.indicators.models import DataValue, DataValueChange, ExchangeCode, ExchangeKind
from vstb.indicators.tests.factories import element, put

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The messages are read in English, their msgids: what they name (the value's number, the
    codes, the unit) is the same in Vietnamese."""
    with translation.override("en"):
        yield


def _fill(w) -> None:
    """Bồ Đề's and Ngọc Lâm's figures (Long Biên); one of Hàng Trống, in another district;
    one of 2024."""
    for sex, area, value in [
        ("", "", 10000),
        ("f", "", 5100),
        ("m", "", 4900),
        ("", "urban", 6000),
        ("", "rural", "3999.5"),
    ]:
        put("DAN_SO", w.ward, 2025, value, sex=sex, area=area)
    put("TRE_SINH", w.ward, 2025, 120)
    put("TRE_SINH", w.ward, 2024, 100)
    put("DAN_SO", w.other_ward, 2025, 8000)
    DataValue.objects.create(
        element=element("TRE_SINH"),
        unit=w.other_ward,
        year=2025,
        period="h1",
        value=Decimal(55),
        source="form",
        entered_at=timezone.now(),
    )
    put("DAN_SO", w.far_ward, 2025, 999)


def _snapshot(**where) -> set:
    rows = DataValue.objects.filter(**where).values_list(
        "element__code", "unit__code", "year", "period", "sex", "area", "value"
    )
    return {(*row[:-1], row[-1].normalize()) for row in rows}


def _long_bien_2025(w) -> set:
    return _snapshot(unit__path__under=w.district.path, year=2025)


def _export(function, root, start=2025, end=2025, **kwargs) -> bytes:
    return b"".join(function(root, start, end, **kwargs))


def _dhis2(*values) -> bytes:
    return json.dumps({"dataValues": list(values)}).encode()


def _value(element="TRE_SINH", unit="00139", period="2025", value="130", **more) -> dict:
    return {"dataElement": element, "orgUnit": unit, "period": period, "value": value, **more}


def _map_codes(w) -> None:
    ExchangeCode.objects.create(
        kind=ExchangeKind.ELEMENT,
        key="DAN_SO",
        dhis2_id="DeDanSo0001",
        adx_code="POP",
        sdmx_code="SP_POP",
    )
    ExchangeCode.objects.create(
        kind=ExchangeKind.SEX, key="f", dhis2_id="CocWomen001", adx_code="F", sdmx_code="F"
    )
    ExchangeCode.objects.create(
        kind=ExchangeKind.AREA, key="urban", dhis2_id="CocUrban001", adx_code="U", sdmx_code="U"
    )
    ExchangeCode.objects.create(
        kind=ExchangeKind.UNIT, key=w.ward.code, dhis2_id="OuBoDe00001", adx_code="BODE"
    )


# Round trips -------------------------------------------------------------------------------------


def test_a_subtree_exported_as_dhis2_comes_back_as_the_same_values(world):
    _fill(world)
    before = _long_bien_2025(world)
    payload = _export(exchange.datavaluesets_json, world.district)
    DataValue.objects.all().delete()

    summary = exchange.import_datavaluesets(world.users["admin"], payload)

    assert summary["status"] == "SUCCESS", summary["conflicts"]
    assert summary["importCount"] == {
        "imported": len(before),
        "updated": 0,
        "ignored": 0,
        "deleted": 0,
    }
    # Only Long Biên's 2025 figures travelled: not Hàng Trống's, not 2024's.
    assert _snapshot() == before


def test_dhis2_export_reads_as_dhis2_periods_and_breakdowns(world):
    _fill(world)
    document = json.loads(_export(exchange.datavaluesets_json, world.ward))
    values = {
        (item["dataElement"], item["period"], item.get("categoryOptionCombo")): item["value"]
        for item in document["dataValues"]
    }
    assert values[("DAN_SO", "2025", None)] == "10000"  # the total: DHIS2's default combo
    assert values[("DAN_SO", "2025", "f")] == "5100"
    assert values[("DAN_SO", "2025", "rural")] == "3999.5"
    assert {item["orgUnit"] for item in document["dataValues"]} == {world.ward.code}
    h1 = json.loads(_export(exchange.datavaluesets_json, world.other_ward))["dataValues"]
    assert {item["period"] for item in h1} == {"2025", "2025S1"}


def test_a_subtree_exported_as_adx_comes_back_as_the_same_values(world):
    _fill(world)
    before = _long_bien_2025(world)
    payload = _export(exchange.adx_xml, world.district)
    DataValue.objects.all().delete()

    summary = exchange.import_adx(world.users["admin"], payload)

    assert summary["status"] == "SUCCESS", summary["conflicts"]
    assert summary["importCount"]["imported"] == len(before)
    assert _snapshot() == before


def test_adx_export_follows_the_profile(world):
    _fill(world)
    document = ElementTree.fromstring(_export(exchange.adx_xml, world.ward))
    assert document.tag == "{urn:ihe:qrph:adx:2015}adx"
    assert document.get("exported")
    groups = document.findall(adx.GROUP)
    assert [(g.get("orgUnit"), g.get("period"), g.get("dataSet")) for g in groups] == [
        (world.ward.code, "2025-01-01/P1Y", "VSTB")
    ]
    women = [v for v in groups[0].findall(adx.DATA_VALUE) if v.get("SEX") == "f"]
    assert [(v.get("dataElement"), v.get("value")) for v in women] == [("DAN_SO", "5100")]
    half = ElementTree.fromstring(_export(exchange.adx_xml, world.other_ward))
    assert {g.get("period") for g in half.findall(adx.GROUP)} == {
        "2025-01-01/P1Y",
        "2025-01-01/P6M",
    }


def _sdmx_structure(sdmx):
    """The dataflow as a reader would define it from sdmx_format.DIMENSIONS."""
    from sdmx.model import common as sdmx_common
    from sdmx.model import v30

    agency = sdmx_common.Agency(id=sdmx_format.AGENCY)
    dsd = v30.DataStructureDefinition(id="DSD_VSTB_FIGURES", maintainer=agency)
    for name in sdmx_format.DIMENSIONS:
        dsd.dimensions.append(v30.Dimension(id=name))
    dsd.measures.append(v30.Measure(id="OBS_VALUE"))
    return v30.Dataflow(
        id=sdmx_format.DATAFLOW, maintainer=agency, version=sdmx_format.VERSION, structure=dsd
    )


def test_sdmx_csv_reads_back_through_sdmx1_as_the_same_observations(world):
    sdmx = pytest.importorskip("sdmx")
    from sdmx.reader.csv import Reader

    _fill(world)
    _map_codes(world)
    content = _export(exchange.sdmx_csv, world.district)

    message = Reader().convert(io.BytesIO(content), structure=_sdmx_structure(sdmx))

    assert len(message.data) == 1
    observations = {
        (*(obs.dimension.values[name].value for name in sdmx_format.DIMENSIONS), obs.value)
        for obs in message.data[0].obs
    }
    # Mapped: the element, women, urban; the ward has no SDMX code; the total is "_T".
    codes = {"DAN_SO": "SP_POP", "f": "F", "urban": "U", "": "_T"}
    expected = {
        (
            codes.get(code, code),
            codes.get(unit, unit),
            codes.get(sex, sex),
            codes.get(area, area),
            f"{year}-S1" if period == "h1" else f"{year}",
            f"{value:f}",
        )
        for code, unit, year, period, sex, area, value in _long_bien_2025(world)
    }
    assert observations == expected


# Codes of the partner -------------------------------------------------------------------------------


def test_mapped_codes_are_exported_and_read_back(world):
    _fill(world)
    _map_codes(world)
    before = _long_bien_2025(world)
    payload = _export(exchange.datavaluesets_json, world.ward)
    items = json.loads(payload)["dataValues"]
    assert {
        "dataElement": "DeDanSo0001",
        "period": "2025",
        "orgUnit": "OuBoDe00001",
        "categoryOptionCombo": "CocWomen001",
        "value": "5100",
    } in items
    # Unmapped: VSTB's own codes.
    assert _value("TRE_SINH", "OuBoDe00001", value="120") in items
    xml = _export(exchange.adx_xml, world.ward).decode()
    assert '<dataValue dataElement="POP" SEX="F" value="5100"/>' in xml
    assert 'orgUnit="BODE"' in xml

    DataValue.objects.all().delete()
    assert exchange.import_datavaluesets(world.users["admin"], payload)["status"] == "SUCCESS"
    DataValue.objects.exclude(unit=world.ward).delete()
    assert _long_bien_2025(world) == {row for row in before if row[1] == world.ward.code}
    DataValue.objects.all().delete()
    assert exchange.import_adx(world.users["admin"], xml.encode())["status"] == "SUCCESS"
    assert _long_bien_2025(world) == {row for row in before if row[1] == world.ward.code}


def test_an_import_takes_the_mapped_code_or_vstbs_own(world):
    _map_codes(world)
    payload = _dhis2(
        _value("DeDanSo0001", "OuBoDe00001", value="100"),
        _value("DAN_SO", world.ward.code, value="60", categoryOptionCombo="f"),
        _value("DAN_SO", world.ward.code, value="30", categoryOptionCombo="CocUrban001"),
    )
    summary = exchange.import_datavaluesets(world.users["ward_officer"], payload)
    assert summary["status"] == "SUCCESS", summary["conflicts"]
    assert _snapshot() == {
        ("DAN_SO", world.ward.code, 2025, "year", "", "", Decimal(100)),
        ("DAN_SO", world.ward.code, 2025, "year", "f", "", Decimal(60)),
        ("DAN_SO", world.ward.code, 2025, "year", "", "urban", Decimal(30)),
    }


# Storing --------------------------------------------------------------------------------------------


def test_an_import_counts_new_changed_unchanged_and_deleted_figures(world):
    _fill(world)
    payload = _dhis2(
        _value("TRE_SINH", value="130"),  # was 120
        _value("DAN_SO", value="10000"),  # unchanged
        _value("DAN_SO", value="", categoryOptionCombo="urban", deleted=True),
        _value("TRE_SINH", period="2025S1", value="60"),  # new
    )
    summary = exchange.import_datavaluesets(world.users["ward_officer"], payload)
    assert summary["status"] == "SUCCESS", summary["conflicts"]
    assert summary["importCount"] == {"imported": 1, "updated": 1, "ignored": 1, "deleted": 1}
    assert not DataValue.objects.filter(unit=world.ward, year=2025, area="urban").exists()


def test_an_import_keeps_the_history_of_each_change(world):
    _fill(world)
    officer = world.users["ward_officer"]
    exchange.import_datavaluesets(officer, _dhis2(_value("TRE_SINH", value="130")))
    exchange.import_adx(
        officer,
        b'<adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-01-05T08:00:00Z">'
        b'<group orgUnit="00139" period="2025-01-01/P1Y" dataSet="VSTB">'
        b'<dataValue dataElement="TRE_SINH" value="140"/></group></adx>',
    )
    changes = DataValueChange.objects.filter(unit=world.ward).order_by("pk")
    assert [(c.old_value, c.new_value, c.source, c.changed_by) for c in changes] == [
        (Decimal(120), Decimal(130), "dhis2", officer),
        (Decimal(130), Decimal(140), "adx", officer),
    ]


def test_a_jump_from_last_year_is_stored_with_a_warning(world):
    _fill(world)
    summary = exchange.import_datavaluesets(
        world.users["ward_officer"], _dhis2(_value("TRE_SINH", value="300"))
    )
    assert summary["status"] == "WARNING"
    assert summary["importCount"]["updated"] == 1
    assert len(summary["warnings"]) == 1 and "300" in summary["warnings"][0]
    assert DataValue.objects.get(unit=world.ward, year=2025, element__code="TRE_SINH").value == 300


def test_a_dry_run_checks_and_counts_but_stores_nothing(world):
    _fill(world)
    before = _snapshot()
    payload = _dhis2(
        _value("TRE_SINH", value="300"), _value("TRE_SINH", period="2025S1", value="60")
    )

    summary = exchange.import_datavaluesets(world.users["ward_officer"], payload, dry_run=True)

    assert summary["status"] == "SUCCESS"
    assert summary["description"].startswith("Dry run")
    assert summary["importCount"] == {"imported": 1, "updated": 1, "ignored": 0, "deleted": 0}
    assert _snapshot() == before
    assert not DataValueChange.objects.exists()
    bad = exchange.import_adx(world.users["ward_officer"], b"<adx", dry_run=True)
    assert bad["status"] == "ERROR"


# Refusals --------------------------------------------------------------------------------------------


def _assert_refused(world, summary, before, *names):
    """Nothing stored, status ERROR, and one conflict naming each of `names`."""
    assert summary["status"] == "ERROR"
    assert summary["importCount"]["imported"] == summary["importCount"]["updated"] == 0
    assert _snapshot() == before
    assert not DataValueChange.objects.exists()
    texts = [f"{c['object']} {c['value']}" for c in summary["conflicts"]]
    for name in names:
        assert any(name in text for text in texts), (name, texts)


GOOD = _value("TRE_SINH", value="130")  # stored only if the whole payload is


@pytest.mark.parametrize(
    ("bad", "names"),
    [
        (_value("NOPE"), ["NOPE", "Value 2"]),
        (_value(unit="99999"), ["99999"]),
        (_value(period="2025-13"), ["2025-13"]),
        (_value(period="2025Q1"), ["2025Q1"]),
        (_value(period="1999"), ["1999"]),
        (_value(value="abc"), ["abc", "Phường Bồ Đề"]),
        (_value(value="-1"), ["TRE_SINH"]),
        (_value(value="1,5"), ["1,5"]),
        (_value(value=True), ["True"]),
        (_value(categoryOptionCombo="x"), ["“x”"]),
        (_value(attributeOptionCombo="funder"), ["funder"]),
        (_value("DAN_SO", value="20000", categoryOptionCombo="f"), ["20000", "10000"]),
        (_value("TU_VONG_ME", value="1"), ["Phường Bồ Đề", "TU_VONG_ME"]),
        (_value("LD_CO_QUAN", value="1", categoryOptionCombo="f"), ["LD_CO_QUAN"]),
        (_value(period=""), ["period"]),
        ("not an object", ["dataValues"]),
    ],
)
def test_a_bad_value_refuses_the_whole_payload_and_is_named(world, bad, names):
    _fill(world)
    before = _snapshot()
    payload = _dhis2(GOOD, bad)
    summary = exchange.import_datavaluesets(world.users["ward_officer"], payload)
    _assert_refused(world, summary, before, *names)
    assert summary["importCount"]["ignored"] == 2


def test_women_over_the_total_given_in_the_same_payload_are_named(world):
    _fill(world)
    before = _snapshot()
    payload = _dhis2(
        _value("DAN_SO", value="100"), _value("DAN_SO", value="200", categoryOptionCombo="f")
    )
    summary = exchange.import_datavaluesets(world.users["ward_officer"], payload)
    _assert_refused(world, summary, before, "200", "100", "Value 2")


def test_the_same_figure_twice_is_refused(world):
    _fill(world)
    before = _snapshot()
    payload = _dhis2(GOOD, _value("TRE_SINH", value="131"))
    summary = exchange.import_datavaluesets(world.users["ward_officer"], payload)
    _assert_refused(world, summary, before, "Value 2", "1")


@pytest.mark.parametrize(
    ("payload", "names"),
    [
        (b'{"dataValues": [', ["line 1"]),
        (b"\xff\xfe\x00garbage", ["JSON"]),
        (b"[]", ["dataValues"]),
        (b"[" * 100_000, ["DHIS2"]),
        (b'{"dataValues": {}}', ["dataValues"]),
        (b"x" * (10 * 1024 * 1024), ["5 MB"]),
    ],
)
def test_a_payload_that_is_not_a_data_value_set_is_refused(world, payload, names):
    _fill(world)
    before = _snapshot()
    summary = exchange.import_datavaluesets(world.users["ward_officer"], payload)
    _assert_refused(world, summary, before, *names)


def test_a_unit_outside_the_users_scope_reads_as_unknown(world):
    _fill(world)
    before = _snapshot()
    officer = world.users["ward_officer"]
    hidden = exchange.import_datavaluesets(officer, _dhis2(_value(unit=world.other_ward.code)))
    missing = exchange.import_datavaluesets(officer, _dhis2(_value(unit="99999")))
    _assert_refused(world, hidden, before, world.other_ward.code)
    assert world.other_ward.name not in hidden["conflicts"][0]["value"]
    assert (
        hidden["conflicts"][0]["value"].replace(world.other_ward.code, "99999")
        == (missing["conflicts"][0]["value"])
    )


def test_a_user_who_may_not_change_a_unit_is_refused_for_it(world):
    _fill(world)
    before = _snapshot()
    # The district's secretariat reads its wards' figures but enters only the district's.
    secretariat = world.users["district_secretariat"]
    summary = exchange.import_datavaluesets(secretariat, _dhis2(GOOD))
    _assert_refused(world, summary, before, "Phường Bồ Đề")
    assert summary["conflicts"][0]["object"] == world.ward.code
    viewer = exchange.import_adx(world.users["district_viewer"], _export(adx.adx_xml, world.ward))
    _assert_refused(world, viewer, before, "Phường Bồ Đề")


ADX_HEAD = b'<adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-01-05T08:00:00Z">'


def _adx(group: bytes = b'orgUnit="00139" period="2025-01-01/P1Y" dataSet="VSTB"', *values):
    body = b"".join(values) or b'<dataValue dataElement="TRE_SINH" value="130"/>'
    return ADX_HEAD + b"<group " + group + b">" + body + b"</group></adx>"


@pytest.mark.parametrize(
    ("payload", "names"),
    [
        (b"<adx><group>", ["line 1"]),
        (b'<adx xmlns="urn:other"/>', ["urn:ihe:qrph:adx:2015"]),
        (b'<!DOCTYPE adx [<!ENTITY a "aaaa">]>' + ADX_HEAD + b"</adx>", ["DOCTYPE"]),
        (_adx(b'orgUnit="00139" period="2025-02-01/P1M" dataSet="VSTB"'), ["2025-02-01/P1M"]),
        (_adx(b'orgUnit="00139" period="2025" dataSet="VSTB"'), ["“2025”"]),
        (_adx(b'period="2025-01-01/P1Y" dataSet="VSTB"'), ["orgUnit"]),
        (_adx(b'orgUnit="00139" period="2025-01-01/P1Y" FUNDER="x"'), ["FUNDER"]),
        (
            _adx(
                b'orgUnit="00139" period="2025-01-01/P1Y"',
                b'<dataValue dataElement="TRE_SINH" value="130"/>',
                b'<dataValue dataElement="DAN_SO" SEX="x" value="1"/>',
            ),
            ["“x”", "Value 2"],
        ),
        (
            _adx(
                b'orgUnit="00139" period="2025-01-01/P1Y"',
                b'<dataValue dataElement="TRE_SINH" value="130"/>',
                b'<dataValue dataElement="DAN_SO" AGE="60" value="1"/>',
            ),
            ["AGE"],
        ),
        (
            _adx(
                b'orgUnit="00139" period="2025-01-01/P1Y"',
                b'<dataValue dataElement="TRE_SINH" value="130"/>',
                b'<dataValue dataElement="DAN_SO" value="many"/>',
            ),
            ["many", "Value 2"],
        ),
        (b"x" * (10 * 1024 * 1024), ["5 MB"]),
    ],
)
def test_a_bad_adx_message_is_refused_and_named(world, payload, names):
    _fill(world)
    before = _snapshot()
    summary = exchange.import_adx(world.users["ward_officer"], payload)
    _assert_refused(world, summary, before, *names)


def test_thousands_of_bad_values_name_the_first_hundred(world):
    payload = _dhis2(*[_value("NOPE") for _ in range(150)])
    summary = exchange.import_datavaluesets(world.users["ward_officer"], payload)
    assert summary["status"] == "ERROR"
    assert len(summary["conflicts"]) == common.MAX_CONFLICTS + 1
    assert "50" in summary["conflicts"][-1]["value"]


# Streaming -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "export", [exchange.datavaluesets_json, exchange.adx_xml, exchange.sdmx_csv]
)
def test_an_export_streams_in_chunks(world, monkeypatch, export):
    _fill(world)
    monkeypatch.setattr(common, "CHUNK_VALUES", 3)
    chunks = export(world.district, 2025, 2025)
    assert isinstance(chunks, types.GeneratorType)
    chunks = list(chunks)
    assert len(chunks) > 3
    assert all(isinstance(chunk, bytes) for chunk in chunks)


def test_an_export_for_a_focal_point_holds_only_its_own_unit(world):
    _fill(world)
    put("LD_CO_QUAN", world.district, 2025, 12)
    payload = _export(exchange.datavaluesets_json, world.district, user=world.users["focal_point"])
    assert {item["orgUnit"] for item in json.loads(payload)["dataValues"]} == {world.district.code}


# Administration ------------------------------------------------------------------------------------


def test_an_exchange_code_names_something_vstb_has(world):
    from django.core.exceptions import ValidationError

    ExchangeCode(kind=ExchangeKind.ELEMENT, key="DAN_SO", dhis2_id="DeDanSo0001").full_clean()
    ExchangeCode(kind=ExchangeKind.UNIT, key=world.ward.code, dhis2_id="OuBoDe00001").full_clean()
    ExchangeCode(kind=ExchangeKind.SEX, key="", dhis2_id="HllvX50cXC0").full_clean()
    for kind, key in [(ExchangeKind.ELEMENT, "NOPE"), (ExchangeKind.SEX, "x"), ("unit", "99999")]:
        with pytest.raises(ValidationError):
            ExchangeCode(kind=kind, key=key, dhis2_id="Abc").full_clean()
    # One categoryOptionCombo cannot stand for both a sex and an area.
    ExchangeCode.objects.create(kind=ExchangeKind.SEX, key="f", dhis2_id="Coc00000001")
    with pytest.raises(ValidationError):
        ExchangeCode(kind=ExchangeKind.AREA, key="urban", dhis2_id="Coc00000001").full_clean()
