"""The wake-word spotter the configuration asks for: keyword spotting for any phrase (calibrated per
phrase, with the second check), or a trained model (listen/trained.py)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from ..text import normalize
from .calibrate import Calibration, calibrate, load_calibration, save_calibration

log = logging.getLogger(__name__)
# calibrations that ship with the package: the default phrase needs no calibration run on first start
BUILTIN_DIR = Path(__file__).with_name("calibrations")


def find_calibration(phrase: str, folder: Path | None = None) -> Calibration | None:
    return load_calibration(phrase, folder) or load_calibration(phrase, BUILTIN_DIR)


def make_spotter(
    config,
    phrases: list[str] | None = None,
    calibration_dir: Path | None = None,
    transcribe: Callable[[bytes, str], str | None] | None = None,
):
    """transcribe: the recognizer (None while it loads) for detections below a phrase's calibration."""
    w = config.wake
    phrases = [normalize(p) for p in (phrases or w.phrases)]
    if w.engine == "micro":
        from .trained import MicroWake

        return MicroWake(phrases, w.cutoff)
    if w.engine == "openwakeword":
        from .trained import OpenWakeWordWake

        return OpenWakeWordWake(phrases, w.cutoff, w.lookahead_s)
    from .wake import PocketsphinxWake

    cals = {p: find_calibration(p, calibration_dir) for p in phrases}
    checked = recognizer_checks(w)
    sure = {p: c.sure_score(checked) for p, c in cals.items() if c}
    if checked and sure:
        from .verify import VERIFY_FLOOR, VerifiedWake

        floor = {p: min(s, VERIFY_FLOOR) for p, s in sure.items()}
        return VerifiedWake(PocketsphinxWake(phrases, w.threshold, floor), sure, transcribe)
    spotter = PocketsphinxWake(phrases, w.threshold, sure)
    if w.confirm:
        from .confirm import ConfirmedWake

        return ConfirmedWake(spotter)
    return spotter


_running: dict[str, threading.Thread] = {}


def calibrate_missing(config, calibration_dir: Path | None = None) -> list[str]:
    """Phrases without a stored calibration are calibrated in a background thread (a few minutes on two
    cores); until it is stored the spotter uses [wake] threshold, and gates made afterwards use the
    calibration. Returns the phrases being calibrated."""
    w = config.wake
    if w.engine != "kws" or not w.calibrate:
        return []
    todo = [normalize(p) for p in w.phrases if find_calibration(p, calibration_dir) is None]
    todo = [p for p in todo if p not in _running or not _running[p].is_alive()]

    def work(phrase: str) -> None:
        try:
            cal = calibrate(phrase, config.tts.voice if config.tts.engine == "piper" else None)
            path = save_calibration(cal, calibration_dir)
            log.info("wake phrase %r calibrated (%s): %s", phrase, path, cal.summary())
        except Exception as exc:  # a voice that cannot load: keep listening with the threshold
            log.warning("calibrating the wake phrase %r failed: %s", phrase, exc)

    for phrase in todo:
        t = threading.Thread(target=work, args=(phrase,), name=f"calibrate-{phrase}", daemon=True)
        _running[phrase] = t
        t.start()
    return todo


def doctor_items(config) -> list[tuple[str, bool, str, str]]:
    """(name, ok, detail, fix) for `assistant doctor`: each phrase's calibration, or the trained engine."""
    w = config.wake
    if not w.enabled:
        return []
    if w.engine != "kws":
        from ..errors import UserError

        try:
            spotter = make_spotter(config)
        except UserError as exc:
            return [(f"engine {w.engine}", False, str(exc), "pip install '.[wake]' and a phrase its models know")]
        return [(f"engine {w.engine}", True, f"trained models for {', '.join(spotter.phrases)}", "")]
    items = []
    for phrase in w.phrases:
        cal = find_calibration(phrase)
        if cal is None:
            items.append((f'"{phrase}"', False, "not calibrated (uses [wake] threshold)", f'assistant wake calibrate "{phrase}"'))
        else:
            items.append((f'"{phrase}"', True, cal.summary() + checked_below(config), ""))
    return items


def recognizer_checks(wake) -> bool:
    """Detections below a phrase's sure score go to the recognizer (listen/verify.py); the stricter
    second decode (`confirm`) replaces that check."""
    return wake.verify and not wake.confirm


def checked_below(config) -> str:
    """What happens to a detection scoring below the calibration, for `doctor` and `wake show`."""
    if not recognizer_checks(config.wake):
        return ""
    return "; below it (or below the weakest positive), a detection wakes only if the recognizer hears the phrase"
