"""Numbers read from what users and links send: query values, document text.

`str.isdigit()` accepts "²" and "①", which `int()` refuses, and a number can be too big for
the database or out of the range of a date: a page answered 500 to such a link (issue 12,
finding 7). Read them here; what is not a usable number is None, and the page ignores it."""

from django.http import QueryDict

# The largest key the database holds (a signed 64-bit integer, PostgreSQL's bigint).
LARGEST_ID = 2**63 - 1
# The years a page may be asked about: the committees' records start well after 2000, and a
# year beyond 2100 is a typing slip. `datetime.date` itself refuses 0 and 10000.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def whole_number(text: object, minimum: int = 0, maximum: int = LARGEST_ID) -> int | None:
    """`text` as a whole number written in ASCII digits within [minimum, maximum], else None."""
    text = str(text).strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    value = int(text)
    return value if minimum <= value <= maximum else None


def query_id(params: QueryDict, name: str) -> int | None:
    """The key of an object in `?name=<pk>`, or None when it is absent or not a key."""
    return whole_number(params.get(name, ""), minimum=1)


def query_year(params: QueryDict, name: str = "year") -> int | None:
    """The year in `?year=`, or None when it is absent or not a year a page can show."""
    return whole_number(params.get(name, ""), minimum=FIRST_YEAR, maximum=LAST_YEAR)
