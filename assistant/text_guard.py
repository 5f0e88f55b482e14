"""Text from outside (typed rows, argv, transcripts, documents, mail) made safe to process and print.

Python hands over text it could not decode as lone surrogates (argv bytes that are not UTF-8 become
U+DC80-U+DCFF; JSON may carry "\\ud800"): tokenizers raise on them and printing them as UTF-8 raises, so
they become U+FFFD at the door. Terminal control characters (ESC sequences can recolour, move the cursor
or retitle the terminal) are dropped from anything printed or summarized.
"""

from __future__ import annotations

import re

_SURROGATES = re.compile("[\ud800-\udfff]")
# whole ECMA-48 sequences, so that dropping their ESC leaves no "[31m" in the text: CSI (colours, cursor
# moves), OSC up to BEL or ST (window titles, hyperlinks), DCS/SOS/PM/APC strings, two-byte escapes, and
# the 8-bit CSI
_SEQUENCES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[ -/]*[0-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
# C0 controls except tab and newline, DEL and the C1 controls (what is left of a cut-off sequence)
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Lone surrogates (undecodable input) become U+FFFD; everything else is kept."""
    return _SURROGATES.sub("\ufffd", text)


def printable(text: str) -> str:
    """clean_text, and without terminal control: escape sequences whole, then any control character left
    (tab and newline kept; CR becomes a newline)."""
    text = clean_text(text).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", _SEQUENCES.sub("", text))
