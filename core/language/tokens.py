"""Text -> tokens that remember where they stand, so the task keeps its original words."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from core.language.per_word import PerWord

MAX_LENGTH = 2000

# The reading copy: curly quotes, guillemets, dashes, odd spaces and the ellipsis become
# their plain forms. Only the copy changes; every token maps back to the text as typed.
_PLAIN = {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
          "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u00a0": " ", "\u202f": " ",
          "\u2009": " ", "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2026": "...",
          "\t": " ", "\u00bf": " ", "\u00a1": " "}
_CURLY = str.maketrans(_PLAIN)
_NEEDS_PLAIN = re.compile("[" + "".join(_PLAIN) + "]")

# Chat faces are chatter at either end of the command: `:)`, `;-)`, `:D`, `xD`, `<3`, `^^`
# and Slack's emoji codes (`:thumbsup:`, `:+1::skin-tone-2:`). A face is its own token when
# it stands alone; `:)`-style ones may also be glued to the word before (`at 5pm:)`).
_FACE = (r"(?:[:;=][-'^]?[()\[\]dDpPoO/\\|*3$]+|[xX][dD]+|<3+|\^_?\^"
         r"|(?::[a-z0-9_+'-]+:)+)")
_GLUED_FACE = r"(?:[:;=]-?[()\[\]]+)"
_FACE_WORD = re.compile(rf"^(?:{_FACE}|{_GLUED_FACE})$")
# One alternative per kind: quoted text, back-quoted cron, Slack markup <...>, a face, an `@`
# that means "at" (followed by a space or a digit), punctuation, then words (a colon stays
# inside a word only between digits, as in 9:30).
# A word that starts with a letter or digit other than x (no other kind starts so) is tried
# first: most tokens are such words, and the engine then skips the other alternatives.
_TOKEN = re.compile(
    r'[a-wyzA-WYZ0-9](?:[^\s,;&:"`<]+|:(?=\d))*'
    r'|"[^"]*"|`[^`]*`|<[^<>\s][^<>]*>'
    rf"|(?<!\S){_FACE}(?!\S)|{_GLUED_FACE}(?!\S)"
    r'|@(?=[\s\d])|[,;&]|:(?!\d)|(?:[^\s,;&:"`<]|:(?=\d))+'
)
_MERIDIEM_DOTS = re.compile(r"([ap])\.m\.?$")
# Chat spellings of time words, read as the words they stand for (the task keeps the text).
_SPELLINGS = {"nxt": "next", "wk": "week", "wks": "weeks", "wknd": "weekend",
              "wkend": "weekend", "tonite": "tonight", "2nite": "tonight", "2night": "tonight",
              "2day": "today", "tdy": "today", "evry": "every", "u": "you"}


class Token(NamedTuple):
    """A piece of the text: its words as written, a folded form for matching, its span.

    A NamedTuple, not a frozen dataclass: every command makes a dozen or more, and a tuple
    is built in a third of the time."""

    text: str
    low: str
    start: int
    end: int


# Token(...) goes through a Python-level __new__; tuple.__new__ builds the same tuple directly.
_new = tuple.__new__


def clean(text: str) -> str:
    """Curly quotes and apostrophes become straight; a trailing full stop goes."""
    text = text.translate(_CURLY).strip()
    while text.endswith(".") and not text.endswith(".."):
        text = text[:-1].rstrip()
    return text


def plain(text: str) -> tuple[str, list[int] | None]:
    """The reading copy of `text` and, where it differs in length, the index in `text` of
    each of its characters (None: the same positions)."""
    if _NEEDS_PLAIN.search(text) is None:
        return text, None
    out: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        rep = _PLAIN.get(char, char)
        out.append(rep)
        origin.extend([i] * len(rep))
    copy = "".join(out)
    return copy, (origin if len(copy) != len(text) else None)


def _reading_end(copy: str) -> int:
    """Where the command ends in the reading copy: without trailing spaces and a full stop."""
    end = len(copy.rstrip())
    while end and copy[end - 1] == "." and not copy[:end].endswith(".."):
        end = len(copy[:end - 1].rstrip())
    return end


def _is_symbol(char: str) -> bool:
    # Emoji, their skin tones, variation selectors and joiners; `!` and `?` too.
    return char in "!?\ufe0e\ufe0f\u20e3" or unicodedata.category(char) in ("So", "Sk", "Cf")


@lru_cache(maxsize=8192)
def is_symbols(word: str) -> bool:
    """A word of emoji, `!`/`?` or a face only: chatter, not text (`🎉`, `!!`, `👍🏽`, `:)`)."""
    return bool(word) and (all(_is_symbol(c) for c in word) or bool(_FACE_WORD.match(word)))


def _fold(word: str) -> str:
    """The matching form of a word."""
    low = word.lower()
    if low == "@":
        return "at"
    if low[:1] in "\"`<":
        return low
    low = _MERIDIEM_DOTS.sub(r"\1m", low)
    if not low.isascii():  # `tomorrow🎉`, `5pm!!`: emoji glued to a word fold away
        low = _strip_symbols(low) or low
    low = low.rstrip(".!?") or low
    return _SPELLINGS.get(low, low)


_FOLDED = PerWord(_fold)  # every token of every command asks


def _strip_symbols(low: str) -> str:
    start, end = 0, len(low)
    while start < end and _is_symbol(low[start]):
        start += 1
    while end > start and (_is_symbol(low[end - 1]) or low[end - 1] == "."):
        end -= 1
    return low[start:end]


def tokenize(text: str) -> list[Token]:
    """Split cleaned text into tokens."""
    return [Token(m[0], _FOLDED[m[0]], m.start(), m.end()) for m in _TOKEN.finditer(text)]


def read(text: str) -> list[Token]:
    """Tokens of the text as typed: matched on a plain reading copy (straight quotes, plain
    dashes), while each token's text and span are the original's, so the task keeps every
    character the person typed (curly quotes, dashes, emoji, any script, Slack markup)."""
    if _spaced_words(text):
        return _spaced(text)
    return _matched(text)


def _matched(text: str) -> list[Token]:
    """read's way for any text: _TOKEN over the reading copy, mapped back to the text."""
    copy, origin = plain(text)
    end = _reading_end(copy)
    if copy is text:  # nothing to make plain (most messages): the match is the text
        folded = _FOLDED
        return [_new(Token, (word, folded[word], m.start(), m.end()))
                for m in _TOKEN.finditer(text, 0, end) for word in (m[0],)]
    if origin is None:
        return [_new(Token, (text[start:stop], _FOLDED[m[0]], start, stop))
                for m in _TOKEN.finditer(copy, 0, end) for start, stop in (m.span(),)]
    tokens = []
    for m in _TOKEN.finditer(copy, 0, end):
        start, stop = origin[m.start()], origin[m.end() - 1] + 1
        tokens.append(Token(text[start:stop], _FOLDED[m[0]], start, stop))
    return tokens


# Plain words, one space apart, none holding a mark that _TOKEN splits at or treats apart
# (, ; & " ` < @, and a colon but before a digit, as in 9:30): each word is then one token,
# whatever it starts with, since every alternative of _TOKEN that could stop short of a
# space ends only at one (the faces).
# Most messages are such text (an ASCII one not ending in a full stop). In ASCII the
# spaces other than " " are these: a search for one mark is cheaper than a match of words.
_MARKS = re.compile(r'[\t\n\x0b\x0c\r\x1c-\x1f,;&"`<@]')
_LONE_COLON = re.compile(r":(?!\d)")


def _spaced_words(text: str) -> bool:
    """Whether `text` is such text: ASCII words one space apart with none of the marks, no
    closing full stop (the reading drops it), and any colon before a digit."""
    return (text.isascii() and text[:1] not in ("", " ") and text[-1:] not in (".", " ")
            and "  " not in text and _MARKS.search(text) is None
            and (":" not in text or _LONE_COLON.search(text) is None))


def _spaced(text: str) -> list[Token]:
    """The tokens of _spaced_words text: its words, by where the spaces fall."""
    tokens, start, folded = [], 0, _FOLDED
    for word in text.split(" "):
        stop = start + len(word)
        tokens.append(_new(Token, (word, folded[word], start, stop)))
        start = stop + 1
    return tokens


def span_text(text: str, tokens: list[Token], lo: int, hi: int) -> str:
    """The original text from token lo up to (not including) token hi."""
    if lo >= hi:
        return ""
    return text[tokens[lo].start:tokens[hi - 1].end]
