"""The figures of one order's money, without a database."""

import pytest

from domain.billing.settlement import Figures


def figures(total, received=0, refunded=0, credited=0, ended=False, invoiced=True) -> Figures:
    return Figures(
        total=0 if ended else total,
        received=received,
        refunded=refunded,
        credited=credited,
        invoiced=invoiced and not ended,
        order_total=total,
    )


@pytest.mark.parametrize(
    ("fig", "due", "status"),
    [
        (figures(10000), 10000, "unpaid"),
        (figures(10000, received=4000), 6000, "partially_paid"),
        (figures(10000, received=10000), 0, "paid"),
        # a total that grew after payment is owed again
        (figures(17350, received=3772), 13578, "partially_paid"),
        # a return refunded by card: the refund comes with a credit note
        (figures(36000, received=36000, refunded=9000, credited=9000), 0, "partially_refunded"),
        (figures(36000, received=36000, refunded=36000, credited=36000), 0, "refunded"),
        # a credit note on an unpaid order lowers what is owed
        (figures(6000, credited=3000), 3000, "unpaid"),
        (figures(6000, credited=6000), 0, "paid"),
        # an order that ended owes nothing; money on it is the customer's until refunded
        (figures(10000, ended=True), 0, "unpaid"),
        (figures(10000, received=500, ended=True), 0, "paid"),
        (figures(10000, received=500, refunded=500, ended=True), 0, "refunded"),
        # a zero-priced replacement order is settled from the start
        (figures(0), 0, "paid"),
    ],
)
def test_amount_due_and_payment_status(fig, due, status):
    assert (fig.due, fig.payment_status) == (due, status)
    assert fig.settled is (due == 0 and status != "unpaid")


def test_the_account_counts_the_total_once_invoiced():
    before_invoice = figures(10000, received=10000, invoiced=False)
    overpaid = figures(6000, received=10000)

    assert before_invoice.account_balance == -10000 and before_invoice.due == 0
    assert overpaid.balance == -4000 and overpaid.due == 0
