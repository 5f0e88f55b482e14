"""SkillContext moved to assistant/skill_api.py with the rest of the skill API; third-party skills written
before that import it from here."""

from .skill_api import SkillContext

__all__ = ["SkillContext"]
