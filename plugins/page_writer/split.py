"""Writing on two cores: a second process writes part of the blog's pages.

Pelican writes every page from one process, and rendering templates is about a third of a cold
build. Once everything is read, the build forks: the second process runs the same sequence of
writes for the blog (the articles generator: feeds, posts, lists, topics, tags) as the first.
Each write goes to whichever process reaches it first (a shared counter of claimed writes); the
other one walks past it without rendering, its file opened on the null device, the way Pelican
itself skips a file it must not overwrite. Both walk the same sequence because they hold the
same forked data. The first process waits for the second before anything reads the written
pages, and reports its problems if it stopped.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import tempfile

state: dict = {"counter": None, "child": None, "keys_file": None, "second": False}


def start(minimum_writes: int, expected_writes: int) -> bool:
    """Before writing: share a counter of claimed writes when there is enough to share."""
    stop()
    if expected_writes < minimum_writes or not hasattr(os, "fork"):
        return False
    state["counter"] = multiprocessing.get_context("fork").Value("q", 0)
    return True


def active() -> bool:
    return state["counter"] is not None


def second_process() -> bool:
    return state["second"]


def claim(index: int) -> bool:
    """Whether this process writes the `index`-th write of the shared sequence."""
    counter = state["counter"]
    with counter.get_lock():
        if counter.value == index:
            counter.value = index + 1
            return True
        return False  # the other process reached it first


def fork_writer(write_all, results) -> None:
    """Start the second process: it runs `write_all()` and leaves, sending back `results()`
    (what it learned that the first process needs: JSON), read by `wait`."""
    keys = tempfile.NamedTemporaryFile(prefix="page-writer-", suffix=".json", delete=False)
    keys.close()
    state["keys_file"] = keys.name
    pid = os.fork()
    if pid:
        state["child"] = pid
        return
    state["second"] = True
    code = 0
    try:
        write_all()
        with open(keys.name, "w", encoding="utf-8") as handle:
            json.dump(results(), handle)
    except SystemExit as stopped:  # the build's own stop, already printed with its problems
        code = stopped.code if isinstance(stopped.code, int) else 1
    except BaseException as error:  # noqa: BLE001 - the parent reports it; never a traceback
        print(f"The second page writer stopped: {type(error).__name__}: {error}", file=sys.stderr)
        code = 1
    sys.stderr.flush()
    os._exit(code)  # no atexit handlers: they belong to the first process


def wait() -> tuple[int, dict]:
    """Wait for the second process; its exit code and its `results()` ({} when it stopped)."""
    pid, state["child"] = state["child"], None
    if pid is None:
        return 0, {}
    _pid, status = os.waitpid(pid, 0)
    keys: dict = {}
    try:
        with open(state["keys_file"], encoding="utf-8") as handle:
            keys = json.load(handle)
    except (OSError, ValueError):
        pass
    finally:
        os.unlink(state["keys_file"])
    return os.waitstatus_to_exitcode(status), keys


def stop() -> None:
    """End the split: no counter; a second process still running is stopped."""
    state["counter"] = None
    pid, state["child"] = state["child"], None
    if pid is not None:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        if state["keys_file"]:
            try:
                os.unlink(state["keys_file"])
            except OSError:
                pass
