"""PDFs embed a CJK font (a subset), so Chinese shows on viewers without CJK fonts; without
such a font on the server they fall back to a font they only name, and say so."""

import io
import os
import re
from datetime import date

import pytest
from pypdf import PdfReader

from db.accounts import Company
from domain.billing import documents, fonts
from domain.billing.ledger import Entry, Statement

REQUIRE_FONT = os.environ.get("REQUIRE_SERVICES") == "1"


@pytest.fixture
def cjk_font() -> fonts.PdfFont:
    font = fonts.find(os.environ.get("PDF_FONT_PATH", ""))
    if not font.embedded:
        reason = f"{font.problem}: embedding not tested"
        if REQUIRE_FONT:
            pytest.fail(reason + " and REQUIRE_SERVICES=1")
        pytest.skip(reason)
    fonts.configure(font.path or "")
    return font


def embedded_fonts(content: bytes) -> dict[str, bool]:
    """Every font the pages use, by name: True when its program is in the file."""
    found = {}
    for page in PdfReader(io.BytesIO(content)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            found[str(font["/BaseFont"]).lstrip("/")] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    return found


def statement() -> tuple[Company, Statement]:
    company = Company(name="鲜达食品（上海）有限公司", tax_id="91310000MA1FL0XX1X")
    entries = [
        Entry(date(2026, 6, d), "invoice", f"INV-2026-00000{d}", 360_00, 0, None, d * 360_00)
        for d in range(1, 4)
    ]
    return company, Statement(date(2026, 6, 1), date(2026, 6, 30), 0, entries, 1080_00)


async def test_a_statement_embeds_a_subset_of_a_cjk_font_and_its_text_extracts(cjk_font):
    company, figures = statement()

    content = await documents.statement_pdf(company, figures, "CNY")

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "鲜达食品（上海）有限公司" in text and "期末余额" in text
    used = embedded_fonts(content)
    assert used and all(used.values()), used
    # A subset's name carries a six-letter tag; the whole font would be megabytes.
    assert all(re.fullmatch(r"[A-Z]{6}\+.+", name) for name in used), used
    assert len(content) < 200_000


def test_an_unreadable_configured_font_falls_back_and_says_why(tmp_path):
    not_a_font = tmp_path / "font.ttf"
    not_a_font.write_bytes(b"not a font")

    font = fonts.find(str(not_a_font))

    assert not font.embedded and font.name == fonts.FALLBACK
    assert font.problem and str(not_a_font) in font.problem


def test_without_a_font_on_the_system_pdfs_name_the_cid_font(tmp_path):
    font = fonts.find("", search=(str(tmp_path / "missing.ttc"),))

    assert not font.embedded and font.name == fonts.FALLBACK
    assert font.problem and "fonts-wqy-microhei" in font.problem
