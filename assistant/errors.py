"""Errors a user can fix: the CLI prints the message as one line and exits non-zero.

Exit statuses (README, "Exit status"): the kind of error decides the status, so a service manager can
tell a mistake that a restart cannot fix (usage, configuration) from a device that may come back.
Usage and configuration follow sysexits.h (64 EX_USAGE, 78 EX_CONFIG; a missing device is 69
EX_UNAVAILABLE).
"""

EXIT_OK = 0
EXIT_FAILED = 1  # the command ran, and some of its work failed (listen: a bad file; doctor: cannot run)
EXIT_INPUT = 2  # the request cannot be done as given: a file that is not audio, an unknown model name ...
EXIT_TEXT_ONLY = 3  # doctor: the assistant runs, but without sound (no microphone or no speakers)
EXIT_USAGE = 64  # the command line is wrong (unknown option, missing argument)
EXIT_UNAVAILABLE = 69  # a device is missing (no microphone): may be plugged in later, so worth a retry
EXIT_CONFIG = 78  # the configuration file is missing, not TOML, or has a bad setting: a retry cannot help
EXIT_INTERRUPTED = 130


class UserError(Exception):
    """Something in the user's input, config or machine is wrong; the message says how to fix it."""

    exit_code = EXIT_INPUT


class ConfigError(UserError):
    """The configuration (file or one of its settings) is wrong."""

    exit_code = EXIT_CONFIG


class DeviceError(UserError):
    """An audio device the command needs is missing or went away."""

    exit_code = EXIT_UNAVAILABLE
