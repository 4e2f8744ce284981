"""The four ratings and their numbers."""

import pytest

from drillcards.rating import Rating


def test_ratings_have_the_anki_numbers_and_words() -> None:
    assert [(rating.number, str(rating)) for rating in Rating] == [
        (1, "again"),
        (2, "hard"),
        (3, "good"),
        (4, "easy"),
    ]


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_from_number_is_the_inverse_of_number(number: int) -> None:
    assert Rating.from_number(number).number == number


@pytest.mark.parametrize("number", [0, 5, -1])
def test_from_number_refuses_other_numbers(number: int) -> None:
    with pytest.raises(ValueError, match="from 1 to 4"):
        Rating.from_number(number)
