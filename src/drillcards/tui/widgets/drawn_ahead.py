"""A renderable drawn ahead of time, at the widths it is expected to be shown at.

The model answer's Markdown (code highlighted) is the costliest part of the feedback to
lay out: imported answers of a few screens took 40-100 ms of the submit. The warm-up
thread draws it while the question is read; the submit then only copies the lines.
"""

from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment


class DrawnAhead:
    """`renderable`, drawn by `draw` at some widths; at any other it is drawn when shown."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._lines: dict[int, list[list[Segment]]] = {}

    def draw(self, console: Console, options: ConsoleOptions, widths: Iterable[int]) -> None:
        """Draw the lines at each of `widths` (as Textual draws a renderable: `options`
        are the app's console options without highlighting)."""
        for width in widths:
            if width > 0:
                lines = console.render_lines(
                    self.renderable, options.update_width(width), pad=False
                )
                self._lines[width] = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = self._lines.get(options.max_width)
        if lines is None:
            yield self.renderable
            return
        newline = Segment.line()
        for line in lines:
            yield from line
            yield newline

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)
