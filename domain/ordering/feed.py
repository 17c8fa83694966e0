"""Names of the pub/sub channels order updates go to: one per company, one for staff."""

STAFF_FEED = "orders:staff"


def company_channel(company_id: int) -> str:
    return f"orders:company:{company_id}"


def channels(company_id: int) -> tuple[str, str]:
    return company_channel(company_id), STAFF_FEED
