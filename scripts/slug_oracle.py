"""Precompute github-slugger's anchors for every heading of the corpus lists.

    npm install --prefix /tmp/slugger github-slugger@2
    python scripts/slug_oracle.py --node-modules /tmp/slugger/node_modules

For each heading of ``../shared/corpus/*.md`` this writes the heading's inline markdown,
the text awesome-lint slugs (``slugs.heading_text``) and github-slugger's answer for that
text (one ``GithubSlugger`` per file, so repeats get ``-1``, ``-2`` as on GitHub) to
``tests/data/slug_oracle.json``.  tests/test_slugs_oracle.py compares the parser's anchors
with it (and with a live github-slugger when ``AWESOME_LINT_SLUGGER`` names a
node_modules folder), so CI needs neither node nor the network.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from awesome_lint.syntax.parser import parse  # noqa: E402
from awesome_lint.syntax.slugs import heading_text  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
OUT = ROOT / "tests" / "data" / "slug_oracle.json"
#: Node program: reads {file: [text, ...]} on stdin, prints {file: [slug, ...]}.
NODE = """
const {default: GithubSlugger} = await import(process.argv[1] + '/github-slugger/index.js');
let input = '';
for await (const chunk of process.stdin) input += chunk;
const out = {};
for (const [file, texts] of Object.entries(JSON.parse(input))) {
  const slugger = new GithubSlugger();
  out[file] = texts.map((t) => slugger.slug(t));
}
process.stdout.write(JSON.stringify(out));
"""


def headings(corpus: Path) -> dict[str, list[tuple[int, str]]]:
    """Each corpus file's headings: (line, inline markdown), in document order."""
    out: dict[str, list[tuple[int, str]]] = {}
    for path in sorted(corpus.glob("*.md")):
        doc = parse(path.read_text(encoding="utf-8"), str(path))
        out[path.name] = [(s.line, s.raw) for s in doc.sections]
    return out


def github_slugger(texts: dict[str, list[str]], node_modules: Path) -> dict[str, list[str]]:
    """github-slugger's slugs for ``texts``, run by node."""
    result = subprocess.run(
        ["node", "--input-type=module", "-e", NODE, str(node_modules.resolve())],
        input=json.dumps(texts), capture_output=True, text=True, check=True, timeout=60)
    answer: dict[str, list[str]] = json.loads(result.stdout)
    return answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--node-modules", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    found = headings(args.corpus)
    texts = {name: [heading_text(raw) for _, raw in items] for name, items in found.items()}
    slugs = github_slugger(texts, args.node_modules)
    data = {name: [{"line": line, "markdown": raw, "text": text, "slug": slug}
                   for (line, raw), text, slug in zip(items, texts[name], slugs[name],
                                                      strict=True)]
            for name, items in found.items()}
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{sum(map(len, data.values()))} headings from {len(data)} lists -> {OUT}")


if __name__ == "__main__":
    main()
