"""The four self-ratings of a review, as in Anki: again, hard, good, easy."""

from enum import StrEnum


class Rating(StrEnum):
    """How well the user recalled a card; the value is the word used in JSON and the CLI."""

    AGAIN = "again"
    HARD = "hard"
    GOOD = "good"
    EASY = "easy"

    @property
    def number(self) -> int:
        """The rating's key and FSRS number: 1 again, 2 hard, 3 good, 4 easy."""
        return _NUMBERS[self]

    @classmethod
    def from_number(cls, number: int) -> "Rating":
        """The rating with this number (1..4); ValueError for any other number."""
        for rating, rating_number in _NUMBERS.items():
            if rating_number == number:
                return rating
        raise ValueError(f"a rating is a number from 1 to 4, not {number!r}")


_NUMBERS = {Rating.AGAIN: 1, Rating.HARD: 2, Rating.GOOD: 3, Rating.EASY: 4}
