"""Catalog files as spreadsheets save them: UTF-8 with or without BOM, UTF-16, GB18030/GBK."""

import codecs

import pytest

from domain.catalog.csv_format import UnreadableFile, decode

TEXT = "product_slug,name_zh\ncola,可口可乐\n"


@pytest.mark.parametrize(
    "raw",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("gbk"),
        TEXT.encode("gb18030"),
        TEXT.encode("utf-16"),
    ],
    ids=["utf-8", "utf-8 with BOM", "gbk", "gb18030", "utf-16"],
)
def test_every_usual_encoding_reads_as_the_same_text(raw):
    assert decode(raw) == TEXT


def test_bytes_that_are_no_text_are_refused_clearly():
    with pytest.raises(UnreadableFile):
        decode(b"\x81\x30\x81")  # a truncated four-byte GB18030 sequence, invalid UTF-8 too
