"""summarize: a file, the newest email, or attached text -> two or three spoken sentences, with the full
summary on the card. The document is only ever data: nothing in it is routed or obeyed, and this handler
returns plain text with no follow-up action (no confirm_args), so a document saying "send an email to x"
cannot trigger a tool."""

from __future__ import annotations

import dataclasses
import os
import re
from email.message import EmailMessage
from pathlib import Path

from assistant.errors import UserError
from assistant.mail.headers_said import asks_about_headers, email_facts
from assistant.skill_api import Reply
from assistant.spoken_args import summary_args
from assistant.text import normalize
from assistant.textsum.abstractive import summarize_llm
from assistant.textsum.extractive import sentences, summarize_extractive
from assistant.textsum.guard import DIRECTED, NOTICE, covers, split_directed
from assistant.textsum.passages import (
    about_text,
    actions,
    answering,
    asks_for_actions,
    asks_for_whole,
    holding,
    text_terms,
)
from assistant.textsum.sources import file_text, message_text, spoken_file
from assistant.textsum.text_facts import asks_of_whole, text_fact

read_args = summary_args  # the router reads a file's path from the words (skill_api.ArgReader)

ATTACHED = re.compile(
    r"^(the |this |that |my )?(text|file|attached file|attachment|attached document|document|page|it|this|that|"
    r"pasted text|clipboard|attached text)$"
)
LAST_EMAIL = re.compile(r"(last|latest|newest|recent).*(e-?mail|mail|message)")
# "the email from alice", "alice's last email", "my last message from bob smith", "the email from bob about lunch"
EMAIL_FROM = re.compile(
    r"^(?:the |my )?(?:(?:last|latest|newest|most recent|recent) )?(?:e-?mail|mail|message) from (?P<who>.+?)"
    r"(?: (?:about|on|regarding) (?P<topic>[\w' ]+))?$"
    r"|^(?P<whose>.+?)(?:'s|s'|’s) (?:(?:last|latest|newest|most recent|recent) )?(?:e-?mail|mail|message)$"
)
# "the offsite email", "the email about the offsite": the newest one whose subject has those words
EMAIL_ABOUT = re.compile(
    r"^(?:the |that |my )?(?P<topic>[\w' ]+?) (?:e-?mail|mail|message)$"
    r"|^(?:the |that )?(?:e-?mail|mail|message) (?:about|on|regarding|re) (?:the )?(?P<about>[\w' ]+)$"
)
Loaded = tuple[str, str, str, EmailMessage | None]  # what it is, its text, an email's email_ref, the email
NTH_EMAIL = re.compile(r"^email number (?P<n>\d+)$")  # the inbox's n-th newest, as it was listed
INBOX = re.compile(r"^(?:my |the )?(?:inbox|mailbox|e-?mails|mails|messages)$")
INBOX_LISTED = 3  # senders and subjects said for "what's in my inbox"
WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "couple of": 2, "few": 3}
LAST_FEW = re.compile(r"\b(?:last|latest|newest|recent) (?P<n>two|three|four|five|couple of|few|[2-5]) (?:e-?mails|mails|messages)\b")
SPOKEN_SENTENCES = 3
FULL_SENTENCES = 8
# where a file named by voice is looked for: here, and the home folder and its usual places for documents
DOCUMENT_FOLDERS = ("Documents", "Desktop", "Downloads")
ATTACHED_ENV = "ASSISTANT_TEXT_FILE"  # set by `assistant ask --text-file` and the UI's open-file key


def _spoken_path(source: str) -> str:
    s = source.strip().strip("\"'")
    return re.sub(r"\s+dot\s+(\w+)$", r".\1", s)  # ASR: "notes dot txt"


def _email_from(who: str, ctx, topic: str = "") -> Loaded:
    from assistant.mail.inbox import newest_from
    from assistant.mail.settings import email_settings

    return _read(newest_from(email_settings(ctx.config.email), who, topic))


def unavailable(args, ctx) -> str | None:
    """ "did alice email me" with no email from alice: said at once, not offered (skill_api.Unavailable)."""
    from assistant.mail.inbox import offer_unavailable
    from assistant.mail.settings import email_settings

    return offer_unavailable(args, email_settings(ctx.config.email))


def _email_about(topic: str, ctx) -> Loaded:
    """The newest inbox message with the topic's words in its subject; else from a sender of that name
    ("the alice email")."""
    from assistant.mail.inbox import topic_words
    from assistant.mail.settings import email_settings
    from assistant.mail.store import last_message_about

    words = topic_words(topic)
    msg = last_message_about(email_settings(ctx.config.email).maildir_path, words) if words else None
    if msg is None:
        try:
            return _email_from(topic, ctx)
        except UserError:
            raise UserError(f"I found no email about {topic} in your inbox") from None
    return _read(msg)


def _read(msg) -> Loaded:
    """An email's title and text, what finds it again ("reply to it" afterwards answers this one), and the
    message itself (its headers answer "when did she send it")."""
    from assistant.mail.store import email_ref

    return (*message_text(msg), email_ref(msg), msg)


# the text itself typed after the request and a colon: "summarize this: the meeting was moved ..."
TYPED_TEXT = re.compile(
    r"^\s*(?:(?:please|can you|could you)\s+)*(?:summari[sz]e|sum up|tl;?dr)\s+(?:this|the following|that)\s*[:\u2014-]\s*(?P<text>\S.*)$",
    re.S | re.I,
)


WEB_ADDRESS = re.compile(r"\bhttps?:?/|\bwww\.|\b[a-z0-9-]+\.(?:com|org|net|io|co\.uk|de|ch|fr)(?:/|\s|$)", re.I)


# no [email] maildir set: the drafts' own folder is no inbox ("your inbox is empty" had been said)
NO_MAILDIR = "I don't read your mail yet: set maildir under [email] to your mail folder (a Maildir)"


def _load(source: str, ctx) -> Loaded:
    """(what it is, its text, an email's email_ref or "", the email or None)."""
    from assistant.mail.settings import email_settings  # at first use, not start-up

    key = " ".join(source.lower().split())
    if (typed := TYPED_TEXT.match(ctx.utterance or "")) is not None:  # "summarize this: <the text>"
        ctx.state["typed"] = (key, typed["text"].strip())  # for questions about it after
    if ctx.state.get("typed") and ctx.state["typed"][0] == key:
        return "your text", ctx.state["typed"][1], "", None
    if ATTACHED.match(key):
        attached = os.environ.get(ATTACHED_ENV)
        if not attached:  # "summarize it" right after an email was read: that email
            from assistant.mail.answered import shown_email

            if (shown := shown_email(email_settings(ctx.config.email).maildir_path, "it", ctx.shown)) is not None:
                return _read(shown)
            raise UserError("nothing is attached to summarize; name a file, or say summarize my last email")
        path = Path(attached)
        return path.name, file_text(path), "", None
    if (listed := NTH_EMAIL.match(key)) is not None:
        from assistant.mail.store import nth_newest

        msg = nth_newest(email_settings(ctx.config.email).maildir_path, int(listed["n"]))
        if msg is None:
            raise UserError(f"your inbox has fewer than {listed['n']} emails")
        return _read(msg)
    sender = EMAIL_FROM.match(key)
    if sender:
        return _email_from(sender["who"] or sender["whose"], ctx, sender["topic"] or "")
    if LAST_EMAIL.search(key):
        from assistant.mail.store import last_message

        mail = email_settings(ctx.config.email)  # (none set: the drafts' own folder is no inbox)
        msg = last_message(mail.maildir_path) if mail.maildir else None
        if msg is None:
            raise UserError(NO_MAILDIR if mail.maildir is None else "your inbox is empty")
        return _read(msg)
    about = EMAIL_ABOUT.match(key)
    if about:
        return _email_about(about["topic"] or about["about"], ctx)
    path = Path(_spoken_path(source)).expanduser()
    if not path.is_absolute() and not path.exists() and (Path.home() / path).exists():
        path = Path.home() / path
    folders = [Path.cwd(), Path.home(), *(Path.home() / d for d in DOCUMENT_FOLDERS)]
    if not path.exists() and (said := spoken_file(_spoken_path(source), folders)) is not None:
        path = said  # "meeting notes dot txt" for meeting-notes.txt
    if not path.exists() and re.fullmatch(r"[a-z][a-z' ]*", key):
        # no such file: a name's email ("open the email from carol": the template took "from"), or a subject's
        # said before "email" ("read me the offsite email")
        about = re.search(rf"\b{re.escape(key)} (?:e-?mail|mail|message)\b", normalize(ctx.utterance or ""))
        try:
            return _email_about(key, ctx) if about else _email_from(key, ctx)
        except UserError:
            pass  # no such sender either: the file is what was not found
    if not path.exists() and WEB_ADDRESS.search(ctx.utterance or source):  # it had been "can't find the file https/..."
        raise UserError("I can't read web pages, only files on this computer and your email; save the page as a file and name it")
    if ctx.readable_folders is not None and not any(path.resolve().is_relative_to(f.resolve()) for f in ctx.readable_folders):
        raise UserError("I don't read files for a Wyoming client outside the folders listed under [wyoming] file_folders")
    return path.name, file_text(path), "", None


def summarize_text(text: str, llm=None, n_ctx: int = 2048) -> tuple[str, list[str], str]:
    """(spoken summary, full summary sentences, method). Text addressed to an assistant is left out of
    both and named in one sentence at the end (textsum/guard.py)."""
    text, directed = split_directed(text)
    notice = [NOTICE] if directed else []
    full = summarize_extractive(text, FULL_SENTENCES)
    if llm is not None and text:
        abstract = summarize_llm(llm, text, n_ctx)
        if abstract and covers(abstract, text) and not DIRECTED.search(abstract):
            said = [t if t[-1] in ".!?" else t + "." for t in sentences(abstract)]
            spoken = " ".join(said[:SPOKEN_SENTENCES] + notice)
            return spoken, said + notice + ["", "Key sentences:"] + full, "llm"
    short = summarize_extractive(text, SPOKEN_SENTENCES) if text else []
    return " ".join(short + notice) if short else "", full + notice, "extractive"


# what the "read me bob's last email" template leaves of the sender: "bob's", "my", "the"
SENDER_ONLY = re.compile(r"^(?:(?P<mine>my|the|our)|(?P<whose>.+?(?:'s|s'|’s)))$")


# what the "read me the email from carol" template leaves: "from carol", "about the offsite"
TAKEN_BEFORE = re.compile(r"^(?:from|about|on|regarding) ")


# "what did bob say in his email": the template's source is "bob say in his"; the words name the sender
SAID_IN = re.compile(
    r"\bwhat did (?P<who>.+?) (?:say|write|send me) in (?:his|her|their|the|that) "
    r"(?:(?:last|latest|newest|most recent|recent) )?(?:e-?mail|mail|message)\b"
)


# what the user asks of the text: one part of it ("what does notes.txt say about the budget"), or how short
ASKED_ABOUT = re.compile(r"\b(?:say|says|said|write|wrote|written|mention|mentions|mentioned) (?:about|on|regarding) (?P<topic>[\w' ]+)$")
ONE_SENTENCE = re.compile(
    r"\b(?:in (?:one|a|1|a single) (?:sentence|line)|in a (?:few|couple of) words|tl ?;? ?dr|shorter|briefer|more briefly)\b"
)
ABOUT_SENTENCES = 3


def _sentences_about(text: str, topic: str) -> list[str]:
    """The text's sentences that hold every word of the topic, leaving out sentences addressed to an
    assistant."""
    kept, _directed = split_directed(text)
    return holding(kept, topic)


ABOUT_THEM = re.compile(r"\bwhat (?:are|were|is) (?:they|them|those|these|my e-?mails|the e-?mails|it) about\b|\bwho (?:are|were) they from\b")


def knows(question: str, state: dict) -> bool:
    """Whether a question right after is about the text just summarized or read (the dialogue then takes
    it as the weak follow-up even where the classifier saw chit-chat or another skill)."""
    terms = state.get("terms") or ()
    q = normalize(question)
    if state.get("listed") and ABOUT_THEM.search(q):
        return True
    if state.get("email") and asks_about_headers(q):
        return True  # "who sent that", "when did it arrive": its headers answer (mail/headers_said.py)
    return about_text(question, terms) or bool(terms and (ABOUT_IT.search(q) or asks_of_whole(q)))


# a question about "it" right after a text was summarized is about the text ("who was against it")
ABOUT_IT = re.compile(r"^(?:who|whom|what|when|where|why|how|which)\b.*\b(?:it|them)$")


async def handle(args, ctx) -> Reply:
    reply = await _answer(args, ctx)
    if args.get("next") and ctx.state.get("read_nth"):  # a question right after is about the email read
        reply = dataclasses.replace(reply, resolved_args={"source": "inbox", "nth": ctx.state["read_nth"]})
    return reply


async def _answer(args, ctx) -> Reply:
    source = str(args.get("source", "")).strip()
    # "the email from carol in one sentence": the wish is no part of it (a path keeps its letters' case)
    source = " ".join(re.sub(ONE_SENTENCE.pattern, " ", source, flags=re.I).split()) or source
    if (read := summary_args(source)) and read["source"] not in ("last email", "inbox") and source.startswith(read["source"]):
        source = read["source"]  # "notes.txt in one sentence": the file's name, without the wish
    if said_in := SAID_IN.search(normalize(ctx.utterance or "")):
        source = f"{said_in['who']}'s email"
    from assistant.mail.inbox import ANY_FROM, FROM_WHOM, emails_from  # at first use, not start-up

    if ANY_FROM.search(normalize(ctx.utterance or "")) and (who := FROM_WHOM.match(source.lower())) is not None:
        try:  # "do i have any emails from bob": what the inbox holds from him, not his newest read out
            from assistant.mail.settings import email_settings

            return Reply(*emails_from(email_settings(ctx.config.email), who["who"]))
        except UserError as exc:
            return Reply(f"Sorry, {exc}.", {"type": "error", "skill": "summarize", "error": str(exc)})
    sender = SENDER_ONLY.match(source.lower())
    if sender:  # a template took "email" as its own word
        source = "last email" if sender["mine"] else f"{source} email"
    elif TAKEN_BEFORE.match(source.lower()):  # "read me the email from carol": the template took "email"
        source = f"email {source}"
    if args.get("topic"):  # "bob's email about the offsite", "my last email about the report"
        of = EMAIL_FROM.match(source.lower())
        source = (f"email from {of['who'] or of['whose']} about {args['topic']}" if of and not of["topic"]
                  else f"email about {args['topic']}" if LAST_EMAIL.search(source.lower()) else source)
    if args.get("next") and (INBOX.match(" ".join(source.lower().split())) or LAST_EMAIL.search(source.lower())):
        args = {**args, "nth": int(ctx.state.get("read_nth") or 1) + 1}  # "read the next one": the next older
        source = "inbox"
    if not args.get("nth"):
        ctx.state.pop("read_nth", None)  # another text: "read the next one" after it starts at the second newest
    if args.get("nth"):  # "read the second one" right after the inbox was listed
        if not INBOX.match(" ".join(source.lower().split())):
            return Reply("Which email? Say what's in my inbox to hear them listed, or read my last email.")
        source = f"email number {int(args['nth'])}"
        ctx.state["read_nth"] = int(args["nth"])  # where "read the next one" goes on from
    elif INBOX.match(" ".join(source.lower().split())):
        if args.get("question") and not ABOUT_THEM.search(normalize(str(args["question"]))):
            # asked right after the inbox was listed: the list has no answers, except what they are about
            return Reply("I can only list what's in your inbox; say read my last email to hear the newest.")
        return _inbox(ctx)
    if (newest := LAST_FEW.search(source.lower())) is not None:  # "the last three emails": the inbox's newest
        return _inbox(ctx, WORD_NUMBERS.get(newest["n"]) or int(newest["n"]))
    try:
        title, text, ref, msg = _load(source, ctx)
    except UserError as exc:
        said = "That was the last email in your inbox." if args.get("next") and NTH_EMAIL.match(source) else f"Sorry, {exc}."
        return Reply(said, {"type": "error", "skill": "summarize", "error": str(exc)})
    ctx.state["terms"], ctx.state["listed"] = text_terms(text), False  # for a question about it right after (`knows`)
    ctx.state["email"] = msg is not None
    words = normalize(ctx.utterance or "")
    if args.get("question") and ref and (other := WHAT_ABOUT.match(normalize(str(args["question"])))) is not None:
        try:  # "what about carol" after bob's email: carol's newest, if she sent one (else a question)
            title, text, ref, msg = _email_from(other["who"], ctx)
            args = {k: v for k, v in args.items() if k not in ("question", "nth")}
        except UserError:
            pass
    # "who sent me the last email", or right after one: "when did she send it" (its headers answer)
    me = str((ctx.config.email or {}).get("address") or "")  # said as "you" in "who else got it"
    if msg is not None and (said := email_facts(str(args.get("question") or words), msg, ctx.now().tzinfo, me)) is not None:
        return Reply(said, {"type": "summary", "source": title, "summary": said, "email_ref": ref})
    asked = ASKED_ABOUT.search(words)
    # "what does notes.txt say about the budget" right after a summary: its sentences about the budget (as
    # a question, the words of the file's name had picked its title line)
    if args.get("whole") or (args.get("question") and asked is None):  # (still about that email: "reply to her")
        answer = _from_the_text(title, text, args)
        return Reply(answer.text, (answer.card or {}) | ({"email_ref": ref} if ref else {}))
    if asked is not None and _sentences_about(title, asked["topic"]):  # the email found by its subject: all of it
        asked = None
    if asked is not None:  # what it says about one thing, not all of it
        found = _sentences_about(text, asked["topic"])
        if not found:
            return Reply(f"I found nothing about {asked['topic']} in {title}.", {"type": "summary", "source": title, "summary": ""})
        spoken, full, method = " ".join(found[:ABOUT_SENTENCES]), found, "about"
    else:
        spoken, full, method = summarize_text(text, ctx.llm, ctx.config.llm.n_ctx)
    if spoken and ONE_SENTENCE.search(words):
        spoken = sentences(spoken)[0]
    if not spoken:
        return Reply(f"Sorry, {title} has no sentences I can summarize.")
    if title.startswith("the email from "):  # who wrote and about what, before what it says
        spoken = f"{title[0].upper()}{title[1:]} says: {spoken}"
    card = {
        "type": "summary",
        "source": title,
        "summary": spoken,
        "full_summary": "\n".join(full),
        "method": method,
        "words": len(text.split()),
    } | ({"email_ref": ref} if ref else {})
    return Reply(spoken, card)


WHAT_ABOUT = re.compile(r"^(?:and )?(?:what|how) about (?:the (?:one|e-?mail) from )?(?P<who>(?!(?:the|a|an|my|it|that|this)\b)[a-z]+(?: [a-z]+)?)$")
READ_SENTENCES = 12  # read out whole: a longer text's rest is on the screen


def _from_the_text(title: str, text: str, args: dict) -> Reply:
    """ "read it to me": the text as written (its first sentences aloud); "who will send the figures":
    the sentences that answer it, or that none does. Said as written: nothing made up."""
    kept, directed = split_directed(text)
    card = {"type": "summary", "source": title, "words": len(text.split())}
    if args.get("whole"):  # text written to an assistant is left out and said to be, as in a summary
        said = sentences(kept)
        rest = " That's the beginning; the rest is on the screen." if len(said) > READ_SENTENCES else ""
        rest += f" {NOTICE}" if directed else ""
        return Reply(" ".join(said[:READ_SENTENCES]) + rest, card | {"summary": "\n".join(said), "method": "whole"})
    question = str(args["question"])
    if (fact := text_fact(normalize(question), title, text)) is not None:  # "who wrote it", "how long is it"
        return Reply(fact, card | {"summary": fact, "method": "fact"})
    if asks_for_actions(question):  # "what are the action items": the sentences giving someone a task
        found = actions(kept)
        said = " ".join(found[:ABOUT_SENTENCES]) or f"I found nothing in {title} that gives anyone a task."
        return Reply(said, card | {"summary": "\n".join(found), "method": "actions"})
    if asks_for_whole(question):  # "what are the main points": its summary (the key sentences)
        spoken, full, method = summarize_text(text)
        return Reply(spoken or f"Sorry, {title} has no sentences I can summarize.",
                     card | {"summary": spoken, "full_summary": "\n".join(full), "method": method})
    found = answering(kept, question)
    if not found:
        return Reply(f"I didn't find that in {title}.", card | {"summary": "", "method": "answer"})
    return Reply(" ".join(found), card | {"summary": " ".join(found), "method": "answer"})


def _inbox(ctx, n: int = INBOX_LISTED) -> Reply:
    """ "what's in my inbox": how many emails, and who sent the newest and about what (read, not
    obeyed: the subjects are outside text, made printable)."""
    from assistant.mail.inbox import inbox_said
    from assistant.mail.settings import email_settings

    ctx.state.pop("terms", None)  # a list of emails: a question right after is about none of them
    ctx.state.pop("email", None)
    ctx.state["listed"] = True  # "who are they from" right after: the list again (it had been the model's chat)
    mail = email_settings(ctx.config.email)
    if mail.maildir is None:
        return Reply(f"{NO_MAILDIR}.", {"type": "inbox", "count": 0})
    try:
        return Reply(*inbox_said(mail, n))
    except UserError as exc:
        return Reply(f"Sorry, {exc}.", {"type": "error", "skill": "summarize", "error": str(exc)})
