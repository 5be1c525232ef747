"""Every regular expression of the package, compiled once.

Named ``RE_*`` and grouped by the pipeline stage that uses them (ingest, text, features).
No other module compiles a regular expression: keeping them here makes them reviewable
for catastrophic backtracking in one place (each is linear as it is used: no nested
quantifiers over overlapping classes, and no leading blank run in a pattern used with
``search``; ``tests/robustness/test_patterns.py`` runs each on long blank and letter runs).
"""

from __future__ import annotations

import re

# --- ingest ----------------------------------------------------------------------------
#: ``---`` front matter at the very start of a file.
RE_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
#: One ``key: value`` line of front matter.
RE_FRONT_MATTER_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
#: An inline ``date YYYY-MM-DD`` prefix at the start of the body.
RE_DATE_PREFIX = re.compile(r"[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]+")
#: A wire dateline ``City, Mon DD (AGENCY)`` optionally followed by a dash.
RE_DATELINE = re.compile(
    r"[ \t]*(?P<place>[A-Z][A-Za-z.'\- ]{1,40}?),[ \t]+"
    r"(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+"
    r"(?P<day>\d{1,2})[ \t]+\((?P<agency>[A-Za-z][A-Za-z&./ -]{0,30})\)[ \t]*(?:[-–—:][ \t]*)?"
)
#: ``Read Full Article at RT.com`` (and ``Read more at ...``) links. No leading blanks: with
#: ``search``, a leading ``[ \t]*`` re-scans a run of blanks from every position (quadratic).
RE_READ_MORE = re.compile(
    r"\b(?:Read|Continue reading)(?: the)?(?: Full| full| More| more)?(?: Article| article|"
    r" Story| story)?(?: at| on)[ \t]+(?P<site>[A-Za-z0-9][\w.-]*\.[A-Za-z]{2,})\.?[ \t]*$"
)
#: ``Name contributed to this report for Outlet`` credit lines.
RE_CREDIT = re.compile(
    r"^[ \t]*(?P<who>[^\n.\s][^\n.]{1,119}?)[ \t]+contributed[ \t]+to[ \t]+this[ \t]+"
    r"(?:report|story|article)(?:[ \t]+for[ \t]+(?P<outlet>[^\n]{2,80}?))?\.?[ \t]*$",
    re.MULTILINE,
)
#: ``By Name`` byline lines.
RE_BYLINE = re.compile(r"^[ \t]*By[ \t]+(?P<who>[A-Z][^\n]{1,80}?)[ \t]*$")
#: Runs of blank lines (paragraph separators).
RE_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
#: Control characters other than tab and newline.
RE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# --- text ------------------------------------------------------------------------------
#: Word tokens, Treebank-like: clitics split off, hyphenated words kept whole.
RE_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}(?![A-Za-z])"  # initialisms: U.S., U.N.
    r"|\d+(?:[.,:/]\d+)*%?"  # numbers, times, dates
    r"|\w+(?=[nN]['’][tT]\b)"  # do|n't
    r"|[nN]['’][tT]\b"
    r"|['’](?:[sSdDmM]|re|RE|ve|VE|ll|LL)\b"  # clitics: 's 're 've 'll 'd 'm
    r"|\w+(?:[-‐]\w+)*"  # words, hyphenated compounds
    r"|\.{3}|--|[^\w\s]"  # ellipsis, double dash, single punctuation
)
#: A line (paragraph) of text, without its newline.
RE_LINE = re.compile(r"[^\n]+")

# --- report ----------------------------------------------------------------------------
#: Characters with a meaning in Markdown, escaped with a backslash in reports.
RE_MD_SPECIAL = re.compile(r"[\\`*_\[\]#!|~]")

# --- features: loaded language ---------------------------------------------------------
#: Text just before an opening quotation mark that makes a short quotation a label (scare
#: quote): a determiner, possessive or labelling verb ends the text ("the “false reports”",
#: "dismissed these claims as a “third-rate comedy”", "so-called “experts”"). Anchored at the
#: end and searched over a bounded window, so it stays linear.
RE_SCARE_QUOTE_CUE = re.compile(
    r"(?:^|[^\w’'])(?:the|a|an|its|their|his|her|our|this|these|those|such|as|so-called|"
    r"called|dubbed|labell?ed|labell?ing|branded|branding|termed|deemed)[ \t]+\Z",
    re.IGNORECASE,
)

# --- compare: alignment TF-IDF ---------------------------------------------------------
#: Two or more whitespace characters: scikit-learn's ``_white_spaces``, which its
#: ``char_wb`` analyzer turns into one space before taking n-grams inside words.
RE_WHITESPACE_RUN = re.compile(r"\s\s+")

# --- text: quotations ------------------------------------------------------------------
#: A character that may open a quotation (framing.text.voice.find_quotes): curly and
#: straight double quotes, guillemet, backtick, straight and curly single quotes. The
#: scanner jumps from one to the next.
RE_QUOTE_MARK = re.compile("[\u201c\"\u201e\u00ab`'\u2018]")

# --- text: Punkt on the standard-library engine ----------------------------------------
#: The character classes of NLTK's Punkt patterns, matched against one character:
#: framing.text.segment runs Punkt's own patterns on this (standard-library) engine only for
#: texts whose every character the ``regex`` engine, which NLTK runs them on, classes alike
#: (compiled there from these same sources).
RE_CHAR_SPACE = re.compile(r"\s")
RE_CHAR_DIGIT = re.compile(r"\d")
RE_CHAR_WORD = re.compile(r"\w")
