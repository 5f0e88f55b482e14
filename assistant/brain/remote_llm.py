"""A language model on another machine, through the OpenAI-compatible chat API that llama.cpp's
server, llama-cpp-python's server, Ollama and vLLM all speak. Same interface as LlamaModel.

    [llm]
    preset = "remote"
    remote_url = "http://192.168.1.20:8080/v1"
    remote_model = "qwen2.5-1.5b"     # optional; the server's default otherwise

Plain HTTP from the standard library: two JSON endpoints and server-sent events do not justify a
client SDK and its dependency tree on a Raspberry Pi. Constrained output is requested with
`response_format` (json_object + schema, as llama.cpp servers accept it); the router validates the
result either way, so a server that ignores the schema still cannot trigger a wrong handler.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

from ..errors import UserError
from .language_model import LanguageModel


class RemoteModel(LanguageModel):
    def __init__(self, base_url: str, model: str | None = None, timeout_s: float = 60.0):
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.timeout_s = timeout_s
        self.name = f"remote:{model or self.base_url}"

    def _post(self, body: dict[str, Any]):
        if self.model:
            body["model"] = self.model
        req = urllib.request.Request(
            f"{self.base_url}/chat/completions",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        try:
            return urllib.request.urlopen(req, timeout=self.timeout_s)
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode(errors="replace")[:200]
            raise UserError(f"the language model server at {self.base_url} said {exc.code}: {detail}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise UserError(
                f"cannot reach the language model server at {self.base_url} ({exc}); check [llm] remote_url"
            ) from None

    def chat(self, messages, *, schema=None, max_tokens=256, temperature=0.0) -> str:
        body: dict[str, Any] = {"messages": messages, "max_tokens": max_tokens, "temperature": temperature}
        if schema is not None:
            body["response_format"] = {"type": "json_object", "schema": schema}
        with self._post(body) as resp:
            data = json.loads(resp.read().decode("utf-8"))
        try:
            return data["choices"][0]["message"]["content"] or ""
        except (KeyError, IndexError, TypeError):
            raise UserError(f"the server at {self.base_url} sent no chat completion") from None

    def stream(self, messages, *, max_tokens=256, temperature=0.0, only_script=None) -> Iterator[str]:
        # only_script: a server's sampling is not ours to restrict; the caller checks the text instead
        body = {"messages": messages, "max_tokens": max_tokens, "temperature": temperature, "stream": True}
        with self._post(body) as resp:
            for raw in resp:  # server-sent events: "data: {...}" lines, ended by "data: [DONE]"
                line = raw.decode("utf-8").strip()
                if not line.startswith("data:"):
                    continue
                payload = line[5:].strip()
                if payload == "[DONE]":
                    return
                choices = json.loads(payload).get("choices") or [{}]
                piece = (choices[0].get("delta") or {}).get("content")
                if piece:
                    yield piece
