"""Generate seed-style awesome lists of any size, deterministically (for benchmarks)."""

from __future__ import annotations

import random

VENUES = ["CVPR", "ICCV", "ECCV", "NeurIPS", "ICML", "ICLR", "MICCAI", "AAAI", "TPAMI"]
WORDS = ["deep", "residual", "learning", "image", "recognition", "attention", "transformer",
         "segmentation", "detection", "contrastive", "self", "supervised", "graph", "neural",
         "network", "diffusion", "model", "representation", "robust", "efficient", "scalable",
         "sparse", "dense", "video", "temporal"]


#: Cosmetic variants of one arXiv paper's URL, for injected duplicates.
DUPLICATE_FORMS = ("https://arxiv.org/pdf/{}v2.pdf", "http://arxiv.org/abs/{}",
                   "https://www.arxiv.org/abs/{}/", "https://arxiv.org/abs/{}?utm_source=x",
                   "https://arxiv.org/abs/{}v3")


def seed_style_list(entries: int, seed: int = 0, duplicates: float = 0.0) -> str:
    """A list with a TOC, a tag legend, week sections and paper entries with resources and
    badges, plus the defects real lists have (about 1 in 50 entries).

    ``duplicates`` (0 to 1): the share of entries that repeat an earlier paper under a
    cosmetic variant of its arXiv URL (pdf form, version, http, www, slash, tracking
    parameter).  0 (the default) gives exactly the list it always gave."""
    rng = random.Random(seed)
    dup_rng = random.Random(seed + 1)
    papers: list[tuple[str, str]] = []
    out = ["# Generated Reading List", "", "### Contents", "1. [Paper Notes](#paper-notes)", "",
           "**By Topic Category** -", "   e.g. [Gml], [Opt], [Net]",
           "   * [Gml] General ML", "   * [Opt] Training & Optimization",
           "   * [Net] Networks", "", "# Paper Notes", ""]
    week = 0
    for index in range(entries):
        if index % 25 == 0:
            out += ["", f"### Wk{week} - 2020.{1 + week % 12:02d}.{1 + week % 28:02d}", ""]
            week += 1
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 9))).title()
        arxiv = f"{rng.randint(12, 23):02d}{rng.randint(1, 12):02d}.{rng.randint(1, 19999):05d}"
        year = 2000 + int(arxiv[:2])
        notes = f"https://docs.example.org/document/d/e/{index:08x}/pub"
        venue = rng.choice(VENUES)
        resource = f"[[Notes]({notes})]"
        if index % 50 == 7:
            resource = f"[[Notes]({notes}))"
        elif index % 50 == 19:
            resource = "[[TBP]()]"
        tag = f"[{rng.choice(['Gml', 'Opt', 'Net'])}] " if index % 3 == 0 else ""
        url = f"https://arxiv.org/abs/{arxiv}"
        if duplicates and papers and dup_rng.random() < duplicates:
            title, arxiv = dup_rng.choice(papers)
            url = dup_rng.choice(DUPLICATE_FORMS).format(arxiv)
        elif duplicates:
            papers.append((title, arxiv))
        out.append(f"* {tag}[{title}]({url}) {resource} "
                   f"<kbd>{venue} {year}</kbd>")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(seed_style_list(int(sys.argv[1]) if len(sys.argv) > 1 else 1000,
                                     duplicates=float(sys.argv[2]) if len(sys.argv) > 2 else 0.0))
