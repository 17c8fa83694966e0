"""The layer contract: imports point one way (dinghuo -> resolvers -> schema -> domain -> db,
webhooks -> domain), Strawberry lives only in schema/ and resolvers/ (and the composition
root), schema/ never queries the ORM, and the domain reads neither settings nor the
environment."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ["dinghuo", "resolvers", "schema", "domain", "db"]
# What each top-level package may import from the project's own packages.
ALLOWED = {
    "dinghuo": {"dinghuo", "resolvers", "schema", "domain", "db", "webhooks"},
    "resolvers": {"resolvers", "schema", "domain", "db"},
    "schema": {"schema", "domain", "db"},
    "domain": {"domain", "db"},
    "db": {"db"},
    "webhooks": {"webhooks", "domain", "db"},
}
WEB_FRAMEWORKS = {"strawberry", "starlette", "uvicorn"}


def _type_checking_only(tree: ast.AST) -> set[int]:
    """Nodes under `if TYPE_CHECKING:`: annotations, not dependencies at run time."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            skipped |= {id(child) for stmt in node.body for child in ast.walk(stmt)}
    return skipped


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_only(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def modules(package: str) -> list[Path]:
    return [p for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts]


def test_imports_point_one_way():
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for package, allowed in ALLOWED.items()
        for path in modules(package)
        for name in imports_of(path)
        if name.split(".")[0] in ALLOWED and name.split(".")[0] not in allowed
    ]

    assert wrong == []


def test_the_domain_and_the_database_know_nothing_of_graphql_or_http():
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for package in ("domain", "db")
        for path in modules(package)
        for name in imports_of(path)
        if name.split(".")[0] in WEB_FRAMEWORKS
    ]

    assert wrong == []


# Settings reach the domain one way: as an area's policy object (domain/<area>/policy.py),
# built from the settings in dinghuo/policies.py and passed in as a parameter.
ENVIRONMENT_READS = {"environ", "environb", "getenv", "getenvb"}
SETTINGS_LIBRARIES = {"dinghuo", "pydantic_settings", "dotenv"}


def settings_reads_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [f"imports {name}" for name in imports_of(path)
             if name.split(".")[0] in SETTINGS_LIBRARIES]  # fmt: skip
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "os"
            and node.attr in ENVIRONMENT_READS
        ):
            found.append(f"reads os.{node.attr} (line {node.lineno})")
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            found += [f"imports os.{a.name}" for a in node.names if a.name in ENVIRONMENT_READS]
    return found


def test_the_domain_reads_no_environment_and_no_settings():
    wrong = [
        f"{path.relative_to(ROOT)} {read}"
        for path in modules("domain")
        for read in settings_reads_of(path)
    ]

    assert wrong == []


def test_the_check_sees_an_environment_read(tmp_path):
    module = tmp_path / "rule.py"
    module.write_text(
        "import os\nfrom os import getenv\nfrom dinghuo.settings import get_settings\n"
        "LIMIT = os.environ['LIMIT']\n"
    )

    assert sorted(settings_reads_of(module)) == [
        "imports dinghuo.settings",
        "imports os.getenv",
        "reads os.environ (line 4)",
    ]


# Module state that start-up sets: only the clock's timezone (the clock is replaced in tests
# too) and the PDF font registered with ReportLab. Anything else is a policy's field.
STARTUP_STATE = {"domain/shared/clock.py", "domain/billing/fonts.py"}


def test_no_other_domain_module_keeps_state_that_start_up_sets():
    wrong = [
        f"{path.relative_to(ROOT)}: global {', '.join(node.names)}"
        for path in modules("domain")
        if str(path.relative_to(ROOT)) not in STARTUP_STATE
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Global)
    ]

    assert wrong == []
