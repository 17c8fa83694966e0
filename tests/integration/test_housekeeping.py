"""The worker clears tokens that expired more than a day ago, and keeps the rest."""

from datetime import timedelta

from db.accounts import PasswordResetToken, RefreshToken
from dinghuo import worker
from domain.shared import housekeeping
from tests import factories as f
from tests.conftest import PINNED_NOW, make_settings


async def test_expired_tokens_are_purged_after_a_day(db, policy, pinned_clock):
    user = await f.staff(policy)
    old = PINNED_NOW - housekeeping.KEEP_AFTER_EXPIRY - timedelta(minutes=1)
    recent = PINNED_NOW - timedelta(hours=1)
    for n, expiry in enumerate([old, recent, PINNED_NOW + timedelta(days=30)]):
        await RefreshToken.create(user=user, token_hash=f"r{n}", family="f", expires_at=expiry)
        await PasswordResetToken.create(user=user, token_hash=f"p{n}", expires_at=expiry)

    purged = await housekeeping.purge_expired_tokens()

    assert purged == 2
    assert sorted(t.token_hash for t in await RefreshToken.all()) == ["r1", "r2"]
    assert sorted(t.token_hash for t in await PasswordResetToken.all()) == ["p1", "p2"]


def test_the_worker_runs_mail_the_token_purge_and_forecasts_when_set():
    assert {job.name for job in worker.jobs(make_settings())} == {"mail", "purge-tokens"}
    [forecast] = [
        job for job in worker.jobs(make_settings(forecast_interval_hours=6))
        if job.name == "forecast"
    ]  # fmt: skip
    assert forecast.every_seconds == 6 * 360
