"""Which files of the folder a build replaces are the site's own, which are carried over, and
which no build wrote (they stop the build)."""

from output_guard import unknown_files

NEW = {"index.html", "posts/a/index.html", "theme/css/main.css", "robots.txt"}


def test_with_a_record_only_what_a_build_wrote_may_go():
    old = NEW | {"posts/gone/index.html", "CNAME", "index.html.gz", "notes.txt", "pagefind/a.pf"}
    known = NEW | {"posts/gone/index.html"}
    carried, foreign = unknown_files(old, NEW, known, ["CNAME"])
    assert carried == ["CNAME"]
    # index.html.gz: a compressed copy of a page the build wrote; pagefind/: the search index
    # the preview server writes after its swap.
    assert foreign == ["notes.txt"]


def test_without_a_record_pages_and_the_build_s_folders_count_as_its_own():
    old = {"old-page.html", "theme/old.css", "drafts/x/index.html", "CNAME", ".well-known/a.txt"}
    carried, foreign = unknown_files(old, NEW, None, [])
    assert carried == []
    assert foreign == [".well-known/a.txt", "CNAME"]


def test_a_kept_folder_carries_everything_inside_it():
    old = NEW | {".well-known/security.txt", ".well-known/x/y"}
    carried, foreign = unknown_files(old, NEW, set(NEW), [".well-known/"])
    assert carried == [".well-known/security.txt", ".well-known/x/y"] and foreign == []
