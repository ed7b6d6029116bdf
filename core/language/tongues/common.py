"""What every language's lexicon builds the same way: weekdays, months, numbers, clock forms."""

from __future__ import annotations

from collections.abc import Mapping

from core.language.tongues import NUMBER, Tongue

ENGLISH_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ENGLISH_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
                  "september", "october", "november", "december")


def clock(hour: int, minute: int = 0) -> str:
    """A 24-hour clock word the grammar reads as written (a leading zero: not a bare hour)."""
    return f"{hour:02d}:{minute:02d}"


def hour24(found: list[int]) -> tuple[str, ...]:
    """`um 9 Uhr`, `à 9 heures`, `às 9 horas`: the hour on the 24-hour clock."""
    return (clock(found[0]),) if found[0] <= 23 else ("\u00b7",)


def hour24_minutes(found: list[int]) -> tuple[str, ...]:
    return (clock(found[0], found[1]),) if found[0] <= 23 and found[1] <= 59 else ("\u00b7",)


def pm(found: list[int]) -> tuple[str, ...]:
    """`7 de la tarde`, `7 Uhr abends`: an hour of the afternoon or evening."""
    hour = found[0]
    return (clock(hour + 12 if hour < 12 else hour),) if hour <= 23 else ("\u00b7",)


def am(found: list[int]) -> tuple[str, ...]:
    hour = found[0]
    return (clock(0 if hour == 12 else hour),) if hour <= 12 else ("\u00b7",)


def night(found: list[int]) -> tuple[str, ...]:
    """`11 de la noche` is 23:00, `2 de la noche` 02:00: the night runs past midnight."""
    hour = found[0]
    if hour > 12:
        return (clock(hour),) if hour <= 23 else ("\u00b7",)
    return (clock(hour if hour <= 5 else (hour + 12) % 24),)


def weekdays(tongue: Tongue, forms: Mapping[str, tuple[str, ...]], *, every: tuple[str, ...],
             on: tuple[str, ...] = (), plural_on: tuple[str, ...] = (),
             plurals: dict[str, tuple[str, ...]] | None = None) -> None:
    """Each weekday's forms, with the words that make `every Monday` and `on Monday`."""
    for english, words in forms.items():
        for word in words:
            tongue.add(word, english)
            for lead in every:
                tongue.add(f"{lead} {word}", f"every {english}")
            for lead in on:
                tongue.add(f"{lead} {word}", f"on {english}")
    for english, words in (plurals or {}).items():
        for word in words:
            tongue.add(word, english + "s")
            for lead in every:
                tongue.add(f"{lead} {word}", f"every {english}")
            for lead in plural_on:
                tongue.add(f"{lead} {word}", f"on {english}s")


def months(tongue: Tongue, forms: dict[str, tuple[str, ...]], *, of: tuple[str, ...] = ()) -> None:
    """Month names; `15 de marzo` reads as `15 of march`."""
    for english, words in forms.items():
        for word in words:
            tongue.add(word, english)
            for lead in of:
                tongue.add(f"{NUMBER} {lead} {word}", f"$1 of {english}")


def numbers(tongue: Tongue, table: dict[str, int]) -> None:
    tongue.numbers.update(table)


def units(tongue: Tongue, table: dict[str, str]) -> None:
    """Unit words (`minutos` -> `minutes`), also after a number (`2 horas` -> `2 hours`)."""
    tongue.add_all(table)


def nth_weekdays(tongue: Tongue, nths: Mapping[str, tuple[str, ...]],
                 days: Mapping[str, tuple[str, ...]], forms: dict[str, str]) -> None:
    """`el último viernes de cada mes` -> `every last friday of the month`: each form, with
    the slots `{nth}` and `{day}`, read for every ordinal and weekday word of the language
    (word classes: one phrase per form, not one per combination). An ordinal whose ending
    does not agree with the day (`последний среда`) is read too: people mistype endings,
    and no other phrase could mean it."""
    tongue.add_class("{nth}", nths)
    tongue.add_class("{day}", days)
    for foreign, english in forms.items():
        tongue.add(foreign, english.replace("{nth}", "$1").replace("{day}", "$2"))


_ITEM_VERBS = frozenset({("cancel",), ("snooze",), ("done",), ("pause",), ("resume",)})


def item_words(tongue: Tongue, *, articles: tuple[str, ...] = (),
               all_words: tuple[str, ...] = ()) -> None:
    """For each one-word verb of the language that acts on an item: `pospón el 2` is
    `snooze 2` (an article before the item's number makes no date of it, as `el 2` alone
    would be the 2nd), and `cancela todos` is `cancel all`."""
    verbs = [(words[0], english[0]) for words, english in list(tongue.phrases.items())
             if len(words) == 1 and isinstance(english, tuple) and english in _ITEM_VERBS]
    for verb, english in verbs:
        for article in articles:  # word for word, so the number keeps its own span
            tongue.add(f"{verb} {article} {NUMBER}",
                       f"{english} $1" if english == "snooze" else f"{english} the $1")
        if english == "cancel":
            for word in all_words:
                tongue.add(f"{verb} {word}", "cancel all")
