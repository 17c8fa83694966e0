"""Invoice and statement PDFs, Chinese and English, set in the font `fonts` found (a CJK
TrueType font embedded as a subset)."""

from __future__ import annotations

import io
from collections.abc import Iterable

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from db.accounts import Company
from db.invoices import Invoice
from db.orders import Order, OrderLine
from domain.billing import fonts
from domain.billing.ledger import Statement
from domain.shared.money import from_minor
from domain.shared.translations import pick_map

LEFT, TOP, LINE = 50, 800, 16


class _Page:
    """A running text cursor that starts a new page when it reaches the bottom."""

    def __init__(self, title: str) -> None:
        self.buffer = io.BytesIO()
        self.font = fonts.current()
        # The initial font too, or every page also names Helvetica. (Passed as a dict: the
        # bundled reportlab stubs type initialFontName as a float.)
        initial: dict = {"initialFontName": self.font}
        self.pdf = canvas.Canvas(self.buffer, pagesize=A4, **initial)
        self.pdf.setTitle(title)
        self.y = TOP
        self.pdf.setFont(self.font, 16)
        self.pdf.drawString(LEFT, self.y, title)
        self.y -= LINE * 2
        self.pdf.setFont(self.font, 10)

    def row(self, *cells: tuple[int, str]) -> None:
        if self.y < 60:
            self.pdf.showPage()
            self.pdf.setFont(self.font, 10)
            self.y = TOP
        for x, text in cells:
            self.pdf.drawString(LEFT + x, self.y, text)
        self.y -= LINE

    def gap(self) -> None:
        self.y -= LINE // 2

    def bytes(self) -> bytes:
        self.pdf.showPage()
        self.pdf.save()
        return self.buffer.getvalue()


def _money(minor: int, currency: str) -> str:
    return f"{currency} {from_minor(minor):,}"


async def invoice_pdf(invoice: Invoice) -> bytes:
    order = await Order.get(id=invoice.order_id)
    company = await Company.get(id=invoice.company_id)
    lines: Iterable[OrderLine] = await OrderLine.filter(order_id=order.id).order_by("id")
    page = _Page(f"发票 Invoice {invoice.number}")
    page.row((0, f"客户 Customer: {company.name}"), (330, f"税号 Tax id: {company.tax_id}"))
    page.row((0, f"订单 Order: {order.number}"), (330, f"PO: {order.po_number or '-'}"))
    page.row((0, f"开票日期 Issued: {invoice.issued_on}"), (330, f"到期日 Due: {invoice.due_on}"))
    page.gap()
    page.row(
        (0, "SKU"), (90, "品名 Item"), (330, "数量 Qty"), (390, "单价 Price"), (460, "金额 Amount")
    )
    for line in lines:
        names = line.names or {}
        name = " / ".join(
            dict.fromkeys(n for n in (pick_map(names, "zh-Hans"), pick_map(names, "en")) if n)
        )
        page.row(
            (0, line.sku),
            (90, name[:40]),
            (330, str(line.quantity)),
            (390, str(from_minor(line.unit_price))),
            (460, str(from_minor(line.line_total))),
        )
    page.gap()
    page.row((330, "合计 Total"), (460, _money(invoice.amount, invoice.currency)))
    return page.bytes()


async def statement_pdf(company: Company, statement: Statement, currency: str) -> bytes:
    page = _Page(f"对账单 Statement {statement.start} – {statement.end}")
    page.row((0, f"客户 Customer: {company.name}"), (330, f"税号 Tax id: {company.tax_id}"))
    page.row((0, f"期初余额 Opening balance: {_money(statement.opening, currency)}"))
    page.gap()
    page.row(
        (0, "日期 Date"),
        (80, "类型 Kind"),
        (170, "单号 Reference"),
        (300, "借方 Debit"),
        (380, "贷方 Credit"),
        (460, "余额 Balance"),
    )
    for e in statement.entries:
        page.row(
            (0, str(e.on)),
            (80, e.kind),
            (170, e.reference),
            (300, str(from_minor(e.debit)) if e.debit else ""),
            (380, str(from_minor(e.credit)) if e.credit else ""),
            (460, str(from_minor(e.balance))),
        )
    page.gap()
    page.row((0, f"期末余额 Closing balance: {_money(statement.closing, currency)}"))
    return page.bytes()
