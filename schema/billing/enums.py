"""Closed sets of invoices and a company's account."""

from __future__ import annotations

from enum import StrEnum

import strawberry


@strawberry.enum(description="Where an invoice stands.")
class InvoiceStatus(StrEnum):
    OPEN = "open"
    """Issued, not fully paid, not yet due."""
    PAID = "paid"
    """Nothing left to pay."""
    OVERDUE = "overdue"
    """Open past its due date (`dueOn`)."""
    VOID = "void"
    """Cancelled with its order; nothing is owed on it."""


@strawberry.enum(description="What a line of an account statement (对账单) records.")
class LedgerEntryKind(StrEnum):
    INVOICE = "invoice"
    """An invoice issued: a debit."""
    PAYMENT = "payment"
    """Money received: a credit."""
    CREDIT_NOTE = "credit_note"
    """A credit note (红字发票) issued, for a return: a credit."""
    REFUND = "refund"
    """Money paid back: a debit."""
    WRITE_OFF = "write_off"
    """An amount the supplier gave up collecting: a credit."""


@strawberry.enum(description="What a transaction in a company's history is.")
class TransactionKind(StrEnum):
    ORDER = "order"
    """An order placed (its total)."""
    INVOICE = "invoice"
    """An invoice issued."""
    PAYMENT = "payment"
    """Money received."""
    CREDIT_NOTE = "credit_note"
    """A credit note issued."""
    REFUND = "refund"
    """Money paid back."""
    WRITE_OFF = "write_off"
    """An amount the supplier gave up collecting."""
