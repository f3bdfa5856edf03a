"""The `vstb` console script: `vstb demo`, `vstb serve` and every management command.

Commands may be typed with hyphens (`vstb load-demo`); they map to Django's names.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "demo":
        # The demo runs on this machine only: debug pages, plain-HTTP cookies.
        os.environ.setdefault("VSTB_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vstb.settings")
    if argv and not argv[0].startswith("-"):
        argv[0] = argv[0].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["vstb", *argv])


if __name__ == "__main__":
    main()
