"""Commands in other languages: each language is a lexicon that reads its words as the
English grammar's words, token by token, so one grammar (and one contract) serves them all.

The tokens keep their spans in the text as typed, so the task (`what`) is the person's own
words; only the words the grammar reads are replaced. See docs/command-language.md.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

from core.language.intents import VERBS
from core.language.tokens import Token
from core.language.tongues.index import NUMBER, Classes, English, Lead, Out, Phrase, build

__all__ = ["NUMBER", "Out", "Tongue", "key", "translate"]
_new = tuple.__new__  # a Token built straight from its fields (see tokens.py)
NEUTRAL = "\u00b7"  # prefixed to a word the grammar must not read (a task word)
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?$")
# `bis 31.12`: the last dot is often cut (or is the sentence's); with a two-digit month it
# is still a date where decimals take a comma (German, Russian).
_DOTTED_BARE = re.compile(r"^(\d{1,2})\.(0[1-9]|1[0-2])$")


def key(low: str) -> str:
    """Accents off and `ё` as `е`: people type `manana`, `recuerdame`, `еще`."""
    return low if low.isascii() else _unaccented(low)


@lru_cache(maxsize=8192)
def _unaccented(low: str) -> str:
    low = low.replace("ё", "е").replace("й", "\x00")
    folded = unicodedata.normalize("NFD", low)
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", plain).replace("\x00", "й")


@dataclass
class Tongue:
    """One language: its code, the phrases it reads as English words, and its tells."""

    code: str
    name: str
    phrases: dict[tuple[str, ...], English] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    tells: dict[str, int] = field(default_factory=dict)  # word -> weight for detection
    elisions: frozenset[str] = frozenset()  # `d'`, `l'`: split off the word they lead
    keep: frozenset[str] = frozenset()  # words read as they are (`am`, `pm` in Spanish)
    decimal_comma: bool = False  # `31.12` is a date, not a decimal number
    verb_last: bool = False  # `2 löschen`, `Erinnerung 2 löschen`: the infinitive comes last
    longest: int = 1
    classes: Classes = field(default_factory=dict)  # word classes for phrase slots (`{nth}`)
    table: dict[str, Lead] = field(default_factory=dict)  # the phrases by first word
    singles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lead no phrase
    # The phrases as sealed, until the first message in the language indexes them: the
    # index costs ~2 ms a language at import, and most messages are English.
    unindexed: dict[tuple[str, ...], English] | None = field(default=None, repr=False)

    def add(self, foreign: str, english: str | Out) -> None:
        # Most phrases are ASCII, each word its own key: ~3,000 phrases are added at import.
        words = tuple(foreign.split() if foreign.isascii() else map(key, foreign.split()))
        self.phrases[words] = tuple(english.split()) if isinstance(english, str) else english

    def add_all(self, table: dict[str, str]) -> None:
        for foreign, english in table.items():
            self.add(foreign, english)

    def add_class(self, name: str, words: Mapping[str, tuple[str, ...]]) -> None:
        """Words that fill the slot `name` of a phrase (`{day}`: `lunes` -> `monday`), each
        read as its English; a second call adds to the class."""
        members = self.classes.setdefault(name, {})
        for english, forms in words.items():
            for form in forms:
                members[key(form.lower())] = english

    def tell(self, weight: int, *words: str) -> None:
        """Each word tells this language by its accent-free key, and also as written: typed
        with its accents, `português` is Portuguese only, while `portugues` is both."""
        for word in words:
            for form in {key(word), word.lower()}:
                self.tells[form] = max(weight, self.tells.get(form, 0))

    def seal(self) -> Tongue:
        """Close the phrases (indexed by their first word, longest first, on first use)."""
        self.unindexed = dict(self.phrases)
        self.longest = max((len(w) for w in self.phrases), default=1)
        self.numbers = {key(w): n for w, n in self.numbers.items()}
        _SEALED[self.code] = self
        _plain_low.cache_clear()  # a language sealed again may read its words anew
        self._tell_command_words()
        return self

    def indexed(self) -> Tongue:
        """The language with its phrases indexed for reading (built once, on first use)."""
        if self.unindexed is not None:
            self.table, self.singles = build(self.unindexed, self.classes)
            self.unindexed = None
        return self

    def _tell_command_words(self) -> None:
        """A word that alone is a command verb (`annuler`, `отмена`, `löschen`) tells its
        language: short commands have no other word to tell them. An English verb typed as
        such (`pause`, `remove`) stays English."""
        for words, english in self.phrases.items():
            if len(words) != 1 or callable(english) or words[0] in _ENGLISH_WORDS:
                continue
            if _names_command(english):
                self.tells[words[0]] = max(3, self.tells.get(words[0], 0))


_ENGLISH_WORDS = frozenset(word for phrase in VERBS for word in phrase)
VERBS_FIRST = frozenset(phrase[0] for phrase in VERBS)
_COMMANDS = frozenset({"remind", "list", "cancel", "snooze", "done", "help", "timezone",
                       "language", "habit", "goal", "progress", "pause", "resume"})


def _names_command(english: tuple[str, ...]) -> bool:
    """`cancel`, `show`, `my reminders`, `set timezone to`: English words that start a command."""
    for size in range(len(english), 0, -1):
        intent = VERBS.get(english[:size])
        if intent is not None:
            return intent in _COMMANDS
    return False


def _number(low: str, numbers: dict[str, int]) -> int | None:
    if low.isdecimal() and len(low) <= 4:
        return int(low)
    return numbers.get(low)


def _phrase_at(keys: list[str], i: int, tongue: Tongue
               ) -> tuple[Phrase, list[int | str]] | None:
    """The first phrase that matches at word i, with the numbers it captures: those led by
    the word itself, then (at a number: `15 de marzo`, `9 Uhr`) those led by any number."""
    after = keys[i + 1] if i + 1 < len(keys) else None
    lead = tongue.table.get(keys[i])
    found = _first_match(lead, keys, i, after, tongue.numbers) if lead is not None else None
    if found is None and _number(keys[i], tongue.numbers) is not None:
        lead = tongue.table.get(NUMBER)
        if lead is not None:
            found = _first_match(lead, keys, i, after, tongue.numbers)
    return found


def _first_match(lead: Lead, keys: list[str], i: int, after: str | None,
                 numbers: dict[str, int]) -> tuple[Phrase, list[int | str]] | None:
    n = len(keys)
    for phrase in lead.anywhere if after is None else lead.by_second.get(after, lead.anywhere):
        if i + phrase.size > n:
            continue
        for off, word in phrase.checks:
            if keys[i + off] != word:
                break
        else:
            found: list[int | str] = []
            for off, members in phrase.slots:
                value: int | str | None = (_number(keys[i + off], numbers) if members is None
                                           else members.get(keys[i + off]))
                if value is None:
                    break
                found.append(value)
            else:
                return phrase, found
    return None


def _split(tokens: list[Token], tongue: Tongue) -> list[Token]:
    """`d'appeler` -> `d'` `appeler` (French elisions), unless the whole word is a phrase."""
    if not tongue.elisions:
        return tokens
    out: list[Token] = []
    for token in tokens:
        if "'" not in token.low:
            out.append(token)
            continue
        head, sep, rest = token.low.partition("'")
        lead = head + sep
        if sep and rest and lead in tongue.elisions and (key(token.low),) not in tongue.phrases:
            cut = token.start + len(lead)
            out.append(Token(token.text[:len(lead)], lead, token.start, cut))
            out.append(Token(token.text[len(lead):], rest, cut, token.end))
        else:
            out.append(token)
    return out


def _emit(group: list[Token], english: tuple[str, ...]) -> list[Token]:
    """English words over the span of the foreign tokens they replace, aligned at the end
    (`el 4` -> `on` `the` `4th`: `4th` is the `4`); extra words are zero-width at the start,
    and the last word covers what is left, so span_text gives the original text."""
    out: list[Token] = []
    n, m, first = len(group), len(english), group[0]
    extra = max(m - n, 0)
    for k, word in enumerate(english):
        if k < extra:
            out.append(_new(Token, ("", word, first.start, first.start)))
            continue
        token = group[k - extra]
        end = group[-1].end if k == m - 1 else token.end
        out.append(_new(Token, (token.text, word, token.start, end)))
    return out


_SEALED: dict[str, Tongue] = {}  # by code: the languages a cached word is read in


@lru_cache(maxsize=8192)
def _plain_low(text: str, low: str, folded: str, code: str) -> str:
    """The word the grammar reads for a word no phrase read (`folded`: unchanged): numbers
    become digits, other words are the task's; zone capitals (`CET`, `MSK`) stay."""
    if 2 < len(text) < 6 and text.isascii() and text.isupper():
        return folded
    tongue = _SEALED[code]
    dotted = None
    if text[:1].isdigit():  # only a digit may lead a dotted date
        dotted = _DOTTED.match(text) or (_DOTTED_BARE.match(text) if tongue.decimal_comma
                                         else None)
    if dotted is not None:  # `15.3.`, `15.03.2027`: the day/month dates of Europe
        day, month, year = (*dotted.groups(), None)[:3]
        return f"{day}/{month}" + (f"/{year}" if year else "")
    number = tongue.numbers.get(low)
    if number is not None:
        return str(number)
    if low[:1].isalpha() and low not in tongue.keep and "/" not in low:
        return NEUTRAL + folded
    return folded


def translate(tokens: list[Token], tongue: Tongue) -> list[Token]:
    """Tokens of a message in `tongue` -> tokens whose words are the English grammar's."""
    tokens = _split(tokens, tongue.indexed())
    keys = [low if low.isascii() else _unaccented(low) for low in [t.low for t in tokens]]
    singles, table, numbers = tongue.singles, tongue.table, tongue.numbers
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        token, low = tokens[i], keys[i]
        english = singles.get(low)  # a word that is a phrase alone and leads no other
        if english is not None and len(english) == 1:
            out.append(_new(Token, (token.text, english[0], token.start, token.end)))
            i += 1
            continue
        if english is not None:
            out.extend(_emit([token], english))
            i += 1
            continue
        match = None
        if low in table or _number(low, numbers) is not None:
            match = _phrase_at(keys, i, tongue)
        if match is None:
            plain = _plain_low(token.text, low, token.low, tongue.code)
            out.append(token if plain == token.low else
                       _new(Token, (token.text, plain, token.start, token.end)))
            i += 1
            continue
        phrase, found = match
        result = phrase.fixed
        if result is None:
            english_of = phrase.english
            # A computed phrase has numbers only (`um 9 Uhr`), never class words.
            result = (english_of(cast(list[int], found)) if callable(english_of)
                      else _fill(english_of, found))
        if phrase.size == 1 and len(result) == 1:
            out.append(_new(Token, (token.text, result[0], token.start, token.end)))
        else:
            out.extend(_emit(tokens[i:i + phrase.size], result))
        i += phrase.size
    return _verb_first(out) if tongue.verb_last else out


_LAST_VERBS = frozenset({"cancel", "done", "pause", "resume", "show", "list"})
_ITEM_NOUNS = frozenset({"reminder", "reminders", "habit", "habits", "goal", "goals"})


def _verb_first(out: list[Token]) -> list[Token]:
    """`2 löschen` reads as `löschen 2`: a short command whose verb ends it, as an
    infinitive does. Each token keeps its span, so the ref is still sliced as typed."""
    first = out[0].low if out else ""
    if 1 < len(out) <= 4 and out[-1].low in _LAST_VERBS and (
            first not in VERBS_FIRST or first in _ITEM_NOUNS):
        return [out[-1], *out[:-1]]
    return out


def _fill(english: tuple[str, ...], found: list[int | str]) -> tuple[str, ...]:
    """`$1`, `$2` in an output word are the numbers and class words matched, in order (a
    class word may be several English words: `second to last`)."""
    if not found:
        return english
    out: list[str] = []
    for word in english:
        for n, value in enumerate(found, start=1):
            word = word.replace(f"${n}", str(value))
        out.extend(word.split(" "))
    return tuple(out)
