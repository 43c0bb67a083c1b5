"""Every speed trick of the project, in one place (this package), each saying what it saves.

pre-commit starts ``awesome-lint`` on every commit, so a small ``check`` costs what start-up
costs.  The figures quoted are whole-process CPU times of ``awesome-lint check`` measured by
``benchmarks/bench_peers.py`` (side by side with rumdl and markdownlint-cli2; results and the
command in ``benchmarks/PEERS.md``) unless another benchmark is named.  This package imports
nothing beyond the standard library's cheapest modules, so anything may import it.

The tricks here, one module each:

- ``process``: (1) the cyclic collector off (before the command line imports anything: 27
  collections, 1-2 ms), (2) no interpreter teardown, (3) httpcore's sniffio import, (4) the
  plugin scan (``entry_points.txt`` read as bytes).
- ``tables``: (5) bundled TOML read back with ``marshal``; ``pathlib`` is imported only when
  a path is made, so that (9) can defer what it imports.
- ``compiled``: (6) compiled regular expressions (their code as bytes), dataclass methods and
  string annotations (``typing.ForwardRef``: the first ``compile`` of a process costs 1 ms)
  kept between runs (:class:`CompiledCache`: about 45 ms of a seed's ``check``, the first
  run in a cache folder excepted).
- ``external``: (7) ftfy only for a line it would change, and its answers kept.
- ``twins``: (8) the ``regex`` package only for non-ASCII text (:class:`AsciiTwin`: 8 ms;
  used by ``syntax.slugs``, ``syntax.ordering`` and ``rules.awesome.items``), and with
  ``unsure`` for the non-ASCII text a twin spells out exactly: the emoji class
  (:data:`EMOJI_CLASS`) everywhere, a description's first word on accented Latin letters,
  punctuation and symbol blocks (typographic quotes, accents and emoji in a classic list's
  descriptions no longer load ``regex``: awesome-go, vinta's and sindresorhus' lists, about
  8 ms each).
- ``entry``: (9) modules imported for one rare call, imported when called
  (:func:`import_deferring`): ``inspect`` and ``copy`` (with ``weakref``) by
  ``dataclasses`` (:func:`defer_inspect`: 5-8 ms where click is not imported), ``ipaddress``
  by ``urllib.parse`` (:func:`defer_ipaddress`: 1 ms); (10) the plain ``check [--exit-zero]
  PATH...``, pre-commit's command line, run without click (:func:`plain_check`; the runner
  is ``awesome_lint.__main__._plain_check``: about 9 ms).
- ``bundle``: (11) the package's own modules imported from one file of code objects in the
  cache folder, each checked against its source by one ``stat`` (:class:`ModuleBundle`:
  about 35 us a module, 3.5-4.5 ms of a ``check``'s 100 modules).

With (9)-(11) and the items of this list that name 5 Dec's ``boot`` round, ``check`` of the
seeds went 0.084-0.095 -> 0.060-0.070 s of CPU, of a 3-line file 0.073 -> 0.049 s, of 1k
entries 0.141 -> 0.114 s (medians of 7 alternating runs beside main b32c38e,
``benchmarks/PEERS.md``).

Tricks that live elsewhere because they are a module's own business, not start-up plumbing,
are listed here so that one file still names them all:

- ``awesome_lint.cli``: a command's module is imported only when that command runs
  (``cli.LazyCommands``), and each imports the engine and the parser inside its function, so
  ``--version`` costs click alone (0.064 -> 0.043 s) and ``rules``/``explain`` never import
  the parser, mistletoe or the engine (``tests/test_startup.py``).
- ``awesome_lint.report.text_report``: click (for ``click.style``) only for a coloured
  report, so that a report to a pipe or file never imports it (with (10); ``boot``).
- ``awesome_lint.cli.run``: the link checker (asyncio: 50-70 ms) is imported only when a file
  wants its links checked.
- ``awesome_lint.rules``: the families import when first asked for, and only the families a
  selection can match (:data:`awesome_lint.rules.index.RULE_INDEX`, a table of every
  built-in code tested to agree with the rule classes).
- ``awesome_lint.syntax.mojibake``: ftfy (50-100 ms to import) only for a line holding a
  character pair that can be UTF-8 read as a single-byte code page and that ftfy's own
  ``badness.is_bad`` flags (loaded alone, :func:`module_alone`): ftfy returns every other line
  unchanged.  Its answers are kept between runs (:func:`remembered`), so a list with a
  garbled emoji (seeds 000 and 001) stops paying 25 ms for ftfy on every ``check``; kept
  with the badness test's answer, so a line seen before loads the test neither (1 ms;
  ``boot``).
- ``awesome_lint.syntax.markdown``: mistletoe imported with its Unicode punctuation scan
  limited to ASCII and an exact membership test put in its place (0.2 s); ASCII
  punctuation written out rather than importing ``string``, and
  ``syntax.mojibake._MAC_ROMAN_CONTINUATIONS`` rather than loading the mac_roman codec
  at import (0.2 ms each; ``tests/test_seed_fixed_costs.py`` compares them; ``boot``).
- ``awesome_lint.syntax.listblocks``: nested, ordered and continued lists (a TOC, an
  indented tag legend, topic trees), and the HTML blocks, quotes, code, tables and
  thematic breaks around them, read by mistletoe's own block algorithm re-done for those
  token types, so the seeds, the generated lists and 17 of the 18 corpus lists never
  import mistletoe (its import and tokenizing: 3 to 8 ms of a seed's ``check``, 11 ms of
  awesome-go's); a definition, a setext heading or a chunk it cannot close still goes to
  mistletoe (``tests/test_listblocks.py``).  It is imported only for a chunk the fast
  path of ``syntax.blocks`` leaves, so a list that path reads whole never loads it.
- ``awesome_lint.rules.badges.analysis``: the venue registry built only when a badge or a
  venue mark needs reading (7 ms of CPU: two thirds of a 3-line file's run after imports).
- ``awesome_lint.venues.registry.load_registry``: the bundled venues, once checked, and the
  registry's indexes kept between runs (:func:`cached_toml` with ``depends``: 5.5 -> 3.0 ms);
  ``Registry._add`` makes one entry per spelling for both indexes, and ``lookup_key`` and
  ``loose_key`` skip a pattern that cannot change an ASCII or alphanumeric key.
- ``awesome_lint.rules.NETWORK_FAMILIES``: an offline selection never imports the families
  whose every rule needs the network (LNK1, PAP).  ``awesome_lint.engine._silent_families``
  with ``rules.CLASSIC_FAMILIES``: a list that is no classic awesome list (and has no
  suppression comment) never imports the AWE family, whose every rule would be silent on
  it (2.3 ms of a seed's ``check``; ``tests/test_seed_fixed_costs.py``; ``boot``).
- ``awesome_lint.engine.fix_text``: the fix appliers (``autofix.apply``, ``autofix.linemap``)
  imported by ``fix`` only; ``awesome_lint.cli.options``: ``click.shell_completion`` only
  when completing a word (``tests/test_startup.py``).
- Every dataclass a ``check`` creates has a docstring: ``dataclasses`` calls
  ``inspect.signature`` to write one for a class without (27 classes: 1.3 ms).
- ``awesome_lint.venues.registry._bag_distance``: "did you mean" measures the edit distance
  only to spellings whose letters could be that close (seed 001's three unknown venues:
  2.4 -> 0.4 ms; ``tests/test_seed_fixed_costs.py``; ``boot``).
- ``awesome_lint.venues.badge_text.lookup_key``: an ASCII text skips the invisible-character
  table (``str.translate`` with a table walks it per character): 2 ms of every run that
  builds the registry.
- ``awesome_lint.config``: tomllib only when a config file is read.
- ``awesome_lint.files.discovery``: subprocess (for ``git ls-files``, 2 ms) only for a folder
  argument, glob only for a pattern (``boot``); ``awesome_lint.report.summary``: json only for
  ``--statistics --format json`` (``tests/test_startup.py``).
- ``awesome_lint.syntax.parser``: the line breaks mistletoe would split at and GitHub does not
  hidden with one ``re.sub`` (awesome-go: 2 ms) instead of ``str.translate`` with a table
  (40 ms).
- ``awesome_lint.engine`` (memory, with the collector off): ``fix`` cuts the one cycle of a
  tree (a section's ``parent``) when it lets a tree go: before the guard and the re-parse of
  each pass, and when it returns, so reference counting frees it (12 files of 10k entries
  in one ``fix``: peak RSS 369 -> 160 MB); the fixed body is the input itself when it needs
  no newline or BOM change.  ``syntax.parser.ParseMemo.finish`` drops the items of the
  parse before last once a parse ends.  ``rules.duplicates``: word sets built only while two
  titles are compared, and a link seen once indexed as a pair (50k entries: ``fix`` peak
  RSS 372 -> 292 MB, ``check`` 259 -> 218 MB; ``tests/test_memory.py``).

Per-entry tricks (the hot paths of a long list; figures are ``check`` on 10k generated
entries, whole-process CPU, medians of alternating runs against the version before):

- ``awesome_lint.model.fast_frozen_init``: the frozen tree nodes (``Span``, ``Link``,
  ``Badge``...) store their fields through their slots' descriptors instead of
  ``object.__setattr__`` by name: a ``Link`` builds in 0.6 us instead of 1.06 us
  (1.14 -> 1.08 s); those methods are compiled through (6) like dataclasses' own.
- ``awesome_lint.syntax.scanner``: in a block without backslashes or backticks, the common
  shapes are read in one regex match each, shapes whose bracket pair is certain without
  the block's bracket pass (``SIMPLE_LINK`` ``[t](url)``, ``_SIMPLE_LABEL`` ``[Tag]``,
  ``_BRACKETED_LINK`` ``[[Notes](url)]``, recorded with ``Lookahead.known_pair`` so the pass
  never runs for most entries); a closed ``<kbd>`` badge in one match
  (``_SIMPLE_KBD_REST``); no reference lookup when the document defines no label.  Pinned
  to the general paths by ``tests/test_scan_fast_paths.py``.  With the items below, the
  parse of 10k entries went 595 -> 440 ms (in process).
- ``awesome_lint.syntax.entries``: an ASCII entry's ``<kbd>`` elements by ``str.find`` in
  its lower-cased copy instead of three regex scans (``_ascii_kbd_elements``); a one-line
  item's link offsets read from the columns, worked out once for the entry and its
  description.
- ``awesome_lint.syntax.parser``: a section's path worked out once per section, not per
  item (``_Builder._section_path``); ``Entry``, ``Link`` and ``Badge`` built with
  positional arguments in the per-item paths (keywords cost 2.5 times as much).
- ``awesome_lint.syntax.lines``: no line-ending regex for text without CR; the nesting
  check skips at once the lines that start with neither a blank nor ``>``.
  ``awesome_lint.syntax.tags._entry_text``: a one-line entry's text without the line loop.
- ``awesome_lint.syntax.kbd.stray_closers``: a line with one badge tested directly, no
  bisect; code-span ticks only for a closer outside every badge.
- ``awesome_lint.rules.duplicates.entries.DuplicateTitle._near_pairs``: row i's values in
  locals for its window.
- ``awesome_lint.syntax.scanner`` (memory): a badge keeps the cached reading's copy of its
  text, and link texts short enough are interned (``shared_label``: ``Notes``
  once, not once per entry): 50k entries, ``fix`` peak RSS 300 -> 292 MB, ``check``
  216 -> 210 MB.

Together: ``check`` of 10k generated entries 1.16 -> 0.95 s CPU, of 50k 5.17 -> 4.27 s
(medians of 5 alternating runs: ``python benchmarks/bench_peers.py --only check --sizes
10000,50000 --baseline afc7674``).

Per-entry tricks, round 2 (each pinned to the path it skips by
``tests/test_per_entry_tricks.py``; figures are per-call micro-benchmarks times the calls a
10k-entry ``check`` makes; whole-process figures at the end):

- ``awesome_lint.engine._with_path``: a finding's copy with its path built positionally
  (1.4 us) instead of ``dataclasses.replace`` (3.2 us): 1,360 findings, about 2.5 ms.
- ``awesome_lint.syntax.blocks._plain_item``: an item whose text starts with a character
  no list-marker or thematic-break pattern can start with skips the three ``line + "\n"``
  copies and matches (0.59 -> 0.36 us a line): about 3 ms.
- ``awesome_lint.files.sources.read_bounded``: the first read asks for the size ``fstat``
  gave plus one byte, not for a buffer the size of the limit (10 MB): 0.7 ms a file.
- ``awesome_lint.syntax.entries.build_entry``: a bracketed link (``[[Notes](url)]``) is
  a resource without its label being stripped and lower-cased, and the gap before it is
  cut only when it decides; whether a leading ``[Tag]`` lies inside one of up to
  ``_FEW_LINKS`` links asked of the links directly, not through a ``Covered`` built for
  the entry (12.0 -> 10.9 us to build an entry with a leading tag, best of 7).
  ``awesome_lint.syntax.parser._Builder.list_block``: one
  ``str.find`` for the marker column, no continuation call for a one-line item.  With the
  item above, the in-process parse of 10k entries went about 410 -> 400 ms.
- ``awesome_lint.syntax.layout_conventions._plain``: a one-character marker is read
  without a regex (10k ``fullmatch`` calls).
- ``awesome_lint.rules.duplicates.entries.DuplicateTitle._near_pairs``: row i's word set
  read once for its window, not once per neighbour.

Reading-list tricks, round 3 (``* [Tag] [Title](url) [[Notes](url)] <kbd>CVPR 2017</kbd>``
entries, the seeds' and the generated lists' shape; each pinned to the path it skips by
``tests/test_paper_items.py``; figures are in-process parses of 10k generated entries and
whole-process ``check`` CPU, medians of alternating runs against the version before):

- ``awesome_lint.syntax.paperitems.paper_item``: a one-line item of that shape, in a document
  without reference labels, read from one match and each node built once (about 8 us an
  item instead of the scanner's 14 and the entry builder's 10); anything else takes the
  general path.  Parse of 10k entries 390 -> 230 ms; ``check`` 0.83 -> 0.66 s.
- ``awesome_lint.syntax.entries._set_role``: the entry builder types the scanned links in
  place (through the slot's descriptor, before the tree is published) instead of copying
  each with its role, so the entry's links are the document's own: 20k ``Link`` objects
  fewer at 10k entries (10 ms), and one copy of each link in the tree, not two.
- ``awesome_lint.syntax.kbd._none_outside``: when the text holds as many ``</`` as there are
  closed badges (each holds its own closing tag), no ``</kbd>`` can be stray, and the
  line-by-line search (``stray_closers``) does not run: about 10 ms at 10k entries.

Classic-list tricks (``- [Name](url) - Description.`` lists such as awesome-go, 3k entries
without venue marks; each pinned to the path it skips by ``tests/test_classic_list_tricks.py``;
together ``check`` of awesome-go 0.315 -> 0.291 s CPU, whole process, medians of 9
alternating runs):

- ``awesome_lint.syntax.notations._GATES``: the ``paren``, ``title-paren``, ``comma``,
  ``title-year`` and ``citation`` grammars run entry by entry only when one search of the
  whole document finds what each of their marks contains; ``gates.LINE_GATES``: the
  ``bold-bracket`` and ``bracket`` grammars read only the entries with a line that holds
  what they look for first (``**[``, a digit before ``]``), found in one search.  Venue
  inference on awesome-go 29 -> 13 ms (in process, median of 7).
- ``awesome_lint.rules.awesome.words.find_lines``: the product-name spellings searched in
  one scan of the prose lines joined by newlines, not one call per line (about 4 ms).
- ``awesome_lint.rules.awesome.toc._toc``: the sections listed once for all TOC entries,
  not walked from the root once per entry (152 walks of 170 sections).

Classic-list tricks, round 2 (same tests unless named; together with the ``regex`` twins
of (8), ``check`` of awesome-go 0.29 -> 0.23 s CPU, whole process, medians of 15
alternating runs; ``benchmarks/PEERS.md`` has the table and the command):

- ``awesome_lint.syntax.plain_items.plain_item``: a one-line item ``- [Name](url) -
  Description.`` whose text holds nothing else the scanner looks for (nine in ten of
  awesome-go's) built without the scanner and the general entry builder, into the same
  parts (``tests/test_plain_items.py``): the parse of awesome-go 99 -> 80 ms (in process).
- ``awesome_lint.syntax.blocks._continues``: an item whose paragraph goes on (an indented
  line, or a lazy one at the margin: ``**[back to top](#contents)**``, ``-[x](y)``) stays on
  the fast path instead of sending its section to mistletoe (awesome-go: four sections,
  about 4 ms; ``tests/test_blocks.py``).
- ``awesome_lint.syntax.blocks._NUMBERED``: lists numbered ``1.``/``1)`` of one-line items on
  the same fast path (one not numbered 1 right under paragraph text goes on with it, as
  mistletoe reads it): ChristosChristofidis' list, 650 of its 686 lines mistletoe read,
  136 -> 123 ms a ``check`` (``tests/test_blocks.py``).
- ``awesome_lint.syntax.blocks._nest``: bullets nested at their parent item's content column
  (by spaces), or by one tab under a top-level item, right under an item line, on the same
  fast path: vinta's list, half of its lines mistletoe read, 129 -> 116 ms a ``check``;
  sindresorhus' tab-nested list too (``tests/test_blocks.py``).
- ``awesome_lint.syntax.classic._item``: the description of an item whose name link ends on
  its last line (almost all) read from that line without the per-line loop, and
  ``ClassicItem`` built through its slots (:func:`awesome_lint.model.fast_frozen_init`):
  the classic items of awesome-go 17.3 -> 14.0 ms (in process).
- ``awesome_lint.rules.awesome.words._trie``: the misspelling alternation written as a prefix
  tree, so each position meets only the forms sharing its first letters (the search of
  awesome-go's prose 17 -> 12 ms); ``_compiled``: the character before a form read as the
  pattern's first, a class ``re`` scans for in C, instead of a lookbehind tried at every
  position (12 -> 8.5 ms); ``find_lines`` answers only for the lines with a find, so the
  rule searches every line at once and keeps the prose lines' finds.
- ``awesome_lint.syntax.gates`` (the venue grammars' gates): the ``bracket`` gate (a digit
  before ``]``) found from the ``]``, a literal ``re`` scans for (2.1 -> 0.3 ms); the
  ``italic`` grammar reads only the entries whose author lines pass its first test (a line
  ending in ``*`` or ``_``), found in one pass over the lines (3.4 -> 0.6 ms); a gated
  one-line entry is one set lookup; ``gates.READS``: the grammars that read only some entry
  kinds (``year-prefix``, ``venue-first``, ``table-cell``, ``citation``) are not called for
  the others (about 3 ms on awesome-go's 3k link-titled entries).
- Patterns searched through long text start with a character class, which ``re`` scans for
  in C, instead of branches or a lookaround tried at every position: the scanner's events
  (``awesome_lint.syntax.scanner.EVENT``: an entry's description 1.9 -> 0.8 us) and
  ``awesome_lint.syntax.slugs._MARKUP`` (0.8 -> 0.3 us, 12k texts a run of awesome-go),
  each pinned to its plain form by ``tests/test_class_first_patterns.py``; the misspelling
  search and the ``bracket`` gate above are the same trick.
- ``awesome_lint.syntax.urls._PLAIN_GITHUB``: a repository's front page
  (``https://github.com/Owner/Repo``, 2.8k of awesome-go's 3.3k URLs) keyed in one match,
  as the GitHub handler keys it (2.6 -> 0.8 us a URL; ``tests/test_urls.py``).
"""

from __future__ import annotations

from awesome_lint.startup.bundle import ModuleBundle, keep_modules
from awesome_lint.startup.compiled import (
    CompiledCache,
    clear_user_cache,
    code_bytes,
    code_words,
    compiled_cache_path,
    keep_compiled,
)
from awesome_lint.startup.entry import (
    defer_inspect,
    defer_ipaddress,
    echo,
    import_deferring,
    plain_check,
)
from awesome_lint.startup.external import module_alone, package_stamp, remembered
from awesome_lint.startup.process import (
    any_plugin_declared,
    closed_stdout,
    collecting,
    collector_off,
    exit_code_of,
    exit_now,
    fast_httpcore_imports,
    paused_gc,
)
from awesome_lint.startup.tables import cache_dir, cached_toml, parse_toml
from awesome_lint.startup.twins import EMOJI_CLASS, AsciiTwin

__all__ = [
    "EMOJI_CLASS",
    "AsciiTwin",
    "CompiledCache",
    "ModuleBundle",
    "any_plugin_declared",
    "cache_dir",
    "cached_toml",
    "clear_user_cache",
    "closed_stdout",
    "code_bytes",
    "code_words",
    "collecting",
    "collector_off",
    "compiled_cache_path",
    "defer_inspect",
    "defer_ipaddress",
    "echo",
    "exit_code_of",
    "exit_now",
    "fast_httpcore_imports",
    "import_deferring",
    "keep_compiled",
    "keep_modules",
    "module_alone",
    "package_stamp",
    "parse_toml",
    "paused_gc",
    "plain_check",
    "remembered",
]
