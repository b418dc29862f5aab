"""The apps depend one way, as the README's "Architecture" says:

    academy  ←  learners  ←  courses  ←  credits  ←  cms

An app may import the apps to its left, never one to its right; a lower app learns of higher-level facts
through what they register with it when they start (`courses.registry`,
`learners.lifelong_file.selectors.file_contributor_register`), signals, or values passed in. The root URLconf and the settings wire every app together and are exempt.

The imports are read from the source (ast), every import counted, at module level or inside a function,
so that a back-arrow cannot hide in a function body.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["academy", "learners", "courses", "credits", "cms"]
# The composition root: the URLconf includes every app's URLs, the settings name every app.
WIRING = {"academy/urls.py", "academy/settings"}


def imported_apps(source: str) -> list[tuple[int, str]]:
    """(line, app) for every import of one of our apps in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        found += [(node.lineno, module.split(".")[0]) for module in modules if module.split(".")[0] in LAYERS]
    return found


def back_imports(root: Path) -> list[str]:
    """Every import of an app from an app below it, as `file:line app -> app`."""
    problems = []
    for app in LAYERS:
        for path in sorted((root / app).rglob("*.py")):
            relative = path.relative_to(root).as_posix()
            if "/migrations/" in relative or any(relative.startswith(wired) for wired in WIRING):
                continue
            for line, imported in imported_apps(path.read_text(encoding="utf-8")):
                if LAYERS.index(imported) > LAYERS.index(app):
                    problems.append(f"{relative}:{line} {app} -> {imported}")
    return problems


def test_no_app_imports_an_app_above_it():
    assert back_imports(ROOT) == []


@pytest.mark.parametrize(
    "app, source, line, imported",
    [
        ("learners", "from credits.study.models import StudyRecord\n", 1, "credits"),
        ("courses", "def f():\n    from cms.models import SubCollegePage\n", 2, "cms"),
        ("academy", "import learners.models\n", 1, "learners"),
        ("credits", "from cms import models\n", 1, "cms"),
    ],
)
def test_a_new_back_import_is_caught_even_inside_a_function(tmp_path, app, source, line, imported):
    for layer in LAYERS:
        (tmp_path / layer).mkdir()
    (tmp_path / app / "module.py").write_text(source, encoding="utf-8")
    assert back_imports(tmp_path) == [f"{app}/module.py:{line} {app} -> {imported}"]


def test_imports_down_the_layers_and_relative_imports_are_allowed(tmp_path):
    for layer in LAYERS:
        (tmp_path / layer).mkdir()
    (tmp_path / "cms" / "module.py").write_text(
        "from credits.models import BankEntry\nfrom courses import selectors\nimport learners.access\n"
        "from academy.api import ERROR_SERIALIZER\nfrom .models import HomePage\n",
        encoding="utf-8",
    )
    (tmp_path / "academy" / "urls.py").write_text(
        "from courses.apis import CourseViewSet\n", encoding="utf-8"
    )
    assert back_imports(tmp_path) == []
