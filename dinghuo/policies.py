"""The settings the domain's rules need, turned once into each area's policy object.

Domain code never reads the settings or the environment: a use case that decides with a
setting takes its area's policy as its first parameter, and resolvers find the policies on
the request context (`info.context.policies`)."""

from __future__ import annotations

from datetime import timedelta

from dinghuo.settings import Settings
from domain.accounts.policy import AuthPolicy
from domain.fulfilment import carriers
from domain.fulfilment.policy import FulfilmentPolicy
from domain.insight.policy import ReplenishmentPolicy
from domain.ordering.policy import OrderingPolicy
from domain.payments.policy import PaymentsPolicy
from resolvers.core.policies import Policies


def auth_policy(settings: Settings) -> AuthPolicy:
    return AuthPolicy(
        secret_key=settings.secret_key,
        access_ttl=timedelta(seconds=settings.access_token_ttl_seconds),
        refresh_ttl=timedelta(days=settings.refresh_token_ttl_days),
        refresh_reuse_grace=timedelta(seconds=settings.refresh_token_reuse_grace_seconds),
        invitation_ttl=timedelta(days=settings.invitation_ttl_days),
        reset_ttl=timedelta(minutes=settings.password_reset_ttl_minutes),
        max_failures_per_account_address=settings.login_max_failures_per_account_address,
        max_failures_per_account=settings.login_max_failures_per_account,
        max_failures_per_address=settings.login_max_failures_per_address,
        throttle_window=timedelta(seconds=settings.login_throttle_window_seconds),
        hash_time_cost=settings.password_hash_time_cost,
        hash_memory_kib=settings.password_hash_memory_kib,
    )


def ordering_policy(settings: Settings) -> OrderingPolicy:
    return OrderingPolicy(
        review_steps=tuple(settings.review_steps()),
        credit_over_limit=settings.credit_over_limit,
        credit_grace_days=settings.credit_hold_grace_days,
        currency=settings.default_currency,
    )


def fulfilment_policy(settings: Settings) -> FulfilmentPolicy:
    return FulfilmentPolicy(carriers=carriers.with_extra(settings.carriers))


def payments_policy(settings: Settings) -> PaymentsPolicy:
    return PaymentsPolicy(
        stripe_api_key=settings.stripe_api_key,
        stripe_api_base=settings.stripe_api_base,
        currency=settings.default_currency,
    )


def replenishment_policy(settings: Settings) -> ReplenishmentPolicy:
    return ReplenishmentPolicy(
        lead_time_days=settings.replenishment_lead_time_days,
        service_level=settings.replenishment_service_level,
        cover_weeks=settings.replenishment_cover_weeks,
    )


def policies(settings: Settings) -> Policies:
    return Policies(
        auth=auth_policy(settings),
        ordering=ordering_policy(settings),
        fulfilment=fulfilment_policy(settings),
        payments=payments_policy(settings),
        replenishment=replenishment_policy(settings),
    )
