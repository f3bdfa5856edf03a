"""`vstb bench NAME [--json] [--scale small|national] [--database sqlite|postgres]`.

Each benchmark is a module with `run(scale, alias)` yielding result lines (vstb/bench/common.py);
add it to BENCHMARKS to make it a NAME.
"""

import json

from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from vstb.bench.common import DATABASES, SCALES, bench_database, table_header, table_row

BENCHMARKS = {
    "tree": "vstb.bench.tree.run",
    "render": "vstb.bench.render.run",
    "cascade": "vstb.bench.cascade.run",
    "reminders": "vstb.bench.reminders.run",
    "import": "vstb.bench.importing.run",
    "compile": "vstb.bench.compile.run",
    "rollup": "vstb.bench.rollup.run",
    "inbox": "vstb.bench.inbox.run",
    "api": "vstb.bench.api.run",
    "cases": "vstb.bench.cases.run",
    "inspections": "vstb.bench.inspections.run",
    "load": "vstb.bench.load.run",
}


class Command(BaseCommand):
    help = (
        "Run a benchmark on synthetic data in its own temporary database and print one line "
        "per case (ratio to a baseline measured in the same run)."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", choices=sorted(BENCHMARKS), help="The benchmark to run.")
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="One JSON object per line and nothing else.",
        )
        parser.add_argument("--scale", choices=SCALES, default="small")
        parser.add_argument("--database", choices=DATABASES, default="sqlite")

    def handle(self, *args, name, as_json, scale, database, **options):
        run = import_string(BENCHMARKS[name])
        with bench_database(database) as alias:
            if not as_json:
                self.stdout.write(f"{name} · scale {scale} · {database}")
                self.stdout.write(table_header())
            for line in run(scale=scale, alias=alias):
                text = json.dumps(line, ensure_ascii=False) if as_json else table_row(line)
                self.stdout.write(text)
                self.stdout.flush()
