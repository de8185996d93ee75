"""A string translated when a module is imported is frozen in the language active then (English), whatever
the reader's language: module-level text must be lazy (`gettext_lazy`). This walks every module of the app
for calls of the eager `gettext`, `pgettext` or `ngettext` outside a function."""

import ast
from pathlib import Path

import palermo

EAGER = {"gettext", "pgettext", "ngettext", "npgettext"}


def eager_names(tree: ast.Module) -> set[str]:
    return {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if alias.name in EAGER
    }


def calls_at_import(tree: ast.Module, names: set[str]) -> list[int]:
    found: list[int] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Name) and child.func.id in names:
                found.append(child.lineno)
            visit(child)

    visit(tree)
    return found


def test_no_module_translates_text_when_it_is_imported():
    root = Path(palermo.__file__).parent
    frozen = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = eager_names(tree)
        frozen += (
            [f"{path.relative_to(root)}:{line}" for line in calls_at_import(tree, names)] if names else []
        )
    assert frozen == []
