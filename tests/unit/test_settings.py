"""Settings read the supplier's timezone from BUSINESS_TIMEZONE only: Tortoise ORM sets
TIMEZONE=UTC in its process, which must not move business dates."""

from dinghuo.settings import Settings


def test_the_orm_s_timezone_variable_does_not_change_the_business_timezone(monkeypatch):
    monkeypatch.setenv("TIMEZONE", "UTC")

    assert Settings(_env_file=None).business_timezone == "Asia/Shanghai"


def test_business_timezone_sets_it(monkeypatch):
    monkeypatch.setenv("BUSINESS_TIMEZONE", "Europe/Berlin")

    assert Settings(_env_file=None).business_timezone == "Europe/Berlin"
