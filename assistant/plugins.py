"""Skill discovery: finding and loading skills (what a skill is and gets is assistant/skill_api.py).

Built-in skills in assistant/skills/ (inside the package, so a wheel carries them) load through exactly
the same path as a third party's: a folder with manifest.yaml and handler.py, or an entry point in the
`assistant.skills` group naming such a module.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType

import yaml

from .config import Config
from .errors import UserError
from .skill_api import Handler, Manifest, Reply, Skill
from .yamlfile import parse_yaml

# Handler, Manifest, Reply and Skill were defined here before skill_api.py: third-party skills written
# then import them from this module, which keeps them (skill_api imports nothing of plugins: no cycle)
__all__ = ["Handler", "Manifest", "Reply", "Skill", "discover_skills", "load_entry_point", "load_skill_folder"]

log = logging.getLogger(__name__)
BUILTIN_SKILLS_DIR = Path(__file__).resolve().parent / "skills"
ENTRY_POINT_GROUP = "assistant.skills"


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
    optional = (getattr(module, name, None) for name in ("slot_lists", "read_args", "knows", "unavailable"))
    return Skill(manifest, handle, source, *optional)


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
