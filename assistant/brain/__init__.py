"""Understanding: template fast path (hassil), the local LLM behind it, and the dialogue state."""
