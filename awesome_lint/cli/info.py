"""Commands that lint nothing: ``rules``, ``explain``, ``server`` and ``clean``."""

from __future__ import annotations

from pathlib import Path

import click

from awesome_lint.cli.options import complete_rules, fail


@click.command()
@click.option("--stdio", is_flag=True, help="Accepted for clients that pass it: stdio is the "
              "only transport.")
def server(stdio: bool) -> None:
    """Run the language server over stdio (needs `pip install "awesome-lint[lsp]"`)."""
    from awesome_lint.lsp import serve

    try:
        serve()
    except ImportError as err:
        fail(str(err))


@click.command()
@click.argument("path", required=False, type=click.Path(file_okay=False))
def clean(path: str | None) -> None:
    """Remove the link cache (.awesome-lint-cache/ in the project root) and the start-up cache
    (compiled patterns and parsed tables in the user's cache folder)."""
    from awesome_lint.linkcheck import clear_cache
    from awesome_lint.linkcheck import session as remote
    from awesome_lint.startup import cache_dir, clear_user_cache

    folder = remote.project_root(Path(path or "."))
    cache = folder / remote.CACHE_DIR
    if cache.exists():
        clear_cache(str(cache))
        click.echo(f"Removed {cache}")
    else:
        click.echo(f"No cache at {cache}")
    removed = clear_user_cache()
    if removed:
        click.echo(f"Removed {len(removed)} start-up cache file(s) from {cache_dir()}")


@click.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "json"]),
              default="text", show_default=True,
              help="markdown: the full reference, as in docs/rules.md; json: every rule's "
                   "fields, options and documentation link.")
def rules_command(output_format: str) -> None:
    """List every rule: code, name, category, severity, fixable."""
    from awesome_lint.rules import all_rules

    if output_format == "json":
        from awesome_lint.report.rule_index import rules_json

        click.echo(rules_json(all_rules()), nl=False)
        return
    if output_format == "markdown":
        from awesome_lint.report.markdown_report import render_rules

        click.echo(render_rules(all_rules()), nl=False)
        return
    rows = [("CODE", "NAME", "CATEGORY", "SEVERITY", "FIX")]
    rows += [(r.code, r.name, r.category, r.severity.value, "yes" if r.fixable else "")
             for r in all_rules()]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        click.echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())


@click.command()
@click.argument("rule", shell_complete=complete_rules)
def explain(rule: str) -> None:
    """Explain a rule, by code or name."""
    from awesome_lint.rules import find_rule

    found = find_rule(rule)
    if found is None:
        from awesome_lint.rules import selector_hint

        fail(f"unknown rule {rule!r}{selector_hint(rule) or '; see `awesome-lint rules`'}")
    click.echo(f"{found.code} {found.name} ({found.category}, {found.severity.value}"
               f"{', fixable' if found.fixable else ''})\n")
    click.echo(found.summary + "\n")
    click.echo(found.explanation + "\n")
    click.echo("Bad:\n" + "\n".join("    " + line for line in found.bad.splitlines()) + "\n")
    click.echo("Good:\n" + "\n".join("    " + line for line in found.good.splitlines()))
    if found.options:
        click.echo("\nOptions ([tool.awesome-lint.rules." + found.name + "]):")
        for key, value in found.options.items():
            click.echo(f"    {key} = {value!r}")
