"""Extractive summaries: rank sentences by centrality (TextRank over TF-IDF cosine similarity) with a mild
lead bias, pick the best without repeating themselves, keep document order. Long documents are ranked
chunk by chunk, then the chunks' picks are ranked again (hierarchical)."""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

import numpy as np
import pysbd

STOP = set(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
    off on once only or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself yourselves also said says""".split()
)
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
CHUNK_SENTENCES = 120  # a chunk's sentences are ranked together; the similarity matrix stays small


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def sentences(text: str) -> list[str]:
    """Sentences, treating blank lines (paragraphs, headings, list items) as hard breaks."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        para = " ".join(para.split())
        if para:
            out.extend(s.strip() for s in _segmenter().segment(para) if s.strip())
    return out


def _stem(w: str) -> str:
    w = w.removesuffix("'s")  # "new year's" is about the new year (it had stemmed to "year'")
    for suffix in ("ingly", "edly", "ing", "ies", "ed", "es", "s", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def _terms(sentence: str) -> list[str]:
    # "what's", "it's": the stop word with its "'s" is one too (it had made "what" a question's term)
    return [_stem(w) for w in WORD.findall(sentence.lower()) if w.removesuffix("'s") not in STOP and len(w) > 1]


def rank(sents: list[str]) -> np.ndarray:
    """A score per sentence: PageRank over the TF-IDF cosine graph, times a lead bias."""
    n = len(sents)
    if n == 0:
        return np.zeros(0)
    bags = [Counter(_terms(s)) for s in sents]
    df = Counter(t for b in bags for t in b)
    vocab = {t: i for i, t in enumerate(df)}
    m = np.zeros((n, max(1, len(vocab))))
    for i, b in enumerate(bags):
        for t, c in b.items():
            m[i, vocab[t]] = (1 + math.log(c)) * math.log((1 + n) / (1 + df[t]))
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    m = np.divide(m, norms, out=np.zeros_like(m), where=norms > 0)
    sim = m @ m.T
    np.fill_diagonal(sim, 0.0)
    rows = sim.sum(axis=1, keepdims=True)
    trans = np.divide(sim, rows, out=np.full_like(sim, 1.0 / n), where=rows > 0)
    score = np.full(n, 1.0 / n)
    for _ in range(50):
        new = 0.15 / n + 0.85 * trans.T @ score
        if np.abs(new - score).sum() < 1e-6:
            score = new
            break
        score = new
    lead = 1.0 + 1.0 / (1.0 + np.arange(n) / 3.0)  # first sentences count up to twice as much
    length = np.array([min(1.0, len(b) / 6.0) for b in bags])  # fragments and headings rank low
    return score * lead * length


def _pick(sents: list[str], scores: np.ndarray, k: int) -> list[int]:
    chosen: list[int] = []
    seen: list[set[str]] = []
    for i in np.argsort(-scores, kind="stable"):
        terms = set(_terms(sents[i]))
        if not terms:
            continue
        if any(len(terms & s) / max(1, min(len(terms), len(s))) > 0.7 for s in seen):
            continue  # near repeat of a chosen sentence
        chosen.append(int(i))
        seen.append(terms)
        if len(chosen) == k:
            break
    return sorted(chosen)


def summarize_extractive(text: str, k: int = 3) -> list[str]:
    """The k most central sentences in document order."""
    sents = sentences(text)
    if len(sents) <= k:
        return sents
    if len(sents) > CHUNK_SENTENCES:
        # hierarchical: each chunk keeps its best few, then those compete (chunk order is kept)
        kept: list[str] = []
        for start in range(0, len(sents), CHUNK_SENTENCES):
            part = sents[start : start + CHUNK_SENTENCES]
            kept.extend(part[i] for i in _pick(part, rank(part), max(k, 5)))
        sents = kept
    return [sents[i] for i in _pick(sents, rank(sents), k)]


def lead(text: str, k: int = 3) -> list[str]:
    return sentences(text)[:k]
