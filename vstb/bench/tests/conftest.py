"""Every benchmark smoke test carries the `bench` marker, so CI runs them as their own step
(`pytest -m bench`) and the suite's step can leave them out (`-m "not bench"`)."""

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.bench)
