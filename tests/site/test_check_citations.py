"""`invoke check-citations` against a local server that answers like real sites do: moved,
gone, silent, sent home, HEAD refused, a DOI resolver. Never the internet."""

import json
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from helpers import REPO, free_port
from sitebuild.citations import USER_AGENT

INVOKE = Path(sys.executable).with_name("invoke")
TIMEOUT = 2  # long enough for a busy machine to answer the quick routes


class Site(BaseHTTPRequestHandler):
    """Routes answer as real sites do; every request is recorded."""

    requests: list[tuple[str, str, str]] = []
    active = 0
    most_at_once = 0
    lock = threading.Lock()

    def log_message(self, format, *args):
        pass

    def answer(self, status, location=None):
        with Site.lock:
            Site.active -= 1  # before the answer leaves: the checker may ask again right after
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def route(self):
        path = self.path
        if path in ("/", "/ok", "/article"):
            return self.answer(200)
        if path == "/gone":
            return self.answer(410)
        if path in ("/missing", "/doi/10.5555/none"):
            return self.answer(404)
        if path == "/get-only":
            return self.answer(405 if self.command == "HEAD" else 200)
        if path == "/old":
            return self.answer(301, "/ok")
        if path == "/studies/42":
            return self.answer(302, "/")
        if path == "/doi/10.5555/good":
            return self.answer(302, "/article")
        return self.answer(404)

    def handle_one(self):
        with Site.lock:
            Site.requests.append((self.command, self.path, self.headers.get("User-Agent")))
        if self.path == "/slow":
            time.sleep(TIMEOUT + 1)  # the checker stops waiting and moves on
            return
        with Site.lock:
            Site.active += 1
            Site.most_at_once = max(Site.most_at_once, Site.active)
        self.route()

    do_GET = do_HEAD = handle_one


def write_content(root, base):
    posts, pages = root / "posts", root / "pages"
    posts.mkdir(parents=True)
    pages.mkdir()
    lines = [
        "Title: Sources",
        "Date: 2024-03-05",
        "Summary: S.",
        "",
        f"Fine: [ok]({base}/ok), [moved]({base}/old), [HEAD refused]({base}/get-only).",  # 5
        f"A DOI that resolves: [study]({base}/doi/10.5555/good).",  # 6
        f"Gone for good: [gone]({base}/gone).",  # 7
        f"Not found: [missing]({base}/missing).",  # 8
        f"Silent: [slow]({base}/slow).",  # 9
        f"Sent home: [study 42]({base}/studies/42).",  # 10
        f"A DOI nobody knows: [study]({base}/doi/10.5555/none).",  # 11
        "```",
        f"[in code]({base}/missing-in-code)",
        "```",
    ]
    (posts / "sources.md").write_text("\n".join(lines) + "\n")
    (pages / "about.md").write_text(f"Title: About\nSummary: S.\n\nSee [it]({base}/missing).\n")


def check(content, cache):
    return subprocess.run(
        [str(INVOKE), "check-citations", "--content", str(content), "--cache", str(cache)]
        + ["--timeout", str(TIMEOUT)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_check_citations_reports_each_broken_link_on_its_line_and_remembers(tmp_path):
    port = free_port()
    server = ThreadingHTTPServer(("127.0.0.1", port), Site)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    content, cache = tmp_path / "content", tmp_path / "citations.json"
    write_content(content, base)
    try:
        result = check(content, cache)
        assert result.returncode == 1, result.stdout + result.stderr
        reported = sorted(
            line.split(": the link ")[0].rsplit("/", 1)[-1]
            for line in result.stdout.splitlines()
            if ". Fix: " in line
        )
        assert reported == [
            "about.md:4",
            "sources.md:10",
            "sources.md:11",
            "sources.md:7",
            "sources.md:8",
            "sources.md:9",
        ], result.stdout
        out = result.stdout
        assert f"{base}/gone answers 410" in out and f"{base}/missing answers 404" in out
        assert f"{base}/studies/42 now leads to the home page {base}/" in out
        assert f"{base}/slow gave no answer within 2 seconds." in out
        assert "Checked 9 links on 1 site: 9 asked now" in out
        assert "missing-in-code" not in str(Site.requests)
        # Polite: one request at a time to a site, HEAD first, a plain User-Agent.
        assert Site.most_at_once == 1
        asked = [(m, p) for m, p, _ in Site.requests]
        assert ("GET", "/ok") not in asked and ("GET", "/article") not in asked
        assert ("HEAD", "/article") in asked  # the DOI's redirect, followed with HEAD
        assert ("GET", "/get-only") in asked
        assert {agent for _, _, agent in Site.requests} == {USER_AGENT}

        # A second run asks only about the link that did not answer.
        Site.requests.clear()
        again = check(content, cache)
        assert again.returncode == 1
        assert {p for _, p, _ in Site.requests} == {"/slow"}
        assert "Checked 9 links on 1 site: 1 asked now, 8 answered from" in again.stdout

        # Answers older than CITATION_CACHE_DAYS are asked again.
        data = json.loads(cache.read_text())
        for entry in data["links"].values():
            entry["checked"] -= 8 * 86400
        cache.write_text(json.dumps(data))
        Site.requests.clear()
        check(content, cache)
        linked = {"/ok", "/old", "/get-only", "/doi/10.5555/good", "/gone", "/missing"}
        linked |= {"/slow", "/studies/42", "/doi/10.5555/none"}
        assert linked <= {p for _, p, _ in Site.requests}
    finally:
        server.shutdown()
