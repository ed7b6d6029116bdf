"""A language's phrases indexed for reading a message word by word: by their first word,
then by their second, so that at each word of a message only the phrases that can still
match are tried, and each of them compares only the words not already known to match.

A phrase may hold slots: a number (`#`), or a word class (`{nth}`, `{day}`: any of the
class's words, read as its English). One phrase with classes stands for every combination
(`el {nth} {day} de cada mes` for 8 ordinals and 7 days) without listing them."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

# An output word may be computed from the numbers a phrase matched (`um 9 Uhr` -> `09:00`).
Out = Callable[[list[int]], tuple[str, ...]]
English = tuple[str, ...] | Out
NUMBER = "#"  # in a phrase: any whole number (digits, or a number word of the language)
# A word class: its words (accent-free keys) and the English each reads as.
Classes = dict[str, dict[str, str]]


class Phrase(NamedTuple):
    """One phrase as the reader tries it at a word of the message."""

    size: int
    checks: tuple[tuple[int, str], ...]  # (offset, word): the literal words past the second
    # (offset, class): its numbers (class None) and class words, in order
    slots: tuple[tuple[int, dict[str, str] | None], ...]
    english: English
    fixed: tuple[str, ...] | None  # its English when no number changes it


class Lead(NamedTuple):
    """The phrases of one first word: per literal second word (in the order they are
    tried), and those that any second word may follow (a one-word phrase, `el #`)."""

    by_second: dict[str, tuple[Phrase, ...]]
    anywhere: tuple[Phrase, ...]


def _compiled(words: tuple[str, ...], english: English, classes: Classes) -> Phrase:
    # The first word is the index's key and the second the bucket's (or a slot, or none),
    # so only the literal words from the third on are compared.
    checks = tuple((k, w) for k, w in enumerate(words)
                   if k >= 2 and w != NUMBER and w not in classes)
    slots = tuple((k, classes.get(w)) for k, w in enumerate(words)
                  if w == NUMBER or w in classes)
    fixed = None
    if isinstance(english, tuple) and not (slots and any("$" in w for w in english)):
        fixed = english
    return Phrase(len(words), checks, slots, english, fixed)


def _seconds(words: tuple[str, ...], classes: Classes) -> tuple[str, ...]:
    """The message words that may stand second: a literal, a class's words; none for a
    number or a one-word phrase (those go with any second word)."""
    if len(words) < 2 or words[1] == NUMBER:
        return ()
    return tuple(classes[words[1]]) if words[1] in classes else (words[1],)


def _lead(entries: list[tuple[tuple[str, ...], English]], classes: Classes) -> Lead:
    """A phrase whose second word is a literal can only match where the message's next word
    is that word (a Russian `в` leads 99 phrases); the order of `entries` is kept."""
    seconds = {second for words, _ in entries for second in _seconds(words, classes)}
    by: dict[str, list[Phrase]] = {second: [] for second in seconds}
    anywhere: list[Phrase] = []
    for words, english in entries:
        phrase = _compiled(words, english, classes)
        if bucket_words := _seconds(words, classes):
            for second in bucket_words:
                by[second].append(phrase)
        else:
            anywhere.append(phrase)
            for bucket in by.values():
                bucket.append(phrase)
    return Lead({second: tuple(bucket) for second, bucket in by.items()}, tuple(anywhere))


def build(phrases: dict[tuple[str, ...], English], classes: Classes
          ) -> tuple[dict[str, Lead], dict[str, tuple[str, ...]]]:
    """The phrases by first word, longest first (else in the order they were added), and
    the words that are a phrase alone and lead no other: read without trying any phrase."""
    by_first: dict[str, list[tuple[tuple[str, ...], English]]] = {}
    for words, english in phrases.items():
        by_first.setdefault(words[0], []).append((words, english))
    for entries in by_first.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    singles: dict[str, tuple[str, ...]] = {}
    for first, entries in by_first.items():
        words, english = entries[0]
        if first != NUMBER and len(entries) == 1 and len(words) == 1 and isinstance(
                english, tuple):
            singles[first] = english
    table = {first: _lead(entries, classes) for first, entries in by_first.items()}
    return table, singles
