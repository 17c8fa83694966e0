from enum import StrEnum

import strawberry

from domain.accounts.permissions import CompanyRole, CompanyStatus, Perm, StaffRole

CompanyRoleEnum = strawberry.enum(
    CompanyRole, name="CompanyRole", description="What a buyer may do for their company."
)
CompanyStatusEnum = strawberry.enum(
    CompanyStatus, name="CompanyStatus", description="Where a company stands with the supplier."
)
StaffRoleEnum = strawberry.enum(
    StaffRole, name="StaffRole", description="What a staff member of the supplier may do."
)
PermissionEnum = strawberry.enum(
    Perm, name="Permission", description="Something the viewer's roles allow them to do."
)


@strawberry.enum(description="A language of texts, mails and messages (BCP 47 tag as the value).")
class LanguageCode(StrEnum):
    ZH_HANS = "zh-Hans"
    """Simplified Chinese (`zh-Hans`), the default."""
    EN = "en"
    """English (`en`)."""


@strawberry.enum(description="An ISO 4217 currency; the supplier trades in one (DEFAULT_CURRENCY).")
class CurrencyCode(StrEnum):
    CNY = "CNY"
    """Chinese yuan (人民币); amounts have two decimals (fen)."""
    HKD = "HKD"
    """Hong Kong dollar; two decimals."""
    USD = "USD"
    """US dollar; two decimals."""
    EUR = "EUR"
    """Euro; two decimals."""
