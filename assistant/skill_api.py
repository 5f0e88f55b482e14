"""The skill API: what a skill's handler is given and returns, and what its manifest says.

A skill is data plus one async handler: a manifest (name, description, JSON schema of its arguments,
hassil sentence templates, examples) and `async def handle(args, ctx: SkillContext) -> Reply`. Skills
import from here; finding and loading them is assistant/plugins.py's job.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import jsonschema

from .errors import UserError
from .scheduler import Due, Scheduler

if TYPE_CHECKING:
    from .config import Config
    from .loading import Loading


@dataclass(frozen=True)
class Reply:
    """What a handler returns: text to speak and an optional structured card for screens."""

    text: str
    card: dict[str, Any] | None = None
    # set when the skill needs another answer from the user (a question); the dialogue keeps listening
    expects_reply: bool = False
    # the reply asks a yes/no question ("Send it?"): on a spoken yes the same skill's handler runs again
    # with these arguments (e.g. {"action": "send", "draft": "..."}); on no / cancel it does not
    confirm_args: dict[str, Any] | None = None
    # text written while it is spoken (an LLM's reply): pieces of `text`'s continuation; the pipeline
    # speaks it clause by clause as it arrives, then the reply's full text is `text` + all pieces
    stream: Iterator[str] | None = None
    # the reply asks again for one argument ("Which Bob: Bob Smith or Bob Jones?"): the dialogue keeps
    # ask_args (default: the arguments of this turn) and takes the next utterance as that argument's value,
    # then runs the skill again
    ask_for: str | None = None
    ask_args: dict[str, Any] | None = None
    # the arguments this answer stands for, when the handler read the turn's own differently ("read the
    # next one" was the inbox's third email): a follow-up right after starts from these
    resolved_args: dict[str, Any] | None = None


def _check_entries(source: str, key: str, entries: list[dict[str, Any]], says: tuple[str, ...], needs: str) -> None:
    """Each entry of a manifest's list of {when: regex, ...}: a regex that compiles, the first of `says`
    it has (or the first of them) as text, `args` a mapping."""
    for n in entries:
        try:
            re.compile(n["when"])
            if says:
                str(n[next((k for k in says if k in n), says[0])])
            if not isinstance(n.get("args", {}), dict):
                raise TypeError("'args' is not a mapping")
            if not isinstance(n.get("keep", []), list):
                raise TypeError("'keep' is not a list")
        except (KeyError, re.error, TypeError) as exc:
            raise UserError(f"skill manifest {source}: each {key} entry needs {needs} ({exc})") from None


@dataclass(frozen=True)
class Manifest:
    name: str
    description: str
    arguments: dict[str, Any]  # JSON schema, type object
    templates: list[dict[str, Any]] = field(default_factory=list)  # hassil intent data blocks
    lists: dict[str, Any] = field(default_factory=dict)  # hassil slot lists
    expansion_rules: dict[str, str] = field(default_factory=dict)
    examples: list[dict[str, Any]] = field(default_factory=list)  # {text, args}
    side_effects: bool = False  # needs a spoken "yes" before running
    questions: dict[str, str] = field(default_factory=dict)  # argument -> question asked when missing
    needs_llm: bool = False
    # the language model's system prompt, when the skill uses a fixed one: evaluated at start into the
    # prompt-prefix cache (routing/speculate.py), so the skill's first call evaluates only the user's words
    system_prompt: str = ""
    # only reads (no timer, no file, no message): may run before the user has finished speaking, its reply
    # dropped if the words turn out different (assistant/dialogue/ahead.py)
    read_only: bool = False
    slow: bool = False  # usually takes over a second (a model writes, the network): say "one moment" first
    answers: dict[str, list[str]] = field(default_factory=dict)  # argument -> answer templates
    capability: str = ""  # a short phrase for "I can ...", e.g. "set timers"
    # what the skill does and how to ask it, said to "what can you do with timers" (a topic in its name or
    # its capability); a sentence or two, spoken
    help: str = ""
    # the skill carries out requests and answers no question about what is or was: "did bob email me"
    # and "do i have new mail" are not for a skill that writes email (text.asks_about_state)
    requests_only: bool = False
    # requests close to the skill that it does not do, and what to say instead of "Sorry, I can't help
    # with that": [{when: regex over the normalized words, say: text}] ("set an alarm for 7" -> a timer)
    near_misses: list[dict[str, Any]] = field(default_factory=list)
    # what may be said right after this skill ran, and only then: [{when: regex over the normalized words,
    # args: {...}, keep: [argument names]}], its named groups filling arguments too ("add that i'll be
    # there at noon" after a draft); `keep`: the last command's arguments it starts from ("anything
    # cheaper" after a search for italian food: cheaper italian food)
    follow_ups: list[dict[str, Any]] = field(default_factory=list)
    # requests routed to the skill that it does not do, answered before any question: [{when: regex over
    # the normalized words, say: text, its named groups as {name}}] ("delete that email")
    declines: list[dict[str, Any]] = field(default_factory=list)
    # other languages' sentences: {ko: {templates, lists, expansion_rules, answers, questions}}
    languages: dict[str, dict[str, Any]] = field(default_factory=dict)

    @staticmethod
    def from_dict(d: dict[str, Any], source: str) -> Manifest:
        try:
            m = Manifest(
                name=str(d["name"]),
                description=str(d["description"]),
                arguments=d.get("arguments") or {"type": "object", "properties": {}},
                templates=list(d.get("templates") or []),
                lists=dict(d.get("lists") or {}),
                expansion_rules=dict(d.get("expansion_rules") or {}),
                examples=list(d.get("examples") or []),
                side_effects=bool(d.get("side_effects", False)),
                questions=dict(d.get("questions") or {}),
                needs_llm=bool(d.get("needs_llm", False)),
                system_prompt=str(d.get("system_prompt") or ""),
                read_only=bool(d.get("read_only", False)),
                slow=bool(d.get("slow", False)),
                answers=dict(d.get("answers") or {}),
                capability=str(d.get("capability", "")),
                help=" ".join(str(d.get("help") or "").split()),
                requests_only=bool(d.get("requests_only", False)),
                near_misses=[dict(n) for n in d.get("near_misses") or []],
                follow_ups=[dict(n) for n in d.get("follow_ups") or []],
                declines=[dict(n) for n in d.get("declines") or []],
                languages=dict(d.get("languages") or {}),
            )
        except KeyError as exc:
            raise UserError(f"skill manifest {source} lacks the required key {exc.args[0]!r}") from None
        try:
            jsonschema.Draft202012Validator.check_schema(m.arguments)
        except jsonschema.SchemaError as exc:
            raise UserError(
                f"skill manifest {source}: arguments is not a valid JSON schema ({exc.message})"
            ) from None
        _check_entries(source, "near_misses", m.near_misses, ("offer", "say"), "a regex 'when' and a 'say' or an 'offer'")
        _check_entries(source, "declines", m.declines, ("say",), "a regex 'when' and a 'say'")
        _check_entries(source, "follow_ups", m.follow_ups, (), "a regex 'when' and may have 'args' and 'keep'")
        return m

    @property
    def required(self) -> list[str]:
        return list(self.arguments.get("required", []))

    def for_language(self, language: str) -> Manifest | None:
        """The manifest with the sentences of `language` (the base manifest is English); None when the
        skill has no sentences in that language (the language model may still route to it)."""
        if language.split("-")[0].split("_")[0] == "en":
            return self
        block = self.languages.get(language)
        if block is None:
            return None
        return replace(
            self,
            templates=list(block.get("templates") or []),
            lists=dict(block.get("lists") or {}),
            expansion_rules=dict(block.get("expansion_rules") or {}),
            answers=dict(block.get("answers") or {}),
            questions={**self.questions, **(block.get("questions") or {})},
        )


Handler = Callable[[dict[str, Any], "SkillContext"], Awaitable[Reply]]


# a skill's sentence-template values known only from the user's configuration (draft_email: the names in
# the address book), {list name: values}; the handler module's optional `slot_lists(config)`
SlotLists = Callable[["Config"], dict[str, list[str]]]
# the arguments of a command this skill was chosen for, read from its words without the language model
# (the handler module's optional `read_args(text)`); None when the words hold something only the model
# can place. Dates, lengths and zone names are parsed better by code than written by a 0.5B model, in a
# millisecond instead of ~0.5 s
ArgReader = Callable[[str], "dict[str, Any] | None"]
# whether a question matching one of the skill's `weak` follow-ups is about what it last answered, from
# the state its handler kept (the handler module's optional `knows(question, state)`): then the question
# is the skill's even when the classifier found another skill in its words (summarize: the text just
# summarized holds the question's words, "who is writing the job ads" is no chit-chat)
Knows = Callable[[str, dict[str, Any]], bool]
# why the skill cannot do what a near miss would offer ("did alice email me": no email from alice), found
# cheaply before "Shall I?" is asked (the handler module's optional `unavailable(args, ctx)`); None: it can
Unavailable = Callable[[dict[str, Any], "SkillContext"], "str | None"]


@dataclass(frozen=True)
class Skill:
    manifest: Manifest
    handle: Handler
    source: str
    slot_lists: SlotLists | None = None
    read_args: ArgReader | None = None
    knows: Knows | None = None
    unavailable: Unavailable | None = None

    @property
    def name(self) -> str:
        return self.manifest.name

    def _errors(self, args: dict[str, Any]) -> list[jsonschema.ValidationError]:
        return list(jsonschema.Draft202012Validator(self.manifest.arguments).iter_errors(args))

    def validate(self, args: dict[str, Any]) -> str | None:
        """None when args fit the schema apart from missing required ones (the dialogue asks for
        those), else a short reason."""
        bad = [e for e in self._errors(args) if e.validator != "required"]
        return bad[0].message if bad else None

    def without_bad_options(self, args: dict[str, Any]) -> dict[str, Any]:
        """args without an optional text argument the schema refuses: a name run on into the rest of the
        sentence ("check the oven and in 10 minutes to take it out" is too long for a timer's name) is
        left out rather than the whole command refused."""
        required = set(self.manifest.arguments.get("required", []))
        bad = {e.path[0] for e in self._errors(args)
               if e.validator in ("maxLength", "minLength") and e.path and e.path[0] not in required}
        return {k: v for k, v in args.items() if k not in bad}

    def read(self, text: str) -> dict[str, Any] | None:
        """The skill's own reading of its arguments from the words (`read_args`), or None. A plugin's
        reader that raises counts as None (logged): it must not end the turn."""
        if self.read_args is None:
            return None
        try:
            return self.read_args(text)
        except Exception:
            logging.getLogger(__name__).exception("%s.read_args failed on %r", self.name, text[:200])
            return None

    def knows_about(self, question: str, state: dict[str, Any]) -> bool:
        """The handler's `knows` (False without one; a plugin's that raises counts as False, logged)."""
        if self.knows is None:
            return False
        try:
            return bool(self.knows(question, state))
        except Exception:
            logging.getLogger(__name__).exception("%s.knows failed on %r", self.name, question[:200])
            return False

    def cannot(self, args: dict[str, Any], ctx: SkillContext) -> str | None:
        """The handler's `unavailable` (None without one; one that raises counts as None, logged)."""
        try:
            return self.unavailable(args, ctx) if self.unavailable is not None else None
        except Exception:
            logging.getLogger(__name__).exception("%s.unavailable failed on %r", self.name, args)
            return None

    def missing(self, args: dict[str, Any]) -> list[str]:
        """Required arguments not given, including conditional ones (if/then in the schema)."""
        out: list[str] = []
        for e in self._errors(args):
            if e.validator == "required":
                for name in e.validator_value:
                    if name not in args and name not in out:
                        out.append(name)
        return out


@dataclass
class SkillContext:
    config: Config
    clock: Callable[[], float]  # pipeline clock, seconds
    scheduler: Scheduler
    skill: str = ""
    state: dict[str, Any] = field(default_factory=dict)
    llm_load: Loading[Any] | None = None  # the language model (maybe still loading), if configured
    wall_clock: Callable[[], datetime] | None = None
    utterance: str = ""  # what the user said that started this run (chit-chat answers it)
    # the same words as the recognizer wrote them, with its stops and capitals ("... at three. Bring the
    # slides."), when it writes them (Whisper); "" for typed text and the other recognizers: a dictated
    # email keeps its sentences (mail/dictated.as_typed)
    written: str = ""
    command: str = ""  # when this run answers the skill's question: the command asked about ("set a timer for the laundry")
    shown: dict[str, Any] | None = None  # the last reply's card: what "it" is ("reply to it" after an email was read)
    manifest: Manifest | None = None  # the skill's own (its system_prompt ...), set by the dialogue
    capabilities: str = ""  # what the assistant's skills do, as a phrase ("set timers or tell the weather")
    user_name: str = ""  # what the user asked to be called ("call me chip"), else [email] name, else ""
    helps: tuple[tuple[frozenset[str], str], ...] = ()  # each skill's topic words and `help` (turn.helps)
    # the folders whose files a skill may read for this caller: None for the user at this machine, the
    # [wyoming] file_folders for a Wyoming client (anyone who reaches the port)
    readable_folders: list[Path] | None = None

    @property
    def llm(self) -> Any:
        """The language model (chit-chat, drafting, summaries) or None; its first use waits for it
        while it loads in the background."""
        return self.llm_load.get() if self.llm_load is not None else None

    def now(self) -> datetime:
        if self.wall_clock is not None:
            return self.wall_clock()
        tz = ZoneInfo(self.config.timezone) if self.config.timezone else None
        return datetime.now(tz).astimezone(tz) if tz else datetime.now().astimezone()

    def schedule_in(self, seconds: float, text: str, key_prefix: str, data: dict | None = None) -> Due:
        due = Due(
            self.clock() + seconds, self.scheduler.new_key(key_prefix), text, self.skill, True, data or {}
        )
        self.scheduler.add(due)
        return due
