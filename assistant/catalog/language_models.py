"""The language profile's models as installed on this machine: the Vosk model and the Piper voice of
`language = "ko"` and the like. Looked up where the runtime is built (and by doctor and `config show`),
not when the config is read, so loading a config never looks at the disk's models."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from ..languages import profile
from .entries import load_catalog
from .store import Store

if TYPE_CHECKING:
    from ..config import Config

log = logging.getLogger(__name__)


def _installed(name: str | None) -> Path | None:
    if not name:
        return None
    catalog = load_catalog()
    return Store(progress=False).path(catalog[name]) if name in catalog else None


def use_installed_models(config: Config) -> Config:
    """Fill the language's speech model and voice into the settings the user did not set explicitly
    (after languages.apply_language, which load_config runs). Calling it again changes nothing."""
    lang = profile(config.language)
    if lang.code == "en":
        return config
    asr, tts = config.asr, config.tts
    if "vosk_model" not in asr.model_fields_set and asr.vosk_model is None:
        path = _installed(lang.asr_model)
        if path is not None:
            asr.vosk_model = str(path)
        else:
            log.warning("language %s: its speech model %s is not installed", lang.code, lang.asr_model)
    if "voice" not in tts.model_fields_set:
        tts.voice = lang.voice if _installed(lang.voice) else lang.fallback_voice
    return config
