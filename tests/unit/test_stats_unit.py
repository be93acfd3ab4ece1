"""Counting reads and answers per post from a log without IP addresses."""

import gzip

from security_headers.nginx import LOG_FORMAT
from sitebuild.stats import count, post_pattern, read_lines, table

LOG = """\
2026-03-05T10:00:00+00:00 "GET /blog/posts/first/ HTTP/1.1" 200 5120
2026-03-05T10:00:01+00:00 "GET /blog/posts/first/ HTTP/1.1" 304 0
2026-03-05T10:00:02+00:00 "HEAD /blog/posts/first/ HTTP/1.1" 200 0
2026-03-05T10:00:03+00:00 "GET /blog/posts/first/index.html HTTP/2.0" 200 5120
2026-03-05T10:00:04+00:00 "GET /blog/feedback/yes/?post=first HTTP/1.1" 200 900
2026-03-05T10:00:05+00:00 "GET /blog/feedback/not-really/?post=second HTTP/1.1" 200 900
2026-03-05T10:00:06+00:00 "GET /blog/feedback/yes/?post=first HTTP/1.1" 304 0
2026-03-05T10:00:07+00:00 "GET /blog/feedback/yes/ HTTP/1.1" 200 900
2026-03-05T10:00:08+00:00 "GET /blog/posts/missing/ HTTP/1.1" 404 900
2026-03-05T10:00:09+00:00 "GET /blog/posts/second/ HTTP/1.1" 200 4000
2026-03-05T10:00:10+00:00 "GET /blog/theme/css/main.css HTTP/1.1" 200 3000
2026-03-05T10:00:11+00:00 "\\x16\\x03\\x01" 400 150
127.0.0.1 - - [05/Mar/2026:10:00:12 +0000] "GET /blog/posts/first/ HTTP/1.1" 200 5120 "-" "x"
"""


def test_reads_are_200_gets_of_a_post_and_answers_carry_the_post():
    stats = count(LOG.splitlines(), "posts/{slug}/", "feedback/yes/", "feedback/not-really/")
    assert {slug: vars(c) for slug, c in stats.posts.items()} == {
        "first": {"reads": 2, "yes": 2, "not_really": 0},
        "second": {"reads": 1, "yes": 0, "not_really": 1},
    }
    assert stats.unreadable == 2  # a TLS handshake to the wrong port, a line in another format
    assert (stats.first, stats.last) == ("2026-03-05T10:00:00+00:00", "2026-03-05T10:00:10+00:00")


def test_the_table_lists_the_most_read_post_first_with_totals():
    stats = count(LOG.splitlines(), "posts/{slug}/", "feedback/yes/", "feedback/not-really/")
    lines = table(stats).splitlines()
    assert lines[0].split() == ["post", "reads", "yes", "not", "really"]
    assert lines[2].split() == ["first", "2", "2", "0"]
    assert lines[3].split() == ["second", "1", "0", "1"]
    assert lines[5].split() == ["all", "posts", "3", "2", "1"]
    assert "Skipped 2 lines" in lines[-1]


def test_other_address_patterns_and_compressed_logs(tmp_path):
    pattern = post_pattern("{date:%Y}/{category}/{slug}.html")
    assert pattern.search("/2024/kap/first.html")["slug"] == "first"
    assert pattern.search("/2024/first.html") is None
    log = tmp_path / "access.log.1.gz"
    with gzip.open(log, "wt") as handle:
        handle.write(LOG)
    assert list(read_lines(str(log))) == LOG.splitlines(keepends=True)


def test_the_log_format_keeps_no_address_and_no_browser():
    assert "$remote_addr" not in LOG_FORMAT and "$http_user_agent" not in LOG_FORMAT
    assert "$http_x_forwarded_for" not in LOG_FORMAT and "$http_referer" not in LOG_FORMAT


def test_only_the_sites_posts_are_listed_and_nothing_typed_reaches_the_terminal():
    typed = LOG + (
        '2026-03-05T10:00:13+00:00 "GET /blog/feedback/yes/?post=%1B%5B2J HTTP/1.1" 200 900\n'
        '2026-03-05T10:00:14+00:00 "GET /blog/feedback/yes/?post=made-up HTTP/1.1" 200 900\n'
        '2026-03-05T10:00:15+00:00 "GET /blog/posts/%3Cb%3E/ HTTP/1.1" 200 900\n'
    )
    stats = count(
        typed.splitlines(), "posts/{slug}/", "feedback/yes/", "feedback/not-really/", {"first"}
    )
    assert list(stats.posts) == ["first"]
    # second (read once, answered once), an answer naming no post, the escape code, made-up, <b>
    assert stats.not_posts == 6
    printed = table(stats)
    assert "\x1b" not in printed and "made-up" not in printed and "<b>" not in printed
    assert "Skipped 6 requests naming no post in content/posts." in printed


def test_the_posts_slugs_come_from_their_fields_as_the_build_makes_them(tmp_path):
    from sitebuild.stats import post_slugs

    (tmp_path / "a.md").write_text("Title: Why Integration Matters\nDate: 2024-03-05\n\nText.\n")
    (tmp_path / "b.md").write_text("Title: B\nSlug: first-session\nDate: 2024-03-05\n\nText.\n")
    from pelican.settings import DEFAULT_CONFIG

    assert post_slugs([str(tmp_path)], DEFAULT_CONFIG) == {
        "why-integration-matters",
        "first-session",
    }
