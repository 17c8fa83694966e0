"""Batch loaders for returns and tickets: one query for all the returns or tickets of a list."""

from __future__ import annotations

from db.after_sales import ReturnEvent, ReturnLine, TicketMessage
from resolvers.ordering.loaders import GroupedLoader


class AfterSalesLoaders:
    def __init__(self) -> None:
        self.return_lines = GroupedLoader(ReturnLine, "return_request_id")
        self.return_events = GroupedLoader(ReturnEvent, "return_request_id")
        # Staff notes included: the ticket type leaves them out for buyers.
        self.ticket_messages = GroupedLoader(TicketMessage, "ticket_id")
