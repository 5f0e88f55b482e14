"""Its old home: code written against asr.base still imports these (the interface is in session.py,
normalize in text.py)."""

from ..text import normalize  # noqa: F401
from .session import AsrEngine, AsrSession  # noqa: F401
