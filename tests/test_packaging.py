"""Packaging: the wheel carries the bundled packs; light commands never load Textual."""

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("argv", [["--version"], ["packs"], ["packs", "--json"]])
def test_light_commands_load_neither_textual_nor_the_semantic_model(argv: list[str]) -> None:
    """Textual loads only for the TUI, and the grader's model (wordllama, numpy) on the
    first grade: never at start-up."""
    code = (
        "import sys\n"
        "from drillcards.cli import app\n"
        f"try:\n    app({argv!r})\nexcept SystemExit:\n    pass\n"
        "heavy = ('textual', 'wordllama', 'numpy')\n"
        "print('LOADED:', sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.rstrip().endswith("LOADED: []"), result.stdout


DOMAIN_MODULES = [
    "drillcards.models",
    "drillcards.packs",
    "drillcards.library",
    "drillcards.matcher",
    "drillcards.scheduler",
    "drillcards.store",
    "drillcards.session",
    "drillcards.stats",
    "drillcards.importers",
    "drillcards.exporters",
]


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_domain_never_imports_ui_frameworks(module: str) -> None:
    """Import each domain module in a fresh interpreter: Textual, Typer stay out."""
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "print(sorted(m for m in ('textual', 'typer', 'click') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_wheel_ships_the_bundled_pack(tmp_path: Path) -> None:
    """A non-editable install from the wheel lists the bundled pack, no import step."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist"), str(ROOT)],
        check=True, timeout=300,
    )  # fmt: skip
    [wheel] = (tmp_path / "dist").glob("drillcards-*.whl")
    target = tmp_path / "venv"
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    # The new venv sees this venv's dependencies but not its editable drillcards.
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
         str(wheel)],
        check=True, timeout=300,
    )  # fmt: skip
    home = tmp_path / "home"
    result = subprocess.run(
        [target / "bin" / "drill", "packs", "--json"],
        capture_output=True, text=True, timeout=60, env={"DRILL_HOME": str(home), "PATH": ""},
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert '"id": "senior-fullstack"' in result.stdout
    located = subprocess.run(
        [python, "-c", "import drillcards; print(drillcards.__file__)"],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    ).stdout  # fmt: skip
    assert located.startswith(site)


def test_importing_the_matcher_does_not_load_the_semantic_model() -> None:
    code = (
        "import sys\n"
        "from drillcards.matcher import grade\n"
        "print(sorted(m for m in ('wordllama', 'numpy') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
