"""Remove page and forum chrome that arrives flattened into plain text.

No site's labels are listed here. The rules look at the shape of the text:

* a line with no letters (rules, emoji-only lines) or a short line with no sentence punctuation
  (usernames, "reply" buttons, counters) is chrome;
* a short line repeated in the document is chrome (menus and buttons repeat, arguments don't);
* a run of Title-Case words with no commas glued before a real sentence is a menu, a byline or a
  list of headlines, and is cut off at the point where ordinary prose starts;
* a long stretch without sentence punctuation and dense with capitals is a link list;
* a copyright notice near the end starts the footer: it and everything after it go.

Headings (a short line ending with a colon, or a question) are kept: they carry structure, such as
which list holds the arguments for and which those against.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from argmap.lang import words

FUNCTION_WORDS = words("function")
_WORD = re.compile(r"\S+")
_COPYRIGHT = re.compile(
    r"(©|\(c\)\s*\d{4}|\bcopyright\s+(©\s*)?\d{4}|\ball rights reserved\b)", re.I
)
_TERMINAL = re.compile(r"[.!?:;…][\"'”’)\]]*$")


def _alpha(tok: str) -> str:
    return "".join(c for c in tok if c.isalpha())


def _is_cap(tok: str) -> bool:
    a = _alpha(tok)
    return bool(a) and a[0].isupper()


def content_words(tokens: list[str]) -> list[str]:
    return [t for t in tokens if _alpha(t) and _alpha(t).lower() not in FUNCTION_WORDS]


def cap_ratio(tokens: list[str]) -> float:
    words = content_words(tokens)
    if not words:
        return 0.0
    return sum(_is_cap(t) for t in words) / len(words)


def is_chrome_line(line: str) -> bool:
    """A whole line that carries no prose."""
    s = line.strip()
    if not s:
        return False
    if not any(c.isalpha() for c in s):
        return True
    tokens = s.split()
    words = [t for t in tokens if _alpha(t)]
    if len(words) <= 4 and not _TERMINAL.search(s) and not s.endswith("?"):
        return True
    return is_self_repeating(tokens) or is_trail(s) or is_title_case_run(s, tokens)


def is_title_case_run(line: str, tokens: list[str]) -> bool:
    """A run of capitalised labels with no sentence ending: a menu, a share bar, a list of
    related headlines, a headline glued to its byline ("Home Essays Podcast Subscribe Log In").

    Prose capitalises a word now and then; these capitalise most of them, and never end the
    way a sentence does. A title on a line of its own has that shape too; it claims nothing.
    """
    if _TERMINAL.search(line) or line.endswith("?"):
        return False
    return len([t for t in tokens if _alpha(t)]) >= 5 and cap_ratio(tokens) >= 0.6


_TRAIL_SEP = re.compile(r"\s+([›»|•·])\s+")


def is_trail(line: str) -> bool:
    """A breadcrumb or menu bar: labels joined by the same separator ("Home › News › Tech").

    Two or more of one separator, every part but the last a short label, the last (often the
    page's title) short too, and no full stop at the end; prose does not chain its phrases
    with "›" or "|".
    """
    seps = _TRAIL_SEP.findall(line)
    if len(seps) < 2 or len(set(seps)) != 1 or line.rstrip().endswith((".", "!")):
        return False
    parts = _TRAIL_SEP.split(line)[::2]
    return all(len(p.split()) <= 4 for p in parts[:-1]) and len(parts[-1].split()) <= 12


def is_self_repeating(tokens: list[str]) -> bool:
    """Buttons and menus repeat themselves ("Save this Save Save this Save"); prose does not,
    except in a refrain ("We must act, because ... We must act, because ..."), which is made of
    finished sentences where menus have none."""
    if sum(1 for t in tokens[:-1] if _TERMINAL.search(t)) >= 1:
        return False
    words = [_alpha(t).lower() for t in tokens if _alpha(t)]
    bigrams = list(zip(words, words[1:], strict=False))
    return len(bigrams) >= 4 and len(set(bigrams)) / len(bigrams) < 0.7


def is_link_list(tokens: list[str]) -> bool:
    """Many words, almost no sentence punctuation, and dense with capitals."""
    words = [t for t in tokens if _alpha(t)]
    if len(words) < 25:
        return False
    stops = sum(1 for t in tokens if _TERMINAL.search(t))
    return stops <= len(words) / 40 and cap_ratio(tokens) >= 0.45


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def chrome_prefix_end(sentence: str) -> int:
    """Where prose starts in a sentence that has a menu or headline run glued to its front.

    Returns 0 when the sentence starts with prose. One pass with running counts: a scraped
    line of a million words costs a million steps, not a million squared.
    """
    toks = [(m.start(), m.group()) for m in _WORD.finditer(sentence)]
    if len(toks) < 10 or not _TERMINAL.search(toks[-1][1]):
        return 0
    texts = [t for _, t in toks]
    content = [0]  # content words among texts[:i]
    capital = [0]  # ... of which capitalised
    for t in texts:
        a = _alpha(t)
        is_content = bool(a) and a.lower() not in FUNCTION_WORDS
        content.append(content[-1] + is_content)
        capital.append(capital[-1] + (is_content and a[0].isupper()))
    n = len(toks)
    for k in range(5, n - 5):
        if "," in texts[k - 1]:
            break  # every longer prefix holds this comma: a sentence, not a menu
        if not _is_cap(texts[k]) or content[k] < 6 or capital[k] < 0.6 * content[k]:
            continue
        window = [t for t in texts[k : k + 6] if _alpha(t)][:5]
        if sum(_is_cap(t) for t in window[1:]) > 0:
            continue
        rest = content[n] - content[k]
        if n - k >= 6 and (rest == 0 or capital[n] - capital[k] <= 0.4 * rest):
            return toks[k][0]
    return 0


def repeated_short_lines(lines: list[str], max_words: int = 15) -> set[str]:
    counts = Counter(ln.strip() for ln in lines if ln.strip())
    return {ln for ln, n in counts.items() if n > 1 and len(ln.split()) <= max_words}


def repeated_fragments(sentences: list[str], max_words: int = 15) -> set[str]:
    """Short pieces that recur between sentences and are not sentences themselves: buttons and
    notices glued into lines ("Save this story", "Reply"). A finished sentence said twice
    inside prose is a refrain, part of the argument; it is page furniture only when it is a
    whole line of its own, which ``repeated_short_lines`` over lines finds."""
    return {s for s in repeated_short_lines(sentences, max_words) if _is_fragment(s)}


def _is_fragment(s: str) -> bool:
    """Not a finished sentence, or one shaped like chrome: what a repeat may remove."""
    return not (_TERMINAL.search(s) or s.endswith("?")) or is_chrome_line(s)


def repeated_tails(sentences: list[str], max_words: int = 15) -> set[str]:
    """Short sentences that end two or more sentences: a repeated button or notice, even where
    another piece of chrome is glued in front of it.

    Each sentence offers its last 3 to ``max_words`` words as tails, so the count is linear in
    the number of sentences (20,000 short lines once took minutes when every pair was tried).
    """
    stripped = [s.strip() for s in sentences if s.strip()]
    short = {s for s in stripped if 3 <= len(s.split()) <= max_words}
    ends: Counter[str] = Counter()
    glued: Counter[str] = Counter()
    for s in stripped:
        found = word_tails(s, max_words) & short
        ends.update(found)
        glued.update(found - {s})
    # a finished sentence said again and again is a refrain unless something is glued to it
    return {t for t in short if ends[t] > 1 and (glued[t] or _is_fragment(t))}


def word_tails(sentence: str, max_words: int = 15) -> set[str]:
    """The sentence's endings that start at a word: its last one, two, ... ``max_words`` words."""
    s = sentence.strip()
    starts = [m.start() for m in _WORD.finditer(s, max(0, len(s) - 60 * max_words))]
    return {s[i:] for i in starts[-max_words:]}


def trailing_run_start(lines: list[str], max_words: int = 12) -> int | None:
    """Where a closing run of short unpunctuated lines starts: page or forum furniture after
    the last sentence ("Showing all 7 posts", "Sign in to reply", "Back to top").

    Two or more such lines end the text, and the line before them is a finished sentence, not
    a lead-in ending in ":" (a closing list of points is content).
    """
    i = len(lines)
    run = 0
    while i > 0:
        ln = lines[i - 1].strip()
        if ln:
            if _TERMINAL.search(ln) or ln.endswith("?") or len(ln.split()) > max_words:
                break
            run += 1
        i -= 1
    if run < 2:
        return None
    before = next((ln.strip() for ln in reversed(lines[:i]) if ln.strip()), "")
    if not before or before.endswith(":"):
        return None
    return i


def footer_start(text: str) -> int | None:
    """Offset of the line holding a copyright notice in the last quarter of the text, if any."""
    if len(text) < 200:
        return None
    for m in _COPYRIGHT.finditer(text):
        if m.start() >= 0.75 * len(text):
            return text.rfind("\n", 0, m.start()) + 1
    return None


def _stem(word: str) -> str:
    w = word.lower()
    return w[:-1] if len(w) > 3 and w.endswith("s") else w


def headline_in_chrome(chrome: str, body: str, min_words: int = 3, max_words: int = 14) -> str:
    """The article's headline inside the menus and bylines flattened in front of it.

    A scraped page keeps its headline among the site's labels ("... Jobs Coupons Jo Reyes
    Science The Case for Night Trains Photograph: ... Save this story ..."), with nothing to mark
    where it starts or ends. What sets it apart is what it is about: the headline's words are
    the article's words, while menu labels, bylines and buttons mostly are not. So the headline
    is the longest run whose content words all occur in the body (function words may sit
    between them), starting with a capital and holding at least ``min_words`` content words,
    phrased rather than a row of labels.
    """
    vocab = {_stem(w) for w in re.findall(r"[^\W\d_]+", body)}
    runs: list[list[str]] = [[]]
    for tok in _WORD.findall(chrome):
        word = _alpha(tok)
        if word and (word.lower() in FUNCTION_WORDS or _stem(word) in vocab):
            runs[-1].append(tok)
            if not tok.endswith((":", ".", "!", "?", "|")):
                continue
            if tok.endswith(":"):
                runs[-1].pop()  # "Photograph:", "Updated:": a label, not part of a title
        runs.append([])
    best: list[str] = []
    for whole in runs:
        lo, hi = 0, len(whole)
        while lo < hi and not _is_cap(whole[lo]):
            lo += 1
        while hi > lo and _alpha(whole[hi - 1]).lower() in FUNCTION_WORDS:
            hi -= 1
        run = whole[lo:hi]
        n = len(content_words(run))
        # a few topic labels in a row ("Science Climate Energy") are a menu, not a title
        phrased = n < len(run) or n >= 5
        if min_words <= n and phrased and len(run) <= max_words and len(run) > len(best):
            best = run
    return " ".join(best)
