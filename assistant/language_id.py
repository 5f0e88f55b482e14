"""Which language an utterance is in, for one hint: a command in a language the assistant is not set to
("quelle heure est-il", "지금 몇 시야") is told that, instead of "Sorry, I can't help with that".

py3langid (langid.py's model, BSD) over a fixed set of likely languages. Its model takes ~0.8 s to load,
so it loads in the background when a conversation starts; until then no hint is given. The cut-off was
set on intent-train's 28,884 English commands: at 0.99 none is taken for another language (8 were at
0.95: "add dj clay to my canciones del recuerdo"); intent-dev's 5,133: none at 0.8."""

from __future__ import annotations

import logging
import threading
from typing import Any

from .brain.script import letter_script

log = logging.getLogger(__name__)

CANDIDATES = ("en", "fr", "de", "es", "it", "pt", "nl", "sv", "pl", "tr", "ru", "ko", "zh", "ja")
NAMES = {"fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese", "nl": "Dutch",
         "sv": "Swedish", "pl": "Polish", "tr": "Turkish", "ru": "Russian", "ko": "Korean", "zh": "Chinese",
         "ja": "Japanese", "en": "English"}
SURE = 0.99

_model: Any = None
_started = threading.Lock()
_loading = False


def warm() -> None:
    """Start loading the model in a background thread (once per process)."""
    global _loading
    with _started:
        if _loading:
            return
        _loading = True
    threading.Thread(target=load, name="language-id", daemon=True).start()


def load() -> None:
    """Load the model now (warm's thread; tests)."""
    global _model
    try:
        import py3langid.langid as langid

        model = langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True)
        model.set_languages(list(CANDIDATES))
        _model = model
    except Exception:  # no hint is a fine answer: never a failed turn
        log.warning("the language identifier could not load; no language hints", exc_info=True)


# a script only one candidate writes, by the Unicode name of its letters (brain/script.py): known at once,
# also while the model loads (a new session's first command "지금 몇 시야" had been "Sorry, I can't help
# with that"); kana before the ideographs, which Japanese writes too
SCRIPTS = (("ko", {"HANGUL"}), ("ja", {"HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA"}), ("zh", {"CJK"}), ("ru", {"CYRILLIC"}))


def other_language(text: str, configured: str) -> str | None:
    """The language the words are surely in, when it is not the configured one; None when unsure, when
    they are in the configured language, or while the model is still loading (unless the script says it)."""
    scripts = {letter_script(c) for c in text if c.isalpha()}
    written = next((code for code, names in SCRIPTS if scripts & names), None)
    if written is not None:
        return written if written != configured else None
    model = _model
    if model is None or not text.strip():
        return None
    code, probability = model.classify(text)
    return code if code != configured and probability >= SURE else None
