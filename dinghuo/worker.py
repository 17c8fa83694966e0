"""Background work: `dinghuo worker` runs it in its own process; `dinghuo serve` can run it
in-process for development (RUN_WORKER_IN_PROCESS).

Any number of workers may run at once: each job is safe to run concurrently (the outbox claims
messages atomically, pending card refunds are claimed one by one; purges are plain deletes).
Credit holds for overdue invoices need no job: they are derived from the invoices whenever an
order asks, so there is no flag to go stale.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from dinghuo import mailer
from dinghuo.policies import payments_policy
from dinghuo.pubsub import announcing_from_command
from dinghuo.settings import Settings
from domain.insight import forecast
from domain.payments import unanswered
from domain.shared import housekeeping

log = logging.getLogger("dinghuo.worker")


@dataclass(frozen=True)
class Job:
    name: str
    every_seconds: float
    run: Callable[[], Awaitable[int]]


def jobs(settings: Settings) -> list[Job]:
    found = [
        Job(
            "mail",
            settings.worker_mail_interval_seconds,
            lambda: mailer.deliver_pending(settings),
        ),
        Job("purge-tokens", 3600, housekeeping.purge_expired_tokens),
    ]
    if settings.stripe_api_key:
        found.append(Job("card-refunds", 60, lambda: _pending_refunds(settings)))
    hours = settings.forecast_interval_hours
    if hours > 0:
        # Checked every tenth of the interval, so a restarted worker catches up soon; a run
        # happens only once the stored forecasts are a whole interval old.
        due = timedelta(hours=hours)
        found.append(Job("forecast", hours * 360, lambda: forecast.refresh_if_due(due)))
    return found


async def _pending_refunds(settings: Settings) -> int:
    """Card refunds Stripe's answer never reached, finished and announced like any change."""
    async with announcing_from_command(settings.redis_url):
        return await unanswered.finish_pending(payments_policy(settings))


async def _repeat(job: Job, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            done = await job.run()
            if done:
                log.info("worker job", extra={"fields": {"job": job.name, "done": done}})
        except Exception:  # noqa: BLE001 - keep the loop alive; the next round retries
            log.exception("worker job %s failed", job.name)
        try:
            await asyncio.wait_for(stop.wait(), job.every_seconds)
        except TimeoutError:
            pass


async def run(settings: Settings, stop: asyncio.Event | None = None) -> None:
    """Run every job on its interval until `stop` is set (or the task is cancelled)."""
    stop = stop or asyncio.Event()
    await asyncio.gather(*(_repeat(job, stop) for job in jobs(settings)))
