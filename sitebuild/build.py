"""The one way to build the site, used by `make html`, `make publish`, `make serve`, the tests
and the benchmark.

`build()` runs the plain Pelican build (`pelican CONTENT -s SETTINGS -o FOLDER`, every plugin
registered through PLUGINS) into a fresh folder beside the output, runs an optional check on
it, and only then swaps it for the output in one atomic step. A failed or killed build leaves
the last good output byte for byte; a deleted post leaves no page behind, because every build
starts from an empty folder. One build at a time: a second one waits for the first.

By default Pelican runs in a child process (`python -m sitebuild.build`), so its time and peak
memory can be measured and nothing it loads stays behind; the preview server runs it in its
own process instead, to keep Pelican's caches warm between saves.
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import fcntl
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kernel.problems import display_path

REPO = Path(__file__).resolve().parents[1]
RENAME_EXCHANGE = 2  # from <linux/fs.h>


@dataclass
class Result:
    """How a build ended: exit code, the problem lines it printed, time and memory."""

    returncode: int
    problems: list[str] = field(default_factory=list)
    stderr: str = ""
    seconds: float = 0.0
    peak_mb: int = 0
    phases: dict[str, float] = field(default_factory=dict)
    stdout: str = ""
    # One plain sentence when the build stopped on its surroundings (a full disk, a locked
    # folder) or refused to replace the output, rather than on the content.
    fault: str = ""

    @property
    def ok(self) -> bool:
        return self.returncode == 0


class BuildRunning(Exception):
    """Another build is writing beside the output folder (raised when not waiting for it)."""


def build(
    settings_file: str = "pelicanconf.py",
    output: str | Path = "output",
    *,
    content: str | Path = "content",
    values: dict | None = None,
    env: dict | None = None,
    check: Callable[[Path], None] | None = None,
    in_process: bool = False,
    capture: bool = True,
    phases: bool = False,
    replace_publish: bool = True,
) -> Result:
    """Build `content` with `settings_file` (and `values` as `-e NAME=json` settings) into a
    fresh folder, run `check` on it, then make it `output`. What `check` raises passes through,
    and the output is left as it was.

    A preview passes `replace_publish=False`: it then refuses to replace an output that holds
    a published site. A fault of the surroundings (a full disk, a read-only or locked folder)
    ends in one sentence in `Result.fault`, and the output stays as it was."""
    output = Path(output)
    target = target_of(output)
    try:
        with build_lock(target):
            if not replace_publish and holds_publish(target):
                return refused(preview_over_publish(output))
            staging = staging_folder(target)
            try:
                overrides = {"RENDER_CACHE_OUTPUT": str(target), **(values or {})}
                run = run_in_process if in_process else run_in_child
                result = run(settings_file, content, staging, overrides, env, capture, phases)
                if result.ok:
                    if check is not None:
                        check(staging)
                    replace_output(staging, output)
                return result
            finally:
                if staging.exists():
                    shutil.rmtree(staging, ignore_errors=True)
    except OSError as error:
        return refused(fault_sentence(error, output))


def pelican_arguments(settings_file, content, destination, overrides) -> list[str]:
    arguments = [str(content), "-s", str(settings_file), "-o", str(destination)]
    if overrides:
        # One -e followed by every NAME=VALUE: a second -e would replace the first.
        arguments += ["-e"] + [f"{name}={json.dumps(value)}" for name, value in overrides.items()]
    return arguments


def run_in_child(settings_file, content, destination, overrides, env, capture, phases) -> Result:
    """`python -m sitebuild.build` (Pelican's own command line, optionally timed by phase)."""
    command = [sys.executable, "-m", "sitebuild.build"]
    marks = None
    if phases:
        marks = tempfile.NamedTemporaryFile(suffix=".json", delete=False)
        marks.close()
        command += ["--phases", marks.name]
    command += pelican_arguments(settings_file, content, destination, overrides)
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=REPO,
            env={**os.environ, **(env or {}), "PYTHONPATH": python_path()},
            stdout=out if capture else None,
            stderr=err if capture else None,
            stdin=subprocess.DEVNULL,
        )
        # wait4, not wait: it also gives the child's peak memory.
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read()
        out.seek(0)
        stdout = out.read()
    result = Result(
        returncode=process.returncode,
        stderr=stderr,
        stdout=stdout,
        problems=problem_lines(stderr),
        seconds=seconds,
        peak_mb=usage.ru_maxrss // 1024,
    )
    if marks is not None:
        try:
            result.phases = json.loads(Path(marks.name).read_text() or "{}")
        finally:
            os.unlink(marks.name)
    return result


def problem_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if ". Fix: " in line]


def python_path() -> str:
    """The repository and plugins/ on the child's import path (sitebuild and kernel)."""
    parts = [str(REPO), str(REPO / "plugins"), os.environ.get("PYTHONPATH", "")]
    return os.pathsep.join(part for part in parts if part)


def run_in_process(settings_file, content, destination, overrides, env, capture, phases):
    """Pelican in this process: its imports and caches stay warm between builds."""
    from pelican import Pelican
    from pelican.settings import read_settings

    from kernel.problems import BuildStopped, channel

    started = time.perf_counter()
    saved = {name: os.environ.get(name) for name in env or {}}
    os.environ.update(env or {})
    channel.reset()
    try:
        settings = read_settings(
            str(settings_file),
            override={"PATH": str(content), "OUTPUT_PATH": str(destination), **overrides},
        )
        Pelican(settings).run()
        return Result(0, seconds=time.perf_counter() - started)
    except BuildStopped as stopped:
        lines = [str(problem) for problem in stopped.problems]
        return Result(
            2, problems=lines, stderr="\n".join(lines), seconds=time.perf_counter() - started
        )
    except SystemExit as stopped:
        code = stopped.code if isinstance(stopped.code, int) else 1
        return Result(code or 1, problems=[f"The build stopped (exit code {code})."])
    except OSError as error:
        return refused(fault_sentence(error, destination))
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


# --- Folders: the output, its staging folder, the lock, the atomic swap ----------------------


def target_of(output: Path) -> Path:
    """The real folder to replace: `output` itself, or the folder a symlink points to."""
    return output.resolve() if output.is_symlink() else output.absolute()


class build_lock:
    """One build at a time beside an output folder: a second build waits until the first is
    done (it would otherwise race it to the swap, or remove its staging folder). The lock is
    on the folder that holds the output, so it leaves no file behind."""

    def __init__(self, target: Path, wait: bool = True):
        target.parent.mkdir(parents=True, exist_ok=True)
        self.folder = target.parent
        self.target = target
        self.wait = wait

    def __enter__(self):
        self.handle = os.open(self.folder, os.O_RDONLY)
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not self.wait:
                os.close(self.handle)
                raise BuildRunning(self.target) from None
            print(
                f"Another build is writing beside {self.target}; waiting for it to finish.",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(self.handle, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        os.close(self.handle)


def staging_folder(target: Path) -> Path:
    """A new empty folder beside `target` (same file system, so the swap is a rename). Called
    under the lock: any other staging folder was left by a build that was killed."""
    remove_leftovers(target)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))


def remove_leftovers(target: Path) -> None:
    """Delete staging folders left by a build that was killed."""
    for pattern in (f".{target.name}.new-*", f".{target.name}.old-*"):
        for path in target.parent.glob(pattern):
            shutil.rmtree(path, ignore_errors=True)


def exchange(new: Path, target: Path) -> None:
    """Atomically swap two folders (Linux renameat2); fall back to two renames elsewhere."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        at_fdcwd = -100
        result = renameat2(
            at_fdcwd, os.fsencode(new), at_fdcwd, os.fsencode(target), RENAME_EXCHANGE
        )
        if result == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            # Locked, read-only, busy: two renames would fail the same way, maybe halfway.
            raise OSError(code, os.strerror(code), str(target))
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(old, target)  # the previous site goes back in place
        raise
    os.rename(old, new)


def replace_output(staging: Path, output: Path) -> None:
    """Make the finished `staging` folder the new output; the old one is deleted."""
    target = target_of(output)
    if target.exists():
        exchange(staging, target)
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the previous site
    else:
        os.rename(staging, target)


# --- Refusals and faults: one plain sentence each -----------------------------------------

# errno -> (what is wrong, what to do)
FAULTS = {
    errno.ENOSPC: ("the disk is full, so the new site could not be written", "free some space"),
    errno.EDQUOT: (
        "the disk quota is used up, so the new site could not be written",
        "free some space",
    ),
    errno.EROFS: (
        "the disk is read-only, so the new site could not be written",
        "make it writable, or build into another folder",
    ),
    errno.EACCES: (
        "permission is denied",
        "make the folder writable for you (chmod u+w), or build into another folder",
    ),
    errno.EPERM: (
        "the folder is locked (immutable), so it could not be replaced",
        "unlock it (lsattr -d shows an i; chattr -i removes it), or build into another folder",
    ),
    errno.EBUSY: (
        "it is in use (a mount point, or open in another program), so it could not be replaced",
        "build into a folder beside it instead, or close the other program",
    ),
}


def fault_sentence(error: OSError, output) -> str:
    """`path: what is wrong. Fix: what to do, then build again; output/ was left as it was.`"""
    what, fix = FAULTS.get(error.errno, (error.strerror or str(error), "correct that"))
    where = display_path(error.filename or output)
    folder = display_path(output).rstrip("/")
    return f"{where}: {what}. Fix: {fix}, then build again; {folder}/ was left as it was."


def refused(sentence: str) -> Result:
    return Result(1, problems=[sentence], stderr=sentence, fault=sentence)


def holds_publish(target: Path) -> bool:
    """Whether the folder holds a site `make publish` built (what the deploy tasks accept)."""
    from .checks import PublishCheckFailed, check_publish_folder

    if not target.is_dir():
        return False
    try:
        check_publish_folder(target)
    except PublishCheckFailed:
        return False
    return True


def preview_over_publish(output: Path) -> str:
    return (
        f"{output}/ holds the site `make publish` built, and a preview never replaces it. Fix: "
        "deploy it first if you meant to, then run `make clean` and preview again (or "
        "preview into another folder: `.venv/bin/invoke html --output preview`)."
    )


# The output folder named in fault sentences of the child process (its -o argument).
FAULT_OUTPUT = {"name": "output"}


def report_faults(record: logging.LogRecord) -> bool:
    """Pelican logs an error that stops it with a traceback; a fault of the surroundings (a
    full disk, a locked folder) is told in one sentence instead."""
    error = record.exc_info[1] if record.exc_info else None
    if record.levelno >= logging.CRITICAL and isinstance(error, OSError):
        print(fault_sentence(error, FAULT_OUTPUT["name"]), file=sys.stderr, flush=True)
        return False
    return True


# --- The child process: Pelican's command line, optionally timed phase by phase --------------

# (signal, name of the phase that ends when it fires), in the order Pelican sends them.
PHASES = [
    ("initialized", "start-up: Python, Pelican, settings, plugins"),
    ("article_generator_init", "source checks (every file, before reading)"),
    ("static_generator_finalized", "reading: Markdown and fields of every post"),
    ("get_writer", "after reading: search copy and Pagefind start, annotations, checks"),
    ("finalized", "writing every page"),
    (None, "after writing: link check, waiting for Pagefind, moving its bundle"),
]


def child(argv: list[str]) -> None:
    """`python -m sitebuild.build [--phases FILE] PELICAN-ARGUMENTS`."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--phases")
    known, rest = parser.parse_known_args(argv)
    from pelican import main, signals

    marks: dict[str, float] = {}
    if known.phases:

        def marker(name):
            def mark(*_args, **_kwargs):
                marks.setdefault(name, time.perf_counter() - STARTED)

            return mark

        receivers = [(signal, marker(name)) for signal, name in PHASES if signal]
        for signal, receiver in receivers:
            getattr(signals, signal).connect(receiver)
    sys.argv = ["pelican", *rest]
    if "-o" in rest:
        FAULT_OUTPUT["name"] = rest[rest.index("-o") + 1]
    logging.getLogger("pelican").addFilter(report_faults)
    try:
        main()
    finally:
        if known.phases:
            marks[PHASES[-1][1]] = time.perf_counter() - STARTED
            Path(known.phases).write_text(json.dumps(marks))


STARTED = time.perf_counter()
if __name__ == "__main__":
    child(sys.argv[1:])
