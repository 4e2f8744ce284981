"""The drill app: the one controller. It owns the session, and only it changes anything.

Screens post messages (`drillcards.tui.messages`); the app grades with the matcher,
records with the session (committed before the next card is shown, so quitting at any
moment loses nothing), and decides which screen comes next. One screen shows at a time
(home, question, feedback or summary; dialogs open on top of it), each in place of the
last, above Textual's blank default screen.
"""

import contextlib
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.screen import ModalScreen, Screen
from textual.theme import Theme
from textual.worker import WorkerFailed

from drillcards.card_filter import CardFilter

if TYPE_CHECKING:
    from drillcards.models import Question
    from drillcards.tui.screens.feedback import FeedbackScreen  # imported by `_grade`

from drillcards.clock import now
from drillcards.errors import UserError
from drillcards.faults import describe_database_error, describe_os_error
from drillcards.home import database_path
from drillcards.humanize import format_due, leech_message, plural, session_progress
from drillcards.session import Session, SessionCard, open_session
from drillcards.tui import heap
from drillcards.tui.messages import (
    AnswerSubmitted,
    Attempt,
    DraftChanged,
    EditAnswer,
    GradingReady,
    LeaveSession,
    Rated,
    StartSession,
    UndoRating,
)
from drillcards.tui.screens.question import QuestionScreen
from drillcards.tui.themes import DARK_THEME, DRILL_LIGHT, LIGHT_THEME, save_theme, saved_theme

FEEDBACK_SCREEN = "feedback"
"""The name the feedback screen is installed under (it is kept between answers)."""
SCREENS_CSS = Path(__file__).with_name("screens.tcss")
"""The rules of every screen but the question's (`CSS_PATH` has those): added to the
stylesheet when the first other screen is built (`_style_other_screens`)."""
HOME_MODULE = "drillcards.tui.screens.home"
"""Imported when the home screen is first shown: `drill start --pack` paints its first
question without it (and without the other screens, each imported when first shown)."""


def _drill_commands() -> type[Provider]:
    """drillcards' palette commands, imported when the palette first opens."""
    from drillcards.tui.commands import DrillCommands

    return DrillCommands


@dataclass(frozen=True)
class DrillOptions:
    """How the app was started (the options of `drill start` / `drill review`)."""

    home: Path
    """The data directory."""
    pack_ids: list[str] | None = None
    """The packs to drill; None for all."""
    start_at_once: bool = False
    """Start a session at launch instead of showing the home screen first."""
    new_limit: int | None = None
    """New cards to introduce per study day (`--new`); None: the `new-per-day` setting."""
    limit: int | None = None
    """At most this many cards per session (`--limit`)."""
    due_only: bool = False
    """Only cards that are due (`drill review --due`)."""
    time_limit: int | None = None
    """Seconds to answer each card; the answer is submitted at zero."""
    matching: CardFilter | None = None
    """Only the cards with these tags or categories (`--tag`, `--category`)."""
    practice: bool = False
    """Practise ahead (`drill start --practice`): studied cards, the schedule unchanged."""


class DrillApp(App[None]):
    """drillcards' full-screen drill: home, question, feedback and summary screens."""

    CSS_PATH = "drill.tcss"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = App.COMMANDS | {
        _drill_commands
    }
    TITLE = "drillcards"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "request_quit", "Quit", priority=True, id="quit"),
        Binding("f1", "help", "Help", id="help"),
        Binding("question_mark", "help", "Help", show=False, id="help-alt"),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False, id="theme"),
        Binding("b", "browse", "Browse", tooltip="browse and search every question", id="browse"),
        Binding("s", "stats", "Stats", tooltip="statistics and charts", id="stats"),
    ]
    LIBRARY_ACTIONS = frozenset({"browse", "stats"})
    """Actions offered on the home screen only (not in the middle of a session)."""

    def __init__(self, options: DrillOptions) -> None:
        super().__init__()
        self.options = options
        self.session: Session | None = None
        self._rated_answers: list[str] = []
        """Answers of the cards rated in this session, newest last, to restore on undo."""
        self._feedback: FeedbackScreen | None = None
        """The feedback screen, built at the first answer and reused for every later one."""
        self._answers_shown: dict[str, str] = {}
        """For each card whose model answer was shown and is not rated yet, the answer
        graded then: a different answer submitted later was helped by the model answer."""
        self.failure: str | None = None
        """Why the app stopped on an error (a one-line reason), None if it did not."""
        self._matcher_loaded = False
        """The matcher's word lists and model are loaded (by the first warm-up)."""
        self._start_in_saved_theme()

    def _start_in_saved_theme(self) -> None:
        """Start in the theme chosen last (ctrl+t or the palette), saved in DRILL_HOME.

        Setting `theme` makes Textual 8.2.8 parse every stylesheet again and restyle the
        whole app; set in `on_mount`, that was ~40 ms more of the first paint (all of its
        CSS parsed three times). So, before anything is parsed, the saved theme is put in
        place here as Textual's constructor puts its default one: the theme's variables,
        its dark or light mode class, its mapping of ANSI colours; and the class its
        theme watcher adds.
        """
        self.register_theme(DRILL_LIGHT)
        theme = saved_theme(self.options.home)
        if theme not in self.available_themes or theme == self.theme:
            return
        self.set_reactive(App.theme, theme)
        dark = self.current_theme.dark
        self.set_class(dark, "-dark-mode", update=False)
        self.set_class(not dark, "-light-mode", update=False)
        self.set_class(True, f"-theme-{theme}", update=False)
        self.stylesheet.set_variables(self.get_css_variables())
        self._refresh_truecolor_filter(self.ansi_theme)

    def _style_other_screens(self, screen: Screen[Any] | str) -> None:
        """Add the rules of the screens other than the question's, before the first of
        them is built: `drill start --pack` paints its first question without parsing
        them (four fifths of the app's CSS, ~8 ms). They are added as Textual adds a
        widget's default CSS, parsed at the next styling; no rule in them matches the
        question screen, so nothing styled already is styled again."""
        if isinstance(screen, QuestionScreen | str):  # a name: a screen installed before
            return
        if not self.stylesheet.has_source(str(SCREENS_CSS)):
            self.stylesheet.read(SCREENS_CSS)

    def push_screen(self, screen: Screen[Any] | str, *args: Any, **kwargs: Any) -> Any:
        """Textual's `push_screen`, the screen's rules added first."""
        self._style_other_screens(screen)
        return super().push_screen(screen, *args, **kwargs)

    def switch_screen(self, screen: Screen[Any] | str) -> Any:
        """Textual's `switch_screen`, the screen's rules added first."""
        self._style_other_screens(screen)
        return super().switch_screen(screen)

    def install_screen(self, screen: Screen[Any], name: str) -> None:
        """Textual's `install_screen`, the screen's rules added first."""
        self._style_other_screens(screen)
        super().install_screen(screen, name)

    def on_mount(self) -> None:
        """Start at once when packs were named (or for `review --due`), else go home.

        The first screen is shown once Textual's start-up is over (`call_later`): Textual
        8.2.8 mounts the app inside a batch update, and a screen laid out in it has its
        first full frame rendered and thrown away; the next frames then paint only what
        changed since, and the whole screen came ~60 ms later (after a blank first paint
        without the answer editor).
        """
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.call_later(self._show_first_screen)

    def _show_first_screen(self) -> None:
        """The first question (`drill start --pack`, `review --due`), else the home screen."""
        if self.options.start_at_once:
            self.start_session(self.options.pack_ids)
        else:
            self.show_home()
        self.call_after_refresh(self._started)

    def _started(self) -> None:
        """The first screen is painted: keep what the start made out of the garbage
        collector's reach, and collect garbage after each later screen is painted."""
        heap.settle()
        self.screen_change_signal.subscribe(self, self._collect_when_painted)

    def _collect_when_painted(self, screen: Screen[object]) -> None:
        self.call_after_refresh(heap.collect)

    def _show(self, screen: Screen[None]) -> None:
        """Put `screen` in place of the one showing (above Textual's blank default).

        A dialog still open (a countdown ran out under it) is closed first.
        """
        while isinstance(self.screen, ModalScreen):
            self.pop_screen()
        if len(self.screen_stack) == 1:
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    def show_home(self) -> None:
        """The home screen: the packs and their counts, read afresh."""
        from drillcards.tui.screens.home import HomeScreen

        self._show(HomeScreen(self.options.home, new_limit=self.options.new_limit))

    def _handle_exception(self, error: Exception) -> None:
        """Stop on a problem with the user's data (a damaged pack, a full disk, a
        database that cannot be written): keep the reason for one line on stderr once
        the terminal is restored (`drillcards.tui.run`), instead of Textual's traceback.

        Textual sends every error of a handler, timer, screen or worker here; this
        overrides its private hook (Textual is pinned to 8.2.8). Real bugs keep the
        traceback.
        """
        cause = error.error if isinstance(error, WorkerFailed) else error
        if isinstance(cause, UserError | OSError | sqlite3.Error):
            if self.failure is None:
                self.failure = self._describe_failure(cause)
                # Best effort: the screen or the store may be what failed.
                with contextlib.suppress(Exception):
                    self._save_typed_answer()
                self.exit(return_code=1)
            return
        super()._handle_exception(error)

    def _describe_failure(self, error: Exception) -> str:
        if isinstance(error, OSError):
            return describe_os_error(error)
        if isinstance(error, sqlite3.Error):
            return describe_database_error(error, database_path(self.options.home))
        return str(error)

    def on_unmount(self) -> None:
        """Close the session (every review is already committed)."""
        self._close_session()

    # ---- the session ------------------------------------------------------------

    def start_session(self, pack_ids: list[str] | None, *, practice: bool | None = None) -> None:
        """Open a session on `pack_ids` (None: every pack) and show its first card.

        `practice` (default: `drill start --practice`) opens a practice-ahead session.
        When nothing is due and no new card is left, practice ahead is offered in a
        dialog (as line mode offers `--practice`): its ratings are logged but do not
        change the schedule.
        """
        self._close_session()
        practice = self.options.practice if practice is None else practice
        try:
            session = self._open_session(pack_ids, cram=practice)
            card = session.next_card()
            if card is None:
                upcoming = session.next_due()
                session.close()
                if not practice and not self.options.due_only:
                    with self._open_session(pack_ids, cram=True) as studied:
                        offer = studied.total > 0
                    if offer:
                        self._offer_practice(pack_ids)
                        return
                self._say_nothing_to_drill(upcoming)
                return
        except UserError as error:
            self.notify(str(error), severity="error", markup=False)
            if len(self.screen_stack) == 1:
                self.show_home()
            return
        self.session = session
        self._rated_answers = []
        self._show_question(card)

    def _offer_practice(self, pack_ids: list[str] | None) -> None:
        from drillcards.tui.screens.practice_offer import PracticeOfferScreen

        def answered(practise: bool | None) -> None:
            if practise:
                self.start_session(pack_ids, practice=True)
            elif len(self.screen_stack) == 1:  # started with --pack: go home instead
                self.show_home()

        self.push_screen(PracticeOfferScreen(), answered)

    def _say_nothing_to_drill(self, upcoming: tuple[datetime, int] | None) -> None:
        message = "Nothing to drill now."
        if upcoming is not None:
            when, count = upcoming
            message += f" Next: {plural(count, 'card')} due {format_due(when, now())}."
        self.notify(message, markup=False)
        if len(self.screen_stack) == 1:  # started with --pack or --due: go home instead
            self.show_home()

    def _open_session(self, pack_ids: list[str] | None, *, cram: bool) -> Session:
        return open_session(
            self.options.home,
            pack_ids,
            new_limit=self.options.new_limit,
            limit=self.options.limit,
            due_only=self.options.due_only,
            cram=cram,
            matching=self.options.matching,
        )

    @work(thread=True, exclusive=True, group="warm-up")
    def _prepare_grading(self, question: "Question") -> None:
        """Grade `question` once in the background while the user reads it, so that the
        submit grades only the answer.

        The first time this imports the matcher and loads its word lists and semantic
        model (about 1 s in all); for every question it compiles the key terms and ideas
        and embeds the model answer, which the matcher caches: on the bundled pack that
        was 100-200 ms of each submit. Once the feedback screen is built, it also draws
        the question's model answer ahead for it.
        """
        from drillcards.matcher import grade, semantic

        semantic.warm_up()
        graded = grade(question, question.prompt)
        if self._feedback is not None:
            self._feedback.draw_ahead(question)
        if not self._matcher_loaded:
            self._matcher_loaded = True
            heap.settle()  # the matcher's lasting objects: never scanned by the collector
        self.post_message(GradingReady(graded))

    @on(GradingReady)
    def _build_feedback(self, message: GradingReady) -> None:
        """Build the feedback screen, unseen, while the first question is read.

        Composing and styling its widgets took 100-200 ms of the first submit. It is
        composed with the warm-up's grade (of the prompt), never shown before `show`
        fills it with the answer's. Installing a screen does not compose it; this takes
        the step of Textual 8.2.8's `push_screen` that does (its private `_register`).
        """
        from drillcards.tui.screens.feedback import FeedbackScreen

        question = self.screen
        if self._feedback is not None or self.session is None:
            return
        if not isinstance(question, QuestionScreen):
            return
        attempt = Attempt(question.card, "", 0)
        intervals = self.session.preview_intervals(question.card)
        self._feedback = FeedbackScreen(attempt, message.grade, intervals, status=self._status())
        self.install_screen(self._feedback, FEEDBACK_SCREEN)
        self._register(self, self._feedback)

    def _close_session(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None

    def _status(self) -> str:
        assert self.session is not None
        session = self.session
        status = session_progress(session.done, *session.remaining())
        return f"practice · {status}" if session.cram else status

    def _show_question(self, card: SessionCard, *, answer: str = "") -> None:
        """Ask `card`, with `answer` in the editor, else the card's draft if it has one."""
        if not answer:
            answer = self._draft_of(card)
            if answer:
                self.notify("Your unfinished answer to this card is back.", markup=False)
        self._show(
            QuestionScreen(
                card, status=self._status(), answer=answer, seconds_left=self.options.time_limit
            )
        )
        self.call_after_refresh(self._prepare_grading, card.question)

    def _show_next_card(self) -> None:
        assert self.session is not None
        card = self.session.next_card()
        if card is not None:
            self._show_question(card)
            return
        from drillcards.tui.screens.summary import SummaryScreen

        self._show(SummaryScreen(self.session.summary(), now=now()))

    def _draft_of(self, card: SessionCard) -> str:
        assert self.session is not None
        try:
            return self.session.draft(card)
        except (UserError, sqlite3.Error) as error:
            self.notify(f"The draft answer could not be read ({error}).", markup=False)
            return ""

    def _save_draft(self, card: SessionCard, answer: str) -> None:
        if self.session is None:
            return
        try:
            self.session.save_draft(card, answer)
        except (UserError, sqlite3.Error) as error:
            self.notify(
                f"Your answer could not be saved as a draft ({error}).",
                severity="warning",
                markup=False,
            )

    @on(DraftChanged)
    def _keep_draft(self, message: DraftChanged) -> None:
        self._save_draft(message.card, message.answer)

    def _save_typed_answer(self) -> None:
        """Keep what the question screen showing holds as its card's draft."""
        if isinstance(self.screen, QuestionScreen) and self.screen.answer.strip():
            self._save_draft(self.screen.card, self.screen.answer)

    @on(StartSession)
    def _start(self, message: StartSession) -> None:
        self.start_session(message.pack_ids)

    @on(AnswerSubmitted)
    def _grade(self, message: AnswerSubmitted) -> None:
        assert self.session is not None
        # The matcher and the feedback screen that shows its grades are imported only
        # now (about 0.3 s, done in the background after the first paint).
        from drillcards.matcher import grade
        from drillcards.tui.screens.feedback import FeedbackScreen

        attempt = message.attempt
        key = attempt.card.key
        if attempt.answer.strip():  # kept until rated: quitting on the feedback loses nothing
            self._save_draft(attempt.card, attempt.answer)
        # Typed or changed after this card's model answer was shown: at most "hard".
        aided = key in self._answers_shown and attempt.answer != self._answers_shown[key]
        graded = grade(attempt.card.question, attempt.answer, aided=aided)
        self._answers_shown[key] = attempt.answer
        intervals = self.session.preview_intervals(attempt.card)
        if self._feedback is None:
            self._feedback = FeedbackScreen(attempt, graded, intervals, status=self._status())
            self.install_screen(self._feedback, FEEDBACK_SCREEN)
        else:
            self._feedback.show(attempt, graded, intervals, status=self._status())
        self._show(self._feedback)

    @on(EditAnswer)
    def _edit(self, message: EditAnswer) -> None:
        attempt = message.attempt
        self._show(
            QuestionScreen(
                attempt.card,
                status=self._status(),
                answer=attempt.answer,
                elapsed_ms=attempt.duration_ms,
                seconds_left=attempt.seconds_left,
            )
        )

    @on(Rated)
    def _record(self, message: Rated) -> None:
        from drillcards.tui.screens.feedback import FeedbackScreen  # imported by _grade

        assert self.session is not None
        attempt = message.attempt
        try:
            became_leech = self.session.record(
                attempt.card,
                message.rating,
                grade=message.grade,
                answer=attempt.answer,
                duration_ms=attempt.duration_ms,
            )
        except (UserError, sqlite3.Error) as error:
            self.notify(
                f"The rating was not saved ({error}); rate again to retry.",
                severity="error",
                markup=False,
            )
            if isinstance(self.screen, FeedbackScreen):
                self.screen.allow_rating()
            return
        self._rated_answers.append(attempt.answer)
        self._answers_shown.pop(attempt.card.key, None)
        if became_leech:
            self.notify(leech_message(attempt.card.key), severity="warning", markup=False)
        self._show_next_card()

    @on(UndoRating)
    def _undo(self) -> None:
        try:
            card = self.session.undo() if self.session is not None else None
        except (UserError, sqlite3.Error) as error:
            self.notify(f"Nothing was undone ({error}).", severity="error", markup=False)
            return
        if card is None:
            self.notify("Nothing to undo in this session.", markup=False)
            return
        answer = self._rated_answers.pop() if self._rated_answers else ""
        self._show_question(card, answer=answer)
        self.notify("Rating undone: the card is back.", markup=False, timeout=3)

    @on(LeaveSession)
    def _leave(self) -> None:
        self._close_session()
        self.show_home()

    # ---- everywhere ---------------------------------------------------------------

    def action_request_quit(self) -> None:
        """Quit; ask first if an answer is being typed (it is kept as a draft)."""
        screen = self.screen
        if isinstance(screen, QuestionScreen) and screen.answer.strip():
            from drillcards.tui.screens.confirm_quit import ConfirmQuitScreen

            self.push_screen(ConfirmQuitScreen(), self._quit_if_confirmed)
        else:
            self.exit()

    def _quit_if_confirmed(self, confirmed: bool | None) -> None:
        if confirmed:
            self._save_typed_answer()
            self.exit()

    def action_help(self) -> None:
        """Show the help for the current screen (or close it)."""
        from drillcards.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        else:
            self.push_screen(HelpScreen(self.screen))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The browser and the stats screen open from the home screen only."""
        if action in self.LIBRARY_ACTIONS:
            home = sys.modules.get(HOME_MODULE)  # not imported: it was never shown
            return home is not None and isinstance(self.screen, home.HomeScreen)
        return True

    def action_browse(self) -> None:
        """Open the browser on top of the home screen."""
        from drillcards.tui.screens.browser import BrowserScreen

        self.push_screen(BrowserScreen(self.options.home))

    def action_stats(self) -> None:
        """Open the stats screen on top of the home screen."""
        from drillcards.tui.screens.stats import StatsScreen

        self.push_screen(StatsScreen(self.options.home))

    def _remember_theme(self, theme: Theme) -> None:
        save_theme(self.options.home, theme.name)

    def action_toggle_theme(self) -> None:
        """Switch between the dark and the light theme."""
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME
