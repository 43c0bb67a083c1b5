"""``awesome-lint dialect README.md``: what the list's own majority shows, as TOML.

Prints the conventions the syntax layer inferred before any rule ran (venue notations, year
digits, tag notation and legend, entry shapes, bullet, classic or paper list) as a
``[tool.awesome-lint.dialect]`` table a maintainer can paste into ``pyproject.toml`` to pin
them (``--bare`` prints ``[dialect]`` for an ``.awesome-lint.toml``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(_toml_string(v) for v in values) + "]"


def render(text: str, path: str | None = None, *, bare: bool = False) -> str:
    """The TOML table for ``text``: each inferred choice, with what it rests on."""
    from awesome_lint.syntax.conventions import infer as conventions
    from awesome_lint.syntax.dialect import infer as classic
    from awesome_lint.syntax.parser import parse

    document = parse(text, path)
    found = document.notation
    assert found is not None  # the parser always records it
    kind = classic(document)
    found_conventions = conventions(document)
    labels = len(found_conventions.labels)
    nested = len(found_conventions.parent_item)
    counts = dict(found.venue_counts)
    shapes = [name for name, _ in found.shapes]
    lines = [
        f"# awesome-lint dialect {path or '-'}: {len(document.entries)} entries",
        "[dialect]" if bare else "[tool.awesome-lint.dialect]",
        f"classic = {'true' if kind.classic else 'false'}"
        f"  # {kind.dashed_entries} of {kind.link_entries} link entries use ' - '",
        f"venue-notations = {_toml_list(list(found.venues))}"
        + (("  # entries with a mark: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
           if counts else "  # no venue marks"),
        f"year-digits = {found.year_digits}",
        f"tag-notation = {_toml_string(found.tags)}",
        f"legend = {_toml_string(found.legend)}",
        f"entry-shapes = {_toml_list(shapes)}  # "
        + ", ".join(f"{k} {v}" for k, v in found.shapes),
        f"bullet = {_toml_string(found.bullet)}",
    ]
    if nested:
        lines.append(f"# {nested} nested bullets belong to the item above them (resources or "
                     "sub-items of it, never duplicates of other items' bullets)")
    if labels:
        lines.append(f"# {labels} headings are labels of the headings after them "
                     "(no empty-section findings there)")
    return "\n".join(lines) + "\n"


@click.command("dialect")
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--bare", is_flag=True,
              help="Print [dialect] (for .awesome-lint.toml) instead of "
                   "[tool.awesome-lint.dialect] (for pyproject.toml).")
def dialect(path: str, bare: bool) -> None:
    """Print the conventions inferred from PATH (venue notations, years, tags, entry
    shapes) as TOML to paste into the configuration."""
    try:
        text = (sys.stdin.read() if path == "-"
                else Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        click.echo(f"awesome-lint: {path}: {reason}", err=True)
        sys.exit(2)
    from awesome_lint.syntax.parser import ParseError

    try:
        click.echo(render(text, None if path == "-" else path, bare=bare), nl=False)
    except ParseError as err:
        click.echo(f"awesome-lint: {path}:{err.line}: {err}", err=True)
        sys.exit(2)
