"""Hand-written SQL gets its placeholders from one helper, in each database's style."""

from domain.shared.sql_params import Params


def test_postgres_numbers_its_placeholders_and_sqlite_marks_them():
    for dialect, expected in (
        ("postgres", "$1 AND $2 IN ($3, $4)"),
        ("sqlite", "? AND ? IN (?, ?)"),
    ):
        p = Params(dialect)

        text = f"{p('a')} AND {p(5)} IN ({p.many([7, 8])})"

        assert text == expected
        assert p.values == ["a", 5, 7, 8]
