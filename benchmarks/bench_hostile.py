"""Hostile shapes: does each stage stay linear in the input?

    python benchmarks/bench_hostile.py [--sizes 8000,16000,32000,64000,128000]
                                       [--shapes brackets,kbd] [--timeout 60]
                                       [--source /path/to/a/checkout]

Each shape (from issue #21: what an attacker puts in a pull request) is generated at every
size, written to a file and run through ``awesome-lint check`` or ``fix`` in a fresh
process, as CI runs it.  Prints wall seconds, peak RSS (the child's max RSS, from wait4) and
the growth ratio against the previous size: about 2.0 per doubling is linear, 4.0 is
quadratic.  A run over ``--timeout`` seconds is killed and shown as ``>T``; larger sizes
of that shape are then skipped.  ``--source`` runs another checkout's code (PYTHONPATH),
to measure "before" on main.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import seed_style_list


def _brackets(n: int) -> str:
    return "# L\n\n- " + "[" * n + "\n"


def _destinations(n: int) -> str:
    return "# L\n\n- " + "[a](" * n + "\n"


def _comments(n: int) -> str:
    return "# L\n\n" + "<!-- " * n + "\n"


def _badges(n: int) -> str:
    return "# L\n\n- [Paper](https://e.example/p) " + "<kbd>CVPR 2017</kbd> " * n + "\n"


def _same_url_sections(n: int) -> str:
    return "# L\n\n" + "".join(f"## S{i}\n\n- [E{i}](https://same.example/x)\n\n"
                               for i in range(n))


def _same_headings(n: int) -> str:
    return "# L\n\n" + "## Same\n\n" * n


def _fixable_badges(n: int) -> str:
    return "# L\n\n" + "".join(f"- [P{i}](https://e.example/{i}) <kbd>cvpr 2017</kbd>\n"
                               for i in range(n))


def _duplicate_urls(n: int) -> str:
    return "# L\n\n" + "".join(f"- [P{i}](https://same.example/x)\n" for i in range(n))


def _long_line(n: int) -> str:
    # Every fifth piece is an empty link (one finding each), with tabs between.
    return "# L\n\n" + "".join(f"word{i} [w{i}]()\t" if i % 5 == 0 else f"word{i}\t"
                                 for i in range(n)) + "\n"


def _unclosed_badges(n: int) -> str:
    return "# L\n\n- [Paper](https://e.example/p) " + "<kbd>CVPR 2017 " * n + "\n"


def _resources(n: int) -> str:
    return "# L\n\n- [T](https://e.example/t) " + "".join(
        f"[[N{i}](https://e.example/{i})] " for i in range(n)) + "\n"


def _trailing_tags(n: int) -> str:
    return "# L\n\n- [T](https://e.example/t) x" + " [Ab]" * n + "\n"


def _broken_anchors(n: int) -> str:
    return "# L\n\n" + "".join(f"## H{i}\n\n- [x](#nope{i})\n\n" for i in range(n))


def _disable_next_line(n: int) -> str:
    return "# L\n\n" + "<!-- awesome-lint-disable-next-line -->\n- [x]()\n" * n


#: name -> (command, generator, what n counts).
SHAPES: dict[str, tuple[str, Callable[[int], str], str]] = {
    "brackets": ("check", _brackets, "'[' on one line"),
    "destinations": ("check", _destinations, "'[a](' on one line"),
    "comments": ("check", _comments, "'<!-- ' openers"),
    "badges": ("check", _badges, "<kbd> badges on one line"),
    "same-url-sections": ("check", _same_url_sections, "one-entry sections, one URL"),
    "same-headings": ("check", _same_headings, "identical headings"),
    "fixable-badges": ("fix", _fixable_badges, "lines with a fixable badge"),
    "duplicate-urls": ("fix", _duplicate_urls, "entries with one URL"),
    "long-line": ("check", _long_line, "words and links on one line"),
    "unclosed-badges": ("check", _unclosed_badges, "unclosed <kbd> on one line"),
    "resources": ("check", _resources, "[[Notes](url)] on one line"),
    "trailing-tags": ("check", _trailing_tags, "[Tag] tokens after an entry's text"),
    "broken-anchors": ("check", _broken_anchors, "headings, each with a broken #link"),
    "disable-next-line": ("check", _disable_next_line, "suppressed findings"),
    "seed-list": ("fix", seed_style_list, "seed-style entries"),
}


def run(command: str, path: Path, timeout: float, env: dict[str, str]
        ) -> tuple[float | None, float, str]:
    """Wall seconds (None when killed), peak RSS in MB, and stderr's last line."""
    args = [sys.executable, "-m", "awesome_lint", command, "--exit-zero", "-q",
            "--format", "text", str(path)]
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                            start_new_session=True, cwd=path.parent)  # not this checkout
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            _, status, usage = os.wait4(proc.pid, 0)
            return None, usage.ru_maxrss / 1024, "killed"
        time.sleep(0.02)
    wall = time.perf_counter() - start
    error = proc.stderr.read().decode(errors="replace").strip() if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    note = "" if code in (0, 1) else f"exit {code}: {error.splitlines()[-1][:60]}"
    return wall, usage.ru_maxrss / 1024, note


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="8000,16000,32000,64000,128000")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--source", help="a checkout whose awesome_lint to run")
    parser.add_argument("--command", choices=["check", "fix"],
                        help="run every shape through this command (default: each shape's)")
    args = parser.parse_args()
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(args.source or Path(__file__).parents[1]).resolve())
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(f"{'shape':<18} {'command':<6} {'n':>7} {'bytes':>10} {'wall s':>8} {'x':>5} "
          f"{'RSS MB':>8} {'x':>5}  note")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.shapes.split(","):
            command, generate, _ = SHAPES[name]
            command = args.command or command
            previous: tuple[float, float] | None = None
            for n in sizes:
                path = Path(tmp) / f"{name}-{command}-{n}" / "README.md"
                path.parent.mkdir()
                path.write_text(generate(n), encoding="utf-8")
                wall, rss, note = run(command, path, args.timeout, env)
                shown = f">{args.timeout:.0f}" if wall is None else f"{wall:.2f}"
                growth = growth_rss = ""
                if previous is not None and wall is not None:
                    growth = f"{wall / previous[0]:.2f}"
                    growth_rss = f"{rss / previous[1]:.2f}"
                print(f"{name:<18} {command:<6} {n:>7} {path.stat().st_size:>10,} "
                      f"{shown:>8} {growth:>5} {rss:>8.0f} {growth_rss:>5}  {note}",
                      flush=True)
                if wall is None:
                    break
                previous = (wall, rss)


if __name__ == "__main__":
    main()
