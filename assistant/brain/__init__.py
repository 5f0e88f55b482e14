"""The models behind understanding: the local language model (llm.py, or a remote one), sentence
embeddings (embed.py), tool-call decoding and the wait hook before a slow step. The conversation that
uses them is assistant/dialogue/."""
