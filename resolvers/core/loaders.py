"""Per-request batch loaders: one `filter(x__in=keys)` per relation, results in key order."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

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
    """Created for each request, so no request ever sees another's cache. Each loader is
    made when first used: a request uses a few of the forty (bench/)."""

    @cached_property
    def company_by_id(self) -> CompanyByIdLoader:
        return CompanyByIdLoader()

    @cached_property
    def user_by_id(self) -> UserByIdLoader:
        return UserByIdLoader()

    @cached_property
    def users_by_company(self) -> UsersByCompanyLoader:
        return UsersByCompanyLoader()

    @cached_property
    def addresses_by_company(self) -> AddressesByCompanyLoader:
        return AddressesByCompanyLoader()

    @cached_property
    def balance_by_company(self) -> BalanceByCompanyLoader:
        return BalanceByCompanyLoader()

    @cached_property
    def product_by_id(self) -> catalog.ProductByIdLoader:
        return catalog.ProductByIdLoader()

    @cached_property
    def variant_by_id(self) -> catalog.VariantByIdLoader:
        return catalog.VariantByIdLoader()

    @cached_property
    def category_by_id(self) -> catalog.CategoryByIdLoader:
        return catalog.CategoryByIdLoader()

    @cached_property
    def children_by_category(self) -> catalog.ChildrenByCategoryLoader:
        return catalog.ChildrenByCategoryLoader()

    @cached_property
    def product_texts(self) -> catalog.TranslationsByProductLoader:
        return catalog.TranslationsByProductLoader()

    @cached_property
    def category_texts(self) -> catalog.TranslationsByCategoryLoader:
        return catalog.TranslationsByCategoryLoader()

    @cached_property
    def variant_texts(self) -> catalog.TranslationsByVariantLoader:
        return catalog.TranslationsByVariantLoader()

    @cached_property
    def variants_by_product(self) -> catalog.VariantsByProductLoader:
        return catalog.VariantsByProductLoader()

    @cached_property
    def all_variants_by_product(self) -> catalog.VariantsByProductLoader:
        return catalog.VariantsByProductLoader(include_inactive=True)

    @cached_property
    def stock_by_variant(self) -> catalog.StockByVariantLoader:
        return catalog.StockByVariantLoader()

    @cached_property
    def warehouse_by_id(self) -> catalog.WarehouseByIdLoader:
        return catalog.WarehouseByIdLoader()

    @cached_property
    def orders(self) -> orders.OrderLoaders:
        return orders.OrderLoaders()

    @cached_property
    def after_sales(self) -> after_sales.AfterSalesLoaders:
        return after_sales.AfterSalesLoaders()

    @cached_property
    def figures_by_order(self) -> payments.FiguresByOrderLoader:
        return payments.FiguresByOrderLoader()

    @cached_property
    def credit_notes_by_order(self) -> billing.CreditNotesByOrderLoader:
        return billing.CreditNotesByOrderLoader()
