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


def _db_names(tree: ast.AST) -> set[str]:
    """Local names bound to our database package: `from db import catalog as db`, `from
    db.orders import Order`, `import db.orders`."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] == "db":
                names |= {alias.asname or alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            names |= {
                (alias.asname or alias.name).split(".")[0]
                for alias in node.names
                if alias.name.split(".")[0] == "db"
            }
    return names


# Methods only the ORM has; on anything, they mean a query.
ORM_ONLY = {
    "fetch_related",
    "prefetch_related",
    "select_related",
    "get_or_none",
    "values_list",
    "select_for_update",
    "bulk_create",
    "execute_query",
}


def _root(node: ast.expr) -> ast.expr:
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node


def orm_queries(source: str) -> list[str]:
    """Calls that query the ORM: a method of anything imported from `db` (`db.Order.filter(…)`,
    `OrderRow.get(…)`, chains included), or a method only the ORM has. Names from `db` used
    in annotations (`strawberry.Private[db.Order]`) are not calls, so they pass."""
    tree = ast.parse(source)
    db_names = _db_names(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        root = _root(node.func)
        if (isinstance(root, ast.Name) and root.id in db_names) or node.func.attr in ORM_ONLY:
            found.append(f"line {node.lineno}: {ast.unparse(node.func)}")
    if "tortoise" in {name.split(".")[0] for name in imports_of_source(source)}:
        found.append("imports tortoise")
    return found


def imports_of_source(source: str) -> list[str]:
    tree = ast.parse(source)
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_the_orm_check_sees_queries_and_lets_annotations_pass():
    source = """
from db import orders as db
from db.catalog import Variant as VariantRow
row: db.Order
async def f(info, ids, model):
    a = await db.Order.filter(id__in=ids)
    b = await VariantRow.get(id=1)
    c = await db.Order.all().order_by("id").first()
    await model.fetch_related("lines")
    d = {}.get("x")
    return [x.filter for x in a]
"""
    assert sorted(hit.split(":")[0] for hit in orm_queries(source)) == [
        "line 6",
        "line 7",
        "line 8",
        "line 8",
        "line 8",
        "line 9",
    ]


def test_schema_never_queries_the_orm():
    found = [
        f"{path.relative_to(ROOT)} {hit}"
        for path in modules("schema")
        for hit in orm_queries(path.read_text(encoding="utf-8"))
    ]

    assert found == []


def _strawberry_private_names() -> set[str]:
    """Attributes Strawberry keeps to itself: `self._x = …` and `_x` members of its classes."""
    import strawberry

    names: set[str] = set()
    for path in Path(strawberry.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and getattr(node.value, "id", None) == "self"
            ):
                names.add(node.attr)
            elif isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        names.add(stmt.name)
                    elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                        names.add(stmt.target.id)
                    elif isinstance(stmt, ast.Assign):
                        names |= {t.id for t in stmt.targets if isinstance(t, ast.Name)}
    return {n for n in names if n.startswith("_") and not n.startswith("__")}


def private_uses(source: str, private: set[str]) -> list[str]:
    """`x._name` where `_name` is private to Strawberry and `x` is not our own `self`/`cls`."""
    return [
        f"line {node.lineno}: {ast.unparse(node)}"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute)
        and node.attr in private
        and getattr(node.value, "id", None) not in ("self", "cls")
    ]


def test_no_code_of_ours_reads_strawberrys_private_attributes():
    private = _strawberry_private_names()
    assert {"_raw_info", "_schema"} <= private  # what the check is for
    ours = [*LAYERS, "webhooks", "tests", "bench"]
    found = [
        f"{path.relative_to(ROOT)} {hit}"
        for package in ours
        for path in modules(package)
        for hit in private_uses(path.read_text(encoding="utf-8"), private)
    ]

    assert private_uses("nodes = info._raw_info.field_nodes", private) != []
    assert found == []
