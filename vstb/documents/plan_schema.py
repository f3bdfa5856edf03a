"""The `vstb.plan/1` schema: a Vietnamese official document as JSON (shared/PLAN_JSON.md).

This is the one module that knows the schema: `vstb import-plan --json` writes it,
`vstb render-plan` reads it, the web importer's review step edits it.

Additions to PLAN_JSON.md (the schema changes only by adding fields):

- `preamble` (list of strings, default `[]`): the opening paragraphs verbatim, between the
  subject line and the first section, e.g. "Thực hiện Công văn số 02/UBQG-VP ngày 10/3/2022
  … ban hành Chương trình công tác năm 2022 như sau:". `bases` stay the parsed references
  found in those paragraphs; the renderer prints `preamble`, never `bases`.
- `issued_by` (object, present only then): when the file is a decision (QĐ) that issues the
  plan attached to it, the decision itself: its `doc_type`, `number`, `symbol`, `issuer`, `place`,
  `date`, `title`, `subject`, `authority`, `bases`, `preamble`, `sections` (its articles),
  `recipients` and `signer`, in the shapes of the same top-level fields. The top level is
  then the attached plan, whose bases start with the decision. A decision that issues a
  regulation (quy chế, quy định) is read the other way round: the decision at the top level,
  the regulation its first annex.
- `authority` (string, default null): in a decision (QĐ), who decides, in capitals, as the
  line under the subject ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"; Decree 30, Appendix III,
  Mẫu 1.1). The renderer puts "QUYẾT ĐỊNH:" between a decision's preamble and its articles,
  which are sections labelled "Điều 1", "Điều 2"…: so the preamble ends with the bases and
  "Theo đề nghị của …" (or "Xét đề nghị …"), without "QUYẾT ĐỊNH:"; an article's `title` is
  a short heading ("Phạm vi điều chỉnh") or null, its text in `paragraphs` and its items in
  `children`.
- `countersigner` (object, default null): the second signature of minutes (BB), the
  secretary's, on the left, in the shape of `signer`; `signer` is then the chair.
- `annexes` (list, default `[]`): documents attached after the signature, each an object
  with `title`, `subject`, `note` ("(Kèm theo Quyết định số … ngày …)"), `preamble` and
  `sections` in the shapes of the top-level fields; a decision's regulation is one.
- A section's `label` may be `null`: an unlabelled block of paragraphs, such as the closing
  paragraph before "Nơi nhận" or a heading that is not numbered.

Shapes the shared document leaves open, as this module accepts them:
- a task's `period` is `null` or `{"start": ISO date, "end": ISO date}`;
- in a section, `label`, `title`, `paragraphs` and `children` may be absent (null, null,
  [], []); `kind` is required;
- fields this module does not know are kept and ignored, so that a file written by a later
  `vstb.plan/1` producer still reads.
"""

import copy
import json
import re
from datetime import date
from pathlib import Path

SCHEMA = "vstb.plan/1"

# The shared seed documents as text, with their hand-checked vstb.plan/1 JSON.
SEEDS_DIR = Path(__file__).resolve().parent / "seeds"

# Every top-level field with its default: absent means null or an empty list (PLAN_JSON.md).
# Do not mutate: take a fresh copy with empty_plan().
FIELDS = {
    "schema": None,
    "doc_type": None,
    "number": None,
    "symbol": None,
    "issuer": None,
    "place": None,
    "date": None,
    "date_partial": None,
    "title": None,
    "subject": None,
    "year": None,
    "recipients_to": [],
    "bases": [],
    "preamble": [],
    "sections": [],
    "tasks": [],
    "assignments": [],
    "deadlines": [],
    "events": [],
    "recipients": [],
    "signer": None,
    "warnings": [],
    "authority": None,
    "countersigner": None,
    "annexes": [],
}

KINDS = ("purpose", "tasks", "funding", "implementation", "other")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?")


class PlanJSONError(Exception):
    """A plan file that cannot be read as JSON; the message is a Vietnamese sentence."""


def empty_plan() -> dict:
    """A plan with every field at its default and the schema tag set."""
    return {**copy.deepcopy(FIELDS), "schema": SCHEMA}


def new_section(label, title, kind: str = "other", paragraphs=None) -> dict:
    """A section of the body tree with no children yet (sections[].* in PLAN_JSON.md)."""
    return {
        "label": label,
        "title": title,
        "kind": kind,
        "paragraphs": list(paragraphs or []),
        "children": [],
    }


def normalise(data: dict) -> dict:
    """A copy of `data` with every absent top-level field set to its default.

    Present values are kept as they are (even wrong ones: validate() reports those), and so
    are fields this module does not know.
    """
    plan = {
        name: copy.deepcopy(data[name] if name in data else default)
        for name, default in FIELDS.items()
    }
    plan.update({name: value for name, value in data.items() if name not in FIELDS})
    return plan


def load(path) -> dict:
    """Read a plan file (UTF-8 JSON object). Raises PlanJSONError; does not validate."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PlanJSONError(f"Không tìm thấy tệp {path}.") from None
    except IsADirectoryError:
        raise PlanJSONError(f"{path} là một thư mục, không phải tệp JSON.") from None
    except OSError as error:
        raise PlanJSONError(
            f"Không đọc được tệp {path} (lỗi hệ thống: {error.strerror})."
        ) from None
    try:
        text = raw.decode("utf-8-sig")  # Notepad on Windows writes a BOM
    except UnicodeDecodeError as error:
        raise PlanJSONError(
            f"Tệp {path} không phải văn bản UTF-8 (byte lỗi ở vị trí {error.start}). "
            "Hãy lưu lại tệp với bảng mã UTF-8."
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise PlanJSONError(
            f"Tệp {path} không phải JSON hợp lệ: lỗi ở dòng {error.lineno}, cột {error.colno}."
        ) from None
    except RecursionError:
        raise PlanJSONError(f"Tệp {path} lồng nhau quá sâu, không đọc được.") from None
    if not isinstance(data, dict):
        raise PlanJSONError(
            f"Tệp {path} phải chứa một đối tượng JSON ({{…}}), không phải {_kind(data)}."
        )
    return data


def validate(data) -> list[str]:
    """Every problem of `data` as a Vietnamese sentence; an empty list means valid."""
    if not isinstance(data, dict):
        return [f"Kế hoạch phải là một đối tượng JSON ({{…}}), không phải {_kind(data)}."]
    check = _Checker()
    check.schema_tag(data)
    for name in ("doc_type", "number", "symbol", "place", "title", "subject"):
        check.text(name, data.get(name))
    date_ok = check.iso_date("date", data.get("date"))
    check.partial_date(data.get("date_partial"), data.get("date") if date_ok else None)
    check.year(data.get("year"))
    check.fields("issuer", data.get("issuer"), nullable=True, texts=("parent", "name"))
    for name in ("recipients_to", "preamble", "recipients", "warnings"):
        check.texts(name, data.get(name, []))
    for index, base in check.items("bases", data.get("bases", [])):
        check.fields(
            f"bases[{index}]",
            base,
            required=("text",),
            texts=("doc_type", "number", "symbol", "issuer"),
            dates=("date",),
        )
    for index, section in check.items("sections", data.get("sections", [])):
        check.section(f"sections[{index}]", section)
    for index, task in check.items("tasks", data.get("tasks", [])):
        where = f"tasks[{index}]"
        if check.fields(
            where,
            task,
            required=("text",),
            texts=("path",),
            dates=("due",),
            lists=("lead", "support", "units"),
        ):
            check.period(f"{where}.period", task.get("period"))
    for index, assignment in check.items("assignments", data.get("assignments", [])):
        check.fields(f"assignments[{index}]", assignment, required=("agency",), lists=("duties",))
    for index, deadline in check.items("deadlines", data.get("deadlines", [])):
        check.fields(f"deadlines[{index}]", deadline, required=("what",), dates=("date",))
    for index, event in check.items("events", data.get("events", [])):
        if check.fields(f"events[{index}]", event, required=("name",), dates=("start", "end")):
            check.date_order(f"events[{index}]", event.get("start"), event.get("end"))
    check.text("authority", data.get("authority"))
    for name in ("signer", "countersigner"):
        check.fields(name, data.get(name), nullable=True, texts=("name",), lists=("lines",))
    for index, annex in check.items("annexes", data.get("annexes", [])):
        where = f"annexes[{index}]"
        if check.fields(where, annex, texts=("title", "subject", "note"), lists=("preamble",)):
            for number, section in check.items(f"{where}.sections", annex.get("sections", [])):
                check.section(f"{where}.sections[{number}]", section)
    decision = data.get("issued_by")
    if check.fields(
        "issued_by",
        decision,
        nullable=True,
        texts=("doc_type", "number", "symbol", "place", "title", "subject", "authority"),
        dates=("date",),
        lists=("preamble", "recipients"),
    ):
        for index, section in check.items("issued_by.sections", decision.get("sections", [])):
            check.section(f"issued_by.sections[{index}]", section)
    return check.errors


_KIND_NAMES = {
    str: "chuỗi",
    bool: "giá trị đúng/sai",
    int: "số",
    float: "số",
    list: "danh sách",
    dict: "đối tượng",
    type(None): "null",
}


def _kind(value) -> str:
    return _KIND_NAMES.get(type(value), type(value).__name__)


def _show(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


class _Checker:
    """Collects error sentences; `where` is the JSON path a clerk can find in the file."""

    def __init__(self):
        self.errors: list[str] = []

    def add(self, message: str) -> None:
        self.errors.append(message)

    def schema_tag(self, data: dict) -> None:
        if "schema" not in data or data["schema"] is None:
            self.add(f'Thiếu thẻ lược đồ: trường "schema" phải là "{SCHEMA}".')
        elif data["schema"] != SCHEMA:
            self.add(
                f'Thẻ lược đồ "schema" là {_show(data["schema"])}, không phải "{SCHEMA}": '
                "tệp này không theo định dạng kế hoạch mà VSTB đọc được."
            )

    def text(self, where: str, value, required: bool = False) -> bool:
        if value is None:
            if required:
                self.add(f'Thiếu "{where}": trường này phải là một chuỗi.')
            return not required
        if not isinstance(value, str):
            self.add(
                f'"{where}" phải là chuỗi (hoặc null), không phải {_kind(value)} ({_show(value)}).'
            )
            return False
        if not value.strip():
            self.add(f'"{where}" là chuỗi rỗng; khi không có giá trị, hãy ghi null.')
            return False
        return True

    def texts(self, where: str, value) -> bool:
        if not isinstance(value, list):
            self.add(
                f'"{where}" phải là danh sách chuỗi ([] khi không có), không phải {_kind(value)}.'
            )
            return False
        ok = True
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.add(
                    f'"{where}[{index}]" phải là một chuỗi khác rỗng, không phải {_show(item)}.'
                )
                ok = False
        return ok

    def items(self, where: str, value):
        """The (index, item) pairs of a list of objects; reports a non-list or non-object."""
        if not isinstance(value, list):
            self.add(f'"{where}" phải là danh sách ([] khi không có), không phải {_kind(value)}.')
            return
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item
            else:
                self.add(f'"{where}[{index}]" phải là đối tượng ({{…}}), không phải {_kind(item)}.')

    def iso_date(self, where: str, value) -> bool:
        if value is None:
            return True
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            try:
                date.fromisoformat(value)
                return True
            except ValueError:
                self.add(f'"{where}" là {_show(value)}: ngày này không có trong lịch.')
                return False
        self.add(
            f'"{where}" phải là ngày dạng YYYY-MM-DD (ví dụ "2025-01-06") hoặc null, '
            f"không phải {_show(value)}."
        )
        return False

    def partial_date(self, value, full) -> None:
        if value is None:
            return
        match = _PARTIAL_DATE.fullmatch(value) if isinstance(value, str) else None
        if not match or (match.group(2) and not 1 <= int(match.group(2)) <= 12):
            self.add(
                '"date_partial" phải là năm "YYYY" hoặc năm-tháng "YYYY-MM" '
                f'(ví dụ "2025" hay "2023-06") hoặc null, không phải {_show(value)}.'
            )
        elif isinstance(full, str) and not full.startswith(value):
            self.add(
                f'"date_partial" ({value}) không khớp với "date" ({full}); '
                'khi đã có đủ ngày thì để "date_partial" là null.'
            )

    def year(self, value) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(
                f'"year" phải là một số nguyên (ví dụ 2025) hoặc null, không phải {_show(value)}.'
            )
        elif not 1945 <= value <= 2200:
            self.add(f'"year" là {value}: năm này nằm ngoài khoảng 1945–2200.')

    def fields(
        self, where, value, *, nullable=False, required=(), texts=(), dates=(), lists=()
    ) -> bool:
        """Check an object's string, date and list-of-strings fields; False if not an object."""
        if value is None and nullable:
            return False
        if not isinstance(value, dict):
            self.add(
                f'"{where}" phải là đối tượng ({{…}}){" hoặc null" if nullable else ""}, '
                f"không phải {_kind(value)}."
            )
            return False
        for name in required:
            self.text(f"{where}.{name}", value.get(name), required=True)
        for name in texts:
            self.text(f"{where}.{name}", value.get(name))
        for name in dates:
            self.iso_date(f"{where}.{name}", value.get(name))
        for name in lists:
            self.texts(f"{where}.{name}", value.get(name, []))
        return True

    def period(self, where: str, value) -> None:
        if value is None:
            return
        if not isinstance(value, dict) or set(value) - {"start", "end"}:
            self.add(
                f'"{where}" phải là null hoặc {{"start": ngày, "end": ngày}}, '
                f"không phải {_show(value)}."
            )
            return
        if self.iso_date(f"{where}.start", value.get("start")) and self.iso_date(
            f"{where}.end", value.get("end")
        ):
            self.date_order(where, value.get("start"), value.get("end"))

    def date_order(self, where: str, start, end) -> None:
        if (
            isinstance(start, str)
            and isinstance(end, str)
            and _ISO_DATE.fullmatch(start)
            and _ISO_DATE.fullmatch(end)
            and end < start
        ):
            self.add(f'"{where}": ngày kết thúc {end} đứng trước ngày bắt đầu {start}.')

    def section(self, where: str, section: dict) -> None:
        label_ok = self.text(f"{where}.label", section.get("label"))
        self.text(f"{where}.title", section.get("title"))
        kind = section.get("kind")
        if kind not in KINDS:
            choices = ", ".join(KINDS)
            if kind is None:
                self.add(f'Thiếu "{where}.kind": loại mục phải là một trong {choices}.')
            else:
                self.add(
                    f'"{where}.kind" là {_show(kind)}: loại mục không hợp lệ, chỉ nhận {choices}.'
                )
        if label_ok and section.get("label") == "-" and section.get("title") is not None:
            self.add(
                f'"{where}" là một gạch đầu dòng (label "-") nên không có tiêu đề: '
                'hãy chuyển "title" vào "paragraphs".'
            )
        self.texts(f"{where}.paragraphs", section.get("paragraphs", []))
        for index, child in self.items(f"{where}.children", section.get("children", [])):
            self.section(f"{where}.children[{index}]", child)
