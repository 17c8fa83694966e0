"""Clearing rows that can no longer matter: expired sign-in and password-reset tokens.

Kept a day past expiry, so a token that just expired still answers "expired" rather than
"unknown" to someone who tries it late.
"""

from __future__ import annotations

from datetime import timedelta

from db.accounts import PasswordResetToken, RefreshToken
from domain.shared import clock

KEEP_AFTER_EXPIRY = timedelta(days=1)


async def purge_expired_tokens() -> int:
    cutoff = clock.now() - KEEP_AFTER_EXPIRY
    refresh = await RefreshToken.filter(expires_at__lt=cutoff).delete()
    resets = await PasswordResetToken.filter(expires_at__lt=cutoff).delete()
    return refresh + resets
