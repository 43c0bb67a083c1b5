#!/usr/bin/env bash
# The "Check" step of action.yml.  tests/test_action.py runs this same script with the
# GITHUB_* variables a runner sets, against a temporary git repository.
#
# Inputs (environment): INPUT_PATHS, INPUT_LINKS, INPUT_DIFF_BASE, INPUT_FAIL_ON, INPUT_ARGS;
# AWESOME_LINT_PYTHON: the interpreter awesome-lint is installed in (default: python3).
# Runner variables used: GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_BASE_REF,
# GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP; awesome_lint.cli.ci reads GITHUB_REPOSITORY,
# GITHUB_SERVER_URL and GITHUB_SHA to link summary locations to the pull request's head commit.
#
# It runs `awesome-lint check --format json` once (with --diff-base <PR base sha> on pull
# requests, --links when asked), then `python -m awesome_lint.cli.ci` turns that one result into
# ::error/::warning annotations, the Markdown job summary, step outputs and the exit code.
set -euo pipefail
set -f  # paths and args are split on whitespace, never globbed

py="${AWESOME_LINT_PYTHON:-python3}"
paths="${INPUT_PATHS:-README.md}"
links="${INPUT_LINKS:-false}"
diff_base="${INPUT_DIFF_BASE:-}"
fail_on="${INPUT_FAIL_ON:-error}"
extra="${INPUT_ARGS:-}"

fail() {  # an annotation on the run, not on a line, then exit 2 (a usage error)
  echo "::error title=awesome-lint::$1"
  exit 2
}

case "$fail_on" in error | warning | never) ;; *)
  fail "input fail-on must be error, warning or never, not '$fail_on'" ;;
esac
case "$links" in true | false) ;; *)
  fail "input links must be true or false, not '$links'" ;;
esac

# On a pull request, report only what the PR changed: the base commit from the event payload.
if [ -z "$diff_base" ] && [[ "${GITHUB_EVENT_NAME:-}" == pull_request* ]]; then
  if [ -n "${GITHUB_EVENT_PATH:-}" ] && [ -f "$GITHUB_EVENT_PATH" ]; then
    diff_base="$("$py" -c 'import json, sys
print(json.load(open(sys.argv[1], encoding="utf-8"))["pull_request"]["base"]["sha"])' \
      "$GITHUB_EVENT_PATH")"
  elif [ -n "${GITHUB_BASE_REF:-}" ]; then
    diff_base="origin/$GITHUB_BASE_REF"
  fi
fi
if [ "$diff_base" = "none" ]; then
  diff_base=""
fi

# actions/checkout fetches one commit by default: fetch the history the merge base needs.
if [ -n "$diff_base" ] && ! git merge-base "$diff_base" HEAD >/dev/null 2>&1; then
  if [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = "true" ]; then
    git fetch --quiet --no-tags --unshallow origin >&2 || true
  fi
  if ! git cat-file -e "$diff_base^{commit}" 2>/dev/null; then
    git fetch --quiet --no-tags origin "$diff_base" >&2 || true
  fi
  if ! git merge-base "$diff_base" HEAD >/dev/null 2>&1; then
    echo "::warning title=awesome-lint::no merge base of $diff_base and HEAD in this clone" \
      "(use actions/checkout with fetch-depth: 0); checking every line"
    diff_base=""
  fi
fi

# shellcheck disable=SC2206  # word splitting wanted; globbing is off (set -f)
path_list=($paths)
# shellcheck disable=SC2206
extra_args=($extra)
# The guard against fetching the runner's own network is forced on; only the workflow's
# own args (after it) can lift it, never a config file in the pull request.
command=(check --format json --exit-zero --deny-private-hosts)
if [ -n "$diff_base" ]; then
  command+=(--diff-base "$diff_base")
fi
if [ "$links" = "true" ]; then
  command+=(--links)
fi
command+=("${extra_args[@]}" -- "${path_list[@]}")

work="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
results="$(mktemp "$work/awesome-lint.XXXXXX")"
errors="$(mktemp "$work/awesome-lint-stderr.XXXXXX")"
echo "awesome-lint ${command[*]}" >&2
status=0
"$py" -m awesome_lint "${command[@]}" >"$results" 2>"$errors" || status=$?
cat "$errors" >&2
# Exit 2 with a report: some files could not be read (IO001 findings, annotated below with
# the rest); exit 2 without one: bad usage or configuration, each stderr line the reason.
if [ "$status" -ne 0 ] && { [ "$status" -ne 2 ] || [ ! -s "$results" ]; }; then
  while IFS= read -r line; do
    echo "::error title=awesome-lint::$line"
  done <"$errors"
  exit "$status"
fi

report=("$results" --fail-on "$fail_on" --diff-base "$diff_base")
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  report+=(--summary "$GITHUB_STEP_SUMMARY")
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  report+=(--output "$GITHUB_OUTPUT")
  echo "results=$results" >>"$GITHUB_OUTPUT"
fi
exec "$py" -m awesome_lint.cli.ci "${report[@]}"
