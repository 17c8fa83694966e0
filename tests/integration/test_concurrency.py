"""Races that must have exactly one winner, on SQLite and on PostgreSQL."""

import asyncio

from db.accounts import Company, RefreshToken, User
from domain.accounts import auth, companies
from domain.shared.errors import DomainError, ErrorCode
from tests import factories as f


async def test_simultaneous_registrations_of_one_tax_id_create_one_company(db, policy):
    def application(n: int) -> companies.Application:
        return companies.Application(
            company_name=f"并发公司{n}",
            tax_id="91310000MA1RACE001",
            contact_name="并发",
            contact_phone="",
            email=f"race{n}@example.com",
            password="Secret123",
        )

    results = await asyncio.gather(
        *(companies.register(policy, application(n)) for n in range(8)), return_exceptions=True
    )

    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(results) - len(refused) == 1
    assert {e.code for e in refused} == {ErrorCode.DUPLICATE_TAX_ID}
    assert await Company.all().count() == 1
    assert await User.all().count() == 1


async def test_simultaneous_refreshes_of_one_token_share_one_new_pair(db, policy):
    user = await f.buyer(policy, await f.company())
    session = await auth.login(policy, user.email, f.PASSWORD)

    results = await asyncio.gather(
        *(auth.refresh(policy, session.refresh_token) for _ in range(8)), return_exceptions=True
    )

    # Tabs refreshing at once are inside the grace window (domain/accounts/rotation.py): each
    # gets the same new pair, and exactly one refresh token stays live.
    assert all(isinstance(r, auth.Session) for r in results), results
    assert len({r.refresh_token for r in results if isinstance(r, auth.Session)}) == 1
    assert await RefreshToken.filter(revoked_at=None).count() == 1
