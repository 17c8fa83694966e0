"""A signed link's parameters cannot be regrouped into others under the same signature."""

from datetime import UTC, datetime, timedelta

import pytest

from domain.shared import signed_links
from domain.shared.errors import DomainError, ErrorCode

NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
PATH = "/reports/sales.csv"


def _signed() -> dict[str, str]:
    params = {"by": "product", "end": "2026-06-15", "start": "2026-06-01"}
    return signed_links.sign("secret", PATH, params, 5, 0, NOW + timedelta(minutes=5))


def test_the_link_as_signed_opens():
    assert signed_links.verify("secret", PATH, list(_signed().items()), NOW) == (5, 0)


def test_parameters_folded_into_one_name_are_refused():
    link = _signed()
    # `by=product&end` = `2026-06-15` read the same as by=product&end=2026-06-15 when the
    # signed text joined names and values unescaped: the report lost its `by` and its `end`.
    folded = [("by=product&end", link.pop("end")), *((k, v) for k, v in link.items() if k != "by")]

    with pytest.raises(DomainError) as refused:
        signed_links.verify("secret", PATH, folded, NOW)

    assert refused.value.code is ErrorCode.LINK_INVALID


def test_links_asked_for_over_the_websocket_point_at_http():
    from schema.shared.document_links import http_origin

    assert http_origin("ws://127.0.0.1:8000/") == "http://127.0.0.1:8000"
    assert http_origin("wss://shop.example.com/") == "https://shop.example.com"
    assert http_origin("https://shop.example.com/") == "https://shop.example.com"
