"""The supplier's sign-in and token settings, as the rules need them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class AuthPolicy:
    """The security settings the rules need. Built once from the settings (dinghuo/policies.py)
    and passed to the use cases that decide with it, as their first parameter."""

    secret_key: str
    access_ttl: timedelta = timedelta(minutes=15)
    refresh_ttl: timedelta = timedelta(days=30)
    # A refresh token presented again this soon gets the pair its first use got (two tabs).
    refresh_reuse_grace: timedelta = timedelta(seconds=30)
    invitation_ttl: timedelta = timedelta(days=7)
    reset_ttl: timedelta = timedelta(hours=1)
    max_failures_per_account_address: int = 5
    max_failures_per_account: int = 20
    max_failures_per_address: int = 100
    throttle_window: timedelta = timedelta(minutes=15)
    hash_time_cost: int = 3
    hash_memory_kib: int = 65536
