"""Plain text from what the user wants summarized: txt, md, html, pdf (pypdf), eml, or an email message."""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage
from email.utils import parseaddr
from html.parser import HTMLParser
from pathlib import Path

from ..errors import UserError
from ..mail.letter import letter_body
from ..text_guard import printable

MAX_BYTES = 20_000_000
TEXT_SUFFIXES = {".txt", ".text", ".log", ".csv", ".rst", ""}


class _HtmlText(HTMLParser):
    """Visible text of an HTML page; block elements become line breaks."""

    SKIP = {"script", "style", "noscript", "template", "svg", "head"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_text(html: str) -> str:
    p = _HtmlText()
    p.feed(html)
    p.close()
    return _tidy("".join(p.parts))


def markdown_text(md: str) -> str:
    md = re.sub(r"```.*?```", " ", md, flags=re.S)  # code blocks are not prose
    md = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", md)  # images
    md = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", md)  # links keep their text
    md = re.sub(r"^\s{0,3}(#{1,6}|[-*+]|\d+\.|>)\s+", "", md, flags=re.M)
    md = re.sub(r"(\*\*|__|\*|_|`)", "", md)
    return _tidy(md)


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\xa0", " ")
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def message_text(msg: EmailMessage) -> tuple[str, str]:
    """(title, text) of an email: its subject and plain body (HTML turned to text when that is all)."""
    subject = str(msg.get("Subject", "") or "")
    sender = str(msg.get("From", "") or "")
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is None:
        raise UserError("that email has no text to summarize")
    content = body.get_content()
    text = html_text(content) if body.get_content_type() == "text/html" else _tidy(content)
    text = letter_body(printable(text))  # mail is outside text: no terminal control reaches a card or a terminal
    name, addr = parseaddr(sender)
    title = f"the email from {printable(name or addr or sender)}" + (f" about {printable(subject)}" if subject else "")
    return title, text


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise UserError(f"{path.name} is an encrypted PDF; open it and save an unlocked copy")
        return _tidy("\n\n".join(page.extract_text() or "" for page in reader.pages))
    except (PdfReadError, ValueError, KeyError) as exc:
        raise UserError(f"{path.name} is not a readable PDF ({exc})") from None


def looks_like_text(sample: bytes) -> bool:
    """UTF-8 (or mostly ASCII) text: no NUL byte, and under 10% of the characters undecodable or control
    characters other than whitespace. A binary file without NULs (compressed data, images) fails the
    second test: decoded, about half of its characters are U+FFFD or controls."""
    if b"\x00" in sample:
        return False
    text = sample.decode("utf-8", errors="replace")
    if sample and len(sample) == 8192:  # a cut in the middle of a multi-byte character is not binary
        text = text.rstrip("\ufffd")
    bad = sum(ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f") or 0x7F <= ord(ch) < 0xA0 for ch in text)
    return bad <= 0.10 * max(len(text), 1)  # a coloured log is text; random bytes: ~50%


def file_text(path: Path) -> str:
    if path.is_dir():  # "summarize ~/notes": one file of it, said by name
        names = sorted(printable(p.name) for p in path.iterdir() if p.is_file() and not p.name.startswith("."))[:3]
        held = f" (it holds {', '.join(names)}{' ...' if len(names) == 3 else ''})" if names else " (it is empty)"
        raise UserError(f"{path} is a folder{held}; name one file in it to summarize")
    if path.exists() and not path.is_file():  # "/dev/zero", a pipe: there, but no document
        raise UserError(f"{path} is not a document; I can summarize txt, md, html, pdf and eml files")
    if not path.is_file():
        raise UserError(f"I can't find the file {path}")
    if path.stat().st_size > MAX_BYTES:
        raise UserError(f"{path.name} is larger than {MAX_BYTES // 1_000_000} MB; summarize a smaller file")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        text = pdf_text(path)
    elif suffix == ".eml":
        with path.open("rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        text = message_text(msg)[1]  # type: ignore[arg-type]
    else:
        raw = path.read_bytes()
        if not looks_like_text(raw[:8192]):
            raise UserError(f"{path.name} is not a text file; I can summarize txt, md, html, pdf and eml")
        data = printable(raw.decode("utf-8", errors="replace"))  # no terminal control from a file
        if suffix in (".html", ".htm", ".xhtml"):
            text = html_text(data)
        elif suffix in (".md", ".markdown"):
            text = markdown_text(data)
        else:
            text = _tidy(data)
    if not text.strip():
        raise UserError(f"{path.name} has no text in it to summarize")
    return text


# the kinds of file a spoken name may stand for (said without its separators or kind: "meeting notes")
SPOKEN_KINDS = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".eml"}
_SEPARATORS = re.compile(r"[\s_.-]+")


def spoken_file(said: str, folders: list[Path]) -> Path | None:
    """The file a spoken name means, in these folders (not their subfolders): its name with "-", "_" and
    "." as spaces, and without its kind unless one was said ("meeting notes", "meeting notes.txt" for
    meeting-notes.txt); the newest of several. None when no file has that name."""
    stem, kind = (said.rsplit(".", 1) + [""])[:2] if re.search(r"\.\w{2,8}$", said) else (said, "")
    wanted = _SEPARATORS.sub(" ", re.sub(r"^(?:the|my|a)\s+", "", stem.strip().lower())).strip()
    found = [
        p for folder in folders if folder.is_dir() for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in SPOKEN_KINDS and (not kind or p.suffix.lower() == f".{kind.lower()}")
        and _SEPARATORS.sub(" ", p.stem.lower()).strip() == wanted
    ]
    return max(found, key=lambda p: p.stat().st_mtime) if wanted and found else None
