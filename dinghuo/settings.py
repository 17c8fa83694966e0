"""Configuration from the environment (and a `.env` file), one place for every setting."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET_KEY = "dev-only-secret-key-change-me-before-production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Literal["development", "production"] = "development"
    database_url: str = "sqlite://var/dinghuo.sqlite3"
    secret_key: str = DEV_SECRET_KEY
    cors_origins: str = ""
    default_currency: str = "CNY"
    default_language: Literal["zh-Hans", "en"] = "zh-Hans"
    timezone: str = "Asia/Shanghai"

    log_format: Literal["text", "json"] = "text"
    log_level: str = "INFO"

    access_token_ttl_seconds: int = 900
    refresh_token_ttl_days: int = 30
    invitation_ttl_days: int = 7
    password_reset_ttl_minutes: int = 60
    login_max_failures_per_account: int = 5
    login_max_failures_per_address: int = 20
    login_throttle_window_seconds: int = 900
    password_hash_time_cost: int = 3
    password_hash_memory_kib: int = 65536

    max_query_depth: int = 10
    max_query_tokens: int = 5000
    max_aliases: int = 30
    max_body_bytes: int = 1_000_000
    introspection: bool = True
    graphiql: bool = True

    # Catalog: anonymous visitors browse published products (without prices or stock) unless
    # the catalog is closed; buyers see stock as an exact quantity or as a level.
    catalog_requires_login: bool = False
    stock_display: Literal["exact", "level"] = "level"

    # Supplier review (审核) steps an order passes before it is confirmed, in order; any of
    # order (sales), finance, outbound (warehouse). Empty: orders are confirmed at once.
    order_review_steps: str = "order,finance,outbound"

    # Card payments: without an API key they are reported as unavailable. STRIPE_API_BASE is
    # empty for Stripe itself, or a loopback URL for a Stripe-compatible test server.
    stripe_api_key: str = ""
    stripe_webhook_secret: str = ""
    stripe_api_base: str = ""

    # The supplier's account that bank transfers (对公转账) go to; orders show it.
    bank_name: str = ""
    bank_account_name: str = ""
    bank_account_number: str = ""

    # Extra or changed carriers, as JSON: {"yto": {"names": {"zh-Hans": "圆通", "en": "YTO"},
    # "url": "https://…?no={tracking}"}}
    carriers: dict[str, dict] = {}
    # Carrier tracking webhooks: the HMAC key, and per-carrier keys ({"sf": "…"}) that win.
    carrier_webhook_secret: str = ""
    carrier_webhook_secrets: dict[str, str] = {}

    # Subscriptions across processes: redis://host:6379/0. Empty: events stay in this process.
    redis_url: str = ""

    # An order on credit terms beyond the company's limit: refused, or accepted into finance
    # review (财务审核) where finance staff decide.
    credit_over_limit: Literal["refuse", "review"] = "refuse"
    # Days past due after which an open invoice stops new orders on credit terms.
    credit_hold_grace_days: int = 15

    # Replenishment suggestions: the supplier's lead time, the chance of not running out
    # before a delivery arrives, and the weeks of demand an order covers beyond it.
    replenishment_lead_time_days: int = 14
    replenishment_service_level: float = 0.95
    replenishment_cover_weeks: int = 4

    smtp_url: str = ""
    mail_from: str = "noreply@dinghuo.local"

    def cors_origin_list(self) -> list[str]:
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]

    def review_steps(self) -> list[str]:
        return [s.strip() for s in self.order_review_steps.split(",") if s.strip()]

    def check(self) -> list[str]:
        """Problems that must stop the service from starting."""
        problems = []
        if self.environment == "production" and self.secret_key == DEV_SECRET_KEY:
            problems.append("SECRET_KEY must be set to a secret value in production")
        unknown = set(self.review_steps()) - {"order", "finance", "outbound"}
        if unknown:
            problems.append(f"ORDER_REVIEW_STEPS: unknown steps {', '.join(sorted(unknown))}")
        if len(self.secret_key) < 32:
            problems.append("SECRET_KEY must be at least 32 characters")
        return problems


@lru_cache
def get_settings() -> Settings:
    return Settings()
