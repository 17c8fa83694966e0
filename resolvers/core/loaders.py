"""Per-request batch loaders: one `filter(x__in=keys)` per relation, results in key order."""

from __future__ import annotations

from collections import defaultdict

from aiodataloader import DataLoader

from db.accounts import Company, CompanyAddress, User
from domain.billing import ledger
from resolvers.after_sales import loaders as after_sales
from resolvers.billing import loaders as billing
from resolvers.catalog import loaders as catalog
from resolvers.ordering import loaders as orders
from resolvers.payments import loaders as payments


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
        grouped: dict[int | None, list[User]] = defaultdict(list)
        for user in await User.filter(company_id__in=keys).order_by("id"):
            grouped[user.company_id].append(user)
        return [grouped.get(k, []) for k in keys]


class AddressesByCompanyLoader(DataLoader):
    async def batch_load_fn(self, keys: list[int]) -> list[list[CompanyAddress]]:
        grouped: dict[int, list[CompanyAddress]] = defaultdict(list)
        rows = await CompanyAddress.filter(company_id__in=keys).order_by("-is_default", "id")
        for address in rows:
            grouped[address.company_id].append(address)
        return [grouped.get(k, []) for k in keys]


class BalanceByCompanyLoader(DataLoader):
    async def batch_load_fn(self, keys: list[int]) -> list[int]:
        totals = await ledger.balances(list(keys))
        return [totals[k] for k in keys]


class Loaders:
    """Created for each request, so no request ever sees another's cache."""

    def __init__(self) -> None:
        self.company_by_id = CompanyByIdLoader()
        self.user_by_id = UserByIdLoader()
        self.users_by_company = UsersByCompanyLoader()
        self.addresses_by_company = AddressesByCompanyLoader()
        self.balance_by_company = BalanceByCompanyLoader()
        self.product_by_id = catalog.ProductByIdLoader()
        self.variant_by_id = catalog.VariantByIdLoader()
        self.category_by_id = catalog.CategoryByIdLoader()
        self.children_by_category = catalog.ChildrenByCategoryLoader()
        self.product_texts = catalog.TranslationsByProductLoader()
        self.category_texts = catalog.TranslationsByCategoryLoader()
        self.variant_texts = catalog.TranslationsByVariantLoader()
        self.variants_by_product = catalog.VariantsByProductLoader()
        self.all_variants_by_product = catalog.VariantsByProductLoader(include_inactive=True)
        self.stock_by_variant = catalog.StockByVariantLoader()
        self.warehouse_by_id = catalog.WarehouseByIdLoader()
        self.orders = orders.OrderLoaders()
        self.after_sales = after_sales.AfterSalesLoaders()
        self.figures_by_order = payments.FiguresByOrderLoader()
        self.credit_notes_by_order = billing.CreditNotesByOrderLoader()
