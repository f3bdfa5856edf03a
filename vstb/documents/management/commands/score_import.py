"""`vstb score-import [--half tune|held] [--json] [--misses]`: the importer's per-field
accuracy on the corpus (vstb/documents/corpus.py)."""

import json

from django.core.management.base import BaseCommand

from vstb.documents import corpus


class Command(BaseCommand):
    help = (
        "Import every document of the corpus and print how many of its expected fields come "
        "out right, per field, for the tuning half and the held-back half."
    )

    def add_arguments(self, parser):
        parser.add_argument("--half", choices=corpus.HALVES, help="Only this half.")
        parser.add_argument("--json", action="store_true", dest="as_json")
        parser.add_argument(
            "--manifest",
            action="store_true",
            help="Write the corpus's MANIFEST.md (its documents and sources) and stop.",
        )
        parser.add_argument(
            "--misses",
            action="store_true",
            help="Also print each field read wrong, with what was found and what was expected.",
        )

    def handle(self, *args, half, as_json, misses, manifest, **options):
        if manifest:
            path = corpus.CORPUS_DIR / "MANIFEST.md"
            path.write_text(corpus.manifest(), encoding="utf-8")
            self.stdout.write(f"{path}: {len(corpus.documents())} documents")
            return
        for name in [half] if half else list(corpus.HALVES):
            results = corpus.scored(name)
            total, per_field = corpus.accuracy([s for _d, s, _p in results])
            if as_json:
                line = {"half": name, "documents": len(results), "accuracy": round(total, 4),
                        "fields": {k: list(v) for k, v in per_field.items()}}  # fmt: skip
                self.stdout.write(json.dumps(line, ensure_ascii=False))
                continue
            self.stdout.write(f"{name}: {len(results)} documents, accuracy {total:.3f}")
            for field, (right, scored) in per_field.items():
                self.stdout.write(f"  {field:<18} {right:>3}/{scored:<3} {right / scored:.2f}")
            if misses:
                for document, marks, plan in results:
                    found = corpus.found_fields(plan)
                    expected = corpus.expected_fields(document.expected)
                    for field, right in marks.items():
                        if not right:
                            self.stdout.write(
                                f"  ✗ {document.id} {field}: found {found[field]!r}, "
                                f"expected {expected[field]!r}"
                            )
