"""Spanish: `recuérdame mañana a las 9 llamar a mamá`."""

from __future__ import annotations

from core.language.tongues import NUMBER, Tongue
from core.language.tongues.common import (
    am,
    hour24,
    item_words,
    months,
    night,
    nth_weekdays,
    numbers,
    pm,
    units,
    weekdays,
)

ES = Tongue("es", "Español", keep=frozenset({"am", "pm"}))

ES.add_all({
    "idioma": "language", "cambia el idioma a": "set language to",
    # command words
    "recuérdame": "remind me", "recuerdame": "remind me", "recordarme": "remind me",
    "recuérdanos": "remind me", "avísame": "remind me", "avisame": "remind me",
    "recuérdame que": "remind me that", "recuérdale a": "remind", "recuérdales a": "remind",
    "recordatorio": "reminder", "recordatorios": "reminders",
    "crea un recordatorio": "set a reminder", "crear recordatorio": "set a reminder",
    "pon un recordatorio": "set a reminder", "ponme un recordatorio": "set a reminder",
    "nuevo recordatorio": "new reminder", "no me dejes olvidar": "don't let me forget",
    "lista": "list", "listar": "list", "muestra": "show", "muéstrame": "show", "ver": "show",
    "mis recordatorios": "my reminders", "mis hábitos": "my habits", "mis metas": "my goals",
    "qué recordatorios tengo": "list reminders", "cancela": "cancel", "cancelar": "cancel",
    "borra": "cancel", "borrar": "cancel", "elimina": "cancel", "eliminar": "cancel",
    "quita": "cancel", "pospón": "snooze", "posponer": "snooze", "pospon": "snooze",
    "aplaza": "snooze", "aplazar": "snooze", "hecho": "done", "hecha": "done",
    "terminado": "done", "completado": "done", "ya hice": "done", "ayuda": "help",
    "qué puedes hacer": "help", "comandos": "commands", "zona horaria": "timezone",
    "mi zona horaria es": "my timezone is", "cambia mi zona horaria a": "set timezone to",
    "pausa": "pause", "pausar": "pause", "reanuda": "resume", "reanudar": "resume",
    "hábito": "habit", "nuevo hábito": "new habit",
    "por favor": "please", "gracias": "thanks", "hola": "hi", "oye": "hey",
    # task leads and articles
    "que": "that", "de": "of", "sobre": "about", "el": "the", "la": "the", "los": "the",
    "las": "the", "un": "a", "una": "a", "uno": "a", "y": "and", "para": "for",
    "hasta": "until", "desde": "from", "a partir de": "starting", "a partir del": "starting",
    "durante": "for",
    "excepto": "except", "menos": "except",
    # days and parts of the day
    "ayer": "yesterday", "hoy": "today",
    "más tarde hoy": "later today", "hoy más tarde": "later today",
    "mañana": "tomorrow", "manana": "tomorrow",
    "pasado mañana":
    "the day after tomorrow", "esta noche": "tonight", "esta tarde": "this afternoon",
    "esta mañana": "this morning", "por la mañana": "in the morning",
    "de la mañana": "am", "de la madrugada": "am", "por la tarde": "in the afternoon",
    "de la tarde": "pm", "por la noche": "in the evening", "de la noche": "pm",
    "mediodía": "noon", "al mediodía": "at noon", "a mediodía": "at noon",
    "medianoche": "midnight", "a medianoche": "at midnight", "a la medianoche": "at midnight",
    "mañana por la mañana": "tomorrow morning", "mañana por la tarde": "tomorrow afternoon",
    "mañana por la noche": "tomorrow evening", "fin de mes": "end of month",
    "fin de semana": "weekend", "este fin de semana": "this weekend",
    "el fin de semana": "this weekend", "la próxima semana": "next week",
    "la semana que viene": "next week", "próxima semana": "next week",
    "la semana próxima": "next week", "el próximo mes": "next month",
    "el mes que viene": "next month", "el mes próximo": "next month",
    "mañana a primera hora": "tomorrow morning", "a primera hora": "first thing",
    # clock
    "a las": "at", "a la": "at", "sobre las": "at", "hacia las": "at",
    "en punto": "o'clock", "horas": "hours", "hora": "hour",
    "en": "in", "dentro de": "in", "en media hora": "in half an hour",
    "dentro de media hora": "in half an hour", "media hora": "half an hour",
    "un cuarto de hora": "15 minutes", "cuarto de hora": "15 minutes",
    # recurrence
    "todos los días": "every day", "todos los dias": "every day", "cada día": "every day",
    "cada dia": "every day", "a diario": "daily", "diario": "daily", "diariamente": "daily",
    "todas las mañanas": "every morning", "cada mañana": "every morning",
    "todas las tardes": "every afternoon", "cada tarde": "every afternoon",
    "todas las noches": "every night", "cada noche": "every night",
    "cada semana": "every week", "todas las semanas": "every week", "semanalmente": "weekly",
    "cada mes": "every month", "todos los meses": "every month", "mensualmente": "monthly",
    "cada año": "every year", "todos los años": "every year", "anualmente": "yearly",
    "cada hora": "every hour", "cada": "every", "todos los": "every", "todas las": "every",
    "entre semana": "on weekdays", "los días laborables": "on weekdays",
    "días laborables": "weekdays", "de lunes a viernes": "every weekday",
    "los fines de semana": "on weekends", "cada fin de semana": "every weekend",
    "cada dos semanas": "every 2 weeks", "cada 15 días": "every 15 days",
    "veces": "times", "vez": "once", "una vez": "once", "dos veces": "twice",
    "al día": "a day", "al dia": "a day", "por día": "a day", "a la semana": "a week",
    "por semana": "a week", "al mes": "a month", "por mes": "a month",
    "un par de veces": "a couple of times", "unas cuantas veces": "a few times",
    "varias veces": "several times", "cada pocas horas": "every few hours",
    "cada pocos días": "every few days", "mañana y noche": "morning and evening",
    "cada mañana y cada noche": "every morning and evening",
    "por la mañana y por la noche": "every morning and evening",
    "veces al día": "times a day",
})
ES.add(f"a las {NUMBER} de la tarde", lambda n: ("at", *pm(n)))
ES.add(f"a las {NUMBER} de la noche", lambda n: ("at", *night(n)))
ES.add(f"a la {NUMBER} de la noche", lambda n: ("at", *night(n)))
ES.add(f"a las {NUMBER} de la mañana", lambda n: ("at", *am(n)))
ES.add(f"a las {NUMBER} de la madrugada", lambda n: ("at", *am(n)))
ES.add(f"a las {NUMBER} horas", lambda n: ("at", *hour24(n)))
ES.add(f"a las {NUMBER} y media", lambda n: ("at", f"{n[0]}:30"))
ES.add(f"a las {NUMBER} y cuarto", lambda n: ("at", f"{n[0]}:15"))
ES.add(f"a la {NUMBER} y media", lambda n: ("at", f"{n[0]}:30"))
ES.add(f"a las {NUMBER} menos cuarto", lambda n: ("at", "quarter", "to", str(n[0])))
ES.add(f"{NUMBER} y media", lambda n: (f"{n[0]}:30",))
ES.add(f"cada {NUMBER} horas", "every $1 hours")
ES.add(f"el {NUMBER} de cada mes", "on the $1th of every month")
ES.add(f"el día {NUMBER}", "on the $1th")
ES.add(f"el {NUMBER}", "on the $1th")
ES.add(f"{NUMBER} y media horas", lambda n: (f"{n[0]}.5", "hours"))
DAYS = {
    "monday": ("lunes",), "tuesday": ("martes",), "wednesday": ("miércoles", "miercoles"),
    "thursday": ("jueves",), "friday": ("viernes",), "saturday": ("sábado", "sabado"),
    "sunday": ("domingo",),
}
weekdays(ES, DAYS, every=("cada", "todos los", "todas las"), on=("el", "este"), plural_on=("los",),
    plurals={"saturday": ("sábados", "sabados"), "sunday": ("domingos",)})
for day, english in (("lunes", "monday"), ("martes", "tuesday"), ("miércoles", "wednesday"),
                     ("jueves", "thursday"), ("viernes", "friday"), ("sábado", "saturday"),
                     ("domingo", "sunday")):
    for form in (f"el próximo {day}", f"el {day} que viene", f"el {day} próximo",
                 f"próximo {day}", f"{day} que viene"):
        ES.add(form, f"next {english}")
    ES.add(f"todos los {day}", f"every {english}")
    ES.add(f"los {day}", f"on {english}s")
# The nth weekday of a month (`el primer lunes de cada mes`, `cada último viernes`).
nth_weekdays(ES, {
    "first": ("primer", "primero", "1er"), "second": ("segundo",),
    "third": ("tercer", "tercero"), "fourth": ("cuarto",), "fifth": ("quinto",),
    "last": ("último", "ultimo"), "second to last": ("penúltimo", "penultimo"),
}, DAYS, {
    "el {nth} {day} de cada mes": "every {nth} {day} of the month",
    "el {nth} {day} de todos los meses": "every {nth} {day} of the month",
    "cada {nth} {day} del mes": "every {nth} {day} of the month",
    "cada {nth} {day} de mes": "every {nth} {day} of the month",
    "todos los meses el {nth} {day}": "every {nth} {day} of the month",
    "cada mes el {nth} {day}": "every {nth} {day} of the month",
    "cada {nth} {day}": "every {nth} {day}",
    "el {nth} {day} del mes": "on the {nth} {day} of the month",
})
# The last (and first) day of a month.
ES.add_all({
    "el último día de cada mes": "on the last day of every month",
    "el último día de todos los meses": "on the last day of every month",
    "cada último día del mes": "every last day of the month",
    "el último día del mes": "on the last day of the month",
    "el primer día de cada mes": "on the 1st of every month",
    "el primer día de todos los meses": "on the 1st of every month",
    "el primer día del mes": "on the 1st of the month",
})
months(ES, {
    "january": ("enero",), "february": ("febrero",), "march": ("marzo",), "april": ("abril",),
    "may": ("mayo",), "june": ("junio",), "july": ("julio",), "august": ("agosto",),
    "september": ("septiembre", "setiembre"), "october": ("octubre",),
    "november": ("noviembre",), "december": ("diciembre",),
}, of=("de",))
ES.add(f"el {NUMBER} de", "the $1 of")
numbers(ES, {
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "once": 11, "doce": 12, "quince": 15, "veinte": 20,
    "treinta": 30, "cuarenta": 40, "cuarenta y cinco": 45,
})
units(ES, {
    "minuto": "minute", "minutos": "minutes", "min": "min", "segundos": "seconds",
    "día": "day", "días": "days", "dias": "days", "semana": "week", "semanas": "weeks",
    "mes": "month", "meses": "months", "año": "year", "años": "years",
})
# Short commands, in the imperative (`cancela`, `cancele`) and the infinitive (`cancelar`).
ES.add_all({
    "cancele": "cancel", "borre": "cancel", "elimine": "cancel", "quitar": "cancel",
    "quite": "cancel", "anula": "cancel", "anular": "cancel", "anule": "cancel",
    "pospone": "snooze", "posponlo": "snooze", "posponga": "snooze", "aplace": "snooze",
    "retrasa": "snooze", "retrasar": "snooze", "retrase": "snooze",
    "listo": "done", "lista de": "list", "terminada": "done", "completada": "done",
    "ya está": "done", "marca como hecho": "done", "ayúdame": "help", "ayudame": "help",
    "huso horario": "timezone", "cambiar zona horaria a": "set timezone to",
    "cambia la zona horaria a": "set timezone to", "pon mi zona horaria en": "set timezone to",
    "cambiar idioma a": "set language to", "cambia idioma a": "set language to",
    "cambiar el idioma a": "set language to", "pon el idioma en": "set language to",
    "mostrar": "show", "muestrame": "show", "recordatorios pendientes": "reminders",
    # habits and goals
    "habito": "habit", "crea un hábito": "new habit", "crear hábito": "new habit",
    "hábitos": "habits", "metas": "goals", "objetivos": "goals", "mis objetivos": "my goals",
    "meta": "goal", "objetivo": "goal", "nueva meta": "new goal", "nuevo objetivo": "new goal",
    "crea una meta": "new goal", "crear meta": "new goal", "progreso": "progress",
    "avance": "progress", "registra": "log", "registrar": "log", "anota": "log",
    "antes del": "before the", "antes de": "before", "fin de año": "the end of the year",
    "final de año": "the end of the year", "para fin de año": "by the end of the year",
    "antes de fin de año": "by the end of the year",
    "para final de año": "by the end of the year",
})
ES.add(f"para el {NUMBER} de", "by the $1 of")

ES.tell(3, "puedes", "cancela", "cancelar", "lista", "recuérdame", "recuerdame", "recordarme",
    "avísame", "avisame", "recuérdale",
        "recordatorio", "recordatorios", "pospón", "pospon", "posponer", "aplaza", "ayuda",
        "cancela", "borra", "elimina", "hecho", "muéstrame", "recuérdanos", "recuérdales",
        "reanuda", "hábito")
ES.tell(2, "mañana", "manana", "hoy", "cada", "minutos", "horas", "días", "semana", "lunes",
        "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "todos", "todas",
        "las", "zona", "horaria", "noche", "tarde", "próxima", "próximo", "dentro",
        "veces", "al", "mis", "lista", "que", "llamar")
ES.add_all({
    "marca el # como hecho": "mark the $1 as done",
    "marca el # como completado": "mark the $1 as done",
    "marcar el # como hecho": "mark the $1 as done",
    "recordatorio de": "reminder of",
    "recordatorio del": "reminder of",
    "recordatorio de la": "reminder of the",
    "recordatorio de los": "reminder of the",
    "recordatorio de las": "reminder of the",
})
# A window of the day (`every hour from 9 to 17`).
ES.add_all({
    "de # a #": "from $1 to $2",
    "desde las # hasta las #": "from $1 to $2",
    "de las # a las #": "from $1 to $2",
    "entre las # y las #": "between $1 and $2",
})
# An hour and a half (`en una hora y media`, `через полтора часа`).
ES.add_all({
    "en # hora y media": "in $1.5 hours",
    "dentro de # hora y media": "in $1.5 hours",
    "en una hora y media": "in 1.5 hours",
    "dentro de una hora y media": "in 1.5 hours",
    "en # horas y media": "in $1.5 hours",
    "dentro de # horas y media": "in $1.5 hours",
})
item_words(ES, articles=("el", "la"), all_words=("todos", "todo", "todas"))
ES.seal()
ES.tell(3, "idioma", "huso", "marca")
ES.tell(1, "español", "inglés", "portugués", "alemán", "francés", "ruso", "hasta", "libros",
        "leer", "hacer", "llamar", "pagar", "tomar", "beber", "agua", "medicina")
