"""The second check: a keyphrase detection wakes the assistant only if a stricter decode of the audio it
fired on also hears the phrase.

The keyword search compares the phrase with a loop of single phones and reports a candidate as soon as
the phrase's path is close enough. The check decodes the detection's own stretch of audio (from a little
before its start to now) with a pocketsphinx grammar in which the phrase competes with the commonest
English words, before and after it, or words alone: speech that is not the phrase ("computers are",
"hey, come here") is explained better by real words, and the phrase then loses. One small decoder (the
phrase words and FILLERS common words, no language model, tight beams); its cost per detection is
reported by `assistant eval wake`.
"""

from __future__ import annotations

import time

from ..asr.pocketsphinx_engine import COMMON_WORDS, decoder_with_files
from ..asr.pronounce import pronunciation_lines
from ..text import normalize
from .checked import CheckedWake

FILLERS = 100  # filler words: more explain more speech, but each costs decoding time
PRIOR = 1.0  # weight of "the phrase was said" against "only other words"
LEAD_FRAMES = 30  # 10 ms frames of audio before the detection's start the check also hears


def _prons(lines: str) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = {}
    for line in lines.splitlines():
        word, *phones = line.split()
        out.setdefault(word.split("(")[0], []).append(phones)
    return out


def _inside(part: list[str], whole: list[str]) -> bool:
    """`part` matches some stretch of `whole` with at most a third of its phones wrong (edit distance)."""
    prev = [0] * (len(whole) + 1)
    for i, p in enumerate(part, 1):
        cur = [i] + [0] * len(whole)
        for j, w in enumerate(whole, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (p != w))
        prev = cur
    return min(prev) <= len(part) // 3


def _grammar(phrases: list[str], fillers: list[str], prior: float) -> str:
    fill = " | ".join(fillers)
    alts = " | ".join(f"( {p} )" for p in phrases)
    return (
        "#JSGF V1.0;\ngrammar wake;\n"
        f"<filler> = {fill};\n<wake> = {alts};\n"
        f"public <s> = /{prior:g}/ ( <filler> * <wake> <filler> * ) | /1/ <filler> + ;\n"
    )


class ConfirmedWake(CheckedWake):
    """Wraps a PocketsphinxWake: re-decodes the stretch a detection covers before letting it through."""

    def __init__(self, spotter, fillers: int = FILLERS, prior: float = PRIOR):
        super().__init__(spotter)
        words = {w for p in self.phrases for w in p.split()}
        common = [w for w in COMMON_WORDS.read_text(encoding="utf-8").split() if w.isalpha()][: fillers * 3]
        prons = _prons(pronunciation_lines([*words, *common]))
        target = [[ph for w in p.split() for ph in prons[w][0]] for p in self.phrases]
        # fillers model *other* speech: a word that sounds like a piece of the phrase ("come", "pewter"
        # in "computer") would let the filler loop spell the phrase itself, so it is left out
        filler = [
            w
            for w in common
            if w not in words and w in prons and not any(_inside(pr, t) for pr in prons[w] for t in target)
        ][:fillers]
        lines = pronunciation_lines([*words, *filler])
        opts = {"maxhmmpf": 1000, "beam": 1e-30, "wbeam": 1e-20, "pbeam": 1e-30, "bestpath": False}
        self.decoder = decoder_with_files(
            {"jsgf": _grammar(self.phrases, filler, prior), "dict": lines},
            samprate=16000,
            lm=None,
            loglevel="FATAL",
            **opts,
        )

    def confirm(self, phrase: str, start_frame: int) -> bool:
        t = time.perf_counter()
        begin = max(0, (start_frame - LEAD_FRAMES) * 320)
        self.decoder.start_utt()
        self.decoder.process_raw(bytes(self._utt[begin:]), False, True)
        self.decoder.end_utt()
        hyp = self.decoder.hyp()
        self.check_s.append(time.perf_counter() - t)
        return f" {phrase} " in f" {normalize(hyp.hypstr)} " if hyp else False

    def passes(self, phrase: str) -> bool:
        return self.confirm(phrase, self.last[2])

    def scores(self, pcm: bytes) -> dict[str, float]:
        return self.spotter.scores(pcm)
