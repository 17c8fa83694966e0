"""The ASGI application for uvicorn: `dinghuo.main:app`."""

from dinghuo.app import create_app
from dinghuo.observability import configure_logging
from dinghuo.settings import get_settings

configure_logging(get_settings().log_format, get_settings().log_level)
app = create_app()
