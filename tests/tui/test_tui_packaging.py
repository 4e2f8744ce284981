"""The TUI ships its stylesheet in the wheel and costs nothing until it is started."""

import subprocess
import sys
from pathlib import Path

from hatchling.builders.wheel import WheelBuilder

import drillcards.tui

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_tui_package_does_not_import_textual() -> None:
    """The CLI imports `drillcards.tui` to call `run`; Textual must wait for that call."""
    code = "import sys, drillcards.tui\nprint('textual' in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_the_wheel_includes_every_stylesheet() -> None:
    package = Path(drillcards.tui.__file__).parent
    stylesheets = {
        f"drillcards/tui/{path.relative_to(package).as_posix()}" for path in package.rglob("*.tcss")
    }
    assert stylesheets  # the app has at least its main stylesheet
    shipped = {
        entry.distribution_path for entry in WheelBuilder(str(ROOT)).recurse_included_files()
    }
    assert stylesheets <= shipped


def test_the_first_question_needs_no_other_screen_and_no_palette_commands() -> None:
    """`drill start --pack` paints its question before any other screen is imported."""
    later = [
        "drillcards.tui.commands",
        "drillcards.tui.screens.confirm_quit",
        "drillcards.tui.screens.feedback",
        "drillcards.tui.screens.help",
        "drillcards.tui.screens.home",
        "drillcards.tui.screens.practice_offer",
        "drillcards.tui.screens.summary",
        "textual.widgets._data_table",
    ]
    code = f"import sys, drillcards.tui.app\nprint([m for m in {later!r} if m in sys.modules])\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
