"""Configuration from the environment (and a `.env` file), one place for every setting."""

from __future__ import annotations

import importlib.util
import math
from collections import Counter
from functools import lru_cache
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET_KEY = "dev-only-secret-key-change-me-before-production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Literal["development", "production"] = "development"
    database_url: str = "sqlite://var/dinghuo.sqlite3"
    secret_key: str = DEV_SECRET_KEY
    cors_origins: str = ""
    # Request headers a browser on an allowed origin may send (tracing and client names too).
    cors_allow_headers: str = (
        "authorization,content-type,accept-language,x-request-id,sentry-trace,baggage,"
        "apollographql-client-name,apollographql-client-version"
    )
    # Currencies with two decimals only: amounts are kept in hundredths (fen, cents).
    default_currency: Literal["CNY", "HKD", "USD", "EUR"] = "CNY"
    default_language: Literal["zh-Hans", "en"] = "zh-Hans"
    # Not TIMEZONE: Tortoise ORM sets that variable to "UTC" in its own process.
    business_timezone: str = "Asia/Shanghai"

    log_format: Literal["text", "json"] = "text"
    # Prometheus metrics at /metrics; keep the path away from the public (see deploy/nginx).
    metrics: bool = True
    log_level: str = "INFO"
    # One line per HTTP request (path without the query string, status, time, user, company).
    access_log: bool = True
    # OpenTelemetry spans for GraphQL operations (the `otel` extra), on the global tracer
    # provider: run under `opentelemetry-instrument`, configured by its OTEL_* variables.
    tracing: bool = False

    access_token_ttl_seconds: int = 900
    refresh_token_ttl_days: int = 30
    # A refresh token presented again within this many seconds (two tabs refreshing at once)
    # gets the same new pair; later, reuse ends the login.
    refresh_token_reuse_grace_seconds: int = 30
    invitation_ttl_days: int = 7
    password_reset_ttl_minutes: int = 60
    # Sign-in attempts per window (domain/accounts/throttle.py): for one account from one
    # address, for one account from anywhere, and from one address for every account (high,
    # so the people behind one office address do not lock each other out).
    login_max_failures_per_account_address: int = 5
    login_max_failures_per_account: int = 20
    login_max_failures_per_address: int = 100
    login_throttle_window_seconds: int = 900
    password_hash_time_cost: int = 3
    password_hash_memory_kib: int = 65536

    # Proxies whose X-Forwarded-For is believed: addresses or networks, comma-separated, or
    # "*". Empty (the default): no header is believed, the connection's peer is the client.
    forwarded_allow_ips: str = ""

    max_query_depth: int = 10
    max_query_tokens: int = 5000
    max_aliases: int = 30
    # Estimated fields a request may resolve (pages multiply what is below them).
    max_query_cost: int = 100_000
    max_body_bytes: int = 1_000_000
    introspection: bool = True
    graphiql: bool = True
    # Persisted documents (dinghuo/persisted.py): `automatic` keeps documents clients register
    # by hash (at most PERSISTED_DOCUMENTS_MAX, in Redis when REDIS_URL is set); `trusted`
    # runs only the documents of PERSISTED_DOCUMENTS_MANIFEST (hash -> document JSON).
    persisted_documents: Literal["automatic", "trusted"] = "automatic"
    persisted_documents_manifest: str = ""
    persisted_documents_max: int = 5000
    # Document links (pdfUrl, csvUrl) are absolute URLs on this origin (https://api.example.com),
    # or on the origin the request came to when empty; signed, they work this many seconds.
    public_origin: str = ""
    document_link_ttl_seconds: int = 300
    # Anonymous GET requests for a persisted document may be cached this long (seconds).
    persisted_documents_max_age_seconds: int = 60

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
    # What browsers get to take a card (Stripe Elements): the publishable key, and where to
    # load Stripe.js from (Stripe's own address; a test server's stand-in in tests).
    stripe_publishable_key: str = ""
    stripe_js_url: str = "https://js.stripe.com/v3/"

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

    # A TrueType CJK font (.ttf, or .ttc: its first font) that PDFs embed as a subset. Empty:
    # the first one found in the usual system places (domain/billing/fonts.py).
    pdf_font_path: str = ""

    smtp_url: str = ""
    mail_from: str = "noreply@dinghuo.local"
    # Where notification mail goes: empty picks SMTP when SMTP_URL is set, else the log; `log`
    # chooses the log on purpose (production masks tokens there); `smtp` insists on SMTP_URL.
    mail_backend: Literal["", "smtp", "log"] = ""

    # Background work (outbox mail, token purge) runs in `dinghuo worker`. Serving with the
    # worker inside the web process is the development default; empty follows ENVIRONMENT.
    run_worker_in_process: bool | None = None
    worker_mail_interval_seconds: float = 2.0
    # Hours between the worker's demand forecasts (what `dinghuo forecast` does, with its
    # defaults); 0 turns the job off. Needs the forecast extra; without it the job does nothing.
    forecast_interval_hours: float = 24.0

    def cors_origin_list(self) -> list[str]:
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]

    def cors_header_list(self) -> list[str]:
        return [h.strip().lower() for h in self.cors_allow_headers.split(",") if h.strip()]

    def trusted_proxies(self) -> list[IPv4Network | IPv6Network]:
        entries = [e.strip() for e in self.forwarded_allow_ips.split(",") if e.strip()]
        if "*" in entries:
            return [ip_network("0.0.0.0/0"), ip_network("::/0")]
        return [ip_network(e, strict=False) for e in entries]

    def review_steps(self) -> list[str]:
        return [s.strip() for s in self.order_review_steps.split(",") if s.strip()]

    def mail_via_smtp(self) -> bool:
        return self.mail_backend == "smtp" or (self.mail_backend == "" and bool(self.smtp_url))

    def worker_in_process(self) -> bool:
        if self.run_worker_in_process is None:
            return self.environment == "development"
        return self.run_worker_in_process

    def check(self, web_workers: int = 1) -> list[str]:
        """Problems that must stop the service from starting, one readable line each."""
        problems = []
        production = self.environment == "production"
        if production and self.secret_key == DEV_SECRET_KEY:
            problems.append("SECRET_KEY must be set to a secret value in production")
        elif production and secret_bits(self.secret_key) < MIN_SECRET_BITS:
            problems.append(
                "SECRET_KEY looks guessable (too few distinct characters): generate one with "
                "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`"
            )
        unknown = set(self.review_steps()) - {"order", "finance", "outbound"}
        if unknown:
            problems.append(f"ORDER_REVIEW_STEPS: unknown steps {', '.join(sorted(unknown))}")
        try:
            self.trusted_proxies()
        except ValueError:
            problems.append("FORWARDED_ALLOW_IPS: not a list of addresses or networks")
        if len(self.secret_key) < 32:
            problems.append("SECRET_KEY must be at least 32 characters")
        if self.redis_url and importlib.util.find_spec("redis") is None:
            problems.append(
                "REDIS_URL is set but Redis support is not installed: pip install 'dinghuo[redis]'"
            )
        if self.pdf_font_path and not Path(self.pdf_font_path).is_file():
            problems.append(f"PDF_FONT_PATH: no such file {self.pdf_font_path}")
        if self.tracing and importlib.util.find_spec("opentelemetry") is None:
            problems.append(
                "TRACING is on but OpenTelemetry is not installed: pip install 'dinghuo[otel]'"
            )
        if self.persisted_documents == "trusted" and not self.persisted_documents_manifest:
            problems.append("PERSISTED_DOCUMENTS=trusted needs PERSISTED_DOCUMENTS_MANIFEST")
        if self.mail_backend == "smtp" and not self.smtp_url:
            problems.append("MAIL_BACKEND=smtp needs SMTP_URL")
        if production and not self.smtp_url and self.mail_backend != "log":
            problems.append(
                "SMTP_URL is not set: set it, or MAIL_BACKEND=log to keep mail in the log"
            )
        for name in ("graphiql", "introspection"):
            if production and name not in self.model_fields_set:
                problems.append(
                    f"{name.upper()} must be set explicitly in production (true or false)"
                )
        if web_workers > 1 and not self.redis_url:
            problems.append(
                f"{web_workers} web workers need REDIS_URL: without it each worker keeps its "
                "own subscription events"
            )
        if web_workers > 1 and self.database_url.startswith("sqlite"):
            problems.append(
                f"{web_workers} web workers on SQLite would fail writes with 'database is "
                "locked': use PostgreSQL, or one web worker"
            )
        return problems


# A secret needs real randomness, not just length: estimated as length times the Shannon
# entropy of its characters. 48 URL-safe random characters score about 260 bits.
MIN_SECRET_BITS = 100


def secret_bits(secret: str) -> float:
    if not secret:
        return 0.0
    counts = Counter(secret)
    per_char = -sum(n / len(secret) * math.log2(n / len(secret)) for n in counts.values())
    return per_char * len(secret)


@lru_cache
def get_settings() -> Settings:
    return Settings()
