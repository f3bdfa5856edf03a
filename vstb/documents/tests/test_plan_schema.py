"""The vstb.plan/1 schema: defaults, validation in Vietnamese, reading files."""

import json

import pytest

from vstb.documents import plan_schema
from vstb.documents.plan_schema import (
    FIELDS,
    KINDS,
    SCHEMA,
    PlanJSONError,
    empty_plan,
    load,
    normalise,
    validate,
)

# The example of shared/PLAN_JSON.md, verbatim.
PLAN_JSON_EXAMPLE = """
{
  "schema": "vstb.plan/1",
  "doc_type": "KH",
  "number": "02",
  "symbol": "KH-UBND",
  "issuer": {"parent": null, "name": null},
  "place": "Long Biên",
  "date": null,
  "date_partial": "2025",
  "title": "KẾ HOẠCH",
  "subject": "Thực hiện công tác bình đẳng giới, vì sự tiến bộ của phụ nữ trên địa bàn quận Long Biên năm 2025",
  "year": 2025,
  "recipients_to": [],
  "bases": [
    {"text": "kế hoạch số 07/KH-UBND của UBND Thành phố Hà Nội ngày 06/01/2025 về việc …",
     "doc_type": "KH", "number": "07", "symbol": "KH-UBND", "date": "2025-01-06",
     "issuer": "UBND Thành phố Hà Nội"}
  ],
  "sections": [
    {"label": "I", "title": "MỤC ĐÍCH, YÊU CẦU", "kind": "purpose",
     "paragraphs": [], "children": [
       {"label": "1", "title": null, "kind": "other", "paragraphs": ["Tiếp tục tăng cường …"], "children": []}
     ]}
  ],
  "tasks": [
    {"path": "II.1", "text": "…", "lead": ["Phòng Lao động TB&XH quận"], "support": [],
     "units": [], "due": null, "period": null}
  ],
  "assignments": [
    {"agency": "Phòng Tư pháp quận",
     "duties": ["Tổ chức tuyên truyền phổ biến chính sách pháp luật về bình đẳng giới …"]}
  ],
  "deadlines": [
    {"what": "Báo cáo 6 tháng", "date": "2025-05-25"},
    {"what": "Báo cáo năm", "date": "2025-11-25"}
  ],
  "events": [
    {"name": "Tháng hành động vì bình đẳng giới và phòng chống bạo lực trên cơ sở giới",
     "start": "2025-11-15", "end": "2025-12-15"}
  ],
  "recipients": ["Sở LĐ-TB&XH", "Ban VSTBPN TPHN", "Đ/c Chủ tịch UBND Quận", "…", "Lưu: VT, LĐTBXH (05)"],
  "signer": {"lines": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
             "name": "Nguyễn Thị Thanh Hằng"},
  "warnings": []
}
"""  # noqa: E501


def example() -> dict:
    return json.loads(PLAN_JSON_EXAMPLE)


def test_plan_json_example_is_valid():
    assert validate(example()) == []


def test_example_has_every_field_but_those_added_here():
    # The fields plan_schema's docstring lists as additions to PLAN_JSON.md.
    added = {"preamble", "authority", "countersigner", "annexes"}
    assert set(FIELDS) - set(example()) == added


def test_empty_plan_is_valid_and_has_every_default():
    plan = empty_plan()
    assert validate(plan) == []
    assert plan["schema"] == SCHEMA
    assert plan["preamble"] == [] and plan["sections"] == [] and plan["issuer"] is None
    assert set(plan) == set(FIELDS)


def test_defaults_are_null_or_empty_lists_and_not_shared():
    assert all(value is None or value == [] for value in FIELDS.values())
    plan = empty_plan()
    plan["sections"].append({"kind": "other"})
    assert FIELDS["sections"] == [] and empty_plan()["sections"] == []


def test_normalise_fills_absent_fields_and_keeps_the_rest():
    data = {"schema": SCHEMA, "title": "KẾ HOẠCH", "x_extra": 1}
    plan = normalise(data)
    assert plan["title"] == "KẾ HOẠCH"
    assert plan["preamble"] == [] and plan["recipients"] == [] and plan["signer"] is None
    assert plan["x_extra"] == 1
    assert set(FIELDS) <= set(plan)
    assert data == {"schema": SCHEMA, "title": "KẾ HOẠCH", "x_extra": 1}  # not modified
    assert validate(plan) == []


def test_preamble_and_unlabelled_sections_are_valid():
    plan = example()
    plan["preamble"] = ["Thực hiện Công văn số 02/UBQG-VP ngày 10/3/2022 … như sau:"]
    plan["sections"].append(
        {"label": None, "title": None, "kind": "other", "paragraphs": ["Kết thúc./."]}
    )
    assert validate(plan) == []


def test_every_kind_is_accepted():
    for kind in KINDS:
        plan = empty_plan()
        plan["sections"] = [{"label": "I", "title": "X", "kind": kind}]
        assert validate(plan) == []


def errors_for(**changes) -> list[str]:
    plan = example()
    plan.update(changes)
    return validate(plan)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"schema": "vstb.plan/2"}, 'Thẻ lược đồ "schema" là "vstb.plan/2"'),
        ({"schema": None}, 'Thiếu thẻ lược đồ: trường "schema" phải là "vstb.plan/1".'),
        ({"date": "06/01/2025"}, '"date" phải là ngày dạng YYYY-MM-DD'),
        ({"date": "2025-02-30"}, "ngày này không có trong lịch"),
        ({"date_partial": "6/2023"}, '"date_partial" phải là năm "YYYY"'),
        ({"date_partial": "2023-13"}, '"date_partial" phải là năm "YYYY"'),
        ({"number": 2}, '"number" phải là chuỗi (hoặc null), không phải số'),
        ({"title": ""}, '"title" là chuỗi rỗng; khi không có giá trị, hãy ghi null.'),
        ({"year": "2025"}, '"year" phải là một số nguyên'),
        ({"year": True}, '"year" phải là một số nguyên'),
        ({"issuer": "UBND"}, '"issuer" phải là đối tượng ({…}) hoặc null, không phải chuỗi.'),
        ({"recipients": "Sở Nội vụ"}, '"recipients" phải là danh sách chuỗi'),
        ({"recipients": ["Sở Nội vụ", 3]}, '"recipients[1]" phải là một chuỗi khác rỗng'),
        ({"preamble": None}, '"preamble" phải là danh sách chuỗi ([] khi không có)'),
        ({"sections": {}}, '"sections" phải là danh sách'),
        ({"sections": ["I. MỤC ĐÍCH"]}, '"sections[0]" phải là đối tượng'),
        ({"signer": {"lines": "CHỦ TỊCH", "name": "A"}}, '"signer.lines" phải là danh sách'),
        ({"deadlines": [{"what": "Báo cáo", "date": "25/5"}]}, '"deadlines[0].date"'),
        ({"events": [{"name": "Tháng", "start": "2025-12-15", "end": "2025-11-15"}]}, "đứng trước"),
        ({"tasks": [{"text": "X", "period": "tháng 6"}]}, '"tasks[0].period" phải là null'),
        ({"bases": [{"doc_type": "KH"}]}, 'Thiếu "bases[0].text"'),
    ],
)
def test_bad_values_get_a_vietnamese_sentence(changes, expected):
    errors = errors_for(**changes)
    assert len(errors) == 1, errors
    assert expected in errors[0]


def test_unknown_and_missing_section_kind_name_the_choices():
    plan = example()
    child = plan["sections"][0]["children"][0]
    child["kind"] = "muc_dich"
    del plan["sections"][0]["kind"]
    errors = validate(plan)
    assert errors == [
        'Thiếu "sections[0].kind": loại mục phải là một trong '
        "purpose, tasks, funding, implementation, other.",
        '"sections[0].children[0].kind" là "muc_dich": loại mục không hợp lệ, '
        "chỉ nhận purpose, tasks, funding, implementation, other.",
    ]


def test_dash_item_with_a_title_is_refused():
    plan = empty_plan()
    plan["sections"] = [{"label": "-", "title": "Tuyên truyền", "kind": "tasks"}]
    assert "gạch đầu dòng" in validate(plan)[0]


def test_not_an_object():
    assert validate([]) == ["Kế hoạch phải là một đối tượng JSON ({…}), không phải danh sách."]


def test_several_errors_are_all_reported():
    assert len(errors_for(schema="x", date="hôm nay", year="năm nay")) == 3


def test_load_reads_utf8_json_with_or_without_bom(tmp_path):
    path = tmp_path / "plan.json"
    path.write_bytes(PLAN_JSON_EXAMPLE.encode("utf-8"))
    assert load(path) == example()
    path.write_bytes(b"\xef\xbb\xbf" + PLAN_JSON_EXAMPLE.encode("utf-8"))
    assert load(str(path)) == example()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"schema": ', "không phải JSON hợp lệ: lỗi ở dòng 1, cột 12."),
        ('{"place": "Hải Phòng"}'.encode("utf-16"), "không phải văn bản UTF-8"),
        (b"[1, 2]", "phải chứa một đối tượng JSON ({…}), không phải danh sách."),
        (b"[" * 100_000, "không"),
    ],
)
def test_load_refuses_bad_files_in_vietnamese(tmp_path, content, expected):
    path = tmp_path / "plan.json"
    path.write_bytes(content)
    with pytest.raises(PlanJSONError) as raised:
        load(path)
    assert expected in str(raised.value)
    assert str(path) in str(raised.value)


def test_load_missing_file_and_directory(tmp_path):
    with pytest.raises(PlanJSONError, match="Không tìm thấy tệp"):
        load(tmp_path / "none.json")
    with pytest.raises(PlanJSONError, match="là một thư mục"):
        load(tmp_path)


def test_schema_module_documents_the_preamble_addition():
    assert '"preamble"' not in PLAN_JSON_EXAMPLE
    assert "`preamble`" in plan_schema.__doc__
