"""The font invoice and statement PDFs are set in.

A TrueType CJK font is embedded as a subset (only the glyphs a document uses, a few dozen
kilobytes), so Chinese text shows on any viewer, including ones without CJK fonts. Without such
a font on the server the PDFs fall back to STSong-Light, a CID font they only name: viewers that
lack it show blanks or boxes instead of Chinese.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

log = logging.getLogger(__name__)

FALLBACK = "STSong-Light"
EMBEDDED = "DinghuoCJK"

# TrueType-outline CJK fonts where systems usually keep them, best first. OpenType fonts with
# PostScript (CFF) outlines, such as Debian's fonts-noto-cjk, cannot be embedded by reportlab.
SEARCH_PATHS = (
    # Debian / Ubuntu: fonts-wqy-microhei, -wqy-zenhei, -arphic-uming, -droid-fallback
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    # Fedora / Arch
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    # macOS
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    # Windows
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/simhei.ttf",
)


@dataclass(frozen=True)
class PdfFont:
    name: str
    path: str | None  # the embedded font file; None for the fallback
    problem: str | None = None  # why the fallback was taken
    face: TTFont | None = field(default=None, compare=False, repr=False)

    @property
    def embedded(self) -> bool:
        return self.path is not None


def _load(path: str) -> TTFont:
    """A TrueType font or the first font of a collection (.ttc), which reportlab also reads."""
    return TTFont(EMBEDDED, path, subfontIndex=0)


def find(configured: str = "", search: tuple[str, ...] = SEARCH_PATHS) -> PdfFont:
    """The font to use: PDF_FONT_PATH when set, else the first readable one in `search`."""
    if configured:
        try:
            face = _load(configured)
        except Exception as exc:  # noqa: BLE001 - any unreadable file is reported the same way
            return PdfFont(FALLBACK, None, f"PDF_FONT_PATH {configured}: {_reason(exc)}")
        return PdfFont(EMBEDDED, configured, face=face)
    for candidate in search:
        if not Path(candidate).is_file():
            continue
        try:
            face = _load(candidate)
        except Exception as exc:  # noqa: BLE001 - try the next one
            log.debug("pdf font %s skipped: %s", candidate, _reason(exc))
            continue
        return PdfFont(EMBEDDED, candidate, face=face)
    return PdfFont(
        FALLBACK,
        None,
        "no TrueType CJK font found (install fonts-wqy-microhei or set PDF_FONT_PATH)",
    )


def _reason(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


_current: PdfFont | None = None
_current_setting = ""


def configure(configured: str = "") -> PdfFont:
    """Finds and registers the font once per process (again only when PDF_FONT_PATH changes);
    says once in the log when it falls back."""
    global _current, _current_setting
    if _current is not None and _current_setting == configured:
        return _current
    font = find(configured)
    if font.face is not None:
        pdfmetrics.registerFont(font.face)
    else:
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
        log.warning(
            "PDFs use %s without embedding it, so Chinese text may not show on every viewer: %s",
            FALLBACK,
            font.problem,
        )
    _current, _current_setting = font, configured
    return font


def current() -> str:
    """The registered font's name, found with the defaults if nothing configured it yet."""
    return (_current or configure()).name
