"""The [email] config section, validated here so a typo gets one clear line naming the key."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..config import skill_section
from ..errors import UserError
from ..paths import drafts_maildir


class SmtpSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    host: str
    port: int | None = Field(None, ge=1, le=65535)  # default by security: 25, 587 (starttls), 465 (ssl)
    security: Literal["none", "starttls", "ssl"] = "starttls"
    username: str | None = None
    password_env: str | None = None  # name of the environment variable holding the password
    password: str | None = None  # discouraged; password_env keeps it out of the file
    ca_file: str | None = None  # extra CA bundle for a private or self-signed server certificate
    timeout_s: float = Field(10.0, gt=0)

    @property
    def effective_port(self) -> int:
        return self.port or {"none": 25, "starttls": 587, "ssl": 465}[self.security]

    def resolve_password(self) -> str | None:
        if self.password_env:
            value = os.environ.get(self.password_env)
            if value is None:
                raise UserError(
                    f"[email.smtp] password_env names {self.password_env}, but that environment "
                    "variable is not set"
                )
            return value
        return self.password


class EmailSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    # the Maildir root; drafts go to its Maildir++ folder .Drafts. Default: Mail/ in the data folder, so
    # drafting works before any setup (sending needs [email.smtp])
    maildir: str | None = None
    contacts: str | None = None  # a vCard (.vcf) file
    address_book: dict[str, str] = {}  # spoken name -> "Full Name <addr>" (the simple list)
    address: str | None = None  # the user's own address, used as From
    name: str | None = None  # the user's name, used to sign drafts
    drafts_folder: str = "Drafts"
    sent_folder: str = "Sent"
    smtp: SmtpSettings | None = None

    @property
    def maildir_path(self) -> Path:
        return Path(self.maildir).expanduser() if self.maildir else drafts_maildir()

    @property
    def from_address(self) -> str | None:
        if self.address:
            return self.address
        if self.smtp and self.smtp.username and "@" in self.smtp.username:
            return self.smtp.username
        return None


def email_settings(section: dict[str, Any]) -> EmailSettings:
    """Validate [email]; raises ConfigError with the first problem."""
    return skill_section(EmailSettings, "email", section, "see README's email section")
