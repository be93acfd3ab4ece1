"""The preview server behind `make serve`: rebuild on save, reload the browser, show problems.

Each rebuild runs Pelican in this process (its content cache keeps unchanged posts parsed),
writes into a fresh folder and swaps it in atomically, then tells open pages to reload through
a server-sent event. The reload script is added to pages as they are served, never written
into the site.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings
from watchfiles import watch

from search_index import index_site  # plugins/ is on sys.path (tasks.py)

from . import atomic

logger = logging.getLogger("sitebuild.devserver")
WATCHED = ["content", "theme", "pelicanconf.py"]
RELOAD_SCRIPT = b"""
(() => {
  const box = () => document.getElementById("dev-problems") || (() => {
    const el = document.createElement("div");
    el.id = "dev-problems";
    el.setAttribute("role", "alert");
    Object.assign(el.style, {position: "fixed", left: "0", right: "0", top: "0", zIndex: "99",
      background: "#fdf3e1", color: "#1f2a27", borderBottom: "3px solid #9a3412",
      padding: "1rem", font: "14px/1.5 monospace", whiteSpace: "pre-wrap",
      maxHeight: "50vh", overflow: "auto"});
    document.body.prepend(el);
    return el;
  })();
  const show = (state) => {
    if (state.problems.length) {
      box().textContent = "The last save has problems; the page shows the last good build.\\n\\n"
        + state.problems.join("\\n");
    } else {
      document.getElementById("dev-problems")?.remove();
    }
  };
  let generation = null;
  const events = new EventSource("/__livereload");
  events.onmessage = (event) => {
    const state = JSON.parse(event.data);
    if (generation !== null && state.generation !== generation && !state.problems.length) {
      location.reload();
    }
    generation = state.generation;
    show(state);
  };
})();
"""


class BuildState:
    """What the server knows about the last build, shared between threads."""

    def __init__(self) -> None:
        self.generation = 0
        self.problems: list[str] = []
        self.changed = threading.Condition()

    def publish(self, problems: list[str]) -> None:
        with self.changed:
            if not problems:
                self.generation += 1
            self.problems = problems
            self.changed.notify_all()

    def snapshot(self) -> bytes:
        return json.dumps({"generation": self.generation, "problems": self.problems}).encode()


def build_once(settings_file: str, output: Path) -> list[str]:
    """One preview build, swapped in atomically; returns the problems (empty on success)."""
    target = atomic.target_of(output)
    staging = atomic.staging_folder(target)
    try:
        settings = read_settings(
            settings_file,
            override={
                "OUTPUT_PATH": str(staging),
                "SEARCH_INDEX": False,
                "RENDER_CACHE_OUTPUT": str(target),
            },
        )
        Pelican(settings).run()
        atomic.replace_output(staging, output)
    except SystemExit as failed:  # the content rules stop a build this way, with .problems
        return [str(problem) for problem in getattr(failed, "problems", [])] or [
            f"The build stopped (exit code {failed.code})."
        ]
    except Exception as error:  # a broken template or setting must not stop the server
        logger.exception("build failed")
        return [f"{type(error).__name__}: {error}"]
    finally:
        if staging.exists():
            atomic.shutil.rmtree(staging, ignore_errors=True)
    # Search is indexed after the swap so the page is ready sooner; search catches up in a blink.
    index_site(str(target))
    return []


class Handler(SimpleHTTPRequestHandler):
    state: BuildState

    def log_message(self, format, *args):  # keep the terminal for build messages
        pass

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
        if not path.exists():
            not_found = Path(self.directory) / "404.html"
            if not_found.is_file():
                return self.send_bytes(not_found.read_bytes(), "text/html; charset=utf-8", 404)
        return super().do_GET()

    def send_bytes(self, body: bytes, content_type: str, status: int = 200):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

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


def rebuild_loop(settings_file: str, output: Path, state: BuildState, stop: threading.Event):
    paths = [p for p in WATCHED if Path(p).exists()]
    for changes in watch(*paths, stop_event=stop, debounce=50, step=20):
        names = sorted({Path(path).name for _change, path in changes})
        started = time.perf_counter()
        problems = build_once(settings_file, output)
        seconds = time.perf_counter() - started
        if problems:
            print("\n".join(problems), flush=True)
            print(
                f"Not rebuilt: fix the problems above and save again ({seconds:.2f} s).", flush=True
            )
        else:
            print(f"Rebuilt after a change to {', '.join(names)} in {seconds:.2f} s.", flush=True)
        state.publish(problems)


def serve(
    settings_file: str = "pelicanconf.py",
    output: str = "output",
    host: str = "127.0.0.1",
    port: int = 8000,
) -> None:
    output_path = Path(output)
    state = BuildState()
    started = time.perf_counter()
    problems = build_once(settings_file, output_path)
    if problems:
        print("\n".join(problems), flush=True)
        if not atomic.target_of(output_path).exists():
            atomic.target_of(output_path).mkdir(parents=True)
    else:
        print(f"Built the preview in {time.perf_counter() - started:.2f} s.", flush=True)
    state.publish(problems)
    stop = threading.Event()
    watcher = threading.Thread(
        target=rebuild_loop, args=(settings_file, output_path, state, stop), daemon=True
    )
    watcher.start()
    Handler.state = state
    handler = partial(Handler, directory=str(atomic.target_of(output_path)))
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    print(
        f"Preview at http://{host}:{port}/ — edit a post and the page reloads. Ctrl+C stops.",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
