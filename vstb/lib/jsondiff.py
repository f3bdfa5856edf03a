"""Comparing imported plans with the expected ones: where they first differ."""

from typing import Any


def first_difference(got: Any, want: Any, path: str = "") -> tuple[str, Any, Any] | None:
    """The JSON path of the first difference between got and want, and the two values there;
    None when they are equal."""
    if isinstance(got, dict) and isinstance(want, dict):
        for key in dict.fromkeys([*want, *got]):
            found = first_difference(
                got.get(key, "<absent>"), want.get(key, "<absent>"), f"{path}.{key}"
            )
            if found:
                return found
        return None
    if isinstance(got, list) and isinstance(want, list):
        for index, (a, b) in enumerate(zip(got, want, strict=False)):
            found = first_difference(a, b, f"{path}[{index}]")
            if found:
                return found
        if len(got) != len(want):
            return (f"{path} (length)", len(got), len(want))
        return None
    return None if got == want else (path, got, want)
