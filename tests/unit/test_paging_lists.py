"""Lists merged in memory page by position, both ways, with the same rules as the others."""

import pytest

from domain.shared.errors import DomainError
from resolvers.core.pagination import Page, paginate_list

ITEMS = list("abcde")


def nodes(connection) -> list[str]:
    return [edge.node for edge in connection.edges]


async def test_forward_and_backward_pages_meet_in_the_middle():
    first = paginate_list(ITEMS, Page(first=2))
    second = paginate_list(ITEMS, Page(first=2, after=first.page_info.end_cursor))
    last = paginate_list(ITEMS, Page(last=2))
    before = paginate_list(ITEMS, Page(last=2, before=last.page_info.start_cursor))

    assert nodes(first) == ["a", "b"] and first.page_info.has_next_page
    assert nodes(second) == ["c", "d"] and second.page_info.has_previous_page
    assert nodes(last) == ["d", "e"] and last.page_info.has_previous_page
    assert not last.page_info.has_next_page
    assert nodes(before) == ["b", "c"] and before.page_info.has_next_page
    assert await first.total_count() == 5


def test_a_row_cursor_is_not_a_position():
    with pytest.raises(DomainError):
        paginate_list(ITEMS, Page(first=2, after="aWQ6Mw=="))  # "id:3"
