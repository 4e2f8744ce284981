"""The feedback screen: built unseen while the first question is read; screens styled
again when shown only when they must be; and the app collects garbage once a new
screen is painted."""

from collections.abc import Callable

import pytest
from textual import events
from textual.color import Color
from textual.screen import Screen
from textual.widgets import Static
from tui_helpers import GOOD_ANSWER, settle, type_answer

from drillcards.tui import heap
from drillcards.tui.app import FEEDBACK_SCREEN, DrillApp
from drillcards.tui.screens.feedback import FeedbackScreen
from drillcards.tui.screens.restyled import RestyledWhenNeeded
from drillcards.tui.widgets.drawn_ahead import DrawnAhead
from drillcards.tui.widgets.rating_bar import RatingBar

AppFactory = Callable[..., DrillApp]

pytestmark = pytest.mark.asyncio


async def _answer_and_submit(pilot: object) -> FeedbackScreen:
    await type_answer(pilot, GOOD_ANSWER)  # type: ignore[arg-type]
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    screen = pilot.app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, FeedbackScreen)
    return screen


def _rating_bar_background(app: DrillApp) -> Color:
    return app.screen.query_one(RatingBar).styles.background


async def test_built_unseen_while_the_first_question_is_read(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)  # the warm-up is done
        built = app.get_screen(FEEDBACK_SCREEN)
        assert isinstance(built, FeedbackScreen) and built.is_running
        assert built.query_one(RatingBar)  # composed
        assert app.screen is not built
        assert await _answer_and_submit(pilot) is built
        assert built.attempt.answer == GOOD_ANSWER


async def test_the_next_model_answer_is_drawn_ahead_at_the_width_shown(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        feedback = await _answer_and_submit(pilot)
        shown_first = feedback.query_one(".section-body", Static)
        width = shown_first.content_size.width
        assert width > 0
        await pilot.press("3")
        await settle(pilot)  # the warm-up of the next question draws its answer ahead
        assert await _answer_and_submit(pilot) is feedback
        framework = feedback.query_one(".section-body", Static)
        drawn = framework.visual._renderable  # type: ignore[attr-defined]
        assert isinstance(drawn, DrawnAhead)
        assert framework.content_size.width == width and width in drawn._lines
        lines = [strip.text.rstrip() for strip in framework._render_cache.lines]
        expected = app.console.render_lines(
            drawn.renderable, app.console_options.update(highlight=False).update_width(width)
        )
        assert lines == ["".join(segment.text for segment in line).rstrip() for line in expected]


async def test_shown_again_unchanged_it_is_not_styled_again(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        feedback = await _answer_and_submit(pilot)
        styled: list[FeedbackScreen] = []
        restyle = feedback.update_node_styles
        monkeypatch.setattr(
            feedback,
            "update_node_styles",
            lambda animate=True: (styled.append(feedback), restyle(animate)),
        )
        await pilot.press("3")
        await settle(pilot)
        assert await _answer_and_submit(pilot) is feedback
        assert styled == []


async def test_screens_just_composed_or_unchanged_are_not_styled_again_when_shown(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    resumed: list[tuple[str, bool]] = []
    textual_resume = Screen._on_screen_resume

    def recorded(screen: Screen[object], event: events.ScreenResume) -> None:
        if isinstance(screen, RestyledWhenNeeded):
            resumed.append((type(screen).__name__, event.refresh_styles))
        textual_resume(screen, event)

    monkeypatch.setattr(Screen, "_on_screen_resume", recorded)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await _answer_and_submit(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert resumed == [
            ("QuestionScreen", False),
            ("FeedbackScreen", False),  # built unseen, then filled
            ("QuestionScreen", False),
        ]


async def test_a_theme_changed_meanwhile_styles_it_again(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await _answer_and_submit(pilot)
        dark_background = _rating_bar_background(app)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("ctrl+t")  # the light theme, while the question shows
        await settle(pilot)
        await _answer_and_submit(pilot)
        light_background = _rating_bar_background(app)
        assert light_background != dark_background
        assert light_background == Color.parse(app.get_css_variables()["panel"])


async def test_garbage_is_collected_after_each_new_screen(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    collected: list[str] = []
    monkeypatch.setattr(heap, "collect", lambda: collected.append(type(app.screen).__name__))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert collected == []  # the first screen settles the start instead
        await _answer_and_submit(pilot)
        assert collected == ["FeedbackScreen"]
        await pilot.press("3")
        await settle(pilot)
        assert collected == ["FeedbackScreen", "QuestionScreen"]
