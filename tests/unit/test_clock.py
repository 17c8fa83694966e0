from datetime import UTC, date, datetime

import pytest

from domain.shared import clock


def test_a_frozen_moment_is_read_in_the_supplier_timezone():
    late_evening_utc = datetime(2026, 12, 31, 17, 30, tzinfo=UTC)
    clock.configure("Asia/Shanghai")

    with clock.frozen(late_evening_utc):
        today = clock.today()

    assert today == date(2027, 1, 1)  # already New Year's Day in Shanghai


def test_leaving_the_block_restores_the_running_clock():
    with clock.frozen(datetime(2001, 1, 1, tzinfo=UTC)):
        pass

    assert clock.today().year > 2001


def test_a_naive_moment_is_refused():
    with pytest.raises(ValueError), clock.frozen(datetime(2026, 1, 1)):
        pass
