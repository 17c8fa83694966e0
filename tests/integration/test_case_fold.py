"""LOWER folds any letter alike on both databases, and as the search folds its text."""

import pytest
from tortoise import Tortoise

from db.case_fold import fold_case

TEXTS = ["CRÈME BRÛLÉE", "ΟΔΟΣ Σ ς", "İSTANBUL", "ǅ ẞ Ω K Ä", "ÉCLAIR-Ø1", "奶茶 ABC", ""]


@pytest.mark.parametrize("text", TEXTS)
async def test_lower_folds_as_fold_case_on_both_databases(db, text):
    connection = Tortoise.get_connection("default")
    placeholder = "$1" if db == "postgres" else "?"
    rows = await connection.execute_query_dict(f"SELECT LOWER({placeholder}) AS folded", [text])
    assert rows[0]["folded"] == fold_case(text)


async def test_lower_keeps_null_on_both_databases(db):
    rows = await Tortoise.get_connection("default").execute_query_dict(
        "SELECT LOWER(NULL) AS folded"
    )
    assert rows[0]["folded"] is None
