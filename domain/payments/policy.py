"""The supplier's payment settings, as the rules need them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PaymentsPolicy:
    """Built once from the settings (dinghuo/policies.py) and passed to the use cases that
    decide with it, as their first parameter."""

    # Without an API key card payments are unavailable. The API base is empty for Stripe
    # itself, or a loopback URL for a Stripe-compatible test server.
    stripe_api_key: str = ""
    stripe_api_base: str = ""
    # The currency balance top-ups are taken in (orders carry their own).
    currency: str = "CNY"

    @property
    def cards_enabled(self) -> bool:
        return bool(self.stripe_api_key)
