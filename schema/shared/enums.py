import strawberry

from domain.accounts.permissions import CompanyRole, CompanyStatus, StaffRole

CompanyRoleEnum = strawberry.enum(
    CompanyRole, name="CompanyRole", description="What a buyer may do for their company."
)
CompanyStatusEnum = strawberry.enum(
    CompanyStatus, name="CompanyStatus", description="Where a company stands with the supplier."
)
StaffRoleEnum = strawberry.enum(
    StaffRole, name="StaffRole", description="What a staff member of the supplier may do."
)
