"""`make bench`: our build against stock Pelican in one run, the edit loop, and page weight.

Whole processes are timed (wall clock, and peak memory from wait4), ours and stock alternating
after a warm-up, so both see the same machine. The table goes to bench/results.md.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from .build import build
from .chromium import CHROMIUM_FLAGS
from .corpus import write_corpus
from .server import free_port, serve, wait_for
from .standins import sign_off, stand_in_practice

REPO = Path(__file__).resolve().parents[1]
INVOKE = str(Path(sys.executable).with_name("invoke"))
STOCK_SETTINGS = str(REPO / "bench" / "stockconf.py")


def timed(
    settings: str,
    content: Path,
    output: Path,
    cache: Path,
    values: dict | None = None,
    env: dict | None = None,
) -> tuple[float, int]:
    """One build through build.build(); (seconds, peak memory in MB) of its Pelican process."""
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


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    return path


class Runs:
    def __init__(self) -> None:
        self.seconds: list[float] = []
        self.memory: list[int] = []

    def add(self, result: tuple[float, int]) -> None:
        self.seconds.append(result[0])
        self.memory.append(result[1])

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def cell(self) -> str:
        return (
            f"{self.median:.2f} s ({min(self.seconds):.2f}–{max(self.seconds):.2f}), "
            f"{max(self.memory)} MB"
        )


def folder_bytes(folder: Path, skip_gz: bool = False) -> int:
    return sum(
        p.stat().st_size
        for p in folder.rglob("*")
        if p.is_file() and not (skip_gz and p.suffix == ".gz")
    )


def ours(content: Path, output: Path, cache: Path) -> tuple[float, int]:
    return timed("pelicanconf.py", content, output, cache)


def stock(content: Path, output: Path, cache: Path, warm: bool = False) -> tuple[float, int]:
    values = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True} if warm else {}
    return timed(STOCK_SETTINGS, content, output, cache, values)


def compare_cold(work: Path, posts: int, runs: int) -> dict:
    """Ours and stock, cold (no cache), alternating A B A B after one warm-up of each."""
    content = write_corpus(work / f"corpus-{posts}" / "content", posts, plain_pages=True)
    ours, stock = Runs(), Runs()
    out, cache = work / "out", work / "cache"
    for index in range(runs + 1):
        result_ours = ours(content, fresh(out / "ours"), fresh(cache / "ours"))
        result_stock = stock(content, fresh(out / "stock"), fresh(cache / "stock"))
        if index:  # the first pair warms the file cache and is not counted
            ours.add(result_ours)
            stock.add(result_stock)
    return {
        "posts": posts,
        "ours": ours,
        "stock": stock,
        "content": content,
        "ours_bytes": folder_bytes(out / "ours") / posts,
        "stock_bytes": folder_bytes(out / "stock") / posts,
    }


def middle_post(content: Path) -> Path:
    """The generated post that the edit measurements change."""
    return sorted((content / "posts").glob("note-*.md"))[len(list(content.glob("posts/*"))) // 2]


def edit_rebuild(work: Path, content: Path, runs: int) -> dict:
    """Edit one post, rebuild with the content cache warm; ours and stock."""
    post = middle_post(content)
    original = post.read_text(encoding="utf-8")
    ours_runs, stock_runs = Runs(), Runs()
    out, cache = work / "out", work / "cache"
    ours(content, fresh(out / "ours"), fresh(cache / "ours-warm"))
    stock(content, fresh(out / "stock"), fresh(cache / "stock-warm"), warm=True)
    try:
        for index in range(runs):
            post.write_text(original + f"\nAn edit, number {index}.\n", encoding="utf-8")
            # Into the previous output, as `make html` does: unchanged pages are reused.
            ours_runs.add(ours(content, out / "ours", cache / "ours-warm"))
            stock_runs.add(stock(content, fresh(out / "stock"), cache / "stock-warm", warm=True))
    finally:
        post.write_text(original, encoding="utf-8")
    return {"ours": ours_runs, "stock": stock_runs}


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


def profile(work: Path, content: Path) -> list[str]:
    """One cold build and one one-post edit, phase by phase."""
    out, cache = fresh(work / "out" / "profile"), fresh(work / "cache" / "profile")
    cold = phase_seconds(content, out, cache)
    post = middle_post(content)
    original = post.read_text(encoding="utf-8")
    try:
        post.write_text(original + "\nAn edit for the profile.\n", encoding="utf-8")
        edit = phase_seconds(content, out, cache)
    finally:
        post.write_text(original, encoding="utf-8")
    rows = [
        f"| {name} | {seconds:.2f} s | {edit.get(name, 0):.2f} s |"
        for name, seconds in cold.items()
    ]
    return [
        "| phase | cold | one-post edit |",
        "| --- | --- | --- |",
        *rows,
        f"| total | {sum(cold.values()):.2f} s | {sum(edit.values()):.2f} s |",
    ]


def publish_bytes(work: Path, content: Path, posts: int) -> dict:
    output = fresh(work / "out" / "publish")
    sign_off(content, date.today())  # a publish needs the therapist's review of every post
    timed(
        "publishconf.py",
        content,
        output,
        fresh(work / "cache" / "publish"),
        stand_in_practice(),
        env={"SITEURL": "https://example.org"},
    )
    return {
        "with_gz": folder_bytes(output) / posts,
        "without_gz": folder_bytes(output, skip_gz=True) / posts,
        "search": folder_bytes(output / "pagefind") / posts,
    }


def save_to_page_seconds(work: Path, posts: int = 200, edits: int = 5) -> Runs:
    """In `make serve`: from saving a post to the rebuilt page being written."""
    repo = work / "serve-repo"
    fresh(repo).mkdir(parents=True)
    for part in ["theme", "plugins", "sitebuild", "pelicanconf.py", "tasks.py"]:
        (repo / part).symlink_to(REPO / part)
    write_corpus(repo / "content", posts)
    port = free_port()
    server = subprocess.Popen(
        [INVOKE, "serve", "--port", str(port)],
        cwd=repo,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    runs = Runs()
    try:
        if not wait_for(f"http://127.0.0.1:{port}/", 120):
            raise SystemExit("the preview server did not answer within 120 s")
        post = repo / "content/posts/note-0100.md"
        page = repo / "output/posts/note-0100/index.html"
        original = post.read_text(encoding="utf-8")
        for index in range(edits):
            marker = f"Saved edit {index} {time.time_ns()}"
            time.sleep(0.5)  # let the watcher settle after the previous rebuild
            started = time.perf_counter()
            post.write_text(original + f"\n{marker}\n", encoding="utf-8")
            while marker not in page.read_text(encoding="utf-8", errors="replace"):
                if time.perf_counter() - started > 60:
                    raise SystemExit("the preview server did not rebuild within 60 s")
                time.sleep(0.005)
            runs.add((time.perf_counter() - started, 0))
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=10)
    return runs


def page_weights(work: Path) -> dict:
    """The real launch content, published: gzipped HTML + CSS per page, and requests."""
    root = fresh(work / "site")
    port = free_port()
    siteurl = f"http://127.0.0.1:{port}/blog"
    # A copy signed off today: a publish needs the therapist's review of every post.
    content = fresh(work / "signed-content")
    shutil.copytree(REPO / "content", content)
    sign_off(content, date.today())
    timed(
        "publishconf.py",
        content,
        root / "blog",
        fresh(work / "cache" / "site"),
        stand_in_practice(),
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


PAGE_TYPES = {
    "home": "",
    "article": "posts/the-power-of-integration/",
    "page": "about/",
    "category": "topics/integration/",
    "tag": "tags/kap/",
    "archives": "archives/",
    "404": "no-such-page/",
    "search": "search/",
}


def browser_checks(weights: dict) -> dict:
    """Requests per page type in Chromium, and Lighthouse (mobile) for home and an article."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(chromium):
        return {}
    from playwright.sync_api import sync_playwright

    server = serve(weights["root"], weights["port"])
    results: dict = {"requests": {}, "lighthouse": {}}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
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
        results["lighthouse"] = lighthouse(weights["siteurl"], chromium)
    finally:
        server.shutdown()
    return results


def lighthouse(siteurl: str, chromium: str) -> dict:
    binary = REPO / "bench" / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(
            ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=REPO / "bench",
            check=True,
        )
    scores = {}
    for kind in ["home", "article"]:
        report = Path(tempfile.mkdtemp()) / "report.json"
        flags = (
            "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
            "--disable-background-networking --disable-component-update --disable-sync"
        )
        subprocess.run(
            [
                str(binary),
                f"{siteurl}/{PAGE_TYPES[kind]}",
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--chrome-flags={flags}",
            ],
            env={**os.environ, "CHROME_PATH": chromium},
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


def main(runs: int = 5, quick: bool = False) -> str:
    base = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path(tempfile.gettempdir())
    work = Path(tempfile.mkdtemp(prefix="practice-bench-", dir=base))
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {os.cpu_count()} cores; work folder on {base} (tmpfs when /dev/shm). "
        f"Runs per figure: {runs}, ours and stock alternating after one warm-up pair; "
        "median (min–max), peak memory.",
        "",
    ]
    try:
        sizes = [100] if quick else [100, 1000]
        cold = {}
        lines += [
            "## Cold build (no cache): ours (all rules, search index, extras) vs stock",
            "",
            "| posts | ours | stock Pelican 4.12 (default theme + sitemap) | ratio "
            "ours/stock (target ≤ 1.0) | output per post: ours / stock |",
            "| --- | --- | --- | --- | --- |",
        ]
        for posts in sizes:
            cold[posts] = result = compare_cold(work, posts, runs)
            print(
                f"cold {posts}: ours {result['ours'].cell()}, stock {result['stock'].cell()}",
                flush=True,
            )
            lines.append(
                f"| {posts} | {result['ours'].cell()} | {result['stock'].cell()} | "
                f"{result['ours'].median / result['stock'].median:.2f} | "
                f"{result['ours_bytes'] / 1024:.1f} KB / "
                f"{result['stock_bytes'] / 1024:.1f} KB |"
            )
        largest = sizes[-1]
        edit = edit_rebuild(work, cold[largest]["content"], runs)
        print(f"edit rebuild: ours {edit['ours'].cell()}, stock {edit['stock'].cell()}", flush=True)
        ratio = edit["ours"].median / cold[largest]["ours"].median
        lines += [
            "",
            f"## One-post edit, rebuilt with the content cache warm ({largest} posts)",
            "",
            "| ours | stock (cache on) | ours edit / ours cold (target ≤ 0.25; "
            "PRODUCT.md budget ≤ 0.5) | "
            "ours edit / stock cold (moonshot ≈ 0.15) |",
            "| --- | --- | --- | --- |",
            f"| {edit['ours'].cell()} | {edit['stock'].cell()} | {ratio:.2f} | "
            f"{edit['ours'].median / cold[largest]['stock'].median:.2f} |",
        ]
        lines += [
            "",
            f"## Where the time goes ({largest} posts, one run each; Pagefind runs "
            "beside the writing and the checks after reading)",
            "",
            *profile(work, cold[largest]["content"]),
        ]
        published = publish_bytes(work, cold[largest]["content"], largest)
        lines += [
            "",
            f"## Publish output per post ({largest} posts; target ≤ 14 KB)",
            "",
            f"- without the precompressed .gz copies: "
            f"{published['without_gz'] / 1024:.1f} KB (of which the search index "
            f"{published['search'] / 1024:.1f} KB)",
            f"- with them: {published['with_gz'] / 1024:.1f} KB",
        ]
        loop = save_to_page_seconds(work)
        print(f"save to page: {loop.cell()}", flush=True)
        lines += [
            "",
            "## `make serve`: saving a post until its page is rewritten (200 posts; target ≤ 1 s)",
            "",
            f"- median {loop.median:.2f} s (min {min(loop.seconds):.2f}, max "
            f"{max(loop.seconds):.2f}) over {len(loop.seconds)} saves",
        ]
        weights = page_weights(work)
        lines += [
            "",
            "## Page weight (launch content, publish build; budget 14 KB, article goal 8 KB)",
            "",
            f"- largest page: {weights['largest']} "
            f"{weights['sizes'][weights['largest']] / 1024:.1f} KB "
            "gzipped HTML + CSS",
            f"- article (The Power of Integration): {weights['article'] / 1024:.1f} KB",
            f"- home page: {weights['home'] / 1024:.1f} KB",
        ]
        browser = browser_checks(weights)
        if browser:
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
                "Lighthouse 12.8.2, mobile (scores vary between runs):",
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
        else:
            lines += ["", "Chromium is not installed: browser figures skipped."]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = "\n".join(lines) + "\n"
    (REPO / "bench" / "results.md").write_text(text, encoding="utf-8")
    return text
