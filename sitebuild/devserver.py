"""The preview server behind `make serve`: rebuild on save, reload the browser, show problems.

When one post is saved, its own page is shown first (quickpage.py): the open browser reloads
it within a fraction of a second, and the preview says that search is catching up. Then, and
for any other change, the whole preview is rebuilt: `build.build()` run in this process (its
caches keep unchanged posts parsed, unchanged pages rendered and unchanged search shards
indexed), a fresh folder swapped in atomically; open pages whose bytes changed reload through
a server-sent event. The reload script is added to pages as they are served, never written into
the site. Files are served by the same static server the tests use.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import threading
import time
from pathlib import Path

from pelican import signals
from watchfiles import Change, watch

from . import quickpage
from .build import build, holds_publish, preview_over_publish, target_of
from .server import StaticHandler, answer, open_port

logger = logging.getLogger("sitebuild.devserver")
WATCHED = ["content", "theme", "pelicanconf.py"]
RELOAD_SCRIPT = b"""
(() => {
  const note = (id, css) => document.getElementById(id) || (() => {
    const el = document.createElement("div");
    el.id = id;
    el.setAttribute("role", id === "dev-problems" ? "alert" : "status");
    Object.assign(el.style, css);
    document.body.prepend(el);
    return el;
  })();
  const problemsBox = () => note("dev-problems", {position: "fixed", left: "0", right: "0",
    top: "0", zIndex: "99", background: "#fdf3e1", color: "#1f2a27",
    borderBottom: "3px solid #9a3412", padding: "1rem", font: "14px/1.5 monospace",
    whiteSpace: "pre-wrap", maxHeight: "50vh", overflow: "auto"});
  const searchNote = () => note("dev-search", {position: "fixed", right: "0.5rem",
    bottom: "0.5rem", zIndex: "99", background: "#1f2a27", color: "#fdf3e1",
    padding: "0.25rem 0.5rem", font: "13px/1.4 sans-serif", borderRadius: "4px"});
  // How the saved post reads: guidance, not an error, so a calm box at the foot of the page.
  const readingNotes = () => note("dev-notes", {position: "fixed", left: "0", right: "0",
    bottom: "0", zIndex: "98", background: "#f1ebe0", color: "#1f2a27",
    borderTop: "3px solid #2f5d50", padding: "0.75rem 1rem", font: "13px/1.5 monospace",
    whiteSpace: "pre-wrap", maxHeight: "35vh", overflow: "auto"});
  const show = (state) => {
    if (state.problems.length) {
      problemsBox().textContent = "The last save has problems; the page shows the last good " +
        "build.\\n\\n" + state.problems.join("\\n");
    } else {
      document.getElementById("dev-problems")?.remove();
    }
    if (state.search_behind) {
      searchNote().textContent = "Preview: search is catching up with your last save.";
    } else {
      document.getElementById("dev-search")?.remove();
    }
    if (state.notes.length && !state.problems.length) {
      readingNotes().textContent = "Readability of what you saved: a guide, not an error.\\n\\n"
        + state.notes.join("\\n");
    } else {
      document.getElementById("dev-notes")?.remove();
    }
  };
  const path = location.pathname.replace(/^\\//, "");
  const page = path === "" || path.endsWith("/") ? path + "index.html" : path;
  let generation = null;
  const events = new EventSource("/__livereload");
  events.onmessage = (event) => {
    const state = JSON.parse(event.data);
    const mine = state.changed === null || state.changed.includes(page);
    if (generation !== null && state.generation !== generation && !state.problems.length && mine) {
      location.reload();
    }
    generation = state.generation;
    show(state);
  };
})();
"""


class ServeRefused(Exception):
    """The preview cannot start; the message says why and what to do."""


def busy_port(host: str, port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return (
            f"Port {port} on {host} is already in use (is another `make serve` running?). Fix: "
            f"stop the other one, or use another port: `make serve PORT={port + 1}`."
        )
    return f"The preview cannot listen on {host}:{port} ({error.strerror}). Fix: use another port."


class BuildState:
    """What the server knows about the last build, shared between threads."""

    def __init__(self) -> None:
        self.generation = 0
        self.problems: list[str] = []
        self.changed_pages: list[str] | None = None  # None: any page may have changed
        self.search_behind = False
        self.notes: list[str] = []  # how the last saved posts read: guidance only
        self.changed = threading.Condition()

    def publish(
        self, problems: list[str], pages: list[str] | None = None, search_behind: bool = False
    ) -> None:
        with self.changed:
            if not problems:
                self.generation += 1
            self.problems = problems
            self.changed_pages = pages
            self.search_behind = search_behind
            self.changed.notify_all()

    def note(self, notes: list[str]) -> None:
        with self.changed:
            self.notes = notes
            self.changed.notify_all()

    def snapshot(self) -> bytes:
        return json.dumps(
            {
                "generation": self.generation,
                "problems": self.problems,
                "changed": self.changed_pages,
                "search_behind": self.search_behind,
                "notes": self.notes,
            }
        ).encode()


def readability_notes(paths: list[str], settings_file: str) -> list[str]:
    """The grade and longest sentences of each saved post or page, for the preview's box."""
    from .readability import describe, measure, settings_for_reading

    saved = [p for p in paths if p.endswith(".md") and Path(p).is_file()]
    if not saved:
        return []
    try:
        # The settings of the build that just ended, else (none kept) read from the file.
        settings = quickpage.last["settings"] or settings_for_reading(settings_file)
        content = Path(settings["PATH"]).resolve()
        notes = []
        for path in saved:
            relative = Path(path).resolve().relative_to(content).as_posix()
            limit = settings.get("READABILITY_LIMITS", {}).get(relative)
            shown = os.path.relpath(Path(settings["PATH"]) / relative)
            notes += describe(measure(shown, settings, limit))
        return notes
    except Exception as error:  # guidance only: a file it cannot read must not stop the server
        logger.info("no readability notes: %s", error)
        return []


def build_once(settings_file: str, output: Path) -> list[str]:
    """One preview build in this process, swapped in atomically; returns the problems (empty
    on success). The quick path keeps this build's data for the next save."""
    quickpage.forget()
    signals.all_generators_finalized.connect(keep_generators)
    try:
        result = build(
            settings_file,
            output,
            in_process=True,
            replace_publish=False,
        )
    except Exception as error:  # a broken template or setting must not stop the server
        logger.exception("build failed")
        return [f"{type(error).__name__}: {error}"]
    if not result.ok:
        return result.problems or [f"The build stopped (exit code {result.returncode})."]
    quickpage.remember(pending.pop("generators", []))
    return []


def keep_generators(generators) -> None:
    pending["generators"] = generators


pending: dict = {}


def page_digests(folder: Path, only: str | None = None) -> dict[str, str]:
    """Each HTML page's hash (or only that page's), to tell open pages whether a build changed
    them."""
    digests = {}
    for path in [folder / only] if only else folder.rglob("*.html"):
        try:
            digests[str(path.relative_to(folder))] = hashlib.blake2b(
                path.read_bytes(), digest_size=16
            ).hexdigest()
        except OSError:
            continue
    return digests


class Handler(StaticHandler):
    """The static server, plus the live-reload events and script."""

    state: BuildState

    def do_GET(self):
        if self.path == "/__livereload":
            return self.stream_events()
        if self.path == "/__livereload.js":
            return self.send_bytes(RELOAD_SCRIPT, "text/javascript")
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            html = path.read_bytes()
            tag = b'<script src="/__livereload.js"></script></body>'
            return self.send_bytes(html.replace(b"</body>", tag, 1), "text/html; charset=utf-8")
        return super().do_GET()

    def stream_events(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = None
        try:
            while True:
                with self.state.changed:
                    current = self.state.snapshot()
                    if current == seen:
                        self.state.changed.wait(timeout=15)
                        current = self.state.snapshot()
                if current != seen:
                    self.wfile.write(b"data: " + current + b"\n\n")
                    seen = current
                else:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


def one_saved_post(changes) -> str | None:
    """The Markdown file, when a save changed exactly one existing one."""
    if len(changes) != 1:
        return None
    ((change, path),) = changes
    if change != Change.modified or not path.endswith(".md"):
        return None
    return path


def rebuild_loop(settings_file: str, output: Path, state: BuildState, stop: threading.Event):
    paths = [p for p in WATCHED if Path(p).exists()]
    target = target_of(output)
    # Each page's hash as readers last saw it: a build compares against it and keeps its own.
    digests = page_digests(target)
    for changes in watch(*paths, stop_event=stop, debounce=50, step=20):
        names = sorted({Path(path).name for _change, path in changes})
        started = time.perf_counter()
        saved = one_saved_post(changes) if not state.problems else None
        quick = None
        if saved:
            try:
                quick = quickpage.render(saved, target)
            except Exception:  # noqa: BLE001 - the full build below shows the real problem
                logger.exception("quick page failed")
        if quick:
            digests.update(page_digests(target, quick))
            state.publish([], [quick], search_behind=True)
            print(
                f"Showed {quick} in {time.perf_counter() - started:.2f} s; updating the "
                "rest of the site.",
                flush=True,
            )
        problems = build_once(settings_file, output)
        seconds = time.perf_counter() - started
        if problems:
            print("\n".join(problems), flush=True)
            print(
                f"Not rebuilt: fix the problems above and save again ({seconds:.2f} s).", flush=True
            )
            state.publish(problems)
            continue
        before, digests = digests, page_digests(target)
        changed = sorted(
            name for name in digests.keys() | before.keys() if digests.get(name) != before.get(name)
        )
        # The build indexed the search too (only the shard holding the saved post, when the
        # others did not change).
        print(
            f"Rebuilt after a change to {', '.join(names)} in {seconds:.2f} s. Search is up to "
            "date.",
            flush=True,
        )
        state.publish([], changed, search_behind=False)
        # Last, so the page and search are never kept waiting: how the saved posts read.
        state.note(readability_notes(sorted({path for _change, path in changes}), settings_file))


def serve(
    settings_file: str = "pelicanconf.py",
    output: str = "output",
    host: str = "127.0.0.1",
    port: int = 8000,
) -> None:
    output_path = Path(output)
    state = BuildState()
    Handler.state = state
    # The port first: a busy one is told in a sentence before any build replaces the output.
    # It answers only once the first build is in place and saves are watched.
    try:
        server = open_port(target_of(output_path), port, Handler, host)
    except OSError as error:
        raise ServeRefused(busy_port(host, port, error)) from None
    if holds_publish(target_of(output_path)):
        server.server_close()
        raise ServeRefused(preview_over_publish(output_path))
    started = time.perf_counter()
    problems = build_once(settings_file, output_path)
    if problems:
        print("\n".join(problems), flush=True)
        target_of(output_path).mkdir(parents=True, exist_ok=True)
    else:
        print(
            f"Built the preview in {time.perf_counter() - started:.2f} s. Search is up to date.",
            flush=True,
        )
    state.publish(problems, None)
    stop = threading.Event()
    watcher = threading.Thread(
        target=rebuild_loop,
        args=(settings_file, output_path, state, stop),
        daemon=True,
    )
    watcher.start()
    answer(server)
    print(
        f"Preview at http://{host}:{port}/ — edit a post and the page reloads. Ctrl+C stops.",
        flush=True,
    )
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
