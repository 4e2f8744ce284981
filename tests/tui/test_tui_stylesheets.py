"""The question screen is styled by drill.tcss alone; screens.tcss styles every other.

`drill start --pack` paints its first question before screens.tcss is parsed, and the
app adds it to the stylesheet without styling what is on screen again: that is right
only while none of its rules matches a node of the question screen.
"""

from collections.abc import Callable

import pytest
from textual.css.match import match
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from tui_helpers import GOOD_ANSWER, settle, type_answer

from drillcards.tui.app import SCREENS_CSS, DrillApp
from drillcards.tui.screens.feedback import FeedbackScreen
from drillcards.tui.screens.question import QuestionScreen

pytestmark = pytest.mark.asyncio

AppFactory = Callable[..., DrillApp]


def _nodes_matched_by_screens_css(app: DrillApp, root: DOMNode) -> list[str]:
    """'selector -> node' for each rule of screens.tcss that matches `root` or below it."""
    stylesheet = Stylesheet(variables=app.get_css_variables())
    stylesheet.read(SCREENS_CSS)
    nodes = [root, *root.walk_children()]
    return [
        f"{rule.selectors} -> {node!r}"
        for rule in stylesheet.rules
        for node in nodes
        if match(rule.selector_set, node)
    ]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["narrow", "wide"])
async def test_no_rule_of_screens_css_matches_the_question_screen(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app(time_limit=60)  # with its countdown
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert _nodes_matched_by_screens_css(app, app.screen) == []
        assert app.stylesheet.has_source(str(SCREENS_CSS))  # the feedback screen, built ahead


async def test_screens_css_styles_the_feedback_screen(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_answer(pilot, GOOD_ANSWER)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        assert _nodes_matched_by_screens_css(app, app.screen)
        assert app.screen.query_one("#feedback-body").styles.padding.left == 2
