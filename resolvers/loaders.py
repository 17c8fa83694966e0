"""Per-request batch loaders: one `filter(x__in=keys)` per relation, results in key order."""

from __future__ import annotations

from collections import defaultdict

from aiodataloader import DataLoader

from db.accounts import Company, User


class CompanyByIdLoader(DataLoader):
    async def batch_load_fn(self, keys: list[int]) -> list[Company | None]:
        rows = {c.id: c for c in await Company.filter(id__in=keys)}
        return [rows.get(k) for k in keys]


class UserByIdLoader(DataLoader):
    async def batch_load_fn(self, keys: list[int]) -> list[User | None]:
        rows = {u.id: u for u in await User.filter(id__in=keys)}
        return [rows.get(k) for k in keys]


class UsersByCompanyLoader(DataLoader):
    async def batch_load_fn(self, keys: list[int]) -> list[list[User]]:
        grouped: dict[int, list[User]] = defaultdict(list)
        for user in await User.filter(company_id__in=keys).order_by("id"):
            grouped[user.company_id].append(user)
        return [grouped.get(k, []) for k in keys]


class Loaders:
    """Created for each request, so no request ever sees another's cache."""

    def __init__(self) -> None:
        self.company_by_id = CompanyByIdLoader()
        self.user_by_id = UserByIdLoader()
        self.users_by_company = UsersByCompanyLoader()
