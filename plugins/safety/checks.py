"""Clinical-safety checks: placeholders, retired crisis numbers, risky claims, the
therapist's review."""

from __future__ import annotations

import calendar
import os
import re
from dataclasses import dataclass
from datetime import date, timedelta

from kernel.problems import Problem
from kernel.settings import line_of

# Wording regulators and professional codes warn about in health marketing. A benefit is
# claimed by words such as "cure"; a risk is denied by words such as "no side effects" or
# "ketamine is safe". Either is no claim when a denial stands just before it, in the same clause:
# "not a cure", "no miracle", "is not risk-free" (see `denied`). Each claim has a lower-case text
# it cannot match without: most posts contain none, and a substring search costs a fraction of
# the regex.
SUBJECT = (
    r"(?:ketamine|esketamine|KAP|ketamine[\s-]+assisted\s+(?:psycho)?therapy|"
    r"(?:the|this)\s+(?:medicine|treatment|drug|therapy))"
)
NONE_OF = r"(?:no|without(?:\s+any)?|free\s+(?:of|from)|zero)"
WHICH = r"(?:serious|known|major|real|lasting|harmful)"


@dataclass(frozen=True)
class Claim:
    pattern: re.Pattern
    what: str  # completes "the post ...": "promises a cure"
    needle: str  # lower-case text the pattern cannot match without
    near: re.Pattern | None = None  # a claim only with this in the same sentence


CLAIMS = [
    Claim(re.compile(r"\bcur(?:e|es|ed|ing|ative)\b", re.I), "promises a cure", "cur"),
    Claim(re.compile(r"\bguarantee[ds]?\b", re.I), "promises a result", "guarantee"),
    Claim(re.compile(r"\bmiracle|\bmiraculous", re.I), "promises a miracle", "mirac"),
    Claim(re.compile(r"\bproven\s+to\b", re.I), "says 'proven to'", "proven"),
    Claim(re.compile(r"\bsafe\s+and\s+effective\b", re.I), "says 'safe and effective'", "safe"),
    Claim(
        re.compile(r"\bFDA[\s-]+approved\b", re.I),
        "says 'FDA-approved' of ketamine (it is approved only as an anesthetic)",
        "fda",
        near=re.compile(r"\bketamine\b", re.I),
    ),
    Claim(
        re.compile(r"\b100\s?(?:%|percent\b)(?!\s+safe\b)", re.I),
        "claims certainty (100%)",
        "100",
    ),
    # Risks denied.
    Claim(
        re.compile(
            rf"\b{NONE_OF}\s+(?:{WHICH}\s+)?side[\s-]+effects?\b|\bside[\s-]+effects?[\s-]+free\b",
            re.I,
        ),
        "denies side effects",
        "side",
    ),
    Claim(
        re.compile(rf"\b{NONE_OF}\s+(?:{WHICH}\s+)?risks?\b|\brisk[\s-]*free\b", re.I),
        "denies risks",
        "risk",
    ),
    Claim(
        re.compile(
            r"\b(?:completely|totally|perfectly|entirely|absolutely|100\s?%|100\s+percent)"
            r"\s+safe\b",
            re.I,
        ),
        "says it is completely safe",
        "safe",
    ),
    Claim(
        re.compile(
            rf"\b{SUBJECT}\s+(?:is|are|was|has\s+been|feels?|remains?)\s+"
            r"(?:(?:very|quite|so|\w+ly)\s+)?safe\b",
            re.I,
        ),
        "says ketamine or KAP is safe",
        "safe",
    ),
    Claim(re.compile(r"\bharmless\b", re.I), "says 'harmless'", "harmless"),
    Claim(
        re.compile(r"\bnon[\s-]?addictive\b|\bnot\s+addictive\b", re.I),
        "says it is not addictive",
        "addictive",
    ),
]
# Any word some claim needs, in one pattern: a post with none of them needs no closer look.
NEEDLES = re.compile("|".join(re.escape(claim.needle) for claim in CLAIMS))
# A denial in the few words before a claim: "not", "no", "never", "n't", or a hedge such as
# "whether" ("decides whether KAP is safe for you"). "not only a cure" is no denial.
DENIAL = re.compile(
    r"(?:\b(?:not|no|never|cannot|without|nor|whether|if)\b|n[’']t\b)"
    r"(?P<after>(?:\s+[\w’'-]+){0,2})\s*$",
    re.I,
)
NOT_A_DENIAL = re.compile(r"\s+(?:only|just|merely)\b", re.I)
# Where a clause ends, looking back from a claim: punctuation, a blank line or a list item.
CLAUSE_END = re.compile(r"[.;:!?,()\u2014\u2013]|\n\s*\n|\n\s*(?:[-*+]|\d+\.)\s")
SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n")
# Link targets are no text: `](https://...)` and `[label]: https://...`.
LINK_TARGET = re.compile(r"\]\(([^)\s]*)|^\s*\[[^\]]+\]:\s*(\S+)", re.M)
MARKUP = re.compile(r"[*_`]")
# A quotation in a blockquote, or an attribution such as "— a former client".
TESTIMONIAL = re.compile(
    r"^\s*>.*[\"“”]|[—–]\s*(a )?(former |happy )?(client|patient)\b", re.IGNORECASE | re.MULTILINE
)
TESTIMONIAL_MARKS = [">", "\u2014", "\u2013"]  # a blockquote, or an em or en dash
# `Accept-claims: "not a cure", "FDA-approved as an anesthetic"`: straight or curly quotes.
QUOTED = re.compile(r'\s*(?:"([^"]*)"|“([^”]*)”)\s*(?:,|$)')
ACCEPT_EXAMPLE = 'Accept-claims: "FDA-approved as an anesthetic", "another phrase"'
MIN_ACCEPTED_WORDS = 3


def placeholder_settings(settings: dict) -> list[str]:
    """Names in PRACTICE_SETTINGS whose value still holds the placeholder marker."""
    marker = settings["PLACEHOLDER_MARKER"].lower()
    return [
        name
        for name in settings["PRACTICE_SETTINGS"]
        if not isinstance(settings.get(name), bool)  # True and False are answers
        and (marker in str(settings.get(name, "")).lower() or not settings.get(name))
    ]


def placeholder_problems(settings: dict, config_path: str) -> list[Problem]:
    problems = []
    for name in placeholder_settings(settings):
        if name == "SITEURL":
            problems.append(
                Problem(
                    config_path,
                    line_of(config_path, "SITEURL"),
                    "SITEURL is not set for publishing",
                    "give the site's address: SITEURL=https://your-domain make publish",
                )
            )
        else:
            problems.append(
                Problem(
                    config_path,
                    line_of(config_path, name),
                    f"{name} still holds its placeholder ({settings.get(name)!r})",
                    f"set {name} in pelicanconf.py to the real value",
                )
            )
    return problems


def accepted_phrases(value: str) -> list[str] | None:
    """The quoted phrases of an `Accept-claims:` value; None when it is not written as quoted
    phrases separated by commas (the old form, `Accept-claims: cure`, accepted a word anywhere)."""
    phrases, at = [], 0
    while at < len(value) and value[at:].strip():
        match = QUOTED.match(value, at)
        if not match:
            return None
        phrases.append((match.group(1) or match.group(2) or "").strip())
        at = match.end()
    return phrases


def phrase_pattern(phrase: str) -> re.Pattern:
    """`phrase` as it may stand in the text: any case, a hyphen or space (or a line break)
    between words, straight or curly apostrophes, emphasis marks around words."""
    words = [w for w in re.split(r"[\s\-\u2010\u2011\u2013*_]+", phrase) if w]
    parts = [re.escape(w).replace("'", "['’]").replace("’", "['’]") for w in words]
    return re.compile(r"(?<!\w)" + r"[\s\-\u2010\u2011\u2013*_]+".join(parts) + r"(?!\w)", re.I)


def mask_link_targets(body: str) -> str:
    """The body with link addresses blanked (same length, so offsets and lines still hold)."""

    def targets(match: re.Match) -> str:
        text = match.group(0)
        for index in (1, 2):
            if match.group(index):
                start = match.start(index) - match.start()
                end = match.end(index) - match.start()
                text = text[:start] + " " * (end - start) + text[end:]
        return text

    return LINK_TARGET.sub(targets, body)


def denied(text: str, start: int) -> bool:
    """Whether a denial ("not", "no", "never", "n't", "whether") stands within two words before
    `start`, in the same clause: "not a cure", "is not risk-free"."""
    before = text[max(0, start - 80) : start]
    ends = list(CLAUSE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    before = MARKUP.sub("", before)
    match = DENIAL.search(before)
    return bool(match) and not NOT_A_DENIAL.match(match.group("after"))


def in_sentence(text: str, start: int, end: int, near: re.Pattern) -> bool:
    """Whether `near` matches in the sentence holding text[start:end]."""
    ends = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    first = ends[-1] if ends else 0
    after = SENTENCE_END.search(text, end)
    return bool(near.search(text, first, after.start() if after else len(text)))


def claims_in(text: str) -> list[tuple[int, int, Claim]]:
    """(start, end, claim) of every claim in `text`, earliest first; a denial is no claim, and
    of two claims on the same words the first in CLAIMS counts."""
    lowered = text.lower()
    found: list[tuple[int, int, Claim]] = []
    for claim in CLAIMS:
        if claim.needle not in lowered:
            continue
        for match in claim.pattern.finditer(text):
            start, end = match.span()
            if denied(text, start):
                continue
            if claim.near and not in_sentence(text, start, end, claim.near):
                continue
            if any(start < other_end and other_start < end for other_start, other_end, _ in found):
                continue
            found.append((start, end, claim))
    return sorted(found, key=lambda item: item[0])


def words_around(text: str, start: int, end: int) -> str:
    """The claim with up to two words either side on its line: a phrase to accept it by."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = re.findall(r"\S+", text[line_start:start])[-2:]
    after = re.findall(r"\S+", text[end:line_end])[:2]
    phrase = " ".join([*before, text[start:end], *after])
    return MARKUP.sub("", phrase).strip(" .,;:!?()[]")


def claim_problems(
    path: str,
    body_start: int,
    body: str,
    accept_claims: str,
    accept_line: int,
    as_errors: bool,
) -> list[Problem]:
    """Risky claims in a post body, except where an accepted phrase of its `Accept-claims:`
    field stands around them; and problems with that field itself."""
    severity = "error" if as_errors else "warning"
    if not accept_claims and not NEEDLES.search(body.lower()) and not TESTIMONIAL.search(body):
        return []  # most posts: no word any claim needs, nothing that reads as a testimonial
    text = mask_link_targets(body)
    phrases = accepted_phrases(accept_claims)
    if phrases is None:
        return [
            Problem(
                path,
                accept_line,
                f"Accept-claims '{accept_claims}' is not a list of quoted phrases",
                "quote each phrase exactly as it stands in the text, separated by commas "
                f"({ACCEPT_EXAMPLE}); a phrase is accepted only where it stands",
            )
        ]
    found: list[Problem] = []
    accepted_spans: list[tuple[int, int]] = []
    for phrase in phrases:
        if len(re.findall(r"[\w’']+", phrase)) < MIN_ACCEPTED_WORDS:
            found.append(
                Problem(
                    path,
                    accept_line,
                    f'the accepted phrase "{phrase}" is too short to say where it stands',
                    f"quote at least {MIN_ACCEPTED_WORDS} words as they stand in the text around "
                    "the claim, so the acceptance covers that place only",
                )
            )
            continue
        spans = [m.span() for m in phrase_pattern(phrase).finditer(text)]
        if not spans:
            found.append(
                Problem(
                    path,
                    accept_line,
                    f'the accepted phrase "{phrase}" is not in the text',
                    "copy the words exactly as they stand in the text, or remove the phrase "
                    "from Accept-claims",
                    severity,
                )
            )
        accepted_spans += spans

    def body_line(offset: int) -> int:
        return body_start + body.count("\n", 0, offset)

    for start, end, claim in claims_in(text):
        if any(a <= start and end <= b for a, b in accepted_spans):
            continue
        suggestion = words_around(text, start, end)
        found.append(
            Problem(
                path,
                body_line(start),
                f"the post {claim.what}: '{MARKUP.sub('', text[start:end])}'",
                "rephrase it without promising results or denying risks; or, after review, "
                f'accept it where it stands: Accept-claims: "{suggestion}"',
                severity,
            )
        )
    if any(m in body for m in TESTIMONIAL_MARKS):
        for match in TESTIMONIAL.finditer(text):
            line = (text.rfind("\n", 0, match.start()) + 1, text.find("\n", match.start()))
            line_end = len(text) if line[1] < 0 else line[1]
            if any(line[0] <= a and b <= line_end for a, b in accepted_spans):
                continue
            found.append(
                Problem(
                    path,
                    body_line(match.start()),
                    "this looks like a client testimonial",
                    "remove it (professional codes restrict testimonials); or, after review, "
                    'accept it with a phrase from its line: Accept-claims: "..."',
                    severity,
                )
            )
    return sorted(set(found))


def next_review(reviewed: date, months: int) -> date:
    """The day a review `months` after `reviewed` falls due (the month's last day when the
    month is shorter)."""
    index = reviewed.month - 1 + months
    year, month = reviewed.year + index // 12, index % 12 + 1
    return date(year, month, min(reviewed.day, calendar.monthrange(year, month)[1]))


def review_problems(
    path: str,
    kind: str,
    reviewed: date | None,
    line: int,
    months: int,
    today: date,
    as_errors: bool,
) -> list[Problem]:
    """What keeps a post or clinical page (`kind`) from being signed off: no `Reviewed:` date
    (`line` is where it should go), a date in the future, or a review past its due date.
    Warnings in the preview, errors when publishing (a date in the future is always an error)."""
    severity = "error" if as_errors else "warning"
    if reviewed is None:
        return [
            Problem(
                path,
                line,
                f"this {kind} has not been reviewed by the practice (no 'Reviewed:' date)",
                "once the therapist has read and approved it, add the line "
                f"'Reviewed: {today:%Y-%m-%d}' (the day of that review) after the last field",
                severity,
            )
        ]
    # A day's grace: the therapist's calendar and the build machine's clock may differ by a
    # time zone.
    if reviewed > today + timedelta(days=1):
        return [
            Problem(
                path,
                line,
                f"the review date {reviewed:%Y-%m-%d} is in the future",
                "set 'Reviewed:' to the day the therapist read and approved it",
            )
        ]
    due = next_review(reviewed, months)
    if today < due:
        return []
    return [
        Problem(
            path,
            line,
            f"the review of this {kind} is overdue: last reviewed {reviewed:%Y-%m-%d}, "
            f"next review due {due:%Y-%m-%d}",
            "read it again, update what has changed, then set 'Reviewed:' to the day of that "
            "review",
            severity,
        )
    ]


def forbidden_in_output(
    output_path: str, phrases: list[str], sources: dict[str, str] | None = None
) -> list[Problem]:
    """Every written file that contains a retired or forbidden phrase (the old 1-800 lifeline).

    `sources` maps a page (relative to the output) to the file it was made from: when the
    phrase is in that file, the problem names its line there, where the therapist can fix it."""
    problems = []
    needles = [p.lower().encode() for p in phrases]
    for directory, _subdirs, names in os.walk(output_path):
        for name in names:
            if not name.endswith((".html", ".xml", ".txt", ".json", ".js")):
                continue
            path = os.path.join(directory, name)
            with open(path, "rb") as handle:
                data = handle.read().lower()
            for phrase, needle in zip(phrases, needles, strict=True):
                at = data.find(needle)
                if at < 0:
                    continue
                where = path, data.count(b"\n", 0, at) + 1
                source = (sources or {}).get(os.path.relpath(path, output_path))
                if source:
                    where = line_of_phrase(source, needle) or where
                problems.append(
                    Problem(
                        *where,
                        f"the retired crisis number '{phrase}' appears",
                        "replace it with 988 (call or text); the old "
                        "number is no longer the lifeline",
                    )
                )
    return problems


def line_of_phrase(path: str, needle: bytes) -> tuple[str, int] | None:
    """(path, line) of `needle` (lower-case bytes) in the file at `path`, or None."""
    try:
        with open(path, "rb") as handle:
            data = handle.read().lower()
    except OSError:
        return None
    at = data.find(needle)
    return None if at < 0 else (path, data.count(b"\n", 0, at) + 1)
