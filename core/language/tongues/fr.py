"""French: `rappelle-moi dans 20 minutes de sortir le linge`."""

from __future__ import annotations

from core.language.tongues import NUMBER, Tongue
from core.language.tongues.common import (
    am,
    clock,
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

FR = Tongue("fr", "Français", keep=frozenset({"am", "pm"}),
            elisions=frozenset({"d'", "l'", "qu'", "j'", "n'", "m'", "s'", "c'"}))

FR.add_all({
    "langue": "language", "change la langue en": "set language to",
    # command words
    "rappelle-moi": "remind me", "rappelle moi": "remind me", "rappelez-moi": "remind me",
    "rappelez moi": "remind me", "rappelle-nous": "remind me", "rappelle": "remind",
    "rappel": "reminder", "rappels": "reminders", "nouveau rappel": "new reminder",
    "crée un rappel": "set a reminder", "cree un rappel": "set a reminder",
    "ajoute un rappel": "set a reminder", "mets un rappel": "set a reminder",
    "n' oublie pas": "don't forget", "fais-moi penser à": "remind me to",
    "fais moi penser à": "remind me to", "moi": "me",
    "liste": "list", "lister": "list", "affiche": "show", "montre": "show",
    "montre-moi": "show me", "mes rappels": "my reminders", "mes habitudes": "my habits",
    "mes objectifs": "my goals", "annule": "cancel", "annuler": "cancel",
    "supprime": "cancel", "supprimer": "cancel", "efface": "cancel", "retire": "cancel",
    "reporte d'": "snooze for", "rappelle à": "remind", "rappelle a": "remind",
    "reporte de": "snooze for", "repousse de": "snooze for", "décale de": "snooze for",
    "reporte à": "snooze until", "reporte": "snooze", "hier": "yesterday",
    "reporter": "snooze", "repousse": "snooze", "décale": "snooze",
    "decale": "snooze", "plus tard": "snooze", "fait": "done", "c' est fait": "done",
    "terminé": "done", "termine": "done", "fini": "done", "aide": "help",
    "que sais-tu faire": "help", "commandes": "commands", "fuseau horaire": "timezone",
    "fuseau": "timezone", "mon fuseau horaire est": "my timezone is",
    "change mon fuseau horaire pour": "set timezone to", "pause": "pause",
    "mets en pause": "pause", "reprends": "resume", "reprendre": "resume",
    "habitude": "habit", "nouvelle habitude": "new habit",
    "s'il te plaît": "please", "s'il te plait": "please", "stp": "please", "svp": "please",
    "s' il te plaît": "please", "s' il te plait": "please", "s' il vous plaît": "please",
    "merci": "thanks", "salut": "hi", "bonjour": "hi",
    # task leads and articles
    "de": "of", "d'": "of", "que": "that", "qu'": "that", "pour": "for", "à propos de":
    "about", "le": "the", "la": "the", "les": "the", "l'": "the", "un": "a", "une": "a",
    "et": "and", "jusqu'au": "until", "jusqu' au": "until", "jusqu'à": "until",
    "jusqu' à": "until", "à partir de": "starting", "à partir du": "starting",
    "sauf": "except", "sauf le": "except", "sauf les": "except", "pendant": "for",
    # days and parts of the day
    "aujourd'hui": "today",
    "plus tard aujourd'hui": "later today", "aujourd'hui plus tard": "later today",
    "demain": "tomorrow", "après-demain": "the day after tomorrow",
    "apres-demain": "the day after tomorrow", "après demain": "the day after tomorrow",
    "ce soir": "tonight", "cette nuit": "tonight", "cet après-midi": "this afternoon",
    "cet apres-midi": "this afternoon", "ce matin": "this morning",
    "demain matin": "tomorrow morning", "demain midi": "tomorrow at noon",
    "demain après-midi": "tomorrow afternoon", "demain apres-midi": "tomorrow afternoon",
    "demain soir": "tomorrow evening", "matin": "morning", "soir": "evening",
    "après-midi": "afternoon", "apres-midi": "afternoon", "nuit": "night",
    "du matin": "am", "du soir": "pm", "de l' après-midi": "pm", "de l' apres-midi": "pm",
    "à midi": "at noon", "a midi": "at noon", "midi": "noon", "à minuit": "at midnight",
    "a minuit": "at midnight", "minuit": "midnight",
    "la semaine prochaine": "next week", "semaine prochaine": "next week",
    "le mois prochain": "next month", "mois prochain": "next month",
    "ce week-end": "this weekend", "ce weekend": "this weekend",
    "le week-end prochain": "next weekend", "en fin de journée": "at end of day",
    "en fin de journee": "at end of day", "fin de journée": "end of day",
    "fin de semaine": "end of week", "fin du mois": "end of month",
    # clock
    "à": "at", "a": "at", "vers": "at", "heures": "hours", "heure": "hour", "h": "h",
    "dans": "in", "dans une heure": "in an hour", "dans une demi-heure": "in half an hour",
    "dans un quart d' heure": "in 15 minutes", "demi-heure": "half an hour",
    "une demi-heure": "half an hour", "quart d' heure": "15 minutes",
    # recurrence
    "tous les jours": "every day", "chaque jour": "every day", "quotidiennement": "daily",
    "tous les matins": "every morning", "chaque matin": "every morning",
    "tous les soirs": "every evening", "chaque soir": "every evening",
    "toutes les nuits": "every night", "tous les après-midi": "every afternoon",
    "toutes les semaines": "every week", "chaque semaine": "every week",
    "hebdomadaire": "weekly", "toutes les deux semaines": "every 2 weeks",
    "tous les mois": "every month", "chaque mois": "every month", "mensuellement": "monthly",
    "tous les ans": "every year", "chaque année": "every year", "chaque annee": "every year",
    "toutes les heures": "every hour", "chaque heure": "every hour",
    "toutes les": "every", "tous les": "every", "chaque": "every",
    "en semaine": "on weekdays", "les jours de semaine": "on weekdays",
    "tous les jours de semaine": "every weekday", "du lundi au vendredi": "every weekday",
    "tous les jours ouvrables": "every weekday", "le week-end": "on weekends",
    "les week-ends": "on weekends", "tous les week-ends": "every weekend",
    "un jour sur deux": "every other day", "fois": "times", "une fois": "once",
    "deux fois": "twice", "par jour": "a day", "par semaine": "a week",
    "par mois": "a month", "quelques fois": "a few times",
    "plusieurs fois": "several times", "toutes les quelques heures": "every few hours",
    "tous les quelques jours": "every few days", "matin et soir": "every morning and evening",
    "tous les matins et soirs": "every morning and evening",
    "tous les matins et tous les soirs": "every morning and evening",
})
FR.add(f"à {NUMBER} heures du soir", lambda n: ("at", *pm(n)))
FR.add(f"à {NUMBER} heures du matin", lambda n: ("at", *am(n)))
FR.add(f"à {NUMBER} heures de l' après-midi", lambda n: ("at", *pm(n)))
FR.add(f"à {NUMBER} heures {NUMBER}", lambda n: ("at", *hour24_minutes(n)))
FR.add(f"à {NUMBER} heures", lambda n: ("at", *hour24(n)))
FR.add(f"à {NUMBER} heure", lambda n: ("at", *hour24(n)))
FR.add(f"à {NUMBER} h {NUMBER}", lambda n: ("at", *hour24_minutes(n)))
FR.add(f"à {NUMBER} h", lambda n: ("at", *hour24(n)))
FR.add(f"à {NUMBER} heures et demie", lambda n: ("at", *hour24_minutes([n[0], 30])))
# `9h et demie`, `9h et quart`, `9h moins le quart`, `midi et demi`: on the 24-hour clock.
FR.add_class("{hh}", {f"{hour:02d}": (f"{hour}h",) for hour in range(24)})


def _quarter_before(found: list[int]) -> tuple[str, ...]:
    """`9h moins le quart` is 08:45 (a `{hh}` arrives as its text, `09`)."""
    hour = int(found[0])
    return (clock((hour - 1) % 24, 45),) if hour <= 24 else ("\u00b7",)


for _lead, _at in (("à ", "at "), ("", "")):
    FR.add(f"{_lead}{{hh}} et demie", f"{_at}$1:30")
    FR.add(f"{_lead}{{hh}} et quart", f"{_at}$1:15")
    FR.add(f"{_lead}midi et demi", f"{_at}12:30")
    FR.add(f"{_lead}midi et demie", f"{_at}12:30")
    FR.add(f"{_lead}minuit et demi", f"{_at}00:30")
    FR.add(f"{_lead}minuit et demie", f"{_at}00:30")
    FR.add(f"{_lead}midi et quart", f"{_at}12:15")
FR.add("{hh} moins le quart", _quarter_before)
FR.add("à {hh} du matin", lambda n: ("at", *am([int(n[0])])))
FR.add("{hh} du matin", lambda n: am([int(n[0])]))
FR.add("à {hh} du soir", lambda n: ("at", *pm([int(n[0])])))
FR.add("{hh} du soir", lambda n: pm([int(n[0])]))
FR.add("à {hh} de l' après-midi", lambda n: ("at", *pm([int(n[0])])))
FR.add("à {hh} moins le quart", lambda n: ("at", *_quarter_before(n)))
FR.add(f"{NUMBER} heures moins le quart", _quarter_before)
FR.add(f"à {NUMBER} heures moins le quart", lambda n: ("at", *_quarter_before(n)))
FR.add(f"à {NUMBER} heures et quart", lambda n: ("at", *hour24_minutes([n[0], 15])))
FR.add(f"{NUMBER} heures du soir", pm)
FR.add(f"{NUMBER} heures du matin", am)
FR.add(f"{NUMBER} h du soir", pm)
FR.add(f"à {NUMBER} heures de la nuit", lambda n: ("at", *night(n)))
FR.add(f"le {NUMBER}", "on the $1th")
FR.add(f"le {NUMBER} de chaque mois", "on the $1th of every month")
FR.add(f"tous les {NUMBER} du mois", "every $1th of the month")
FR.add(f"le {NUMBER} du mois", "on the $1th of the month")
DAYS = {
    "monday": ("lundi",), "tuesday": ("mardi",), "wednesday": ("mercredi",),
    "thursday": ("jeudi",), "friday": ("vendredi",), "saturday": ("samedi",),
    "sunday": ("dimanche",),
}
weekdays(FR, DAYS, every=("chaque", "tous les"), on=("le", "ce"), plural_on=("les",),
    plurals={"monday": ("lundis",), "tuesday": ("mardis",), "wednesday": ("mercredis",),
             "thursday": ("jeudis",), "friday": ("vendredis",), "saturday": ("samedis",),
             "sunday": ("dimanches",)})
for word, english in (("lundi", "monday"), ("mardi", "tuesday"), ("mercredi", "wednesday"),
                      ("jeudi", "thursday"), ("vendredi", "friday"), ("samedi", "saturday"),
                      ("dimanche", "sunday")):
    for form in (f"{word} prochain", f"le {word} prochain", f"{word} qui vient"):
        FR.add(form, f"next {english}")
    FR.add(f"tous les {word}s", f"every {english}")
    FR.add(f"{word} matin", f"{english} morning")
    FR.add(f"{word} soir", f"{english} evening")
    FR.add(f"{word} après-midi", f"{english} afternoon")
# The nth weekday of a month (`le premier lundi de chaque mois`, `tous les derniers vendredis
# du mois`).
_NTHS = {
    "first": ("premier", "1er"), "second": ("deuxième", "deuxieme", "second", "2e"),
    "third": ("troisième", "troisieme", "3e"), "fourth": ("quatrième", "quatrieme", "4e"),
    "fifth": ("cinquième", "cinquieme", "5e"), "last": ("dernier",),
    "second to last": ("avant-dernier",),
}
# `un mardi sur deux`: every other Tuesday; `une semaine sur deux`: every other week.
FR.add_class("{day}", DAYS)
FR.add("un {day} sur deux", "every other $1")
FR.add_all({"une semaine sur deux": "every other week", "un jour sur deux": "every other day"})
nth_weekdays(FR, _NTHS, DAYS, {
    "le {nth} {day} de chaque mois": "every {nth} {day} of the month",
    "le {nth} {day} de tous les mois": "every {nth} {day} of the month",
    "chaque {nth} {day} du mois": "every {nth} {day} of the month",
    "tous les mois le {nth} {day}": "every {nth} {day} of the month",
    "chaque mois le {nth} {day}": "every {nth} {day} of the month",
    "chaque {nth} {day}": "every {nth} {day}",
    "le {nth} {day} du mois": "on the {nth} {day} of the month",
})
nth_weekdays(FR, {english: tuple(w + "s" for w in words if not w[0].isdigit())
                  for english, words in _NTHS.items()},
             {english: tuple(w + "s" for w in words) for english, words in DAYS.items()}, {
    "tous les {nth} {day} du mois": "every {nth} {day} of the month",
    "tous les {nth} {day} de chaque mois": "every {nth} {day} of the month",
})
# The last (and first) day of a month.
FR.add_all({
    "le dernier jour de chaque mois": "on the last day of every month",
    "le dernier jour de tous les mois": "on the last day of every month",
    "chaque dernier jour du mois": "every last day of the month",
    "tous les derniers jours du mois": "every last day of the month",
    "le dernier jour du mois": "on the last day of the month",
    "le premier jour de chaque mois": "on the 1st of every month",
    "le premier jour du mois": "on the 1st of the month",
})
months(FR, {
    "january": ("janvier",), "february": ("février", "fevrier"), "march": ("mars",),
    "april": ("avril",), "may": ("mai",), "june": ("juin",), "july": ("juillet",),
    "august": ("août", "aout"), "september": ("septembre",), "october": ("octobre",),
    "november": ("novembre",), "december": ("décembre", "decembre"),
})
numbers(FR, {
    "1er": 1, "premier": 1,
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30,
    "quarante": 40, "quarante-cinq": 45,
})
units(FR, {
    "minute": "minute", "minutes": "minutes", "min": "min", "secondes": "seconds",
    "jour": "day", "jours": "days", "semaine": "week", "semaines": "weeks", "mois": "months",
    "an": "year", "ans": "years", "année": "year", "années": "years",
})
FR.add(f"{NUMBER} mois", "$1 months")
FR.add("un mois", "a month")
FR.add("dans un mois", "in a month")
# Short commands, in the imperative (`annule`, `annulez`) and the infinitive (`annuler`).
FR.add_all({
    "annulez": "cancel", "supprimez": "cancel", "effacer": "cancel", "effacez": "cancel",
    "retirer": "cancel", "enlève": "cancel", "enlever": "cancel",
    "reportez": "snooze", "repousser": "snooze", "repoussez": "snooze", "décaler": "snooze",
    "remets à plus tard": "snooze", "faite": "done", "terminée": "done", "finie": "done",
    "c'est fait": "done", "aide-moi": "help", "aidez-moi": "help", "à l' aide": "help",
    "afficher": "show", "montrer": "show", "liste des": "list",
    "change le fuseau horaire en": "set timezone to", "mets le fuseau horaire à":
    "set timezone to", "mets la langue en": "set language to",
    "passe la langue en": "set language to", "langue :": "language",
    # habits and goals
    "habitudes": "habits", "objectifs": "goals", "objectif": "goal",
    "nouvel objectif": "new goal", "progrès": "progress", "progression": "progress",
    "note": "log", "ajoute": "log", "avant le": "before the", "d'ici le": "by the",
    "d' ici le": "by the", "d' ici au": "by the",
    "d' ici la fin de l' année": "by the end of the year",
    "d' ici la fin de l' annee": "by the end of the year",
    "avant la fin de l' année": "by the end of the year",
    "avant la fin de l' annee": "by the end of the year",
    "repousse d'": "snooze for", "repousser d'": "snooze for", "reporter d'": "snooze for",
    "décale d'": "snooze for", "reporter de": "snooze for", "repousser de": "snooze for",
})

FR.tell(3, "liste", "sais-tu", "fait", "fuseau", "rappelle-moi", "rappelez-moi", "rappelle",
    "rappel", "rappels", "annule",
        "supprime", "efface", "reporte", "repousse", "aide", "fuseau", "mes", "affiche",
        "montre", "habitude", "reprends", "terminé")
FR.tell(2, "demain", "aujourd'hui", "dans", "à", "heures", "heure", "jours", "semaine",
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "chaque",
        "tous", "toutes", "soir", "matin", "prochain", "prochaine", "d'", "l'", "le", "les",
        "fois", "moi", "minuit", "midi", "et", "jusqu'à", "jusqu'au", "jusqu'a")
FR.add_all({
    "marque le # comme fait": "mark the $1 as done",
    "marquer le # comme fait": "mark the $1 as done",
    "rappel du": "reminder of",
    "rappel de": "reminder of",
    "rappel de la": "reminder of the",
    "rappel des": "reminder of",
})
# A window of the day (`every hour from 9 to 17`).
FR.add_all({
    "de {hh} à {hh}": "from $1:00 to $2:00",
    "entre {hh} et {hh}": "between $1:00 and $2:00",
    "de # heures à # heures": "from $1 to $2",
})
FR.add_all({
    "mets en pause": "pause",
    "mettre en pause": "pause",
})
# An hour and a half (`en una hora y media`, `через полтора часа`).
FR.add_all({
    "dans # heure et demie": "in $1.5 hours",
    "dans une heure et demie": "in 1.5 hours",
    "dans # heures et demie": "in $1.5 hours",
})
item_words(FR, articles=("le", "la"), all_words=("tous", "tout", "toutes"))
FR.tell(3, "mets", "mettre")
FR.seal()
FR.tell(3, "langue")
