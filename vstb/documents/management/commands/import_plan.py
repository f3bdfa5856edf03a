"""`vstb import-plan FILE [--json] [--unit CODE --save]`: an official document as vstb.plan/1.

Reads a .txt/.md, .docx or .pdf (with a text layer). `--json` prints the whole JSON; without
it, a short Vietnamese summary. `--unit CODE --save` saves it as a draft plan of that unit and
keeps the original file beside it. Bad input: a Vietnamese message, exit status 1, nothing
saved.
"""

import json
import os
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from vstb.documents.importer import ImportRefused, import_file

TYPE_NAMES = {
    "KH": "Kế hoạch",
    "CTr": "Chương trình",
    "BC": "Báo cáo",
    "QĐ": "Quyết định",
    "CV": "Công văn",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
}


class Command(BaseCommand):
    help = (
        "Import an official document (.txt/.md, .docx or .pdf with a text layer) as vstb.plan/1 "
        "JSON; with --unit CODE --save, save it as a draft plan of that unit. Bad input saves "
        "nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The document to import.")
        parser.add_argument("--json", action="store_true", help="Print the whole JSON.")
        parser.add_argument("--unit", help="The code of the unit that owns the plan.")
        parser.add_argument("--save", action="store_true", help="Save as a draft plan of --unit.")

    def handle(self, *args, file, json: bool, unit, save, **options):
        # No web worker's timeout here: a long scan may take its time (importer/ocr.py).
        os.environ.setdefault("VSTB_OCR_SECONDS", "600")
        if save and not unit:
            raise CommandError("Cần ghi --unit MÃ_ĐƠN_VỊ để lưu (--save) kế hoạch.")
        if unit and not save:
            raise CommandError("Thêm --save để lưu kế hoạch vào đơn vị " + unit + ".")
        path = Path(file)
        owner = self._unit(unit) if save else None
        try:
            plan = import_file(path)
        except ImportRefused as error:
            raise CommandError(error.message) from None
        if json:
            self.stdout.write(_dumps(plan))
        else:
            self.stdout.write(summary(plan, path.name))
        if save:
            self._save(plan, owner, path)

    def _unit(self, code: str):
        from vstb.org.models import Unit

        found = Unit.objects.filter(code=code).first()
        if found is None:
            raise CommandError(f"Không có đơn vị mã {code}.")
        return found

    def _save(self, plan: dict, unit, path: Path) -> None:
        from vstb.plans.services import attach_source, plan_from_json

        data = path.read_bytes()
        try:
            with transaction.atomic():
                saved = plan_from_json(plan, unit)
                attach_source(saved, path.name, data)
                stored = saved.source_file.name
        except ValidationError as error:
            problems = "\n".join(f"- {message}" for message in error.messages)
            raise CommandError(f"Chưa lưu được kế hoạch:\n{problems}") from None
        self.stdout.write(
            f"Đã lưu bản nháp kế hoạch #{saved.pk} của {unit.name}. Tệp gốc đã lưu: {stored}"
        )


def _dumps(plan: dict) -> str:
    return json.dumps(plan, ensure_ascii=False, indent=2)


def count_sections(sections: list[dict]) -> int:
    return sum(1 + count_sections(s.get("children") or []) for s in sections)


def summary(plan: dict, name: str) -> str:
    """A few Vietnamese lines: type, number, subject, counts, warnings."""
    doc_type = plan.get("doc_type")
    kind = TYPE_NAMES.get(doc_type, doc_type or "không rõ loại")
    number = "/".join(x for x in (plan.get("number") or "…", plan.get("symbol") or "") if x)
    lines = [
        f"Tệp: {name}",
        f"Loại: {kind}" + (f" ({doc_type})" if doc_type else ""),
        f"Số, ký hiệu: {number if plan.get('symbol') or plan.get('number') else 'không có'}",
        f"Trích yếu: {plan.get('subject') or 'không có'}",
        (
            f"Số mục: {count_sections(plan['sections'])}; nhiệm vụ: {len(plan['tasks'])}; "
            f"căn cứ: {len(plan['bases'])}; hạn báo cáo: {len(plan['deadlines'])}; "
            f"sự kiện: {len(plan['events'])}; cảnh báo: {len(plan['warnings'])}"
        ),
    ]
    decision = plan.get("issued_by") or (plan if doc_type == "QĐ" else None)
    if decision:
        articles = [
            s for s in decision.get("sections") or [] if str(s.get("label")).startswith("Điều")
        ]
        lines.append(
            f"Quyết định: thẩm quyền ban hành {decision.get('authority') or 'không rõ'}; "
            f"số điều: {len(articles)}"
        )
    lines += [
        "Kèm theo: " + " ".join(x for x in (annex.get("title"), annex.get("subject")) if x)
        for annex in plan.get("annexes") or []
    ]
    lines += [f"Cảnh báo: {warning}" for warning in plan["warnings"]]
    return "\n".join(lines)
