"""Stored files are reached only through Django's storage API, so that every app host sees
the same files wherever the storage is (decision 0022): no code outside the tests reads a
file field's filesystem `.path` or joins paths under MEDIA_ROOT."""

import ast
from pathlib import Path

VSTB = Path(__file__).resolve().parents[2]
# The settings define MEDIA_ROOT; nothing else may build paths from it.
ALLOWED = {VSTB / "settings.py", VSTB / "settings_test.py"}


def _sources():
    for path in sorted(VSTB.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts or path in ALLOWED:
            continue
        yield path


def offences(source: str, name: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "MEDIA_ROOT":
            found.append(f"{name}:{node.lineno} MEDIA_ROOT")
        # `<x>_file.path`, `<x>.file.path`: a FieldFile's place on the local disk.
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "path"
            and isinstance(node.value, ast.Attribute)
            and (node.value.attr == "file" or node.value.attr.endswith("_file"))
        ):
            found.append(f"{name}:{node.lineno} {node.value.attr}.path")
    return found


def test_no_code_reads_a_stored_files_path_or_media_root():
    found = [
        offence
        for path in _sources()
        for offence in offences(path.read_text(encoding="utf-8"), str(path.relative_to(VSTB)))
    ]
    assert found == [], "use the storage API (open, save, delete, name, url): " + ", ".join(found)


def test_the_check_finds_what_it_forbids():
    source = "stored = saved.source_file.path\nroot = settings.MEDIA_ROOT\nok = unit.path\n"
    assert offences(source, "x.py") == ["x.py:1 source_file.path", "x.py:2 MEDIA_ROOT"]
