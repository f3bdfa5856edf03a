"""The import corpus (vstb/documents/corpus.py): at least 40 documents of every type, from at
least 20 issuers and 15 years, each with its source and well-formed expectations, split into two halves;
and the scorer compares as it says."""

import json
import re
from datetime import date

import pytest

from vstb.documents import corpus

DOCUMENTS = corpus.documents()
# Resolutions and directives too: plans are made to carry them out and cite them as bases.
KINDS = {"QĐ", "QĐ+KH", "KH", "CTr", "CV", "TB", "BC", "TTr", "NQ", "CT"}
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def test_the_corpus_is_large_and_varied_enough():
    assert len(DOCUMENTS) >= 40
    kinds = {document.meta["kind"] for document in DOCUMENTS}
    assert {"QĐ+KH", "KH", "CTr", "CV", "BC"} <= kinds <= KINDS
    assert len({document.meta["source_issuer"] for document in DOCUMENTS}) >= 20
    assert len({document.meta["source_year"] for document in DOCUMENTS}) >= 15
    # The two-level local government from 1 July 2025 (Resolution 202/2025/QH15).
    assert any(document.meta["source_year"] >= 2025 for document in DOCUMENTS)
    halves = [document.half for document in DOCUMENTS]
    assert halves.count("tune") >= 20 and halves.count("held") >= 15


@pytest.mark.parametrize("document", DOCUMENTS, ids=[d.id for d in DOCUMENTS])
def test_each_document_names_its_source_and_reads_as_utf8_text(document):
    assert document.meta["id"] == document.id
    assert document.meta["modelled_on"].startswith(("https://", "http://"))
    assert document.meta["kind"] in KINDS and document.meta["changed"].strip()
    assert 2000 <= document.meta["source_year"] <= date.today().year
    assert document.text.endswith("\n") and "\r" not in document.text
    expected = document.expected
    assert expected["doc_type"] in {
        "QĐ",
        "KH",
        "CTr",
        "CV",
        "TB",
        "BC",
        "HD",
        "NQ",
        "CT",
        "QC",
        "TTr",
        None,
    }
    if expected.get("date") is not None:
        assert ISO.fullmatch(expected["date"]) and date.fromisoformat(expected["date"])
    for basis in expected.get("bases", []):
        assert set(basis) == {"doc_type", "number", "symbol", "date"}
        assert basis["date"] is None or ISO.fullmatch(basis["date"])
    assert isinstance(expected.get("recipients_to", []), list)
    # Every expected value is in the text (the reader read it there, not elsewhere): whole,
    # or its words in order where a flattened copy put the other column inside it ("BỘ VĂN
    # HÓA, THỂ THAO CỘNG HÒA XÃ HỘI … VÀ DU LỊCH").
    squeezed = corpus.squeeze(document.text)
    for value in (
        expected.get("number"),
        (expected.get("issuer") or {}).get("name"),
        expected.get("authority"),
    ):
        if value:
            assert corpus.squeeze(value) in squeezed or _words_in_order(value, squeezed), value
    # An article's label and its first and last words, as the text prints them, in order.
    letters, position = corpus.letters(document.text), 0
    for article in expected.get("articles", []):
        assert set(article) == {"label", "begins", "ends"} and expected["doc_type"] == "QĐ"
        for part in (article["label"], article["begins"], article["ends"]):
            found = letters.find(corpus.letters(part), position)
            assert found >= 0, (article["label"], part)
            position = found


def _words_in_order(value: str, squeezed: str) -> bool:
    position = 0
    for word in value.split():
        found = squeezed.find(corpus.squeeze(word), position)
        if found < 0:
            return False
        position = found + len(corpus.squeeze(word))
    return True


def test_scoring_ignores_spacing_case_and_a_leading_ve_viec_but_not_letters():
    document = corpus.Document(
        id="z01-test",
        text="",
        meta={},
        expected={
            "doc_type": "QĐ",
            "number": "55",
            "symbol": "2007/QĐ-UBND",
            "date": "2007-03-05",
            "place": "Phan Rang-Tháp Chàm",
            "issuer": {"parent": None, "name": "ỦY BAN NHÂN DÂN TỈNH NINH THUẬN"},
            "title": "QUYẾT ĐỊNH",
            "subject": "Ban hành Kế hoạch hành động",
            "recipients_to": [],
            "bases": [{"doc_type": None, "number": None, "symbol": None, "date": "2006-11-29"}],
        },
    )
    plan = {
        "doc_type": "QĐ",
        "number": "55",
        "symbol": "2007/QĐ-UBND",
        "date": "2007-03-05",
        "place": "Phan Rang-ThápChàm",
        "issuer": {"parent": None, "name": "ỦY BAN NHÂN DÂN\nTỈNH NINH THUẬN"},
        "title": "QUYẾT ĐỊNH",
        "subject": "Về việc BANHÀNH KẾ HOẠCH HÀNH ĐỘNG",
        "recipients_to": [],
        "bases": [
            {
                "text": "…",
                "doc_type": None,
                "number": None,
                "symbol": None,
                "date": "2006-11-29",
                "issuer": None,
            }
        ],  # fmt: skip
    }
    assert all(corpus.score(document, plan).values())
    plan["place"] = "Phan Rang-Tháp Chăm"  # one diacritic
    plan["bases"] = []
    marks = corpus.score(document, plan)
    assert [name for name, right in marks.items() if not right] == ["place", "bases"]
    assert corpus.accuracy([marks])[0] == pytest.approx(9 / 11)


def test_a_decision_with_its_plan_is_scored_as_the_decision_with_an_attachment():
    decision = {"doc_type": "QĐ", "number": "12", "title": "QUYẾT ĐỊNH", "subject": "Ban hành"}
    plan = {"doc_type": "KH", "title": "KẾ HOẠCH", "subject": "Công tác năm 2024",
            "issued_by": decision}  # fmt: skip
    found = corpus.found_fields(plan)
    assert (found["doc_type"], found["number"], found["attached.title"]) == ("QĐ", "12", "KẾ HOẠCH")
    assert json.dumps(found, ensure_ascii=False)


def test_a_decisions_authority_and_articles_are_scored_only_where_expected():
    expected = {
        "authority": "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH",
        "articles": [
            {"label": "Điều 1", "begins": "Ban hành kèm theo", "ends": "năm 2026"},
            {"label": "Điều 2", "begins": "Chánh Văn phòng", "ends": "thi hành Quyết định này"},
        ],
    }
    document = corpus.Document(id="z01-test", text="", meta={}, expected=expected)
    article_2 = {"label": "Điều 2", "title": None, "kind": "other", "paragraphs": [
        "Chánh Văn phòng và các đơn vị:"], "children": [
        {"label": "-", "title": None, "kind": "other", "paragraphs": [
            "thi hành Quyết định  này./."], "children": []}]}  # fmt: skip
    plan = {
        "doc_type": "QĐ",
        "authority": "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH",
        "sections": [
            {
                "label": "Điều 1",
                "title": None,
                "kind": "other",
                "paragraphs": ["Banhành kèm theo Kế hoạch năm 2026."],
                "children": [],
            },
            article_2,
        ],  # fmt: skip
    }
    marks = corpus.score(document, plan)
    assert (marks["authority"], marks["articles"]) == (True, True)
    # An article's text cut short (its item lost) or an article missing is wrong.
    article_2["children"] = []
    assert corpus.score(document, plan)["articles"] is False
    plan["sections"] = plan["sections"][:1]
    assert corpus.score(document, plan)["articles"] is False
    # A document whose expectation does not give them is not scored on them.
    assert "articles" not in corpus.score(corpus.Document("z03-t", "", {}, {}), plan)


def test_the_manifest_lists_every_document_with_its_source():
    written = (corpus.CORPUS_DIR / "MANIFEST.md").read_text(encoding="utf-8")
    assert written == corpus.manifest(), "run `vstb score-import --manifest`"
