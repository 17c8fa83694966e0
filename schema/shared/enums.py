import strawberry

from domain.accounts.permissions import CompanyRole, CompanyStatus, StaffRole

CompanyRoleEnum = strawberry.enum(CompanyRole, name="CompanyRole")
CompanyStatusEnum = strawberry.enum(CompanyStatus, name="CompanyStatus")
StaffRoleEnum = strawberry.enum(StaffRole, name="StaffRole")
