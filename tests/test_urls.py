"""Tests for URL identity: one example table per normalisation, then hypothesis properties."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from awesome_lint.syntax.urls import (
    TRACKING_PARAMS,
    arxiv_id,
    canonical_key,
    is_http_url,
    strip_fragment,
)
from tests.conftest import shared_lists


def same(*urls: str) -> None:
    keys = {canonical_key(url) for url in urls}
    assert len(keys) == 1, keys


def different(a: str, b: str) -> None:
    assert canonical_key(a) != canonical_key(b)


# --- one test per normalisation ------------------------------------------------------------

@pytest.mark.parametrize(("a", "b"), [
    ("http://example.com/x", "https://example.com/x"),
    ("HTTP://example.com/x", "https://example.com/x"),
    ("hTTps://example.com", "http://example.com"),
])
def test_scheme_insensitive(a: str, b: str) -> None:
    same(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("https://www.example.com/x", "https://example.com/x"),
    ("https://www.www.example.com/x", "https://example.com/x"),
    ("https://example.com:443/x", "https://example.com/x"),
    ("http://example.com:80/x", "https://example.com/x"),
    ("http://example.com:0080/x", "https://example.com/x"),
    ("https://example.com:/x", "https://example.com/x"),
    ("https://EXAMPLE.Com/x", "https://example.com/x"),
    ("https://example.com./x", "https://example.com/x"),
    ("https://Bücher.de/", "https://xn--bcher-kva.de"),
])
def test_host_normalised(a: str, b: str) -> None:
    same(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("https://www.com/", "https://com/"),  # "www." is only dropped when a domain remains
    ("https://example.com:8080/x", "https://example.com/x"),
    ("https://example.com/X", "https://example.com/x"),  # paths are case-sensitive
    ("https://user@example.com/", "https://example.com/"),
])
def test_host_distinctions_kept(a: str, b: str) -> None:
    different(a, b)


@pytest.mark.parametrize("url", [
    "http://a..b.ü/", "http://" + "ü" * 100 + ".com/", "http://xn--/",
])
def test_unicode_hosts_never_crash(url: str) -> None:
    assert canonical_key(url).startswith("https://")


@pytest.mark.parametrize(("a", "b"), [
    ("https://example.com/docs/", "https://example.com/docs"),
    ("https://example.com/", "https://example.com"),
    ("https://example.com/docs/index.html", "https://example.com/docs"),
    ("https://example.com/docs/index.htm", "https://example.com/docs/"),
    ("https://example.com/index.html?a=1", "https://example.com/?a=1"),
    ("https://example.com/a/./b/../c", "https://example.com/a/c"),
])
def test_path_trailing_slash_index_and_dots(a: str, b: str) -> None:
    same(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("https://example.com/x?utm_source=gh&utm_medium=readme", "https://example.com/x"),
    ("https://example.com/x?UTM_Campaign=1&a=1", "https://example.com/x?a=1"),
    ("https://example.com/x?fbclid=abc&gclid=def", "https://example.com/x"),
    ("https://example.com/x?ref=producthunt", "https://example.com/x"),
    ("https://example.com/x?ref_src=twsrc%5Etfw", "https://example.com/x"),
    ("https://example.com/x?b=2&a=1", "https://example.com/x?a=1&b=2"),
    ("https://example.com/x?a=1&&b=2&", "https://example.com/x?a=1&b=2"),
    ("https://example.com/x?", "https://example.com/x"),
])
def test_query_tracking_dropped_and_sorted(a: str, b: str) -> None:
    same(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("https://example.com/x?source=1", "https://example.com/x"),  # not a known tracker
    ("https://example.com/x?a=1&a=2", "https://example.com/x?a=2&a=1"),  # order of repeats
    ("https://api.github.com/repos/o/r/contents/f?ref=dev", "https://api.github.com/repos/o/r/contents/f"),
    ("https://gitlab.example.org/x?ref=dev", "https://gitlab.example.org/x"),
])
def test_meaningful_query_kept(a: str, b: str) -> None:
    different(a, b)


def test_tracking_list_is_documented() -> None:
    assert {"fbclid", "gclid", "ref", "ref_src"} <= TRACKING_PARAMS
    assert "source" not in TRACKING_PARAMS


@pytest.mark.parametrize(("a", "b"), [
    ("https://example.com/a%7Eb", "https://example.com/a~b"),
    ("https://example.com/a%7eb", "https://example.com/a~b"),
    ("https://example.com/%41%62c", "https://example.com/Abc"),
    ("https://example.com/a%2fb", "https://example.com/a%2Fb"),
    ("https://example.com/a b", "https://example.com/a%20b"),
    ("https://example.com/ä", "https://example.com/%C3%A4"),
    ("https://example.com/x?q=a b", "https://example.com/x?q=a%20b"),
    ("https://example.com/x?q=%7e", "https://example.com/x?q=~"),
    ("https://example.com/x#a b", "https://example.com/x#a%20b"),
    ("https://example.com/100%", "https://example.com/100%25"),
])
def test_percent_encoding_normalised(a: str, b: str) -> None:
    same(a, b)


def test_encoded_slash_stays_distinct() -> None:
    different("https://example.com/a%2Fb", "https://example.com/a/b")


def test_fragment_kept_by_default_and_dropped_on_request() -> None:
    different("https://example.com/x#a", "https://example.com/x#b")
    different("https://example.com/x#a", "https://example.com/x")
    same("https://example.com/x#", "https://example.com/x")
    assert canonical_key("https://example.com/x#a", keep_fragment=False) == canonical_key(
        "https://example.com/x#b", keep_fragment=False) == "https://example.com/x"


@pytest.mark.parametrize(("a", "b"), [
    ("  https://example.com/x  ", "https://example.com/x"),
    ("https://example.com/x #top", "https://example.com/x#top"),
    ("https://exam\tple.com/a\nb", "https://example.com/ab"),  # browsers drop tab/newline
    ("\x00\x01https://example.com/x", "https://example.com/x"),  # and leading C0 controls
])
def test_whitespace_and_controls_like_browsers(a: str, b: str) -> None:
    same(a, b)


def test_keys_are_https_urls() -> None:
    assert canonical_key("http://www.Example.com/a/?b=1#c") == "https://example.com/a?b=1#c"


ARXIV_FORMS = [
    "https://arxiv.org/abs/1804.03999",
    "http://arxiv.org/abs/1804.03999v2",
    "https://arxiv.org/pdf/1804.03999v3.pdf",
    "https://arxiv.org/pdf/1804.03999.pdf",
    "https://arxiv.org/pdf/1804.03999",
    "https://arxiv.org/html/1804.03999v2",
    "https://arxiv.org/html/1804.03999v2/",
    "https://export.arxiv.org/abs/1804.03999",
    "https://www.arxiv.org/abs/1804.03999?context=cs",
    "https://doi.org/10.48550/arXiv.1804.03999",
]


def test_arxiv_forms_unified() -> None:
    same(*ARXIV_FORMS)
    assert canonical_key(ARXIV_FORMS[3]) == "https://arxiv.org/abs/1804.03999"
    assert {arxiv_id(url) for url in ARXIV_FORMS} == {"1804.03999"}


@pytest.mark.parametrize(("url", "paper"), [
    ("https://arxiv.org/abs/cs/0112017", "cs/0112017"),
    ("https://arxiv.org/abs/hep-th/9901001v2", "hep-th/9901001"),
    ("https://arxiv.org/pdf/hep-th/9901001v2.pdf", "hep-th/9901001"),
    ("https://arxiv.org/abs/math.GT/0309136", "math.GT/0309136"),
    ("https://arxiv.org/abs/0704.0001", "0704.0001"),
    ("https://arxiv.org/abs/2401.12345v10", "2401.12345"),
])
def test_arxiv_old_and_new_ids(url: str, paper: str) -> None:
    assert arxiv_id(url) == paper
    assert canonical_key(url) == "https://arxiv.org/abs/" + paper


@pytest.mark.parametrize("url", [
    "https://arxiv.org/list/cs.LG/recent", "https://arxiv.org/abs/", "https://example.com/abs/"
    "1804.03999", "arxiv.org/abs/1804.03999", "https://arxiv.org/html/1804.03999v1/x1.png",
    "https://doi.org/10.1145/3292500",
])
def test_arxiv_id_none_for_non_papers(url: str) -> None:
    assert arxiv_id(url) is None


def test_arxiv_distinct_papers() -> None:
    different("https://arxiv.org/abs/1804.03999", "https://arxiv.org/abs/1804.03998")
    different("https://arxiv.org/abs/hep-th/9901001", "https://arxiv.org/abs/hep-ph/9901001")


@pytest.mark.parametrize("url", [
    "https://openreview.net/forum?id=rJXMpikCZ",
    "https://openreview.net/pdf?id=rJXMpikCZ",
    "https://openreview.net/forum?id=rJXMpikCZ&noteId=rJXMpikCZ",
    "https://openreview.net/forum?noteId=abc&id=rJXMpikCZ&referrer=x",
    "http://www.openreview.net/pdf/?id=rJXMpikCZ",
])
def test_openreview_forum_and_pdf_unified(url: str) -> None:
    assert canonical_key(url) == "https://openreview.net/forum?id=rJXMpikCZ"


@pytest.mark.parametrize("url", [
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "https://youtu.be/dQw4w9WgXcQ",
    "https://youtu.be/dQw4w9WgXcQ?si=abc&t=42",
    "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=1m2s&list=PLx",
    "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
    "https://www.youtube.com/embed/dQw4w9WgXcQ?start=3",
    "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    "https://youtube.com/shorts/dQw4w9WgXcQ",
])
def test_youtube_video_forms_unified(url: str) -> None:
    assert canonical_key(url) == "https://youtube.com/watch?v=dQw4w9WgXcQ"


def test_youtube_playlists_keep_their_list() -> None:
    assert canonical_key("https://www.youtube.com/playlist?list=PL123&si=x") == (
        "https://youtube.com/playlist?list=PL123")
    different("https://youtube.com/playlist?list=PL1", "https://youtube.com/playlist?list=PL2")
    different("https://youtube.com/playlist?list=PL1", "https://youtube.com/watch?v=PL1")
    different("https://youtu.be/aaaaaaaaaaa", "https://youtu.be/aaaaaaaaaab")
    same("https://m.youtube.com/@channel", "https://www.youtube.com/@channel/")


@pytest.mark.parametrize("url", [
    "https://github.com/Owner/Repo",
    "https://github.com/owner/repo/",
    "http://www.github.com/owner/repo.git",
    "https://github.com/owner/repo/tree/master",
    "https://github.com/owner/repo/tree/main/",
    "https://github.com/owner/repo?tab=readme-ov-file",
    "https://github.com/owner/repo#readme",
])
def test_github_repo_forms_unified(url: str) -> None:
    assert canonical_key(url) == "https://github.com/owner/repo"


def test_github_deeper_paths_stay_distinct() -> None:
    root = "https://github.com/o/r"
    different(root, "https://github.com/o/r/tree/dev")
    different(root, "https://github.com/o/r/tree/dev/sub")
    different(root, "https://github.com/o/r/tree/main/sub")
    different(root, "https://github.com/o/r/blob/main/README.md")
    different(root, "https://github.com/o/r#installation")
    different("https://github.com/o/r/blob/main/A.md", "https://github.com/o/r/blob/main/a.md")
    same("https://github.com/O/R/blob/main/A.md", "https://github.com/o/r/blob/main/A.md")


@pytest.mark.parametrize(("urls", "key"), [
    (["https://docs.google.com/document/d/1AbC_x-9/edit",
      "https://docs.google.com/document/d/1AbC_x-9/edit?usp=sharing",
      "https://docs.google.com/document/d/1AbC_x-9/view",
      "https://docs.google.com/document/d/1AbC_x-9/pub",
      "https://docs.google.com/document/u/0/d/1AbC_x-9/",
      "https://docs.google.com/document/d/1AbC_x-9"],
     "https://docs.google.com/document/d/1AbC_x-9"),
    (["https://docs.google.com/document/d/e/2PACX-1vQ/pub",
      "https://docs.google.com/document/d/e/2PACX-1vQ/pub?embedded=true"],
     "https://docs.google.com/document/d/e/2PACX-1vQ"),
    (["https://docs.google.com/spreadsheets/d/1AbC/edit#gid=0"],
     "https://docs.google.com/spreadsheets/d/1AbC#gid=0"),
    (["https://docs.google.com/presentation/d/1AbC/edit?usp=sharing"],
     "https://docs.google.com/presentation/d/1AbC"),
    (["https://drive.google.com/file/d/1AbC/view?usp=sharing",
      "https://drive.google.com/open?id=1AbC"],
     "https://drive.google.com/file/d/1AbC"),
])
def test_google_docs_unified(urls: list[str], key: str) -> None:
    assert {canonical_key(url) for url in urls} == {key}


def test_google_docs_kind_is_part_of_the_key() -> None:
    different("https://docs.google.com/document/d/1AbC", "https://docs.google.com/spreadsheets/d/1AbC")
    different("https://docs.google.com/document/d/1AbC/export?format=pdf",
              "https://docs.google.com/document/d/1AbC")


@pytest.mark.parametrize(("url", "key", "key_no_fragment"), [
    ("mailto:Someone@Example.com#x", "mailto:Someone@Example.com#x", "mailto:Someone@Example.com"),
    ("MAILTO:a@b.c", "mailto:a@b.c", "mailto:a@b.c"),
    ("javascript:alert(1)", "javascript:alert(1)", "javascript:alert(1)"),
    ("  ../docs/README.md#Usage ", "../docs/README.md#Usage", "../docs/README.md"),
    ("#section", "#section", ""),
    ("www.example.com", "www.example.com", "www.example.com"),
    ("http://", "http://", "http://"),
    ("http://[::1", "http://[::1", "http://[::1"),
    ("http://ex ample.com/#x", "http://ex ample.com/#x", "http://ex ample.com/"),
    ("http://a.com:8o/", "http://a.com:8o/", "http://a.com:8o/"),
    ("ftp://Example.com/", "ftp://Example.com/", "ftp://Example.com/"),
    ("", "", ""),
])
def test_non_http_conservative_key(url: str, key: str, key_no_fragment: str) -> None:
    assert canonical_key(url) == key
    assert canonical_key(url, keep_fragment=False) == key_no_fragment


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.com/x", True), ("HTTP://example.com", True), ("ftp://example.com", False),
    ("mailto:a@b.c", False), ("/relative", False), ("http://", False), ("http://[::1", False),
    ("https:example.com", False), ("", False), ("  https://a.b  ", True),
])
def test_is_http_url(url: str, expected: bool) -> None:
    assert is_http_url(url) is expected


def test_strip_fragment() -> None:
    assert strip_fragment("https://a.b/c?d#e#f") == "https://a.b/c?d"
    assert strip_fragment("no-fragment") == "no-fragment"


@pytest.mark.parametrize("url", [
    "http://a.com/" + "%" * 200_000,
    "http://a.com/" + "index.html/" * 100_000,
    "http://a.com/" + "./../" * 100_000,
    "http://a.com/?" + "&utm_x=1" * 100_000,
    "http://a.com/" + "ü" * 200_000,
    "https://arxiv.org/abs/" + "a" * 200_000,
    "https://arxiv.org/abs/1804.03999v" + "1" * 200_000 + "x",
    "https://docs.google.com/document/d/" + "e/" * 100_000,
    "http://" + "www." * 100_000 + "a.com",
    "http://a.com:" + "9" * 100_000,
    "\x00" * 100_000 + "http://a.com",
])
def test_hostile_inputs_are_linear(url: str) -> None:
    start = time.perf_counter()
    for keep in (True, False):
        canonical_key(url, keep_fragment=keep)
    arxiv_id(url)
    is_http_url(url)
    assert time.perf_counter() - start < 2.0


# --- properties ----------------------------------------------------------------------------

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_SPECIAL_HOSTS = {"arxiv.org", "doi.org", "openreview.net", "youtube.com", "youtu.be",
                  "github.com", "docs.google.com", "drive.google.com", "gitlab.com",
                  "api.github.com", "codeberg.org", "bitbucket.org", "gitea.com"}
_UNRESERVED = _LETTERS + _LETTERS.upper() + "0123456789-._~"

labels = st.text(_LETTERS + "0123456789", min_size=1, max_size=10)
hosts = st.lists(labels, min_size=1, max_size=3).map(".".join).map(lambda h: h + ".org")
segments = st.text(_UNRESERVED + "!$&'()*+,;=:@", min_size=1, max_size=12).filter(
    lambda s: s not in (".", "..") and s not in ("index.html", "index.htm"))
param_names = st.text(_LETTERS + "_", min_size=1, max_size=8).filter(
    lambda n: n not in TRACKING_PARAMS and not n.startswith("utm_"))
param_values = st.text(_UNRESERVED, max_size=8)
tracking = st.sampled_from(["utm_source=x", "utm_medium=readme", "fbclid=1", "gclid=abc",
                            "ref=hn", "ref_src=twsrc", "UTM_Campaign=y"])


@st.composite
def url_variants(draw: st.DrawFn) -> tuple[str, str]:
    """(plain URL, the same URL dressed in random cosmetic variants)."""
    host = draw(hosts)
    assume(host not in _SPECIAL_HOSTS and not host.startswith("www."))
    path_segments = draw(st.lists(segments, max_size=4))
    names = draw(st.lists(param_names, max_size=3, unique=True))
    params = [f"{name}={draw(param_values)}" for name in names]
    plain = f"https://{host}/" + "/".join(path_segments)
    if params:
        plain += "?" + "&".join(sorted(params, key=lambda p: p.partition("=")[0]))

    scheme = draw(st.sampled_from(["http", "https", "HTTP", "Https"]))
    www = draw(st.sampled_from(["", "www.", "WWW."]))
    port = draw(st.sampled_from(["", ":80", ":443"]))
    fancy_host = "".join(c.upper() if draw(st.booleans()) else c for c in host)

    def encode(text: str) -> str:
        return "".join(
            (f"%{ord(c):02x}" if draw(st.booleans()) else f"%{ord(c):02X}")
            if c in _UNRESERVED and draw(st.booleans()) else c
            for c in text)

    path = "/".join(encode(segment) for segment in path_segments)
    ending = draw(st.sampled_from(["", "/", "/index.html", "/index.htm"]))
    path = ending.lstrip("/") if not path else path + ending
    query = [encode(p) for p in params] + draw(st.lists(tracking, max_size=3))
    query = draw(st.permutations(query))
    variant = f"{scheme}://{www}{fancy_host}{port}/{path}"
    if query or draw(st.booleans()):
        variant += "?" + "&".join(query)
    return plain, variant


@given(url_variants())
def test_cosmetic_variants_share_the_plain_key(pair: tuple[str, str]) -> None:
    plain, variant = pair
    assert canonical_key(variant) == canonical_key(plain)
    assert canonical_key(variant, keep_fragment=False) == canonical_key(plain)


new_ids = st.builds("{:02d}{:02d}.{:05d}".format, st.integers(7, 99), st.integers(1, 12),
                    st.integers(0, 99999))
old_ids = st.builds("{}/{:02d}{:02d}{:03d}".format,
                    st.sampled_from(["hep-th", "cs", "math.GT", "quant-ph", "astro-ph.CO"]),
                    st.integers(91, 99), st.integers(1, 12), st.integers(0, 999))
arxiv_ids = st.one_of(new_ids, old_ids)


@st.composite
def arxiv_urls(draw: st.DrawFn, paper: str) -> str:
    """A random URL form of the arXiv paper ``paper``."""
    scheme = draw(st.sampled_from(["http", "https"]))
    host = draw(st.sampled_from(["arxiv.org", "www.arxiv.org", "export.arxiv.org"]))
    version = draw(st.sampled_from(["", "v1", "v2", "v13"]))
    form = draw(st.sampled_from(["abs/{}", "pdf/{}", "pdf/{}.pdf", "html/{}", "abs/{}/"]))
    if form.startswith("html"):
        version = version or "v1"
    return f"{scheme}://{host}/" + form.format(paper + version)


@given(st.data(), arxiv_ids)
def test_arxiv_forms_share_the_abs_key(data: st.DataObject, paper: str) -> None:
    url = data.draw(arxiv_urls(paper))
    assert canonical_key(url) == canonical_key(f"https://arxiv.org/abs/{paper}")
    assert arxiv_id(url) == paper


@given(st.data(), arxiv_ids, arxiv_ids)
def test_distinct_arxiv_ids_never_share_a_key(data: st.DataObject, a: str, b: str) -> None:
    assume(a != b)
    assert canonical_key(data.draw(arxiv_urls(a))) != canonical_key(data.draw(arxiv_urls(b)))


plain_paths = st.lists(st.text(_UNRESERVED + "!$&'()*+,;=:@", max_size=12), max_size=4).map(
    "/".join)
paper_paths = st.builds("{}/{}{}".format, st.sampled_from(["abs", "pdf", "html"]), new_ids,
                        st.sampled_from(["", "v2", ".pdf", "v3.pdf", "/", "V2"]))


@given(st.sampled_from(["http", "https"]),
       st.one_of(hosts, st.sampled_from(sorted(_SPECIAL_HOSTS | {"www.a.org", "a.org."}))),
       st.one_of(plain_paths, paper_paths))
def test_plain_urls_get_the_general_key(scheme: str, host: str, path: str) -> None:
    """Lower-case plain URLs take a one-match path; an upper-case scheme takes the general
    one, which must give the same key."""
    url = f"{scheme}://{host}/{path}"
    general = scheme.upper() + url[len(scheme):]
    assert canonical_key(url) == canonical_key(general)
    assert canonical_key(url, keep_fragment=False) == canonical_key(general, keep_fragment=False)


_GITHUB_PARTS = st.sampled_from(["Owner", "repo", "Repo.js", "r.git", "x.git.git", ".git",
                                 ".hidden", "index.html", "index.htm", "a_b-c", "UPPER", "",
                                 ".", "..", "tree", "main", "%41", "é"])


@given(st.sampled_from(["http", "https"]), st.sampled_from(["github.com", "www.github.com"]),
       st.lists(_GITHUB_PARTS, min_size=1, max_size=4).map("/".join),
       st.sampled_from(["", "/", "#readme", "?tab=x"]))
def test_plain_github_urls_get_the_general_key(scheme: str, host: str, path: str,
                                               tail: str) -> None:
    """``https://github.com/Owner/Repo`` takes a one-match path (``urls._PLAIN_GITHUB``); an
    upper-case scheme takes the general one, which must give the same key."""
    url = f"{scheme}://{host}/{path}{tail}"
    general = scheme.upper() + url[len(scheme):]
    assert canonical_key(url) == canonical_key(general)


@pytest.mark.parametrize("path", shared_lists(), ids=lambda p: p.name)
def test_plain_urls_of_real_lists_get_the_general_key(path: Path) -> None:
    from awesome_lint.syntax.parser import parse

    for link in parse(path.read_text(encoding="utf-8", errors="replace")).links:
        url = link.destination.strip()
        if url.startswith(("http://", "https://")):
            general = "HTTP" + url[4:]
            assert canonical_key(url) == canonical_key(general), url


urlish = st.one_of(
    st.text(),
    st.builds("{}://{}".format, st.sampled_from(["http", "https", "HTTP"]), st.text()),
    st.builds("https://{}/{}?{}#{}".format, st.text(), st.text(), st.text(), st.text()),
    st.builds(
        "https://{}/{}".format,
        st.sampled_from(["arxiv.org", "github.com", "youtube.com", "youtu.be", "openreview.net",
                         "docs.google.com", "drive.google.com", "doi.org"]),
        st.text(_UNRESERVED + "/?&=#%", max_size=40)),
)


@given(urlish, st.booleans())
@example("https://é.com../", True)
@example("http://www.www.a.com/index.html/index.html", True)
@example("https://github.com/o/r.git.git", True)
def test_never_raises_and_is_idempotent(url: str, keep_fragment: bool) -> None:
    key = canonical_key(url, keep_fragment=keep_fragment)
    assert isinstance(key, str)
    assert canonical_key(key, keep_fragment=keep_fragment) == key
    arxiv_id(url)
    is_http_url(url)
    strip_fragment(url)


@given(urlish)
def test_dropping_the_fragment_commutes(url: str) -> None:
    assert canonical_key(canonical_key(url), keep_fragment=False) == canonical_key(
        url, keep_fragment=False)
