"""drillcards: a terminal flashcard and drill tool for technical interviews."""

__version__ = "0.1.0"
