"""The `dinghuo` command line against a real SQLite file."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(tmp_path: Path, *args: str, timeout: int = 120, **env: str) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite://{tmp_path}/cli.sqlite3",
        "PASSWORD_HASH_TIME_COST": "1",
        "PASSWORD_HASH_MEMORY_KIB": "1024",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "dinghuo.cli", *args],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def migrated(tmp_path: Path) -> Path:
    result = run(tmp_path, "migrate")
    assert result.returncode == 0, result.stderr
    return tmp_path


def test_seed_loads_demo_data_once(migrated):
    # Two years of demo history: about 30 s of CPU, several times that on a busy machine.
    first = run(migrated, "seed", "--demo", timeout=600)
    second = run(migrated, "seed", "--demo")
    assert first.returncode == 0, first.stderr
    assert "demo data loaded" in first.stdout
    assert "not empty" in second.stdout


def test_create_staff_and_refuse_a_duplicate(migrated):
    created = run(
        migrated, "create-staff", "boss@example.com", "--role", "admin", "--password", "Admin1234"
    )
    again = run(
        migrated, "create-staff", "boss@example.com", "--role", "admin", "--password", "Admin1234"
    )
    bad_role = run(
        migrated, "create-staff", "x@example.com", "--role", "cook", "--password", "Admin1234"
    )
    assert created.returncode == 0, created.stderr
    assert again.returncode == 1 and "DUPLICATE_EMAIL" in again.stderr
    assert bad_role.returncode == 1 and "INVALID_ROLE" in bad_role.stderr


def test_check_reports_a_reachable_database_and_a_bad_production_key(migrated):
    ok = run(migrated, "check")
    prod = run(migrated, "check", ENVIRONMENT="production")
    assert ok.returncode == 0 and "database: ok" in ok.stdout
    assert prod.returncode == 1 and "SECRET_KEY" in prod.stderr


def test_check_fails_when_the_database_does_not_answer(tmp_path):
    result = run(tmp_path, "check", DATABASE_URL="postgres://nobody@127.0.0.1:9/none")
    assert result.returncode == 1
    assert "unreachable" in result.stderr


def test_export_schema_writes_the_sdl(tmp_path):
    result = run(tmp_path, "export-schema")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "schema.graphql").read_text() == (ROOT / "schema.graphql").read_text()


def test_serve_refuses_the_default_secret_in_production(tmp_path):
    result = run(tmp_path, "serve", ENVIRONMENT="production")
    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr


def test_catalog_files_from_chinese_excel_import_and_exports_open_in_excel(migrated):
    header = "product_slug,category_slug,status,name_zh,name_en,description_zh,description_en,"
    header += "sku,barcode,unit,pack_size,weight_grams,base_price,min_order_qty,order_multiple,"
    header += "max_order_qty,low_stock_threshold,variant_name_zh,variant_name_en,specs_zh,"
    header += "specs_en,tier_prices,stock\n"
    line = "cola,,published,可口可乐,Cola,,,COLA-1,,case,24,,48.00,1,1,,0,,,,,,\n"
    (migrated / "gbk.csv").write_bytes((header + line).encode("gbk"))
    (migrated / "junk.csv").write_bytes(b"\x81\x30\x81")

    imported = run(migrated, "catalog-import", "gbk.csv")
    junk = run(migrated, "catalog-import", "junk.csv")
    exported = run(migrated, "catalog-export", "out.csv")

    assert imported.returncode == 0, imported.stderr
    assert junk.returncode == 1 and "cannot read" in junk.stderr
    assert "Traceback" not in junk.stderr
    assert exported.returncode == 0, exported.stderr
    raw = (migrated / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "可口可乐" in raw.decode("utf-8-sig")


def test_the_catalog_exports_to_xlsx_and_imports_back_from_it(migrated):
    header = "product_slug,category_slug,status,name_zh,name_en,description_zh,description_en,"
    header += "sku,barcode,unit,pack_size,weight_grams,base_price,min_order_qty,order_multiple,"
    header += "max_order_qty,low_stock_threshold,variant_name_zh,variant_name_en,specs_zh,"
    header += "specs_en,tier_prices,stock\n"
    (migrated / "in.csv").write_text(
        header + "tea,,published,乌龙茶,Oolong,,,00042,,box,1,,9.90,1,1,,0,,,,,,\n"
    )
    (migrated / "not.xlsx").write_text("product_slug\n")

    run(migrated, "catalog-import", "in.csv")
    exported = run(migrated, "catalog-export", "out.xlsx")
    again = run(migrated, "catalog-import", "out.xlsx")
    refused = run(migrated, "catalog-import", "not.xlsx")

    assert exported.returncode == 0, exported.stderr
    assert again.returncode == 0, again.stderr
    assert "variants: 0 created, 0 updated" in again.stdout
    assert refused.returncode == 1 and "not an XLSX workbook" in refused.stderr
    assert "Traceback" not in refused.stderr
