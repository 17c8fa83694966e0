"""GraphQL answers are written by orjson with exactly the bytes `json.dumps` wrote."""

import json

import pytest

from dinghuo.json_answer import encode


def _before(data) -> str:
    return json.dumps(data, separators=(",", ":"))


@pytest.mark.parametrize(
    "data",
    [
        {"data": {"products": {"edges": [{"node": {"id": "UHJvZHVjdDox", "name": "商品 01"}}]}}},
        {"text": "é ü ß — \u2028 \ufeff \x7f"},  # escaped by json.dumps, not by orjson
        {"emoji": "箱 😀 𠀀"},  # beyond the BMP: a surrogate pair each
        {"controls": '\x00\x01\x1f\n\r\t\b\f"\\/'},
        {"amounts": ["12.00", 0, -3, 2.5, None, True, False], "nested": [[{}], []]},
    ],
)
def test_the_bytes_are_those_json_dumps_wrote(data):
    assert encode(data) == _before(data)


def test_what_orjson_refuses_is_still_written():
    # A lone surrogate can come back in an error message that quotes the client's document.
    data = {"errors": [{"message": "Unexpected '\ud800'"}], "big": 2**70}
    assert encode(data) == _before(data)
