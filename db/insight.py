"""Insight: demand forecasts per SKU, written by `dinghuo forecast` and read by the API."""

from tortoise import fields
from tortoise.models import Model


class DemandForecast(Model):
    """The latest weekly forecast of one SKU, with the model that made it and how well that
    model did in the backtest (its error sets the safety stock)."""

    id = fields.IntField(primary_key=True)
    sku = fields.CharField(max_length=64, unique=True)
    model = fields.CharField(max_length=40)
    # Units per week, from first_week (a Monday in the supplier's timezone) on.
    first_week = fields.DateField()
    weekly = fields.JSONField(default=list)
    # Mean backtest MASE and mean absolute error (units per week); null without a backtest.
    backtest_mase = fields.FloatField(null=True)
    backtest_mae = fields.FloatField(null=True)
    history_weeks = fields.IntField()
    computed_at = fields.DatetimeField()

    class Meta:
        table = "demand_forecast"


class SalesRollup(Model):
    """Sales of one business day and customer company (日汇总), kept current by the domain
    whenever an order's lines or status change, so reports read days instead of order lines.

    `kind` says what `key` is: "order" rows hold the company's whole day, keyed by the
    province the orders shipped to; "sku", "product" and "category" rows hold the part of it
    that one SKU, product or category (id as text, "" for none) made up. `orders` counts
    distinct orders within the row, so rows of one kind add up over days and companies."""

    id = fields.IntField(primary_key=True)
    day = fields.DateField()
    company_id = fields.IntField()
    kind = fields.CharField(max_length=10)
    key = fields.CharField(max_length=64)
    revenue = fields.BigIntField()  # fen, the line totals as they stand
    orders = fields.IntField()
    units = fields.IntField()
    returned_units = fields.IntField()
    returned_value = fields.BigIntField()  # fen, returned units at their unit price

    class Meta:
        table = "sales_rollup"
        unique_together = (("day", "company_id", "kind", "key"),)
        # Covers the reports' reads, so PostgreSQL and SQLite answer from the index alone
        # instead of visiting table pages where each kind's rows lie among the others.
        # The second serves one company's reports (a buyer's own).
        indexes = (
            ("kind", "day", "company_id", "key", "revenue", "orders", "units", "returned_units"),
            ("company_id", "kind", "day"),
        )


class SalesRollupDay(Model):
    """One row per business day and company that has rollup rows. Claiming it (an upsert)
    serialises the rebuilds of that day, so two orders changing at once cannot both write."""

    id = fields.IntField(primary_key=True)
    day = fields.DateField()
    company_id = fields.IntField()
    rebuilds = fields.IntField(default=0)

    class Meta:
        table = "sales_rollup_day"
        unique_together = (("day", "company_id"),)


class SalesSummary(Model):
    """Sums of the daily rollup that the supplier-wide reports read, so a year of them adds up
    hundreds of rows instead of every company's days.

    `span` "day" rows hold one business day of all companies together (`company_id` 0) for
    every kind; "month" rows (`day` is the month's first) hold a calendar month of all
    companies for every kind, and of each company for the "order" kind (the reports by
    company, price tier and sales rep and the repeat-purchase rate). Kept equal to the sums of
    `sales_rollup` by the same refresh, in the same transaction."""

    id = fields.IntField(primary_key=True)
    span = fields.CharField(max_length=5)
    day = fields.DateField()
    company_id = fields.IntField()
    kind = fields.CharField(max_length=10)
    key = fields.CharField(max_length=64)
    revenue = fields.BigIntField()
    orders = fields.IntField()
    units = fields.IntField()
    returned_units = fields.IntField()
    returned_value = fields.BigIntField()

    class Meta:
        table = "sales_summary"
        unique_together = (("span", "day", "company_id", "kind", "key"),)
        # Covers the reports' reads (an index-only scan), like the rollup's own index.
        indexes = (
            ("span", "company_id", "kind", "day", "key", "revenue", "orders", "units",
             "returned_units"),
        )  # fmt: skip
