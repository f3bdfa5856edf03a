"""`vstb render-plan PLAN.json --out FILE.docx|FILE.pdf`: a vstb.plan/1 file as a document."""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vstb.documents import plan_schema
from vstb.documents.docx import render_docx
from vstb.documents.pdf import PdfFailed, PdfUnavailable, docx_to_pdf

FORMATS = (".docx", ".pdf")


class Command(BaseCommand):
    help = (
        "Render a vstb.plan/1 JSON file as a DOCX or PDF document in the Decree 30/2020/NĐ-CP "
        "layout (the format follows the extension of --out). Bad input writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan", help="The vstb.plan/1 JSON file to read.")
        parser.add_argument("--out", required=True, help="The .docx or .pdf file to write.")

    def handle(self, *args, plan, out, **options):
        out = Path(out)
        if out.suffix.lower() not in FORMATS:
            raise CommandError(f"Tệp xuất {out} phải có đuôi .docx hoặc .pdf.")
        if not out.parent.is_dir():
            raise CommandError(f"Không có thư mục {out.parent} để ghi tệp xuất.")
        try:
            data = plan_schema.load(plan)
        except plan_schema.PlanJSONError as error:
            raise CommandError(str(error)) from None
        errors = plan_schema.validate(data)
        if errors:
            raise CommandError(
                f"Tệp {plan} chưa đúng định dạng {plan_schema.SCHEMA} nên chưa xuất được:\n"
                + "\n".join(f"- {error}" for error in errors)
            )
        content = render_docx(data)
        if out.suffix.lower() == ".pdf":
            try:
                content = docx_to_pdf(content)
            except (PdfUnavailable, PdfFailed) as error:
                raise CommandError(str(error)) from None
        _write_whole(out, content)
        plan_data = plan_schema.normalise(data)
        name = " ".join(t for t in (plan_data["title"], plan_data["subject"]) if t) or plan
        self.stdout.write(f"Đã ghi {out} ({len(content) // 1024 + 1} KB): {name}")


def _write_whole(path: Path, content: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: a reader never sees half a file
    and a failure leaves nothing behind."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
