"""Write assistant/asr/en-us-common-words.txt: the N words of pocketsphinx's en-us dictionary that its
language model finds most probable on their own (unigram probability), most probable first.

The hybrid engine's live partials come from a pocketsphinx decoder searching only these words: with the
20,000 most common of the model's 72,547 words it takes ~40 MB less and half the CPU, and is as good or
better on spoken commands (README, "Live partials"). Run again only if pocketsphinx's model changes:

    python scripts/common_words.py [N]
"""

from __future__ import annotations

import sys
from pathlib import Path

from pocketsphinx import Config, LogMath, NGramModel, get_model_path

OUT = Path(__file__).resolve().parent.parent / "assistant" / "asr" / "en-us-common-words.txt"


def ranked_words(lm_path: Path, dictionary: Path) -> list[str]:
    """The dictionary's words that the model knows, by unigram probability (ties by spelling)."""
    model = NGramModel(Config(), LogMath(), str(lm_path))
    unknown = model.prob(["<no such word>"])
    words = dict.fromkeys(
        line.split(" ", 1)[0].split("(", 1)[0] for line in dictionary.read_text(encoding="utf-8").splitlines()
    )
    scored = [(model.prob([w]), w) for w in words if not w.startswith("<")]
    return [w for score, w in sorted(scored, key=lambda x: (-x[0], x[1])) if score > unknown]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    model = Path(get_model_path()) / "en-us"
    words = ranked_words(model / "en-us.lm.bin", model / "cmudict-en-us.dict")[:n]
    OUT.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {len(words)} words to {OUT}")


if __name__ == "__main__":
    main()
