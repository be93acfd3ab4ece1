"""The shared kernel: the one field reader, the problem channel, settings and the speed guard."""

import pytest

from kernel import settings, speedups
from kernel.frontmatter import decode, parse
from kernel.problems import BuildStopped, Channel, Problem, annotation


def problems_of(text: str) -> list[str]:
    return [f"{p.line}: {p.message}" for p in parse("x.md", text).problems]


def test_fields_end_at_the_first_blank_line_and_keep_their_lines():
    source = parse("x.md", "Title: A\nStatus : draft\nTags: a, b\n\nText.\n")
    assert source.get("status") == "draft" and source.line_of("tags") == 3
    assert source.body == "Text.\n" and source.body_start == 5 and not source.problems


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Title: A\nSummary: one\ntwo\nDate: 2024-01-01\n\nText", "3: this line is not a field"),
        ("Title: A\nContent note: x\n\nText", "2: the field name 'Content note' has a space"),
        ("Title: A\n\nStatus: draft\n\nText", "3: the fields continue after a blank line"),
        ("+++\ntitle = 'A'\n+++\n\nText", "1: the file starts with TOML front matter"),
        ("---\ntitle: A\n---\n\nText", "1: the file starts with YAML front matter"),
        ("\nTitle: A\n\nText", "1: the file starts with 1 blank line"),
        ("", "1: the file is empty"),
    ],
)
def test_a_header_that_would_be_misread_is_a_problem_on_its_line(text, expected):
    found = problems_of(text)
    assert any(line.startswith(expected) for line in found), found


def test_a_body_paragraph_that_only_looks_like_a_field_is_text():
    assert problems_of("Title: A\n\nNote: this is a sentence.\n") == []


def test_line_endings_and_byte_order_mark_are_read_as_meant():
    text = decode("x.md", "\ufeffTitle: A\rDate: 2024-01-01\r\n\rText\r".encode())
    source = parse("x.md", text)
    assert source.get("date") == "2024-01-01" and source.body == "Text\n"


def test_annotation_names_the_file_from_the_repository_root(monkeypatch, tmp_path):
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    problem = Problem(str(tmp_path / "content/posts/a.md"), 3, "bad: a, b\nc", "fix it")
    assert annotation(problem) == (
        "::error file=content/posts/a.md,line=3,title=Content problem::bad: a, b%0Ac. Fix: fix it"
    )
    warning = Problem(str(tmp_path / "x,y.md"), 1, "m", "f", severity="warning")
    assert annotation(warning).startswith("::warning file=x%2Cy.md,line=1,title=Content warning::")


def test_flush_stops_with_exit_code_2_and_annotates_only_in_actions(monkeypatch, capsys):
    channel = Channel()
    channel.report(Problem("a.md", 1, "m", "f"))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    with pytest.raises(BuildStopped) as stopped:
        channel.flush()
    assert stopped.value.code == 2 and channel.problems == []
    assert "::error file=a.md,line=1," in capsys.readouterr().err
    monkeypatch.delenv("GITHUB_ACTIONS")
    channel.report(Problem("a.md", 1, "m", "f", severity="warning"))
    channel.flush()  # a warning alone never stops a build
    assert "::" not in capsys.readouterr().err


def test_settings_get_defaults_and_a_wrong_one_is_named_with_its_line(tmp_path, monkeypatch):
    config = tmp_path / "pelicanconf.py"
    config.write_text('SITENAME = "x"\nWIDTHS = "wide"\n')
    declared = [
        settings.Setting("WIDTHS", [1], settings.list_of(settings.whole_number(1)), "a list"),
        settings.Setting("FLAG", True, settings.boolean, "True or False"),
    ]
    values = {"WIDTHS": "wide"}
    monkeypatch.setattr(settings.channel, "problems", [])
    settings.apply(values, declared, str(config))
    assert values["FLAG"] is True
    (problem,) = settings.channel.problems
    assert (problem.path, problem.line) == (str(config), 2) and "WIDTHS" in problem.message
    assert settings.channel.settings_failed
    settings.channel.reset()


def test_speed_mechanisms_run_only_on_tested_versions_and_with_speedups_on(monkeypatch):
    monkeypatch.setattr(settings.channel, "problems", [])
    assert speedups.allowed({"SPEEDUPS": True}, "x", ("pelican",))
    assert not speedups.allowed({"SPEEDUPS": False}, "x", ("pelican",))
    monkeypatch.setitem(speedups.WRITTEN_FOR, "pelican", "0.0.1")
    assert not speedups.allowed({"SPEEDUPS": True}, "a mechanism", ("pelican",))
    assert not speedups.allowed({"SPEEDUPS": True}, "a mechanism", ("pelican",))
    warnings = [p for p in settings.channel.problems if "a mechanism is off" in p.message]
    assert len(warnings) == 1 and warnings[0].severity == "warning"
    settings.channel.reset()
