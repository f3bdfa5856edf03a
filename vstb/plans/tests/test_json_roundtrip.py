"""A plan document survives the trip into the database and back, and renders as the seed."""

import json
from pathlib import Path

import pytest

from vstb.documents.docx import render_docx
from vstb.documents.layout import document_text_lines
from vstb.documents.readback import docx_text_lines
from vstb.plans.models import Plan, PlanStatus
from vstb.plans.services import plan_from_json, plan_to_json

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "documents" / "seeds"
SEED_NAMES = ["bimson-2017-chuong-trinh", "haiphong-2022-chuong-trinh", "longbien-2025-ke-hoach"]
# Fields a saved plan keeps; `warnings` belong to one import, `recipients_to` to letters.
KEPT = [
    "doc_type",
    "symbol",
    "issuer",
    "place",
    "title",
    "subject",
    "year",
    "bases",
    "preamble",
    "sections",
    "tasks",
    "deadlines",
    "events",
    "recipients",
    "signer",
]


def _seed(name):
    return json.loads((SEEDS / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_saved_and_read_back_gives_the_same_document(world, name):
    data = _seed(name)
    plan = plan_from_json(data, world.district)
    assert plan.status == PlanStatus.DRAFT
    back = plan_to_json(plan)
    for key in KEPT:
        if key == "tasks":
            # Agencies may be matched to the unit's records; paths and texts are kept.
            assert [(t["path"], t["text"]) for t in back["tasks"]] == [
                (t["path"], t["text"]) for t in data["tasks"]
            ]
        elif key == "issuer" and data["issuer"] is None:
            assert back["issuer"] == {"parent": None, "name": None}
        else:
            assert back[key] == data[key], key


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_plan_renders_to_docx_with_the_seed_text(world, name):
    data = _seed(name)
    plan = plan_from_json(data, world.district)
    if data["number"] or data["date"]:
        plan.record_as_issued(
            int(data["number"]) if data["number"] else None,
            Plan._meta.get_field("issued_on").to_python(data["date"]),
        )
    rendered = plan_to_json(plan)
    expected = document_text_lines(data)
    assert docx_text_lines(render_docx(rendered)) == expected
