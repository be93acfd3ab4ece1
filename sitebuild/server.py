"""The one static server, for the preview and the tests: a folder served on 127.0.0.1 the way a
static host serves it (index.html for a folder, the site's own 404.html with status 404)."""

from __future__ import annotations

import socket
import threading
import time
import urllib.request
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class StaticHandler(SimpleHTTPRequestHandler):
    """Serves files; a missing one gets the nearest 404.html above it, with status 404."""

    def log_message(self, format, *args):  # keep the terminal for build messages
        pass

    def send_error(self, code, message=None, explain=None):
        page = self.not_found_page() if code == 404 else None
        if page is None:
            return super().send_error(code, message, explain)
        self.send_bytes(page.read_bytes(), "text/html; charset=utf-8", 404)

    def not_found_page(self) -> Path | None:
        root = Path(self.directory).resolve()
        wanted = Path(self.translate_path(self.path))
        for folder in [wanted, *wanted.parents]:
            page = folder / "404.html"
            if page.is_file() and page.resolve().is_relative_to(root):
                return page
        return None

    def send_bytes(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def serve(folder: Path | str, port: int, handler=StaticHandler, host: str = "127.0.0.1"):
    """Serve `folder` on host:port from a background thread; returns the server."""
    return answer(open_port(folder, port, handler, host))


def open_port(folder: Path | str, port: int, handler=StaticHandler, host: str = "127.0.0.1"):
    """A server holding host:port for `folder`, not answering yet (OSError: the port is busy)."""
    server = ThreadingHTTPServer((host, port), partial(handler, directory=str(folder)))
    server.daemon_threads = True
    return server


def answer(server: ThreadingHTTPServer) -> ThreadingHTTPServer:
    """Start answering requests, from a background thread."""
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float) -> bool:
    """Whether `url` answered within `seconds` (a server that is starting)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return True
        except OSError:
            time.sleep(0.2)
    return False
