"""The one helper behind every list a page at a time (issue 10): paging, orders and the links that keep the rest
of the query string."""

from __future__ import annotations

from django.test import RequestFactory

from nisi.forms.listing import Sort, list_page, page_number, pager, with_query

SORTS = (Sort("a", "A first", ("x",)), Sort("b", "B first", ("-x",)))


def test_the_page_number_is_a_whole_number_from_one_or_the_first(rf: RequestFactory) -> None:
    for value, number in (("3", 3), ("0", 1), ("-2", 1), ("x", 1), ("٣", 1), ("99999999", 1), ("", 1)):
        assert page_number(rf.get("/", {"page": value})) == number, value


def test_links_keep_the_other_parameters(rf: RequestFactory) -> None:
    request = rf.get("/", {"status": "included", "order": "b", "page": "2"})
    links = pager(request, 2, has_next=True)
    assert links["previous"] == "?status=included&order=b&page=1"
    assert links["next"] == "?status=included&order=b&page=3"
    assert pager(request, 1, has_next=False) == {"number": 1, "previous": None, "next": None}
    assert with_query(request, order="a", page=None) == "?status=included&order=a"


def test_a_page_of_a_list_with_its_orders(rf: RequestFactory) -> None:
    items = list(range(60))
    first = list_page(rf.get("/"), items, per_page=25)
    assert first.rows == list(range(25))
    assert first.pager["next"] == "?page=2"
    assert first.pager["previous"] is None
    last = list_page(rf.get("/", {"page": "3"}), items, per_page=25)
    assert last.rows == list(range(50, 60))
    assert last.pager["next"] is None
    ordered = list_page(rf.get("/", {"order": "b", "page": "2", "q": "x"}), items, sorts=SORTS)
    assert ordered.order == "b"
    # Another order starts again at the first page, with the filters kept.
    assert [s["url"] for s in ordered.sorts] == ["?order=a&q=x", "?order=b&q=x"]
    assert list_page(rf.get("/", {"order": "nonsense"}), items, sorts=SORTS).order == "a"
