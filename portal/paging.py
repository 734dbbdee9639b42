"""Staff lists a page at a time: ``?page=`` read safely, rows fetched with SQL LIMIT/OFFSET.

Filter and order in SQL; a list that also leaves rows out in Python (the viewer may not open
every notice) passes ``keep``. The pager then fetches chunks in order until the page is full,
and its links say where the next page starts (``start``: the position of its first row in the
SQL order) or where the previous one ends (``end``), so a left-out row is never shown, never
hides a row that may be shown, and page 40 costs what page 1 costs. Input that is not a page
(``?page=abc``, ``-3``, a number past the end) gives the first or the last page.
"""
from dataclasses import dataclass
from typing import Any, Callable, Optional

from sqlalchemy import func, select

from .principals import preload_local_roles

PAGE_SIZE = 25
#: rows fetched at most at once while looking for rows the viewer may see
MAX_CHUNK = 400
#: beyond this, a page number or position is taken as "past the end"
LIMIT = 10_000_000
PARAMS = ("page", "start", "end")


def whole_number(value):
    """A whole number from the query string, or None (never raises)."""
    try:
        number = int(value)
    except (TypeError, ValueError):  # "abc", "1.5", a 5,000-digit number
        return None
    return min(number, LIMIT)


@dataclass
class Page:
    """One page of a list: ``items``, its ``number`` and the links to its neighbours."""

    request: Any
    items: list
    number: int
    size: int
    start: int  # position of the first row of this page in the SQL order
    next_start: Optional[int]  # of the first row of the next page; None on the last page
    filtered: bool  # rows may be left out after fetching: links carry positions

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.next_start is not None

    def url(self, **params):
        """This list's address with the same filters and the given paging parameters."""
        query = [(key, value) for key, value in self.request.GET.items() if key not in PARAMS]
        query += [(key, str(value)) for key, value in params.items()]
        return self.request.current_route_path(_query=query)

    @property
    def previous_url(self):
        if not self.has_previous:
            return None
        if self.number == 2 or not self.filtered:
            return self.url(page=self.number - 1)
        return self.url(page=self.number - 1, end=self.start)

    @property
    def next_url(self):
        if not self.has_next:
            return None
        if self.next_start == self.number * self.size:
            return self.url(page=self.number + 1)
        return self.url(page=self.number + 1, start=self.next_start)


class _Rows:
    """The rows of ``query`` by position, through ``keep``."""

    def __init__(self, request, query, keep):
        self.dbsession = request.dbsession
        self.query = query
        self.keep = keep
        self.scalars = len(query.column_descriptions) == 1

    def fetch(self, offset, limit):
        result = self.dbsession.execute(self.query.offset(offset).limit(limit))
        rows = result.scalars().all() if self.scalars else result.all()
        return rows, (self.keep(rows) if self.keep else rows)

    def count(self):
        return self.dbsession.scalar(
            select(func.count()).select_from(self.query.order_by(None).subquery()))

    def forward(self, start, size):
        """The first ``size`` kept rows from position ``start``, and the position of the next
        kept row (None: there is none)."""
        items, position, chunk = [], start, size + 1
        while True:
            rows, kept = self.fetch(position, chunk)
            for index, item in enumerate(kept):
                if item is None:
                    continue
                if len(items) == size:
                    return items, position + index
                items.append(item)
            if len(rows) < chunk:
                return items, None
            position += len(rows)
            chunk = min(chunk * 2, MAX_CHUNK)

    def backward(self, end, size):
        """Where the page of ``size`` kept rows ending before position ``end`` starts, or 0 when
        no kept row comes before that page (it is the first page)."""
        found, position, chunk, start = 0, end, size + 1, 0
        while position > 0:
            low = max(0, position - chunk)
            rows, kept = self.fetch(low, position - low)
            for index in reversed(range(len(rows))):
                if kept[index] is None:
                    continue
                found += 1
                if found == size:
                    start = low + index
                elif found > size:
                    return start
            position = low
            chunk = min(chunk * 2, MAX_CHUNK)
        return 0


def paginate(request, query, size=PAGE_SIZE, keep: Optional[Callable] = None):
    """The page of ``query`` (an ordered ``select()``) that the request's ``?page=`` asks for.

    ``keep(rows)``, if given, returns one entry per fetched row: what to show for it, or None to
    leave it out (see :func:`permitted`). Give the query an order that is unique (end with the
    primary key), or rows may move between pages.
    """
    rows = _Rows(request, query, keep)
    params = request.GET
    number = max(1, whole_number(params.get("page")) or 1)
    start = (number - 1) * size
    if keep is not None and number > 1:
        end, given_start = whole_number(params.get("end")), whole_number(params.get("start"))
        if end is not None and end > 0:  # a "previous" link: the page that ends there
            start = rows.backward(min(end, rows.count()), size)
        elif given_start is not None and given_start >= 0:
            start = given_start
        if start == 0:
            number = 1
    items, next_start = rows.forward(start, size)
    if not items and start > 0:  # past the end: the last page
        total = rows.count()
        if keep is None:
            number = max(1, -(-total // size))
            start = (number - 1) * size
        else:
            start = rows.backward(total, size)
            # a label only: exact unless rows before it were left out
            number = 1 if start == 0 else max(2, start // size + 1)
        items, next_start = rows.forward(start, size)
    return Page(request, items, number, size, start, next_start, filtered=keep is not None)


def permitted(request, permission, context=None):
    """A ``keep`` for :func:`paginate`: the rows on which the viewer has ``permission``, each
    row being its own context or ``context(row)`` giving it (``bind_content`` for content; None
    leaves the row out). The viewer's local roles on the whole chunk load in one query."""

    def keep(rows):
        contexts = [context(row) if context else row for row in rows]
        preload_local_roles(request, contexts)
        return [row if ctx is not None and request.has_permission(permission, ctx) else None
                for row, ctx in zip(rows, contexts)]

    return keep
