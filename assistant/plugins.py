"""The skill plugin API and discovery.

A skill is data plus one async handler: a manifest (name, description, JSON schema of its arguments,
hassil sentence templates, examples) and `async def handle(args, ctx) -> Reply`. Built-in skills in
assistant/skills/ (inside the package, so a wheel carries them) load through exactly the same path as a
third party's: a folder with manifest.yaml and handler.py, or an entry point in the `assistant.skills`
group naming such a module.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field, replace
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import jsonschema
import yaml

from .config import Config
from .errors import UserError
from .yamlfile import parse_yaml

if TYPE_CHECKING:
    from .skill_context import SkillContext

log = logging.getLogger(__name__)
BUILTIN_SKILLS_DIR = Path(__file__).resolve().parent / "skills"
ENTRY_POINT_GROUP = "assistant.skills"


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
    # dropped if the words turn out different (assistant/brain/ahead.py)
    read_only: bool = False
    slow: bool = False  # usually takes over a second (a model writes, the network): say "one moment" first
    answers: dict[str, list[str]] = field(default_factory=dict)  # argument -> answer templates
    capability: str = ""  # a short phrase for "I can ...", e.g. "set timers"
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


@dataclass(frozen=True)
class Skill:
    manifest: Manifest
    handle: Handler
    source: str

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

    def missing(self, args: dict[str, Any]) -> list[str]:
        """Required arguments not given, including conditional ones (if/then in the schema)."""
        out: list[str] = []
        for e in self._errors(args):
            if e.validator == "required":
                for name in e.validator_value:
                    if name not in args and name not in out:
                        out.append(name)
        return out


def _import_file(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise UserError(f"cannot import skill handler {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_skill_folder(folder: Path) -> Skill:
    manifest_path = folder / "manifest.yaml"
    handler_path = folder / "handler.py"
    if not manifest_path.is_file() or not handler_path.is_file():
        raise UserError(f"skill folder {folder} needs manifest.yaml and handler.py")
    try:
        data = parse_yaml(manifest_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise UserError(f"{manifest_path} is not valid YAML ({exc})") from None
    manifest = Manifest.from_dict(data, str(manifest_path))
    module = _import_file(f"assistant_skill_{manifest.name}", handler_path)
    return _skill_from_module(module, manifest, str(folder))


def _skill_from_module(module: ModuleType, manifest: Manifest, source: str) -> Skill:
    handle = getattr(module, "handle", None)
    if handle is None:
        raise UserError(f"skill {manifest.name} ({source}) has no `async def handle(args, ctx)`")
    return Skill(manifest, handle, source)


def load_entry_point(ep) -> Skill:
    obj = ep.load()
    if isinstance(obj, Skill):
        return obj
    if isinstance(obj, ModuleType):
        folder = Path(obj.__file__ or "").parent
        if (folder / "manifest.yaml").is_file():
            data = parse_yaml((folder / "manifest.yaml").read_text(encoding="utf-8"))
            return _skill_from_module(obj, Manifest.from_dict(data, ep.value), ep.value)
        if hasattr(obj, "MANIFEST"):
            return _skill_from_module(obj, Manifest.from_dict(obj.MANIFEST, ep.value), ep.value)
    raise UserError(
        f"entry point {ep.name} = {ep.value} is not a skill (needs manifest.yaml or MANIFEST and handle)"
    )


def discover_skills(config: Config) -> dict[str, Skill]:
    """Skills from the built-in folder, the configured folders, then entry points. Later ones with the
    same name are rejected so a plugin cannot silently replace a built-in skill."""
    skills: dict[str, Skill] = {}

    def add(skill: Skill) -> None:
        if skill.name in config.skills.disabled:
            return
        if skill.name in skills:
            log.warning(
                "skill %s from %s ignored: already loaded from %s",
                skill.name,
                skill.source,
                skills[skill.name].source,
            )
            return
        skills[skill.name] = skill

    folders = [BUILTIN_SKILLS_DIR, *(Path(d).expanduser() for d in config.skills.dirs)]
    for root in folders:
        if not root.is_dir():
            raise UserError(f"skills folder {root} does not exist; fix [skills] dirs in the config")
        for folder in sorted(p for p in root.iterdir() if (p / "manifest.yaml").is_file()):
            add(load_skill_folder(folder))
    if config.skills.entry_points:
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            add(load_entry_point(ep))
    return skills
