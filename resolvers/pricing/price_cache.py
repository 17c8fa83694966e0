"""Per-process memory of the viewer price lookups that every storefront request repeats:
which lists apply to a company (per tier and day) and the breaks of a variant in those lists.
Every entry is keyed by the pricing version the request read with its sign-in
(domain.pricing.versions), and read only by requests that read the same version: a change to
price lists bumps the version, so the next request reads the database again, and a request
that signed in before a bump neither reads nor spoils the entries of later ones. A company's
id and tier are part of the key, read fresh with the sign-in, so a changed tier is seen at
once too. One cache per app (dinghuo.app)."""

from __future__ import annotations

from datetime import date

from domain.pricing.prices import Breaks

# Enough for every variant of a large catalogue in a few lists; past it, start over.
MAX_ENTRIES = 200_000

ListsKey = tuple[int, int | None, str | None, date]  # version, company, tier, day
BreaksKey = tuple[int, tuple[int, ...], tuple[int, ...], int]  # version, lists, variant


class PriceCache:
    def __init__(self) -> None:
        self.newest = -1
        self.lists: dict[ListsKey, tuple[list[int], list[int]]] = {}
        self.breaks: dict[BreaksKey, tuple[Breaks, Breaks]] = {}
        self.stored: dict[tuple[int, str], bool] = {}  # version, audience: prices stored

    def seen(self, version: int) -> None:
        """Forget older versions' entries once a newer version shows up (memory only: keys
        carry their version, so an old entry is never read by a newer request)."""
        if version > self.newest or len(self.breaks) > MAX_ENTRIES:
            self.newest = max(version, self.newest)
            self.lists, self.breaks, self.stored = {}, {}, {}
