"""The accessibility record: made only from a complete run, read back with line numbers."""

import json
from datetime import date

import pytest

from accessibility_record.record import read_record
from sitebuild.accessibility import record_from

VERSIONS = {"axe-core": "1.0", "Nu Html Checker": "2.0", "Lighthouse": "3.0"}


def axe(kind, scheme, violations=0):
    return {
        "judge": "axe-core",
        "page_type": kind,
        "scheme": scheme,
        "violations": violations,
        "chromium": "100.0",
    }


def test_a_record_needs_every_page_type_in_every_scheme_and_the_nu_checker():
    nu = {"judge": "Nu Html Checker", "pages": 12, "errors": 0}
    entries = [axe("home", "light"), axe("home", "dark"), axe("fees", "light"), nu]
    with pytest.raises(ValueError, match=r"fees \(dark\)"):
        record_from(entries, ["home", "fees"], ["light", "dark"], VERSIONS, date(2026, 1, 2))
    with pytest.raises(ValueError, match="Nu Html Checker"):
        record_from(entries[:2], ["home"], ["light", "dark"], VERSIONS, date(2026, 1, 2))
    record = record_from(entries, ["home"], ["light", "dark"], VERSIONS, date(2026, 1, 2))
    assert record["date"] == "2026-01-02" and record["tools"]["Chromium"] == "100.0"
    assert record["axe_violations"] == 0 and record["nu_pages"] == 12


def test_the_record_reads_back_and_problems_name_their_line(tmp_path):
    nu = {"judge": "Nu Html Checker", "pages": 3, "errors": 0}
    record = record_from([axe("home", "light"), nu], ["home"], ["light"], VERSIONS, date.today())
    path = tmp_path / "run.json"
    path.write_text(json.dumps(record, indent=2))
    read, problems = read_record(str(path), path.read_text())
    assert problems == [] and read["day"] == date.today() and read["tools"] == record["tools"]
    record["date"] = "30/11/2026"
    del record["tools"]["Lighthouse"]
    path.write_text(json.dumps(record, indent=2))
    read, problems = read_record(str(path), path.read_text())
    assert read is None
    assert {(p.line, p.message) for p in problems} == {
        (2, "the record's date is not YYYY-MM-DD"),
        (4, "no Lighthouse version"),
    }
    _, problems = read_record(str(path), "{\n  oops\n}")
    assert problems[0].line == 2 and "not valid JSON" in problems[0].message
