"""The layers' rules, read from the code's imports with ``ast`` (nothing is imported or run):

- the core, ``dealtracker/``, never imports streamlit: the CLI, scripts and tests use it without a browser;
- only ``dealtracker/settings.py`` reads the environment: every other module is given its settings;
- the store imports nothing from ``dealtracker.analytics``: arrows point down, from the dashboard to the store;
- the pages import only components (and streamlit, and the standard library): they compose, the components
  call the core.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "dealtracker"
SETTINGS = CORE / "settings.py"
ENVIRONMENT = {"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"}
# A page not yet moved to components, with what it still imports from the core. Allowed, never required: when
# the page is moved, its entry can go. (None left: the dashboard's KPI row is ``components/kpis.py``, issue 19.)
PAGE_EXCEPTIONS: dict[str, set[str]] = {}


def _modules(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> Iterator[tuple[str, int]]:
    """Every module ``path`` imports (relative imports resolved to absolute names), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            yield module, node.lineno
            for alias in node.names:  # ``from . import analytics`` imports a module too
                yield f"{module}.{alias.name}", node.lineno


def _reads_environment(path: Path) -> list[int]:
    """Lines where ``path`` touches the process environment through ``os`` (``os.environ``, ``os.getenv`` …)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ENVIRONMENT and isinstance(node.value, ast.Name) \
                and node.value.id == "os":
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "os" and {a.name for a in node.names} & ENVIRONMENT:
            lines.append(node.lineno)
    return lines


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_the_readers_of_imports_resolve_relative_imports():
    found = {name for name, _ in _imports(CORE / "store" / "repository.py")}
    assert "dealtracker.store.engine" in found and "dealtracker.deal_frame" in found


def test_no_module_of_the_core_imports_streamlit():
    offenders = [f"{p.relative_to(ROOT)}:{line} imports {name}" for p in _modules(CORE)
                 for name, line in _imports(p) if _within(name, "streamlit")]
    assert offenders == []


def test_only_the_settings_module_reads_the_environment():
    offenders = [f"{p.relative_to(ROOT)}:{line}" for p in _modules(CORE) if p != SETTINGS for line in _reads_environment(p)]
    assert offenders == []
    assert _reads_environment(SETTINGS)  # the check sees a read where there is one


def test_the_store_imports_nothing_from_analytics():
    offenders = [f"{p.relative_to(ROOT)}:{line} imports {name}" for p in _modules(CORE / "store")
                 for name, line in _imports(p) if _within(name, "dealtracker.analytics")]
    assert offenders == []


@pytest.mark.parametrize("page", _modules(ROOT / "pages"), ids=lambda p: str(p.relative_to(ROOT)))
def test_pages_import_only_components_streamlit_and_the_standard_library(page):
    allowed = PAGE_EXCEPTIONS.get(str(page.relative_to(ROOT)), set())
    offenders = [
        f"{line}: {name}" for name, line in _imports(page)
        if not (_within(name, "components") or _within(name, "streamlit") or name.split(".")[0] in sys.stdlib_module_names
                or any(_within(name, exception) for exception in allowed))
    ]
    assert offenders == []
