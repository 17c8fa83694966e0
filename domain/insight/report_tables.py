"""The tables of the other report files: slow movers, replenishment suggestions and a
company's purchase analysis, as `report_files` writes them (header first). Cost and gross
margin columns are added only for callers who may read cost prices (`costs` given), and then
filled only for the SKUs that have one."""

from __future__ import annotations

from decimal import Decimal

from db.catalog import Variant
from domain.insight.movers import SlowMover
from domain.insight.purchases import PurchaseAnalysis, Spend
from domain.insight.replenishment import Suggestion
from domain.insight.report_files import header
from domain.shared.messages import message
from domain.shared.money import from_minor
from domain.shared.spreadsheet import to_cell

MOVER_COLUMNS = ("sku", "label", "revenue", "orders", "units")
MOVER_COST_COLUMNS = ("cost_price", "gross_margin", "gross_margin_rate")
REPLENISHMENT_COLUMNS = (
    "sku", "warehouse", "model", "on_hand", "reserved", "lead_time_demand", "safety_stock",
    "reorder_point", "suggested_quantity", "runs_out",
)  # fmt: skip
REPLENISHMENT_COST_COLUMNS = ("cost_price", "order_cost")
PURCHASE_COLUMNS = ("section", "key", "label", "spend", "orders", "units")


async def cost_prices(skus: list[str]) -> dict[str, Decimal]:
    """{sku: cost price} of the SKUs that have one."""
    rows = await Variant.filter(sku__in=skus, cost_price__not_isnull=True).values_list(
        "sku", "cost_price"
    )
    return {sku: from_minor(int(cost)) for sku, cost in rows}


def slow_movers(rows: list[SlowMover], costs: dict[str, Decimal] | None, language: str) -> list:
    columns = MOVER_COLUMNS + (MOVER_COST_COLUMNS if costs is not None else ())
    lines: list[list] = [header(columns, language)]
    for m in rows:
        revenue = from_minor(m.revenue)
        line = [to_cell(m.sku), to_cell(m.product_name), revenue, m.orders, m.units]
        if costs is not None:
            cost = costs.get(m.sku)
            margin = revenue - cost * m.units if cost is not None else None
            rate = (margin / revenue).quantize(Decimal("0.0001")) if margin and revenue else None
            line += [cost, margin, rate]
        lines.append(line)
    return lines


def replenishment(rows: list[Suggestion], costs: dict[str, Decimal] | None, language: str) -> list:
    columns = REPLENISHMENT_COLUMNS + (REPLENISHMENT_COST_COLUMNS if costs is not None else ())
    lines: list[list] = [header(columns, language)]
    yes, no = message("insight.yes", language), message("insight.no", language)
    for s in rows:
        line = [
            to_cell(s.sku), to_cell(s.warehouse_code), s.model, s.on_hand, s.reserved,
            s.lead_time_demand, s.safety_stock, s.reorder_point, s.quantity,
            yes if s.runs_out_before_lead_time else no,
        ]  # fmt: skip
        if costs is not None:
            cost = costs.get(s.sku)
            line += [cost, cost * s.quantity if cost is not None else None]
        lines.append(line)
    return lines


def purchases(found: PurchaseAnalysis, language: str) -> list:
    """One table with three sections: by month, by category, the top SKUs."""
    lines: list[list] = [header(PURCHASE_COLUMNS, language)]
    sections: list[tuple[str, list[Spend]]] = [
        ("month", found.by_month), ("category", found.by_category), ("sku", found.top_skus),
    ]  # fmt: skip
    for name, rows in sections:
        section = message(f"insight.section.{name}", language)
        for r in rows:
            lines.append([section, to_cell(r.key), to_cell(r.label), from_minor(r.spend),
                          r.orders, r.units])  # fmt: skip
    return lines
