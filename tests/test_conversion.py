"""One measurement converted, as `other`'s answer (it had been "Sorry, I can't help with that")."""

from __future__ import annotations

import pytest

from assistant.conversion import converted
from assistant.dialogue.phrases import said_words


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("convert 10 kilometers to miles", "10 kilometers is 6.21 miles."),
        ("how many grams are in a pound", "1 pound is 454 grams."),
        ("what's 212 fahrenheit in celsius", "212 fahrenheit is 100 celsius."),
        ("how many teaspoons make a tablespoon", "1 tablespoon is 3 teaspoons."),
        ("how many ounces are in two cups", "2 cups is 16 ounces."),  # an ounce of a volume: a fluid ounce
        ("what would 3 feet be in centimeters", "3 feet is 91.44 centimeters."),
        ("how many kilos is 200 pounds", "200 pounds is 90.72 kilos."),  # "kilos" is no kilosecond
        ("how do you convert liters to gallons", "1 gallon is 3.79 liters."),  # the factor the way round people say it
        ("how many seconds are in a day", "1 day is 86400 seconds."),
        # no measure to convert
        ("how many crows are in a murder", None),
        ("how many people live in paris", None),
        ("convert this file to pdf", None),
        ("how many minutes until 5 pm", None),
    ],
)
def test_a_measure_asked_for_is_converted_and_nothing_else_is(said, answer):
    assert converted(said_words(said)) == answer
