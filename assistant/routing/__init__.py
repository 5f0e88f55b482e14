"""Routing: from the words of a command to one skill and its arguments.

`Router.route(text) -> Intent` is the one entry point. The chain, in order:

0. A sum or a measure said as the whole sentence, or a word to spell ("what's 15 times 7", "convert 5
   miles to km", "how do you spell restaurant": arithmetic.py, conversion.py, spelling.py) is `other`'s,
   which answers it (dialogue/other_said.py).
1. templates.py: the skills' hassil sentence templates. An exact match decides at once, with its
   arguments (the fast path: a few milliseconds).
2. classify.py: a linear head over MiniLM sentence embeddings (head.py; weights trained on public
   commands by scripts/train_router.py) gives each label a probability. A sure `other`, or a sure skill
   that needs no arguments, is decided here.
3. The chosen skill's own reading of its arguments (`read_args` in its handler: dates, lengths, zones,
   keywords; assistant/spoken_args.py for the built-in skills), unless it finds words it cannot place.
4. llm_router.py: the local language model writes one tool call, limited to the classifier's likeliest
   tools plus `other`, for the unsure rows and for a sure skill's arguments; tools.py validates the call
   against the skill's schema and keeps only arguments grounded in the words said.
5. Anything else is `other`, answered honestly ("I can't do that yet").

For the live loop, `Router.prefetch(text)` computes steps 2-4 at a pause in speech (speculate.py) and
`route` reuses that decision when the final words are the same. The fallback (steps 2-4) is held as a
`Loading` (assistant/loading.py): it loads while the assistant already listens.
"""

from .intent import OTHER, Intent
from .router import Router

__all__ = ["OTHER", "Intent", "Router"]
