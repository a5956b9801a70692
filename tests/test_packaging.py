"""What we import is what we declare: ``pip install .`` gives a ``rassegna`` that starts.

A module we import from a distribution that only comes along with another one (lxml
through trafilatura) is missing the day that one drops it; a module a dependency
imports through an *extra* of another (justext needs ``lxml[html_clean]``) is missing
when the extra is dropped: the pip 23 of a fresh Python 3.11 venv installs lxml without
it ("lxml does not provide the extra 'html_clean'") and ``rassegna`` cannot start. CI
also installs the project with that stock pip in a fresh venv and runs ``rassegna --help``.
"""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
#: our top-level packages, as setuptools finds them
OURS = sorted(
    path.name for path in ROOT.iterdir()
    if (path / "__init__.py").exists()
    and any(path.name == p.rstrip("*") for p in PYPROJECT["tool"]["setuptools"]["packages"]
            ["find"]["include"])
)


def _name(distribution: str) -> str:
    """A distribution's name as pip compares names (PEP 503)."""
    return re.sub(r"[-_.]+", "-", distribution).lower()


DECLARED = {_name(Requirement(line).name) for line in PYPROJECT["project"]["dependencies"]}


def _third_party(module: str) -> bool:
    top = module.split(".")[0]
    return top not in sys.stdlib_module_names and top not in OURS


def imported_modules() -> dict[str, set[str]]:
    """Top-level third-party module -> our files that import it (read, not run)."""
    found: dict[str, set[str]] = {}
    for package in OURS:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in filter(_third_party, names):
                    found.setdefault(name.split(".")[0], set()).add(
                        str(path.relative_to(ROOT))
                    )
    return found


def test_our_packages_are_found() -> None:
    assert {"rassegna", "crawler", "extract", "dedupe", "audience", "review"} <= set(OURS)


def test_every_third_party_import_is_a_declared_dependency() -> None:
    providers = metadata.packages_distributions()
    undeclared = {
        module: sorted(files) for module, files in imported_modules().items()
        if not DECLARED & {_name(d) for d in providers.get(module, [])}
    }
    assert undeclared == {}, "declare these in pyproject.toml [project] dependencies"


_LOAD_EVERYTHING = """
import importlib, json, pkgutil, sys
for package in sys.argv[1:]:
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, package + "."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def _installed_without_extras() -> set[str]:
    """The distributions a resolve of our dependencies installs when extras are dropped."""
    installed: set[str] = set()
    pending = [Requirement(line) for line in PYPROJECT["project"]["dependencies"]]
    while pending:
        requirement = pending.pop()
        if _name(requirement.name) in installed:
            continue
        installed.add(_name(requirement.name))
        try:
            needs = metadata.requires(requirement.name) or []
        except metadata.PackageNotFoundError:
            continue
        for line in needs:
            need = Requirement(line)
            if need.marker is None or need.marker.evaluate({"extra": ""}):
                pending.append(need)
    return installed


def test_what_our_dependencies_import_comes_without_extras() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", _LOAD_EVERYTHING, *OURS], cwd=ROOT, check=True,
        capture_output=True, text=True,
    )
    providers = metadata.packages_distributions()
    needed = {
        _name(distribution)
        for module in json.loads(loaded.stdout) if _third_party(module)
        for distribution in providers.get(module, [])
    }
    assert "lxml-html-clean" in needed  # justext imports lxml.html.clean
    assert needed - _installed_without_extras() == set(), (
        "reached only through another package's extra: declare it in pyproject.toml"
    )
