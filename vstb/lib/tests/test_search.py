"""The search helper and the page links: folding, words, and query strings kept."""

from django.template import Context, Template
from django.test import RequestFactory

from vstb.lib.search import search_q, search_text, search_words


def test_search_text_folds_case_diacritics_and_d():
    assert (
        search_text("Phường Bồ Đề", None, "", "ĐOÀN Thanh niên") == "phuong bo de doan thanh nien"
    )


def test_a_query_is_cut_into_folded_words():
    assert search_words("  Bồ   ĐỀ ") == ["bo", "de"]
    assert search_words("") == []
    assert len(search_words("một " * 40)) == 8


def test_every_word_must_be_in_one_of_the_fields():
    condition = str(search_q("bo de", "search_text", "unit__search_name"))
    assert condition.count("search_text__contains") == 2
    assert condition.count("unit__search_name__contains") == 2
    assert "AND" in condition and "OR" in condition
    assert str(search_q("", "search_text")) == "(AND: )"


def test_page_links_keep_the_other_parameters():
    request = RequestFactory().get("/plans/", {"q": "bo de", "year": "2025", "page": "3"})
    html = Template("{% query_with page=4 %}|{% query_with unit=7 page=None %}").render(
        Context({"request": request})
    )
    assert html == "?q=bo+de&amp;year=2025&amp;page=4|?q=bo+de&amp;year=2025&amp;unit=7"
