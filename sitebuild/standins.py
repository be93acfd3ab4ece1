"""Stand-in practice values for the tests and the benchmark: plainly not real, never
published. Every name in PRACTICE_SETTINGS gets one, so a new practice setting needs no edit
here."""

from __future__ import annotations

from datetime import date

STAND_INS: dict[str, object] = {
    "THERAPIST_NAME": "Test Therapist",
    "THERAPIST_CREDENTIALS": "TEST-CRED",
    "LICENSE_TYPE": "Test License Type",
    "LICENSE_NUMBER": "TEST-000",
    "LICENSE_STATES": "Test State",
    "TELEHEALTH_STATES": "Test State",
    "PRACTICE_NAME": "Test Practice",
    "PRACTICE_LOCATION": "Test City",
    "CONTACT_EMAIL": "practice@test.invalid",
    "BOOKING_URL": "https://booking.test.invalid/consultation",
    "BOOKING_VENDOR": "Test Booking Service",
    "PRESCRIBER": "Test Prescriber, MD",
    "DOSING_SETTING": "Test dosing setting",
    "AFTER_HOURS_CONTACT": "Test after-hours line",
    "NOTICE_OF_PRIVACY_PRACTICES_URL": "https://practice.test.invalid/notice-of-privacy-practices",
    "PRIVACY_EFFECTIVE_DATE": "2026-01-01",
    "FEES": [["Test service", "Test price"], ["Test other service", "Test other price"]],
    "INSURANCE": "Test insurance terms",
    "ACCEPTING_NEW_CLIENTS": True,
}


def practice_values(names: list[str]) -> dict[str, object]:
    """A stand-in for each practice setting in `names` (SITEURL comes from the environment)."""
    values = {}
    for name in names:
        if name == "SITEURL":
            continue
        if name == "AVAILABILITY_AS_OF":
            # Confirmed today: a publish refuses an availability date older than 90 days.
            values[name] = date.today().isoformat()
        elif name in STAND_INS:
            values[name] = STAND_INS[name]
        elif name.endswith("_URL"):
            values[name] = f"https://practice.test.invalid/{name.lower().replace('_', '-')}"
        else:
            values[name] = f"Test {name.replace('_', ' ').lower()}"
    return values


def stand_in_practice() -> dict[str, object]:
    """Stand-ins for every practice setting pelicanconf.py lists."""
    from pathlib import Path

    from pelican.settings import read_settings

    config = Path(__file__).resolve().parents[1] / "pelicanconf.py"
    return practice_values(read_settings(str(config))["PRACTICE_SETTINGS"])


def sign_off(content_folder, day) -> list:
    """A test copy signed off as if the therapist had reviewed it on `day` (a date): `Reviewed:`
    after the last field of every post and of every page in CLINICAL_PAGES, replacing any
    `Reviewed:` line already there. Only for copies the tests and the benchmark build: the real
    content is signed off by the therapist alone. Returns the files it changed."""
    from pathlib import Path

    from pelican.settings import read_settings

    folder = Path(content_folder)
    config = Path(__file__).resolve().parents[1] / "pelicanconf.py"
    pages = read_settings(str(config)).get("CLINICAL_PAGES", [])
    paths = sorted((folder / "posts").rglob("*.md")) + [folder / page for page in pages]
    changed = []
    for path in paths:
        if not path.is_file():
            continue
        head, blank, body = path.read_text(encoding="utf-8").partition("\n\n")
        lines = [line for line in head.split("\n") if not line.lower().startswith("reviewed:")]
        lines.append(f"Reviewed: {day:%Y-%m-%d}")
        path.write_text("\n".join(lines) + (blank or "\n") + body, encoding="utf-8")
        changed.append(path)
    return changed
