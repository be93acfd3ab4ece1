"""`make bench`: our build against stock Pelican on two corpora, the writing loop as the author
sees it, what each speed mechanism earns, and page weight.

Whole builds are timed through the one build function (wall clock, and peak memory from
wait4), ours and stock alternating after a warm-up pair, so both see the same machine. Two
generated corpora of different character (sitebuild/corpus.py: `steady` and `mixed`), each at
100 and 1,000 posts. The writing loop is timed in Chromium: `make serve` on 1,000 posts, a post
open, its file saved with a new first word, until the open page shows the word. The tables go
to bench/results.md.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from kernel.speedups import MECHANISMS

from .accessibility import locked_version
from .build import build
from .chromium import CHROMIUM, CHROMIUM_FLAGS
from .corpus import write_corpus
from .pagetypes import PAGE_TYPES
from .server import free_port, serve
from .standins import sign_off, stand_in_practice

REPO = Path(__file__).resolve().parents[1]
# The mechanisms that act in a build; the preview's quick page is measured by the writing loop.
BUILD_MECHANISMS = {key: label for key, label in MECHANISMS.items() if key != "quick-page"}
INVOKE = str(Path(sys.executable).with_name("invoke"))
STOCK_SETTINGS = str(REPO / "bench" / "stockconf.py")
KINDS = ["steady", "mixed"]
TARGETS = {100: 1.0, 1000: 0.8}  # cold build, ours / stock
# Lighthouse runs on these page types (sitebuild/pagetypes.py): the two every reader meets and
# the client pages.
LIGHTHOUSE_PAGES = [
    "home",
    "article",
    "fees",
    "journey step",
    "worksheet",
    "accessibility statement",
]


class Runs:
    """Timings of one figure: seconds and peak memory of each run."""

    def __init__(self) -> None:
        self.seconds: list[float] = []
        self.memory: list[int] = []

    def add(self, result: tuple[float, int]) -> None:
        self.seconds.append(result[0])
        self.memory.append(result[1])

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def cell(self, memory: bool = True) -> str:
        text = f"{self.median:.2f} s ({min(self.seconds):.2f}–{max(self.seconds):.2f})"
        return f"{text}, {max(self.memory)} MB" if memory and any(self.memory) else text


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    return path


def timed(settings: str, content: Path, output: Path, cache: Path, values=None, env=None):
    """One build; (seconds, peak memory in MB) of its Pelican process and what it started."""
    result = build(
        settings,
        output,
        content=content,
        values={"CACHE_PATH": str(cache), **(values or {})},
        env=env,
    )
    if not result.ok:
        raise SystemExit(
            f"benchmark build failed ({settings}, {content}):\n{result.stderr[-3000:]}"
        )
    return result.seconds, result.peak_mb


def ours(content: Path, output: Path, cache: Path, values=None) -> tuple[float, int]:
    return timed("pelicanconf.py", content, output, cache, values)


def stock(content: Path, output: Path, cache: Path) -> tuple[float, int]:
    return timed(STOCK_SETTINGS, content, output, cache)


def folder_bytes(folder: Path, skip_gz: bool = False) -> int:
    return sum(
        p.stat().st_size
        for p in folder.rglob("*")
        if p.is_file() and not (skip_gz and p.suffix == ".gz")
    )


def corpus(work: Path, kind: str, posts: int) -> Path:
    """A generated corpus beside the real pages, reviewed as a real site's posts are (the
    preview would otherwise remind of every unreviewed post)."""
    content = write_corpus(work / f"{kind}-{posts}" / "content", posts, plain_pages=True, kind=kind)
    sign_off(content, date.today())
    return content


def compare_cold(work: Path, content: Path, posts: int, runs: int) -> dict:
    """Ours and stock, cold (no cache), alternating A B A B after one warm-up of each."""
    ours_runs, stock_runs = Runs(), Runs()
    out, cache = work / "out", work / "cache"
    for index in range(runs + 1):
        result_ours = ours(content, fresh(out / "ours"), fresh(cache / "ours"))
        result_stock = stock(content, fresh(out / "stock"), fresh(cache / "stock"))
        if index:  # the first pair warms the file cache and is not counted
            ours_runs.add(result_ours)
            stock_runs.add(result_stock)
    return {
        "ours": ours_runs,
        "stock": stock_runs,
        "ours_bytes": folder_bytes(out / "ours") / posts,
        "stock_bytes": folder_bytes(out / "stock") / posts,
    }


def middle_post(content: Path) -> Path:
    posts = sorted((content / "posts").glob("note-*.md"))
    return posts[len(posts) // 2]


def edited(original: str, word: str) -> str:
    """The post with `word` put before the first word of its text."""
    fields, _blank, body = original.partition("\n\n")
    return f"{fields}\n\n{word} {body}"


def warm_rebuild(work: Path, content: Path, runs: int) -> Runs:
    """Edit one post, rebuild into the same output with every cache warm, as `make html`."""
    post = middle_post(content)
    original = post.read_text(encoding="utf-8")
    out, cache = fresh(work / "out" / "warm"), fresh(work / "cache" / "warm")
    ours(content, out, cache)
    warm = Runs()
    try:
        for index in range(runs):
            post.write_text(edited(original, f"Edit{index}"), encoding="utf-8")
            warm.add(ours(content, out, cache))
    finally:
        post.write_text(original, encoding="utf-8")
    return warm


def mechanism_gains(work: Path, content: Path, runs: int) -> dict[str, tuple[float, Runs, Runs]]:
    """For each speed mechanism: cold builds with all on, and with that one off, alternating;
    the gain is the time it saves, as a share of the build without it."""
    gains = {}
    out, cache = work / "out", work / "cache"
    for mechanism in BUILD_MECHANISMS:
        warm = mechanism == "render-cache"  # it only acts on a rebuild
        with_it, without = Runs(), Runs()
        for index in range(runs + 1):
            for values, runs_of in (({}, with_it), ({"SPEEDUPS_OFF": [mechanism]}, without)):
                label = "off" if values else "on"
                if warm:
                    target, store = out / f"m-{label}", cache / f"m-{label}"
                    if index == 0:
                        ours(content, fresh(target), fresh(store), values)
                    post = middle_post(content)
                    original = post.read_text(encoding="utf-8")
                    post.write_text(edited(original, f"Gain{index}"), encoding="utf-8")
                    try:
                        result = ours(content, target, store, values)
                    finally:
                        post.write_text(original, encoding="utf-8")
                else:
                    result = ours(content, fresh(out / "m"), fresh(cache / "m"), values)
                if index:
                    runs_of.add(result)
        gain = (without.median - with_it.median) / without.median
        gains[mechanism] = (gain, with_it, without)
        print(
            f"  {mechanism}: {gain:+.1%} ({with_it.cell(False)} vs {without.cell(False)})",
            flush=True,
        )
    return gains


def phase_seconds(content: Path, output: Path, cache: Path) -> dict[str, float]:
    """Seconds spent in each phase of one build, in order."""
    result = build(
        "pelicanconf.py", output, content=content, values={"CACHE_PATH": str(cache)}, phases=True
    )
    durations, previous = {}, 0.0
    for name, at in result.phases.items():
        durations[name] = at - previous
        previous = at
    return durations


def profile(work: Path, content: Path) -> tuple[dict, dict]:
    """One cold build and one one-post edit, phase by phase."""
    out, cache = fresh(work / "out" / "profile"), fresh(work / "cache" / "profile")
    cold = phase_seconds(content, out, cache)
    post = middle_post(content)
    original = post.read_text(encoding="utf-8")
    try:
        post.write_text(edited(original, "Profiled"), encoding="utf-8")
        edit = phase_seconds(content, out, cache)
    finally:
        post.write_text(original, encoding="utf-8")
    return cold, edit


def publish_bytes(work: Path, content: Path, posts: int) -> dict:
    output = fresh(work / "out" / "publish")  # `content` is signed off by corpus()
    values = stand_in_practice()
    timed(
        "publishconf.py",
        content,
        output,
        fresh(work / "cache" / "publish"),
        values,
        env={"SITEURL": "https://example.org"},
    )
    return {
        "with_gz": folder_bytes(output) / posts,
        "without_gz": folder_bytes(output, skip_gz=True) / posts,
        "search": folder_bytes(output / "pagefind") / posts,
    }


class Server:
    """`invoke serve` in a copy of the project, its output lines kept with their times."""

    def __init__(self, repo: Path, port: int):
        self.lines: list[tuple[float, str]] = []
        self.process = subprocess.Popen(
            [INVOKE, "serve", "--port", str(port)],
            cwd=repo,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        threading.Thread(target=self.read, daemon=True).start()

    def read(self) -> None:
        for line in self.process.stdout:
            self.lines.append((time.perf_counter(), line.rstrip()))

    def wait_for_line(self, pattern: str, after: float, seconds: float = 120) -> float:
        """The time of the first line matching `pattern` printed after `after`."""
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            for at, line in list(self.lines):
                if at >= after and re.search(pattern, line):
                    return at
            time.sleep(0.01)
        raise SystemExit(
            f"the preview server printed no '{pattern}' within {seconds} s:\n"
            + "\n".join(line for _at, line in self.lines[-20:])
        )

    def stop(self) -> None:
        os.killpg(self.process.pid, 15)
        self.process.wait(timeout=20)


def serve_repo(work: Path, kind: str, posts: int) -> Path:
    repo = fresh(work / f"serve-{kind}")
    repo.mkdir(parents=True)
    for part in ["theme", "plugins", "sitebuild", "pelicanconf.py", "publishconf.py", "tasks.py"]:
        (repo / part).symlink_to(REPO / part)
    write_corpus(repo / "content", posts, kind=kind)
    sign_off(repo / "content", date.today())
    return repo


def writing_loop(work: Path, kind: str, posts: int = 1000, saves: int = 5) -> dict:
    """In `make serve`, Chromium showing a post: from saving the post with a new first word to
    the open page showing it; and until search has caught up with the save."""
    from playwright.sync_api import sync_playwright

    repo = serve_repo(work, kind, posts)
    port = free_port()
    server = Server(repo, port)
    shown, searched = Runs(), Runs()
    try:
        server.wait_for_line(r"^Preview at ", 0, 600)
        server.wait_for_line(r"Search is up to date", 0, 600)
        post = middle_post(repo / "content")
        slug = post.stem
        original = post.read_text(encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/posts/{slug}/")
            for index in range(saves):
                word = f"Saved{index}x{time.time_ns() % 100000}"
                time.sleep(1.0)  # a writer pauses between saves
                started = time.perf_counter()
                post.write_text(edited(original, word), encoding="utf-8")
                while True:
                    try:
                        if word in page.inner_text("main", timeout=1000):
                            break
                    except Exception:  # noqa: BLE001 - the page is reloading
                        pass
                    if time.perf_counter() - started > 60:
                        raise SystemExit("the open page did not show the edit within 60 s")
                    time.sleep(0.005)
                shown.add((time.perf_counter() - started, 0))
                done = server.wait_for_line(r"Search is up to date", started)
                searched.add((done - started, 0))
            browser.close()
    finally:
        post.write_text(original, encoding="utf-8")
        server.stop()
        shutil.rmtree(repo, ignore_errors=True)
    return {"shown": shown, "searched": searched}


def page_weights(work: Path) -> dict:
    """The real launch content, published: gzipped HTML + CSS per page, and requests."""
    root = fresh(work / "site")
    port = free_port()
    siteurl = f"http://127.0.0.1:{port}/blog"
    # A copy signed off today: a publish needs the therapist's review of every post.
    content = fresh(work / "signed-content")
    shutil.copytree(REPO / "content", content)
    sign_off(content, date.today())
    values = stand_in_practice()
    timed(
        "publishconf.py",
        content,
        root / "blog",
        fresh(work / "cache" / "site"),
        values,
        env={"SITEURL": siteurl},
    )
    folder = root / "blog"
    css = len(gzip.compress((folder / "theme/css/main.css").read_bytes(), 9))
    sizes = {
        str(p.relative_to(folder)): len(gzip.compress(p.read_bytes(), 9)) + css
        for p in folder.rglob("*.html")
    }
    largest = max(sizes, key=sizes.get)
    return {
        "root": root,
        "port": port,
        "siteurl": siteurl,
        "sizes": sizes,
        "largest": largest,
        "article": sizes["posts/the-power-of-integration/index.html"],
        "home": sizes["index.html"],
    }


def browser_checks(weights: dict) -> dict:
    """Requests per page type in Chromium, and Lighthouse (mobile) on LIGHTHOUSE_PAGES."""
    from playwright.sync_api import sync_playwright

    server = serve(weights["root"], weights["port"])
    results: dict = {"requests": {}, "lighthouse": {}}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            for kind, path in PAGE_TYPES.items():
                page = browser.new_page()
                requests: list[str] = []
                page.on("request", lambda request, seen=requests: seen.append(request.url))
                page.goto(f"{weights['siteurl']}/{path}")
                page.wait_for_load_state("networkidle")
                origin = f"http://127.0.0.1:{weights['port']}/"
                results["requests"][kind] = (
                    len(requests),
                    sum(not u.startswith(origin) for u in requests),
                )
                page.close()
            browser.close()
        results["lighthouse"] = lighthouse(weights["siteurl"])
    finally:
        server.shutdown()
    return results


def lighthouse(siteurl: str) -> dict:
    binary = REPO / "bench" / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(
            ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=REPO / "bench",
            check=True,
        )
    scores = {}
    flags = " ".join(["--headless=new", *CHROMIUM_FLAGS])
    for kind in LIGHTHOUSE_PAGES:
        report = Path(tempfile.mkdtemp()) / "report.json"
        subprocess.run(
            [
                str(binary),
                f"{siteurl}/{PAGE_TYPES[kind]}",
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--chrome-flags={flags}",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            check=False,
            capture_output=True,
        )
        if report.exists():
            data = json.loads(report.read_text())
            scores[kind] = {
                name: round(category["score"] * 100) if category["score"] is not None else None
                for name, category in data["categories"].items()
            }
    return scores


def check(ok: bool) -> str:
    return "met" if ok else "**not met**"


def main(runs: int = 5, quick: bool = False) -> str:
    base = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path(tempfile.gettempdir())
    work = Path(tempfile.mkdtemp(prefix="practice-bench-", dir=base))
    sizes = [100] if quick else [100, 1000]
    largest = sizes[-1]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench`. Machine: {os.cpu_count()} cores; work folder on {base}. "
        f"Runs per figure: {runs}, ours and stock "
        "alternating after one warm-up pair; median (min–max) and peak memory.",
        "Corpora (sitebuild/corpus.py): **steady**, every post about 1,230 words with headings, "
        "two lists, external links, two links to earlier posts, a blockquote, inline code, one "
        "image and 2–5 of 40 tags; **mixed**, mostly short notes and some long posts with many "
        "links, images, code, blockquotes and tables, 1–10 of 150 tags. Both beside the real "
        "pages and posts.",
        "",
        "## Cold build: ours (every check, search index, extras) vs stock Pelican 4.12 "
        "(default theme + sitemap)",
        "",
        "| corpus | posts | ours | stock | ours/stock | target | output per post: ours / stock |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    cold: dict = {}
    try:
        contents = {(kind, posts): corpus(work, kind, posts) for kind in KINDS for posts in sizes}
        for kind in KINDS:
            for posts in sizes:
                result = cold[kind, posts] = compare_cold(work, contents[kind, posts], posts, runs)
                ratio = result["ours"].median / result["stock"].median
                memory = max(result["ours"].memory) / max(result["stock"].memory)
                result["ratio"], result["memory_ratio"] = ratio, memory
                print(
                    f"cold {kind} {posts}: ours {result['ours'].cell()}, stock "
                    f"{result['stock'].cell()}, {ratio:.2f}",
                    flush=True,
                )
                lines.append(
                    f"| {kind} | {posts} | {result['ours'].cell()} | {result['stock'].cell()} "
                    f"| **{ratio:.2f}** | ≤ {TARGETS[posts]} ({check(ratio <= TARGETS[posts])})"
                    f" | {result['ours_bytes'] / 1024:.1f} KB / "
                    f"{result['stock_bytes'] / 1024:.1f} KB |"
                )
        lines += [
            "",
            "Peak memory, ours / stock (target ≤ 2): "
            + ", ".join(
                f"{kind} {posts}: {cold[kind, posts]['memory_ratio']:.2f} "
                f"({check(cold[kind, posts]['memory_ratio'] <= 2)})"
                for kind in KINDS
                for posts in sizes
            ),
            "",
            f"## Warm rebuild: one post edited, rebuilt into the same output ({largest} posts)",
            "",
            "| corpus | warm rebuild | our cold build | warm / cold | target |",
            "| --- | --- | --- | --- | --- |",
        ]
        for kind in KINDS:
            warm = warm_rebuild(work, contents[kind, largest], runs)
            ratio = warm.median / cold[kind, largest]["ours"].median
            print(f"warm {kind}: {warm.cell()}, {ratio:.2f} of cold", flush=True)
            lines.append(
                f"| {kind} | {warm.cell()} | {cold[kind, largest]['ours'].cell(False)}"
                f" | **{ratio:.2f}** | ≤ 0.5 ({check(ratio <= 0.5)}) |"
            )
        lines += [
            "",
            f"## What each speed mechanism earns ({largest} posts; cold builds with it and "
            "without it, alternating; the render cache on a one-post edit)",
            "",
            "| mechanism | "
            + " | ".join(f"{kind}: with / without / gain" for kind in KINDS)
            + " |",
            "| --- | " + " | ".join("---" for _ in KINDS) + " |",
        ]
        gains = {kind: mechanism_gains(work, contents[kind, largest], runs) for kind in KINDS}
        for mechanism, label in BUILD_MECHANISMS.items():
            cells = []
            for kind in KINDS:
                gain, with_it, without = gains[kind][mechanism]
                cells.append(f"{with_it.median:.2f} / {without.median:.2f} s / **{gain:+.0%}**")
            lines.append(f"| {label} (`{mechanism}`) | " + " | ".join(cells) + " |")
        lines += ["", f"## Where the time goes ({largest} posts, one build each)", ""]
        header = "| phase | " + " | ".join(f"{kind} cold | {kind} edit" for kind in KINDS) + " |"
        lines += [header, "| --- | " + " | ".join("--- | ---" for _ in KINDS) + " |"]
        profiles = {kind: profile(work, contents[kind, largest]) for kind in KINDS}
        for name in profiles[KINDS[0]][0]:
            cells = [
                f"{profiles[k][0].get(name, 0):.2f} s | {profiles[k][1].get(name, 0):.2f} s"
                for k in KINDS
            ]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        totals = [
            f"{sum(profiles[k][0].values()):.2f} s | {sum(profiles[k][1].values()):.2f} s"
            for k in KINDS
        ]
        lines.append("| total | " + " | ".join(totals) + " |")
        lines += ["", f"## Publish output per post ({largest} posts; reported, not a target)", ""]
        for kind in KINDS:
            published = publish_bytes(work, contents[kind, largest], largest)
            lines.append(
                f"- {kind}: {published['without_gz'] / 1024:.1f} KB without the .gz copies (of "
                f"which the search index {published['search'] / 1024:.1f} KB), "
                f"{published['with_gz'] / 1024:.1f} KB with them"
            )
        lines += [
            "",
            f"## The writing loop: `make serve` on {largest} posts, a post open in Chromium, "
            "its file saved with a new first word",
            "",
            "| corpus | until the open page shows the word (target ≤ 1 s) | until search has "
            "caught up |",
            "| --- | --- | --- |",
        ]
        for kind in KINDS:
            loop = writing_loop(work, kind, largest)
            print(
                f"writing loop {kind}: {loop['shown'].cell(False)}, search "
                f"{loop['searched'].cell(False)}",
                flush=True,
            )
            lines.append(
                f"| {kind} | {loop['shown'].cell(False)} "
                f"({check(loop['shown'].median <= 1.0)}) | "
                f"{loop['searched'].cell(False)} |"
            )
        weights = page_weights(work)
        lines += [
            "",
            "## Page weight (launch content, publish build; budget 14 KB)",
            "",
            f"- largest page: {weights['largest']} "
            f"{weights['sizes'][weights['largest']] / 1024:.1f} KB gzipped HTML + CSS",
            f"- article (The Power of Integration): {weights['article'] / 1024:.1f} KB",
            f"- home page: {weights['home'] / 1024:.1f} KB",
        ]
        browser = browser_checks(weights)
        lines += [
            "",
            "## In Chromium",
            "",
            "| page type | requests | to other origins |",
            "| --- | --- | --- |",
        ]
        lines += [
            f"| {kind} | {total} | {other} |"
            for kind, (total, other) in browser["requests"].items()
        ]
        lines += [
            "",
            f"Lighthouse {locked_version(REPO / 'bench' / 'package-lock.json', 'lighthouse')}, "
            "mobile (scores vary between runs):",
            "",
            "| page | performance | accessibility | best practices | SEO |",
            "| --- | --- | --- | --- | --- |",
        ]
        for kind, scores in browser["lighthouse"].items():
            lines.append(
                f"| {kind} | {scores.get('performance')} | "
                f"{scores.get('accessibility')} | {scores.get('best-practices')} | "
                f"{scores.get('seo')} |"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = "\n".join(lines) + "\n"
    (REPO / "bench" / "results.md").write_text(text, encoding="utf-8")
    return text
