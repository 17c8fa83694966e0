"""The catalog CSV format: one row per variant, its product's fields repeated on each row.

Columns are COLUMNS below. `specs_*` read `name=value;name=value`; `tier_prices` reads
`tier:min_qty=price,min_qty=price;tier:…`; `stock` reads `WAREHOUSE=on_hand;…`.
Parsing checks every row and reports all problems with line numbers; nothing is written here.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from db.catalog import Product, ProductTranslation, VariantTranslation
from domain.catalog.categories import SLUG
from domain.catalog.products import VariantData, check_variant
from domain.pricing.price_lists import Break, check_breaks
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.messages import message
from domain.shared.spreadsheet import from_cell

COLUMNS = [
    "product_slug", "category_slug", "status", "name_zh", "name_en", "description_zh",
    "description_en", "sku", "barcode", "unit", "pack_size", "weight_grams", "base_price",
    "min_order_qty", "order_multiple", "max_order_qty", "low_stock_threshold",
    "variant_name_zh", "variant_name_en", "specs_zh", "specs_en", "tier_prices", "stock",
]  # fmt: skip
PRODUCT_COLUMNS = COLUMNS[:7]
STATUSES = ("draft", "published", "archived")
# Names and descriptions are free text: the export quotes those that look like formulas.
FREE_TEXT = (
    "name_zh",
    "name_en",
    "description_zh",
    "description_en",
    "variant_name_zh",
    "variant_name_en",
)
# Cells written as they are into a column of this width: longer is a row error (PostgreSQL
# would refuse the whole block; SQLite would store what no other path lets through).
WIDTHS = {
    "product_slug": Product._meta.fields_map["slug"].constraints["max_length"],
    "name_zh": ProductTranslation._meta.fields_map["name"].constraints["max_length"],
    "name_en": ProductTranslation._meta.fields_map["name"].constraints["max_length"],
    "variant_name_zh": VariantTranslation._meta.fields_map["name"].constraints["max_length"],
    "variant_name_en": VariantTranslation._meta.fields_map["name"].constraints["max_length"],
}


@dataclass
class RowError:
    """A bad row: its line in the file, the column, and a catalogue key for the reason."""

    line: int
    column: str
    key: str
    params: dict = field(default_factory=dict)

    def reason(self, language: str) -> str:
        return message(self.key, language, **self.params)


@dataclass
class Row:
    line: int
    product: dict[str, str]
    variant: dict  # validated Variant columns
    variant_names: dict[str, str]
    specs: dict[str, dict[str, str]]
    tier_prices: dict[str, list[tuple[int, int]]]
    stock: dict[str, int]


@dataclass
class Parsed:
    rows: list[Row] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


class _Bad(Exception):
    def __init__(self, column: str, key: str, **params) -> None:
        self.column, self.key, self.params = column, f"import.{key}", params


def _pairs(text: str, column: str) -> dict[str, str]:
    result: dict[str, str] = {}
    if not text:
        return result
    for part in filter(None, (p.strip() for p in text.split(";"))):
        name, sep, value = part.partition("=")
        if not sep or not name.strip() or "=" in value:
            raise _Bad(column, "bad_pair", value=part)
        result[name.strip()] = value.strip()
    return result


def _int(text: str, column: str) -> int:
    value = _optional_int(text, column)
    if value is None:
        raise _Bad(column, "required")
    return value


def _int_or(text: str, column: str, default: int) -> int:
    """A stripped cell as an integer, `default` when empty."""
    if not text:
        return default
    try:
        return _int32(int(text), column)
    except ValueError as exc:
        raise _Bad(column, "not_integer", value=text) from exc


INT32 = 2**31 - 1  # the integer columns' width (quantities, grams, stock)


def _int32(value: int, column: str) -> int:
    if abs(value) > INT32:
        raise DomainError(ErrorCode.INVALID, column)
    return value


def _optional_int(text: str, column: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    try:
        return _int32(int(text), column)
    except ValueError as exc:
        raise _Bad(column, "not_integer", value=text) from exc


def _tier_prices(text: str) -> dict[str, list[tuple[int, int]]]:
    result = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        tier, sep, breaks = part.partition(":")
        if not sep or not tier.strip():
            raise _Bad("tier_prices", "bad_tier_prices", value=part)
        pairs = []
        for item in breaks.split(","):
            qty, sep, price = item.partition("=")
            if not sep:
                raise _Bad("tier_prices", "bad_tier_prices", value=item)
            pairs.append(Break(_int(qty, "tier_prices"), Decimal(price.strip() or "x")))
        result[tier.strip()] = check_breaks(pairs)
    return result


def _row(line: int, raw: dict[str, str]) -> Row:
    get = {c: (raw.get(c) or "").strip() for c in COLUMNS}
    for column in FREE_TEXT:
        if get[column][:1] == "'":  # the only cells `from_cell` changes
            get[column] = from_cell(get[column])
    for column, width in WIDTHS.items():
        if len(get[column]) > width:
            raise DomainError(ErrorCode.TOO_LONG, column, max=width)
    slug = get["product_slug"].lower()
    if not SLUG.match(slug):
        raise _Bad("product_slug", "bad_slug", value=slug)
    if get["status"] not in STATUSES:
        raise _Bad("status", "bad_status", value=get["status"])
    if not get["name_zh"] and not get["name_en"]:
        raise _Bad("name_zh", "no_name")
    data = VariantData(
        sku=get["sku"],
        base_price=Decimal(get["base_price"] or "0"),
        unit=get["unit"] or "piece",
        pack_size=_int_or(get["pack_size"], "pack_size", 1),
        barcode=get["barcode"] or None,
        weight_grams=_optional_int(get["weight_grams"], "weight_grams"),
        min_order_qty=_int_or(get["min_order_qty"], "min_order_qty", 1),
        order_multiple=_int_or(get["order_multiple"], "order_multiple", 1),
        max_order_qty=_optional_int(get["max_order_qty"], "max_order_qty"),
        low_stock_threshold=_int_or(get["low_stock_threshold"], "low_stock_threshold", 0),
    )
    stock = {}
    for code, value in _pairs(get["stock"], "stock").items():
        stock[code.upper()] = _int(value, "stock")
        if stock[code.upper()] < 0:
            raise _Bad("stock", "negative_stock")
    return Row(
        line=line,
        product={c: get[c] for c in PRODUCT_COLUMNS} | {"product_slug": slug},
        variant=check_variant(data),
        variant_names={"zh-Hans": get["variant_name_zh"], "en": get["variant_name_en"]},
        specs={
            "zh-Hans": _pairs(get["specs_zh"], "specs_zh"),
            "en": _pairs(get["specs_en"], "specs_en"),
        },
        tier_prices=_tier_prices(get["tier_prices"]),
        stock=stock,
    )


class UnreadableFile(ValueError):
    """The file's bytes are neither UTF-8 (with or without BOM), UTF-16 with a BOM, nor GB18030."""


def decode(raw: bytes) -> str:
    """Text of a CSV file as spreadsheets save it: UTF-8 (Excel adds a BOM), or GB18030, the
    superset of the GBK that Chinese Excel writes by default."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile("not UTF-8, UTF-16 or GB18030 text")


def encoding_of(path: Path) -> str:
    """The encoding `decode` would choose for this file, read a block at a time."""
    with path.open("rb") as f:
        start = f.read(2)
        if start in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            return "utf-16"
        for encoding in ("utf-8-sig", "gb18030"):
            f.seek(0)
            decoder = codecs.getincrementaldecoder(encoding)()
            try:
                while block := f.read(1 << 20):
                    decoder.decode(block)
                decoder.decode(b"", final=True)
                return encoding
            except UnicodeDecodeError:
                continue
    raise UnreadableFile("not UTF-8, UTF-16 or GB18030 text")


def parse(text: str) -> Parsed:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    return parse_records(reader.fieldnames or [], enumerate(reader, start=2))


def parse_records(header: Sequence[str], records: Iterable[tuple[int, dict[str, str]]]) -> Parsed:
    """The rules for rows from any container (CSV, a worksheet): `records` are (line, row)."""
    checker = Checker(header)
    return Parsed(rows=list(checker.rows(records)), errors=checker.errors)


def stream(text: TextIO) -> Checker:
    """Rows of a CSV read as they are needed: `checker.rows(...)` of the answer yields the good
    ones while `checker.errors` collects the bad; the file is never held whole."""
    reader = csv.DictReader(text)
    header = [c.lstrip("\ufeff") for c in reader.fieldnames or []]
    reader.fieldnames = header
    checker = Checker(header)
    checker.records = enumerate(reader, start=2)
    return checker


class Checker:
    """Checks rows one at a time, remembering across the file only what a later row is compared
    with: each SKU's line, and a digest of each product's fields with its first line."""

    def __init__(self, header: Sequence[str]) -> None:
        self.errors: list[RowError] = []
        self.records: Iterable[tuple[int, dict[str, str]]] = ()
        self._skus: dict[str, int] = {}
        self._products: dict[str, tuple[int, bytes]] = {}
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            self.errors.append(
                RowError(1, missing[0], "import.missing_columns", {"columns": ", ".join(missing)})
            )

    def rows(self, records: Iterable[tuple[int, dict[str, str]]] | None = None) -> Iterator[Row]:
        if self.errors and self.errors[0].key == "import.missing_columns":
            return
        for line, raw in self.records if records is None else records:
            row = self._check(line, raw)
            if row is not None:
                yield row

    def _check(self, line: int, raw: dict[str, str]) -> Row | None:
        try:
            row = _row(line, raw)
        except _Bad as bad:
            self.errors.append(RowError(line, bad.column, bad.key, bad.params))
            return None
        except DomainError as exc:
            column = _COLUMN_OF_FIELD.get(exc.field or "", exc.field or "")
            self.errors.append(RowError(line, column, exc.code.value, exc.params))
            return None
        except ArithmeticError:
            self.errors.append(RowError(line, "base_price", "import.not_number"))
            return None
        sku = row.variant["sku"]
        if sku in self._skus:
            self.errors.append(
                RowError(line, "sku", "import.repeat_sku", {"sku": sku, "other": self._skus[sku]})
            )
            return None
        self._skus[sku] = line
        digest = hashlib.blake2b(
            "\x1f".join(row.product.values()).encode(), digest_size=16
        ).digest()
        first = self._products.setdefault(row.product["product_slug"], (line, digest))
        if first[1] != digest:
            self.errors.append(
                RowError(line, "product_slug", "import.product_differs", {"other": first[0]})
            )
            return None
        return row


_COLUMN_OF_FIELD = {
    "basePrice": "base_price",
    "minOrderQty": "min_order_qty",
    "maxOrderQty": "max_order_qty",
    "packSize": "pack_size",
    "weightGrams": "weight_grams",
    "lowStockThreshold": "low_stock_threshold",
    "breaks": "tier_prices",
}
