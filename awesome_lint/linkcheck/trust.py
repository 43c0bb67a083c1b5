"""The trust boundary: who may widen what ``--links`` is allowed to reach.

awesome-lint runs in CI on pull requests, so the README *and the config file beside it*
come from whoever opened the pull request.  A setting that widens what the tool may reach
(today ``[links] allow-private-hosts``: fetch loopback and private addresses, i.e. the CI
runner's own network) is therefore honoured only from the person running the tool: the
command line or the environment, never a file in the repository.  A file that sets one
gets one warning line and no effect.  ``--deny-private-hosts`` forces the guard on
whatever else says (the GitHub Action passes it).

The other widening knobs of the checker (the private-host allowlist, the GitHub API base
URL, the token) exist only as :class:`~awesome_lint.linkcheck.CheckOptions` fields and
``$GITHUB_TOKEN``; no config key reaches them.  The paper services' base URLs likewise
come from the environment only (:mod:`awesome_lint.papers.queries`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Any

#: ``[links]`` keys a repository file may not turn on -> the environment variable that may.
WIDENING: dict[str, str] = {"allow-private-hosts": "AWESOME_LINT_ALLOW_PRIVATE_HOSTS"}
_TRUE = ("1", "true", "yes", "on")
_warned: set[tuple[str | None, str]] = set()


def from_environment(key: str) -> bool:
    return os.environ.get(WIDENING[key], "").strip().lower() in _TRUE


def allow_private_hosts(cli_choice: bool | None, settings: Mapping[str, Any],
                        config_path: str | None) -> bool:
    """``--allow-private-hosts`` / ``--deny-private-hosts`` if given, else the environment;
    the config file's value only earns a warning."""
    key = "allow-private-hosts"
    if settings.get(key):
        warn_ignored(key, config_path)
    if cli_choice is not None:
        return cli_choice
    return from_environment(key)


def warn_ignored(key: str, config_path: str | None) -> None:
    """One line per file and key, however many files a run checks."""
    if (config_path, key) in _warned:
        return
    _warned.add((config_path, key))
    where = config_path or "the configuration"
    sys.stderr.write(f"awesome-lint: warning: {where}: [links] {key} is ignored: a setting "
                     "that widens what the tool may reach is taken only from the command line "
                     f"(--{key}) or the environment ({WIDENING[key]}=1)\n")
