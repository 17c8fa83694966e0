"""Sign-in throttling: a password is checked only after an attempt slot has been claimed.

Each attempt claims one slot under several keys with a conditional UPDATE (`attempts <
limit`), before the password hash is checked. Of any number of concurrent guesses at most
the limit get through; the rest are refused without a check. A correct password gives the
account's slots back. Keys and their limits:
- the account at one address: the lowest limit, what a single guesser runs into;
- the account from anywhere: higher, so that one address alone cannot lock its owner out,
  yet guesses spread over many addresses still stop;
- the address: highest, so the people behind one office address do not lock each other out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from tortoise.expressions import F

from db.accounts import LoginThrottle
from domain.accounts.credentials import now
from domain.accounts.policy import AuthPolicy
from domain.shared.errors import DomainError, ErrorCode


@dataclass(frozen=True)
class Slot:
    key: str
    limit: int
    forgiven_on_success: bool


def login_slots(policy: AuthPolicy, email: str, address: str) -> list[Slot]:
    slots = [Slot(f"account:{email}", policy.max_failures_per_account, True)]
    if address:
        slots.insert(
            0, Slot(f"account-at:{email}|{address}", policy.max_failures_per_account_address, True)
        )
        slots.append(Slot(f"address:{address}", policy.max_failures_per_address, False))
    return slots


async def claim(
    policy: AuthPolicy,
    slots: list[Slot],
    field: str = "email",
    code: ErrorCode = ErrorCode.LOGIN_THROTTLED,
) -> None:
    """Take one attempt under every key, or none at all and the refusal `code`."""
    taken: list[Slot] = []
    for slot in slots:
        if not await _claim_one(policy, slot):
            for done in taken:
                await _give_back(done.key)
            minutes = math.ceil(policy.throttle_window.total_seconds() / 60)
            raise DomainError(code, field, minutes=minutes)
        taken.append(slot)


async def succeeded(policy: AuthPolicy, slots: list[Slot]) -> None:
    """The password was right: the account's attempts are forgiven, the address gets its slot
    back, and windows that ended are cleared away."""
    for slot in slots:
        if slot.forgiven_on_success:
            await LoginThrottle.filter(key=slot.key).delete()
        else:
            await _give_back(slot.key)
    await LoginThrottle.filter(window_started_at__lt=now() - policy.throttle_window).delete()


async def _claim_one(policy: AuthPolicy, slot: Slot) -> bool:
    moment = now()
    await LoginThrottle.bulk_create(
        [LoginThrottle(key=slot.key, attempts=0, window_started_at=moment)],
        ignore_conflicts=True,
    )
    # A window that has ended starts again; the condition lets only one request restart it.
    await LoginThrottle.filter(
        key=slot.key, window_started_at__lt=moment - policy.throttle_window
    ).update(attempts=0, window_started_at=moment)
    claimed = await LoginThrottle.filter(key=slot.key, attempts__lt=slot.limit).update(
        attempts=F("attempts") + 1
    )
    return bool(claimed)


async def _give_back(key: str) -> None:
    await LoginThrottle.filter(key=key, attempts__gt=0).update(attempts=F("attempts") - 1)
