"""The question screen: the prompt, an answer editor, and ways to submit it."""

import time
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Button, TextArea

from drillcards.humanize import plural
from drillcards.session import SessionCard
from drillcards.tui.formatting import word_count
from drillcards.tui.messages import (
    AnswerSubmitted,
    Attempt,
    DraftChanged,
    LeaveSession,
    UndoRating,
)
from drillcards.tui.screens.restyled import RestyledWhenNeeded
from drillcards.tui.widgets.action_button import ActionButton
from drillcards.tui.widgets.answer_editor import AnswerEditor
from drillcards.tui.widgets.countdown import Countdown
from drillcards.tui.widgets.key_footer import KeyFooter
from drillcards.tui.widgets.prompt_card import PromptCard
from drillcards.tui.widgets.session_header import SessionHeader

DRAFT_DELAY = 1.0
"""Seconds after the last keystroke before the answer is saved as a draft."""


class QuestionScreen(RestyledWhenNeeded):
    """Ask one card's question and take a typed answer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Submit", tooltip="submit the answer", id="submit"),
        Binding("ctrl+j", "submit", "Submit", show=False, id="submit-alt"),
        Binding(
            "ctrl+r",
            "reveal",
            "Show answer",
            tooltip="show the model answer without answering (grades an empty answer)",
            id="reveal",
        ),
        Binding("escape", "leave", "Home", tooltip="back to the packs", id="leave"),
        Binding(
            "u",
            "undo",
            "Undo rating",
            tooltip="undo the last rating (press shift+tab first to leave the answer box)",
            id="undo",
        ),
    ]

    def __init__(
        self,
        card: SessionCard,
        *,
        status: str,
        answer: str = "",
        elapsed_ms: int = 0,
        seconds_left: int | None = None,
    ) -> None:
        """Show `card`; `answer`, `elapsed_ms` and `seconds_left` resume an earlier attempt."""
        super().__init__()
        self.card = card
        self._status = status
        self._initial_answer = answer
        self._elapsed_ms = elapsed_ms
        self._seconds_left = seconds_left
        self._shown_at = time.monotonic()
        self._submitted = False
        self._draft_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        """Header, prompt, answer editor, actions, footer."""
        yield SessionHeader(self.card.pack.title, self._status)
        with Vertical(id="question-body"):
            yield PromptCard(self.card.question, id="prompt")
            editor = AnswerEditor(
                self._initial_answer,
                id="answer",
                soft_wrap=True,
                placeholder=Content("Type your answer as you would say it in the interview…"),
            )
            editor.border_title = Content("Your answer")
            yield editor
            with Horizontal(id="question-actions"):
                yield ActionButton("Submit  ctrl+s", id="submit", variant="primary")
                yield ActionButton("Show answer  ctrl+r", id="reveal")
                if self._seconds_left is not None:
                    yield Countdown(self._seconds_left, id="countdown")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Put the cursor in the editor, at the end of any resumed answer."""
        editor = self.query_one("#answer", TextArea)
        editor.move_cursor(editor.document.end)
        editor.focus()
        self._show_word_count()

    def on_screen_suspend(self) -> None:
        """Help or a dialog covers the question: the time limit waits."""
        for countdown in self.query(Countdown):
            countdown.pause()

    def on_screen_resume(self) -> None:
        """Back to the question: the time limit counts on."""
        for countdown in self.query(Countdown):
            countdown.resume()

    @property
    def answer(self) -> str:
        """The answer as typed so far."""
        return self.query_one("#answer", TextArea).text

    @on(TextArea.Changed, "#answer")
    def _show_word_count(self) -> None:
        editor = self.query_one("#answer", TextArea)
        editor.border_subtitle = Content(plural(word_count(editor.text), "word"))

    @on(TextArea.Changed, "#answer")
    def _save_draft_soon(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self.save_draft)

    def save_draft(self) -> None:
        """Ask the app to keep the answer as typed now as the card's draft."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        if not self._submitted:
            self.post_message(DraftChanged(self.card, self.answer))

    def on_descendant_focus(self) -> None:
        """`u` types a letter in the editor and undoes a rating elsewhere: update the footer."""
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer undo only when the editor does not have the focus."""
        if action == "undo":
            return not isinstance(self.focused, TextArea)
        return True

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        """Grade the answer as typed."""
        self._submit(self.answer)

    @on(Button.Pressed, "#reveal")
    def action_reveal(self) -> None:
        """Show the model answer without answering: grades an empty answer."""
        self._submit("")

    @on(Countdown.Expired)
    def _time_is_up(self) -> None:
        self.notify("Time is up: your answer was submitted.", markup=False, timeout=3)
        self._submit(self.answer)

    def _submit(self, answer: str) -> None:
        if self._submitted:
            return
        self._submitted = True
        if self._draft_timer is not None:
            self._draft_timer.stop()
        seconds_left = None
        for countdown in self.query(Countdown):
            countdown.stop()
            seconds_left = countdown.remaining
        elapsed = self._elapsed_ms + round((time.monotonic() - self._shown_at) * 1000)
        self.post_message(AnswerSubmitted(Attempt(self.card, answer, elapsed, seconds_left)))

    def action_leave(self) -> None:
        """Back to the home screen; the unanswered card stays due, its answer a draft."""
        if self._draft_timer is not None or self.answer:
            self.save_draft()
        self.post_message(LeaveSession())

    def action_undo(self) -> None:
        """Undo the last rating of this session."""
        self.post_message(UndoRating())
