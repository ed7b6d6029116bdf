"""German: `erinnere mich jeden Montag um 8 an den Bericht`."""

from __future__ import annotations

from core.language.tongues import NUMBER, Tongue
from core.language.tongues.common import (
    am,
    hour24,
    hour24_minutes,
    item_words,
    months,
    night,
    nth_weekdays,
    numbers,
    pm,
    units,
    weekdays,
)

DE = Tongue("de", "Deutsch", decimal_comma=True, verb_last=True)

DE.add_all({
    "sprache": "language", "ändere die sprache auf": "set language to",
    # command words
    "erinnere mich": "remind me", "erinner mich": "remind me", "erinnere": "remind",
    "erinnern sie mich": "remind me", "erinnere uns": "remind me",
    "erinnere mich daran": "remind me about", "erinner mich daran": "remind me about",
    "erinnerung": "reminder", "erinnerungen": "reminders", "mich": "me",
    "neue erinnerung": "new reminder", "erstelle eine erinnerung": "set a reminder",
    "lass mich nicht vergessen": "don't let me forget", "vergiss nicht": "don't forget",
    "liste": "list", "zeige": "show", "zeig": "show", "zeig mir": "show me",
    "zeige meine erinnerungen": "list reminders", "zeig meine erinnerungen": "list reminders",
    "meine erinnerungen": "my reminders", "meine gewohnheiten": "my habits",
    "meine ziele": "my goals", "lösche": "cancel", "lösch": "cancel", "löschen": "cancel",
    "losche": "cancel", "loesche": "cancel", "entferne": "cancel", "storniere": "cancel",
    "streiche": "cancel", "abbrechen": "cancel", "schlummern": "snooze",
    "schlummere": "snooze", "verschiebe": "snooze", "verschieben": "snooze",
    "später": "snooze", "verschiebe um": "snooze for", "verschiebe auf": "snooze until",
    "schlummern für": "snooze for", "schlummere für": "snooze for", "erledigt": "done",
    "fertig": "done", "gemacht": "done",
    "hilfe": "help", "was kannst du": "help", "befehle": "commands",
    "zeitzone": "timezone", "meine zeitzone ist": "my timezone is",
    "setze zeitzone auf": "set timezone to", "setze meine zeitzone auf": "set timezone to",
    "pausiere": "pause", "pausieren": "pause", "fortsetzen": "resume", "setze fort": "resume",
    "gewohnheit": "habit", "neue gewohnheit": "new habit",
    "bitte": "please", "danke": "thanks", "hallo": "hi", "hey": "hey",
    # task leads and articles
    "an": "about", "ans": "about", "daran": "about", "daran , dass": "about", "dass": "that",
    "zu": "to",
    "der": "the", "die": "the", "das": "the", "den": "the", "dem": "the",
    "ein": "a", "eine": "a", "einen": "a", "einer": "a", "und": "and",
    "bis": "until", "ab": "starting", "außer": "except", "ausser": "except",
    "für": "for", "fur": "for",
    # days and parts of the day
    "gestern": "yesterday", "heute": "today",
    "heute später": "later today", "später heute": "later today",
    "morgen": "tomorrow",
    "übermorgen": "the day after tomorrow",
    "ubermorgen": "the day after tomorrow", "heute abend": "tonight",
    "heute nacht": "tonight", "heute nachmittag": "this afternoon",
    "heute morgen": "this morning", "heute früh": "this morning",
    "morgen früh": "tomorrow morning", "morgen fruh": "tomorrow morning",
    "morgen vormittag": "tomorrow morning", "morgen mittag": "tomorrow at noon",
    "morgen nachmittag": "tomorrow afternoon", "morgen abend": "tomorrow evening",
    "morgens": "in the morning", "vormittags": "in the morning",
    "nachmittags": "in the afternoon", "abends": "in the evening", "nachts": "at night",
    "früh": "morning", "mittag": "noon", "mittags": "at noon", "um mitternacht": "at midnight",
    "mitternacht": "midnight", "am morgen": "in the morning", "am abend": "in the evening",
    "am nachmittag": "in the afternoon", "nächste woche": "next week",
    "nachste woche": "next week", "kommende woche": "next week",
    "nächsten monat": "next month", "nächster monat": "next month",
    "am wochenende": "this weekend", "dieses wochenende": "this weekend",
    "ende der woche": "end of week", "ende des monats": "end of month",
    "feierabend": "end of day",
    # clock
    "um": "at", "gegen": "at", "uhr": "o'clock", "in": "in", "nach": "after",
    "in einer stunde": "in an hour", "in einer halben stunde": "in half an hour",
    "halbe stunde": "half an hour", "einer halben stunde": "half an hour",
    "in einer viertelstunde": "in 15 minutes", "viertelstunde": "15 minutes",
    "halb": "half to", "viertel nach": "quarter past", "viertel vor": "quarter to",
    # recurrence
    "jeden tag": "every day", "täglich": "daily", "taglich": "daily",
    "jeden morgen": "every morning",
    "jeden abend": "every evening", "jede nacht": "every night",
    "jeden nachmittag": "every afternoon", "jede woche": "every week",
    "wöchentlich": "weekly", "wochentlich": "weekly", "jeden monat": "every month",
    "monatlich": "monthly", "jedes jahr": "every year", "jährlich": "yearly",
    "jahrlich": "yearly", "jede stunde": "every hour", "stündlich": "hourly",
    "stundlich": "hourly", "alle": "every", "jeden": "every", "jede": "every",
    "jedes": "every", "werktags": "on weekdays", "an werktagen": "on weekdays",
    "an wochentagen": "on weekdays", "jeden werktag": "every weekday",
    "am wochenende jeweils": "on weekends", "an wochenenden": "on weekends",
    "jedes wochenende": "every weekend", "alle zwei wochen": "every 2 weeks",
    "jede zweite woche": "every other week", "jeden zweiten tag": "every other day",
    "mal": "times", "einmal": "once", "zweimal": "twice", "dreimal": "3 times",
    "viermal": "4 times", "am tag": "a day", "pro tag": "a day", "täglich mal": "a day",
    "die woche": "a week", "pro woche": "a week", "in der woche": "a week",
    "im monat": "a month", "pro monat": "a month", "ein paar mal": "a couple of times",
    "ein paarmal": "a couple of times", "mehrmals": "several times",
    "alle paar stunden": "every few hours", "alle paar tage": "every few days",
    "morgens und abends": "every morning and evening",
    "jeden morgen und abend": "every morning and evening",
})
DE.add(f"um {NUMBER} uhr abends", lambda n: ("at", *pm(n)))
DE.add(f"um {NUMBER} uhr nachmittags", lambda n: ("at", *pm(n)))
DE.add(f"um {NUMBER} uhr morgens", lambda n: ("at", *am(n)))
DE.add(f"um {NUMBER} uhr früh", lambda n: ("at", *am(n)))
DE.add(f"um {NUMBER} uhr nachts", lambda n: ("at", *night(n)))
DE.add(f"um {NUMBER} uhr {NUMBER}", lambda n: ("at", *hour24_minutes(n)))
DE.add(f"um {NUMBER} uhr", lambda n: ("at", *hour24(n)))
DE.add(f"{NUMBER} uhr", hour24)
DE.add(f"{NUMBER} uhr abends", pm)
DE.add(f"{NUMBER} uhr morgens", am)
DE.add(f"um {NUMBER} abends", lambda n: ("at", *pm(n)))
DE.add(f"um {NUMBER} morgens", lambda n: ("at", *am(n)))
DE.add(f"um {NUMBER} nachts", lambda n: ("at", *night(n)))
DE.add(f"am {NUMBER}", "on the $1th")
DE.add(f"zum {NUMBER}", "on the $1th")
DE.add(f"jeden {NUMBER}", "every $1th")
DE.add(f"alle {NUMBER} stunden", "every $1 hours")
DE.add(f"{NUMBER} mal", "$1 times")
DE.add("am", "on")
DAYS = {
    "monday": ("montag",), "tuesday": ("dienstag",), "wednesday": ("mittwoch",),
    "thursday": ("donnerstag",), "friday": ("freitag",), "saturday": ("samstag", "sonnabend"),
    "sunday": ("sonntag",),
}
weekdays(DE, DAYS, every=("jeden", "immer"), on=("am", "diesen", "kommenden"), plural_on=(),
    plurals={"monday": ("montags",), "tuesday": ("dienstags",), "wednesday": ("mittwochs",),
             "thursday": ("donnerstags",), "friday": ("freitags",),
             "saturday": ("samstags",), "sunday": ("sonntags",)})
for word, english in (("montag", "monday"), ("dienstag", "tuesday"), ("mittwoch", "wednesday"),
                      ("donnerstag", "thursday"), ("freitag", "friday"),
                      ("samstag", "saturday"), ("sonntag", "sunday")):
    for form in (f"nächsten {word}", f"nachsten {word}", f"nächster {word}",
                 f"am nächsten {word}", f"kommenden {word}"):
        DE.add(form, f"next {english}")
    DE.add(f"{word} morgen", f"{english} morning")
    DE.add(f"{word} abend", f"{english} evening")
    DE.add(f"{word} nachmittag", f"{english} afternoon")
    DE.add(f"{word}s", f"on {english}s")
# The nth weekday of a month (`jeden ersten Montag im Monat`, `am letzten Freitag jedes Monats`).
# `jeden zweiten Dienstag` is every other Tuesday (as `jeden zweiten Tag`); with `im Monat`
# it is the month's second Tuesday, below. Added first: tried before `jeden {nth} {day}`.
DE.add_class("{day}", DAYS)
DE.add("jeden zweiten {day}", "every other $1")
# `Montag bis Freitag`: a range of weekdays (`bis` alone is `until`, a bound).
for _first, _first_forms in DAYS.items():
    for _last, _last_forms in DAYS.items():
        for _a in _first_forms:
            for _b in _last_forms:
                DE.add(f"{_a} bis {_b}", f"{_first} through {_last}")
                DE.add(f"jeden {_a} bis {_b}", f"every {_first} through {_last}")
_PLURAL_DAYS = ("montags", "dienstags", "mittwochs", "donnerstags", "freitags", "samstags",
                "sonntags")
for _a, _first in zip(_PLURAL_DAYS, DAYS, strict=True):
    for _b, _last in zip(_PLURAL_DAYS, DAYS, strict=True):
        DE.add(f"{_a} bis {_b}", f"every {_first} through {_last}")
nth_weekdays(DE, {
    "first": ("ersten", "erster", "erste"), "second": ("zweiten", "zweiter", "zweite"),
    "third": ("dritten", "dritter", "dritte"), "fourth": ("vierten", "vierter", "vierte"),
    "fifth": ("fünften", "fünfter", "fünfte"), "last": ("letzten", "letzter", "letzte"),
    "second to last": ("vorletzten", "vorletzter", "vorletzte"),
}, DAYS, {
    "jeden {nth} {day} im monat": "every {nth} {day} of the month",
    "jeden {nth} {day} des monats": "every {nth} {day} of the month",
    "am {nth} {day} jedes monats": "every {nth} {day} of the month",
    "am {nth} {day} jeden monats": "every {nth} {day} of the month",
    "am {nth} {day} eines jeden monats": "every {nth} {day} of the month",
    "jeden monat am {nth} {day}": "every {nth} {day} of the month",
    "monatlich am {nth} {day}": "every {nth} {day} of the month",
    "jeden {nth} {day}": "every {nth} {day}",
    "am {nth} {day} im monat": "on the {nth} {day} of the month",
    "am {nth} {day} des monats": "on the {nth} {day} of the month",
})
# The last (and first) day of a month.
DE.add_all({
    "am letzten tag jedes monats": "on the last day of every month",
    "am letzten tag eines jeden monats": "on the last day of every month",
    "jeden letzten tag im monat": "every last day of the month",
    "jeden monat am letzten tag": "every last day of the month",
    "am letzten tag des monats": "on the last day of the month",
    "am letzten tag im monat": "on the last day of the month",
    "am ersten tag jedes monats": "on the 1st of every month",
    "am ersten tag des monats": "on the 1st of the month",
})
months(DE, {
    "january": ("januar", "jänner"), "february": ("februar",), "march": ("märz", "marz"),
    "april": ("april",), "may": ("mai",), "june": ("juni",), "july": ("juli",),
    "august": ("august",), "september": ("september",), "october": ("oktober",),
    "november": ("november",), "december": ("dezember",),
})
numbers(DE, {
    "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "fünfzehn": 15, "zwanzig": 20,
    "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfundvierzig": 45,
})
units(DE, {
    "minute": "minute", "minuten": "minutes", "min": "min", "sekunden": "seconds",
    "stunde": "hour", "stunden": "hours", "std": "hours", "tag": "day", "tage": "days",
    "tagen": "days", "woche": "week", "wochen": "weeks", "monat": "month", "monate": "months",
    "monaten": "months", "jahr": "year", "jahre": "years", "jahren": "years",
})
# Short commands, in the imperative (`lösche`) and the infinitive (`löschen`).
DE.add_all({
    "loschen": "cancel", "loeschen": "cancel", "entfernen": "cancel", "stornieren": "cancel",
    "streichen": "cancel", "absagen": "cancel",
    "schlummer": "snooze", "verschieb": "snooze", "aufschieben": "snooze",
    "erinnere mich später": "snooze", "geschafft": "done", "abgehakt": "done",
    "abhaken": "done", "erledigen": "done", "hilf mir": "help", "hilf": "help",
    "auflisten": "list", "anzeigen": "show", "zeige alle": "list", "zeig alle": "list",
    "zeitzone auf": "set timezone to", "ändere die zeitzone auf": "set timezone to",
    "ändere meine zeitzone auf": "set timezone to", "stelle die zeitzone auf":
    "set timezone to", "sprache auf": "set language to", "stelle die sprache auf":
    "set language to", "ändere sprache auf": "set language to",
    # habits and goals
    "gewohnheiten": "habits", "ziele": "goals", "ziel": "goal", "neues ziel": "new goal",
    "setze ein ziel": "new goal", "fortschritt": "progress", "trage ein": "log",
    "notiere": "log", "vor dem": "before the", "vor": "before",
    "jedes monats": "of every month", "eines jeden monats": "of every month",
    "am ersten": "on the 1th", "am ersten jedes monats": "on the 1th of every month",
    "bis ende des jahres": "by the end of the year", "bis zum jahresende": "by year-end",
    "bis jahresende": "by year-end", "verschieben auf": "snooze until",
    "verschieb auf": "snooze until", "schlummern bis": "snooze until",
})

DE.tell(3, "liste", "kannst", "erinnere", "erinner", "erinnerung", "erinnerungen", "lösche",
    "losche",
        "loesche", "schlummern", "verschiebe", "erledigt", "hilfe", "zeitzone", "zeige",
        "zeig", "meine", "gewohnheit", "pausiere", "fortsetzen", "entferne", "storniere")
DE.tell(2, "mich", "morgen", "heute", "übermorgen", "jeden", "jede", "um", "uhr", "minuten",
        "stunden", "stunde", "tage", "woche", "montag", "dienstag", "mittwoch", "donnerstag",
        "freitag", "samstag", "sonntag", "nächste", "nächsten", "täglich", "alle", "abends",
        "morgens", "daran", "den", "der", "die", "das", "und", "bitte", "montags", "einer",
        "zweimal", "mal")
# A window of the day (`every hour from 9 to 17`).
DE.add_all({
    "von # bis #": "from $1 to $2",
    "von # bis # uhr": "from $1 to $2",
    "von # uhr bis # uhr": "from $1 to $2",
    "zwischen # und # uhr": "between $1 and $2",
})
DE.add_all({
    "setze # fort": "resume $1 reminder",  # word for word: the number keeps its span
    "setz # fort": "resume $1 reminder",
})
# An hour and a half (`en una hora y media`, `через полтора часа`).
DE.add_all({
    "in anderthalb stunden": "in 1.5 hours",
    "in eineinhalb stunden": "in 1.5 hours",
})
item_words(DE, all_words=("alle", "alles"))
DE.tell(3, "setze", "setz")
DE.seal()
DE.tell(3, "sprache", "hilf", "trage")
