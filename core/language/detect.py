"""Which language a message is in: the command and time words it uses are distinctive."""

from __future__ import annotations

from core.language.tokens import Token
from core.language.tongues import Tongue, key
from core.language.tongues.de import DE
from core.language.tongues.es import ES
from core.language.tongues.fr import FR
from core.language.tongues.pt import PT
from core.language.tongues.ru import RU

ENGLISH = "en"
TONGUES: dict[str, Tongue] = {t.code: t for t in (ES, DE, FR, PT, RU)}
LANGUAGES = (ENGLISH, *TONGUES)

_EN_TELLS: dict[str, int] = {
    **dict.fromkeys(("remind", "reminder", "reminders", "remindme", "snooze", "cancel",
                     "delete", "list", "help", "timezone", "habit", "goal", "progress",
                     "digest", "agenda", "resume", "post", "remember", "forget", "done",
                     "show", "nudge"), 3),
    **dict.fromkeys(("me", "tomorrow", "today", "tonight", "every", "minutes", "hours", "hour",
                     "days", "day", "week", "weeks", "next", "morning", "evening", "afternoon",
                     "daily", "weekly", "monthly", "monday", "tuesday", "wednesday",
                     "thursday", "friday", "saturday", "sunday", "at", "to", "my", "the",
                     "and", "on", "of", "for", "until", "twice", "times", "noon", "tmrw"), 2),
}
# Each word that tells a language, with every language it may tell and its weight there.
_TELLS: dict[str, list[tuple[str, int]]] = {}
for _code, _words in ((ENGLISH, _EN_TELLS), *((t.code, t.tells) for t in TONGUES.values())):
    for _word, _weight in _words.items():
        _TELLS.setdefault(_word, []).append((_code, _weight))


_FOREIGN_COMMANDS: frozenset[str] = frozenset(
    word for tongue in TONGUES.values() for word, weight in tongue.tells.items() if weight >= 3)
# `hecho`, `erledigt`, `c'est fait`, `готово`: alone, the last delivered reminder is done.
_BARE_DONE: dict[tuple[str, ...], str] = {
    words: tongue.code for tongue in reversed(TONGUES.values())
    for words, english in tongue.phrases.items() if english == ("done",)}


def foreign_command(word: str) -> bool:
    """Whether `word` is a command word of another language (`cancelar`, `pausa`), so not a
    misspelt English one."""
    return key(word.lower()) in _FOREIGN_COMMANDS


def bare_done(text: str) -> str | None:
    """The language whose word for `done` the whole text is (`¡hecho!`, `Erledigt.`)."""
    plain = text.lower().replace("\u2019", "'").replace("'", "' ").strip(" .!¡?¿")
    return _BARE_DONE.get(tuple(key(w) for w in plain.split()))


def scores(tokens: list[Token]) -> dict[str, int]:
    """Each language's score: the weights of its telling words in the message."""
    found: dict[str, int] = {}
    tells_of = _TELLS.get
    for token in tokens:
        low = token.low
        tells = tells_of(low)
        if tells is None:
            if low.isascii():
                continue
            tells = tells_of(key(low))
            if tells is None:
                continue
        for code, weight in tells:
            found[code] = found.get(code, 0) + weight
    return found


def candidates(tokens: list[Token], hint: str | None = None) -> list[str]:
    """The languages to read the message in, best first: the highest score; a tie goes to
    the person's `language` setting (`hint`), then to English."""
    found = scores(tokens)
    if not found:
        return [hint if hint in TONGUES else ENGLISH]
    top, tied = 0, []
    for code, score in found.items():  # a loop, not max and a comprehension: one or two
        if score > top:                 # languages score, for each message
            top, tied = score, [code]
        elif score == top:
            tied.append(code)
    if len(tied) == 1:
        return tied
    tied.sort(key=LANGUAGES.index)
    return sorted(tied, key=lambda code: (code != hint, code != ENGLISH))


def detect(tokens: list[Token], hint: str | None = None) -> str:
    """The language a message is in (`en`, `es`, `de`, `fr`, `pt`, `ru`)."""
    return candidates(tokens, hint)[0]
