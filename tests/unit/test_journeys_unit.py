"""Journeys: steps put in order, and every way they can be wrong reported on its line."""

from journeys.steps import Entry, ordered_journeys


def entry(path, step, journey="Path", line=3):
    return Entry(path, journey, line, step, line + 1)


def test_steps_are_ordered_by_number_not_by_file():
    journeys, problems = ordered_journeys(
        [entry("c.md", "3"), entry("a.md", "1"), entry("b.md", "2"), entry("x.md", "1", "Other")]
    )
    assert problems == []
    assert [e.path for e in journeys["Path"]] == ["a.md", "b.md", "c.md"]
    assert [e.path for e in journeys["Other"]] == ["x.md"]


def test_two_pages_with_one_number_are_both_named():
    _, problems = ordered_journeys([entry("a.md", "1"), entry("b.md", "2"), entry("c.md", "2")])
    assert [(p.path, p.line) for p in problems] == [("b.md", 4), ("c.md", 4)]
    assert "step 2 of the journey 'Path' is also c.md" in problems[0].message


def test_a_gap_is_reported_on_the_step_after_it():
    _, problems = ordered_journeys([entry("a.md", "1"), entry("d.md", "4"), entry("b.md", "2")])
    assert [(p.path, p.line) for p in problems] == [("d.md", 4)]
    assert "has no step 3 (its steps are 1, 2, 4)" in problems[0].message
    _, problems = ordered_journeys([entry("b.md", "2")])
    assert "has no step 1" in problems[0].message


def test_a_step_must_be_a_whole_number_and_belong_to_a_journey():
    bad = ["two", "1.5", "0", "-1", "2a"]
    _, problems = ordered_journeys([entry(f"{s}.md", s) for s in bad])
    assert [p.path for p in problems] == [f"{s}.md" for s in bad]
    assert all("is not a whole number" in p.message and p.line == 4 for p in problems)
    _, problems = ordered_journeys([entry("a.md", "", line=7), entry("b.md", "1", journey="")])
    assert [(p.path, p.line) for p in problems] == [("a.md", 7), ("b.md", 4)]
    assert "has no Step" in problems[0].message and "no Journey" in problems[1].message
