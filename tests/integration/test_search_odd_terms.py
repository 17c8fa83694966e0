"""Terms that mean something to FTS5's query syntax (quotes, operators, column filters,
prefixes) or to LIKE are plain text to the storefront search: no error, and SQLite's indexed
answer is the scan's. Lone surrogates never get here (dinghuo/limits.py refuses them)."""

from domain.catalog import search
from tests import factories as f
from tests.integration.test_search_index_equivalence import _found, _plain_like

TERMS = [
    '"', '""', 'a"b', '"奶茶"', "*", "ab*", "奶*", "NEAR", "NEAR(a b)", "a AND b", "(ab)", "^ab",
    "a^b", "x" * 5000, "奶" * 3000, "\x01\x02", "a\x01", "\x01", "a\nb", "-ab", "ab:cd",
    "body : x", "pairs:奶茶", "{ab}", "a OR b", "NOT ab", "ab + cd", "\U0001f600",
    "\U0001f600\U0001f600", "a\tb", "\u2028ab", "é" * 3, "milk tea", "nc-1", "-1",
]  # fmt: skip


async def test_odd_terms_answer_what_the_scan_answers(db, monkeypatch):
    product = await f.product(names={"zh-Hans": "奶茶 \U0001f600\U0001f600", "en": "Milk Tea"})
    await f.variant(product, sku='NC-1"*')
    for few in (search.FEW, 1):  # the table's matches, then the walk of the page's order
        monkeypatch.setattr(search, "FEW", few)
        for term in TERMS:
            assert await _found(term) == await _plain_like(term), term[:20]
