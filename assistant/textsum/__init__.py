"""Summaries for the summarize skill: reading sources, extractive ranking, LLM summaries with checks."""
