"""Yes/no answers: the one parser for text such as "true", "no", "on", "0" given for a bool question.

Standard library only, so copier can load it from the template folder (``wiring.py`` does).
"""

from __future__ import annotations

__all__ = ["NO", "YES", "is_yes", "yes_no"]

YES = frozenset({"true", "yes", "y", "on", "1"})
NO = frozenset({"false", "no", "n", "off", "0"})


def yes_no(value: object) -> bool | None:
    """``value`` as a yes/no answer: a bool as it is, text (or a number) by its words; None when it is neither
    (``None``, or text that is no yes/no word)."""
    if isinstance(value, bool):
        return value
    if value is None:
        return None
    text = str(value).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    return None


def is_yes(value: object) -> bool:
    """Whether ``value`` is a yes (anything else, unset or unclear, is not)."""
    return yes_no(value) is True
