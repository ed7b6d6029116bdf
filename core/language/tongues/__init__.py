"""Commands in other languages: each language is a lexicon that reads its words as the
English grammar's words, token by token, so one grammar (and one contract) serves them all.

The tokens keep their spans in the text as typed, so the task (`what`) is the person's own
words; only the words the grammar reads are replaced. See docs/command-language.md.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from core.language.intents import VERBS
from core.language.tokens import Token

# An output word may be computed from the numbers a phrase matched (`um 9 Uhr` -> `09:00`).
Out = Callable[[list[int]], tuple[str, ...]]
Entry = tuple[tuple[str, ...], tuple[str, ...] | Out]  # a phrase's words and its English
NUMBER = "#"  # in a phrase: any whole number (digits, or a number word of the language)
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
    phrases: dict[tuple[str, ...], tuple[str, ...] | Out] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    tells: dict[str, int] = field(default_factory=dict)  # word -> weight for detection
    elisions: frozenset[str] = frozenset()  # `d'`, `l'`: split off the word they lead
    keep: frozenset[str] = frozenset()  # words read as they are (`am`, `pm` in Spanish)
    decimal_comma: bool = False  # `31.12` is a date, not a decimal number
    verb_last: bool = False  # `2 löschen`, `Erinnerung 2 löschen`: the infinitive comes last
    longest: int = 1
    by_first: dict[str, list[Entry]] = field(default_factory=dict)
    # by_first again, split by the second word: (entries per literal second word, entries
    # that any second word may follow), each list in by_first's order.
    by_pair: dict[str, tuple[dict[str, list[Entry]], list[Entry]]] = field(
        default_factory=dict)

    def add(self, foreign: str, english: str | Out) -> None:
        words = tuple(key(w) for w in foreign.split())
        self.phrases[words] = tuple(english.split()) if isinstance(english, str) else english

    def add_all(self, table: dict[str, str]) -> None:
        for foreign, english in table.items():
            self.add(foreign, english)

    def tell(self, weight: int, *words: str) -> None:
        """Each word tells this language by its accent-free key, and also as written: typed
        with its accents, `português` is Portuguese only, while `portugues` is both."""
        for word in words:
            for form in {key(word), word.lower()}:
                self.tells[form] = max(weight, self.tells.get(form, 0))

    def seal(self) -> Tongue:
        """Index the phrases by their first word, longest first."""
        index: dict[str, list[tuple[tuple[str, ...], tuple[str, ...] | Out]]] = {}
        for words, english in self.phrases.items():
            index.setdefault(words[0], []).append((words, english))
        for entries in index.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        self.by_first = index
        self.by_pair = {first: _by_second(entries) for first, entries in index.items()}
        self.longest = max((len(w) for w in self.phrases), default=1)
        self.numbers = {key(w): n for w, n in self.numbers.items()}
        self._tell_command_words()
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


def _by_second(entries: list[Entry]) -> tuple[dict[str, list[Entry]], list[Entry]]:
    """Entries of one first word by their second: a phrase whose second word is a literal
    can only match where the text's next word is that word, so only those are tried (a
    Russian `в` leads 99 phrases)."""
    seconds = {words[1] for words, _ in entries if len(words) > 1 and words[1] != NUMBER}
    by: dict[str, list[Entry]] = {second: [] for second in seconds}
    anywhere: list[Entry] = []
    for entry in entries:
        words = entry[0]
        if len(words) > 1 and words[1] != NUMBER:
            by[words[1]].append(entry)
        else:
            anywhere.append(entry)
            for bucket in by.values():
                bucket.append(entry)
    return by, anywhere


def _entries(tongue: Tongue, first: str, after: str | None) -> list[Entry]:
    """The phrases that may match at a word `first` followed by `after`, in by_first's order."""
    pair = tongue.by_pair.get(first)
    if pair is None:
        return []
    by, anywhere = pair
    return by.get(after, anywhere) if after is not None else anywhere


def _number(low: str, tongue: Tongue) -> int | None:
    if low.isdecimal() and len(low) <= 4:
        return int(low)
    return tongue.numbers.get(low)


def _match(keys: list[str], i: int, words: tuple[str, ...], tongue: Tongue) -> list[int] | None:
    """The numbers a phrase captures if it matches at i, else None."""
    if i + len(words) > len(keys):
        return None
    found: list[int] = []
    for k, word in enumerate(words):
        if word == NUMBER:
            value = _number(keys[i + k], tongue)
            if value is None:
                return None
            found.append(value)
        elif keys[i + k] != word:
            return None
    return found


def _split(tokens: list[Token], tongue: Tongue) -> list[Token]:
    """`d'appeler` -> `d'` `appeler` (French elisions), unless the whole word is a phrase."""
    if not tongue.elisions:
        return tokens
    out: list[Token] = []
    for token in tokens:
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
            out.append(Token("", word, first.start, first.start))
            continue
        token = group[k - extra]
        end = group[-1].end if k == m - 1 else token.end
        out.append(Token(token.text, word, token.start, end))
    return out


def _plain_word(token: Token, low: str, tongue: Tongue) -> Token:
    """A word no phrase read: numbers become digits; other words are the task's."""
    dotted = _DOTTED.match(token.text) or (
        _DOTTED_BARE.match(token.text) if tongue.decimal_comma else None)
    if dotted is not None:  # `15.3.`, `15.03.2027`: the day/month dates of Europe
        day, month, year = (*dotted.groups(), None)[:3]
        return Token(token.text, f"{day}/{month}" + (f"/{year}" if year else ""),
                     token.start, token.end)
    number = tongue.numbers.get(low)
    if number is not None:
        return Token(token.text, str(number), token.start, token.end)
    if low[:1].isalpha() and low not in tongue.keep and "/" not in low:
        return Token(token.text, NEUTRAL + token.low, token.start, token.end)
    return token


def _zone_like(token: Token) -> bool:
    # `CET`, `MSK`, `UTC`: capitals as typed are zone words in any language.
    text = token.text
    return 2 < len(text) < 6 and text.isascii() and text.isupper()


def translate(tokens: list[Token], tongue: Tongue) -> list[Token]:
    """Tokens of a message in `tongue` -> tokens whose words are the English grammar's."""
    tokens = _split(tokens, tongue)
    keys = [key(t.low) for t in tokens]
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        done = False
        after = keys[i + 1] if i + 1 < len(keys) else None
        entries = _entries(tongue, keys[i], after)
        if _number(keys[i], tongue) is not None:  # `15 de marzo`, `9 Uhr`: number-led phrases
            entries = [*entries, *_entries(tongue, NUMBER, after)]
        for words, english in entries:
            found = _match(keys, i, words, tongue)
            if found is None:
                continue
            result = english(found) if callable(english) else _fill(english, found)
            out.extend(_emit(tokens[i:i + len(words)], result))
            i += len(words)
            done = True
            break
        if not done:
            token = tokens[i]
            out.append(token if _zone_like(token) else _plain_word(token, keys[i], tongue))
            i += 1
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


def _fill(english: tuple[str, ...], found: list[int]) -> tuple[str, ...]:
    """`$1`, `$2` in an output word are the numbers matched, in order."""
    if not found:
        return english
    out = []
    for word in english:
        for n, value in enumerate(found, start=1):
            word = word.replace(f"${n}", str(value))
        out.append(word)
    return tuple(out)
