"""The supplier's fulfilment settings, as the rules need them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from domain.fulfilment.carriers import BUILT_IN


@dataclass(frozen=True)
class FulfilmentPolicy:
    """Built once from the settings (dinghuo/policies.py) and passed to the use cases that
    decide with it, as their first parameter."""

    # Carrier code -> {"names": {language: name}, "url": tracking page with {tracking}}: the
    # built-in carriers and those of the CARRIERS setting (domain/fulfilment/carriers.py).
    carriers: Mapping[str, dict] = field(default_factory=lambda: MappingProxyType(BUILT_IN))

    def names(self, carrier: str) -> dict | None:
        return self.carriers.get(carrier, {}).get("names")

    def tracking_url(self, carrier: str, tracking: str) -> str | None:
        template = self.carriers.get(carrier, {}).get("url")
        return template.format(tracking=tracking) if template and tracking else None
