"""Portuguese (Brazil and Portugal): `me lembre toda sexta às 17h de pagar o aluguel`."""

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

PT = Tongue("pt", "Português", keep=frozenset({"am", "pm"}))

PT.add_all({
    "idioma": "language", "língua": "language", "lingua": "language",
    # command words
    "me lembre": "remind me", "me lembra": "remind me", "lembre-me": "remind me",
    "lembra-me": "remind me", "lembre me": "remind me", "me avise": "remind me",
    "me avisa": "remind me", "da": "of", "do": "of", "ontem": "yesterday",
    "lembre": "remind", "lembrete": "reminder", "lembretes": "reminders",
    "novo lembrete": "new reminder", "crie um lembrete": "set a reminder",
    "cria um lembrete": "set a reminder", "criar lembrete": "set a reminder",
    "não me deixe esquecer": "don't let me forget", "nao me deixe esquecer":
    "don't let me forget", "me": "me",
    "lista": "list", "listar": "list", "mostre": "show", "mostra": "show", "ver": "show",
    "meus lembretes": "my reminders", "meus hábitos": "my habits", "minhas metas": "my goals",
    "cancela": "cancel", "cancelar": "cancel", "cancele": "cancel", "apaga": "cancel",
    "apague": "cancel", "apagar": "cancel", "exclui": "cancel", "exclua": "cancel",
    "excluir": "cancel", "remove": "cancel", "remova": "cancel", "adia": "snooze",
    "adie": "snooze", "adiar": "snooze", "soneca": "snooze", "feito": "done",
    "concluído": "done", "concluido": "done", "pronto": "done", "ajuda": "help",
    "o que você faz": "help", "comandos": "commands", "fuso horário": "timezone",
    "fuso horario": "timezone", "fuso": "timezone", "meu fuso horário é": "my timezone is",
    "meu fuso horario e": "my timezone is", "mude meu fuso horário para": "set timezone to",
    "pausa": "pause", "pausar": "pause", "retoma": "resume", "retomar": "resume",
    "hábito": "habit", "novo hábito": "new habit",
    "por favor": "please", "obrigado": "thanks", "obrigada": "thanks", "oi": "hi",
    "olá": "hi",
    # task leads and articles
    "de": "of", "que": "that", "sobre": "about", "o": "the", "os": "the", "as": "the",
    "um": "a", "uma": "a", "e": "and", "para": "for", "até": "until", "ate": "until",
    "a partir de": "starting", "a partir do": "starting", "a partir da": "starting",
    "a partir do dia": "starting", "exceto": "except", "menos": "except", "durante": "for",
    # days and parts of the day
    "hoje": "today",
    "mais tarde hoje": "later today", "hoje mais tarde": "later today", "amanhã": "tomorrow",
    "amanha": "tomorrow",
    "depois de amanhã": "the day after tomorrow", "depois de amanha": "the day after tomorrow",
    "hoje à noite": "tonight", "hoje a noite": "tonight", "esta noite": "tonight",
    "hoje de noite": "tonight", "hoje à tarde": "this afternoon",
    "hoje de manhã": "this morning", "amanhã de manhã": "tomorrow morning",
    "amanhã cedo": "tomorrow morning", "amanhã à tarde": "tomorrow afternoon",
    "amanhã de tarde": "tomorrow afternoon", "amanhã à noite": "tomorrow evening",
    "amanhã de noite": "tomorrow evening", "de manhã": "in the morning",
    "pela manhã": "in the morning", "à tarde": "in the afternoon",
    "de tarde": "in the afternoon", "à noite": "in the evening", "de noite": "in the evening",
    "da manhã": "am", "da tarde": "pm", "da noite": "pm", "da madrugada": "am",
    "meio-dia": "noon", "ao meio-dia": "at noon", "meia-noite": "midnight",
    "à meia-noite": "at midnight", "semana que vem": "next week",
    "na semana que vem": "next week", "próxima semana": "next week",
    "na próxima semana": "next week", "mês que vem": "next month",
    "no mês que vem": "next month", "próximo mês": "next month",
    "no próximo mês": "next month", "este fim de semana": "this weekend",
    "neste fim de semana": "this weekend", "no fim de semana": "this weekend",
    "fim do dia": "end of day", "no fim do dia": "at end of day",
    "fim do mês": "end of month",
    # clock
    "às": "at", "à": "at", "por volta das": "at", "lá pelas": "at",
    "em": "in", "daqui a": "in", "dentro de": "in", "daqui": "in",
    "em meia hora": "in half an hour", "daqui a meia hora": "in half an hour",
    "meia hora": "half an hour", "horas": "hours", "hora": "hour", "h": "h",
    # recurrence
    "todo dia": "every day", "todos os dias": "every day", "diariamente": "daily",
    "toda manhã": "every morning", "todas as manhãs": "every morning",
    "toda tarde": "every afternoon", "todas as tardes": "every afternoon",
    "toda noite": "every night", "todas as noites": "every night",
    "toda semana": "every week", "todas as semanas": "every week",
    "semanalmente": "weekly", "todo mês": "every month", "todos os meses": "every month",
    "mensalmente": "monthly", "todo ano": "every year", "todos os anos": "every year",
    "anualmente": "yearly", "toda hora": "every hour", "a cada hora": "every hour",
    "de hora em hora": "every hour", "a cada": "every", "cada": "every", "todo": "every",
    "toda": "every", "todos os": "every", "todas as": "every",
    "dias úteis": "weekdays", "nos dias úteis": "on weekdays", "em dias úteis": "on weekdays",
    "todo dia útil": "every weekday", "de segunda a sexta": "every weekday",
    "nos fins de semana": "on weekends", "todo fim de semana": "every weekend",
    "dia sim, dia não": "every other day", "dia sim dia não": "every other day",
    "vezes": "times", "vez": "once", "uma vez": "once", "duas vezes": "twice",
    "por dia": "a day", "ao dia": "a day", "por semana": "a week", "na semana": "a week",
    "por mês": "a month", "algumas vezes": "a few times", "umas vezes": "a few times",
    "várias vezes": "several times", "a cada poucas horas": "every few hours",
    "a cada poucos dias": "every few days", "de manhã e à noite":
    "every morning and evening", "toda manhã e toda noite": "every morning and evening",
    "de manhã e de noite": "every morning and evening",
})
PT.add(f"às {NUMBER} da tarde", lambda n: ("at", *pm(n)))
PT.add(f"às {NUMBER} da noite", lambda n: ("at", *night(n)))
PT.add(f"às {NUMBER} da manhã", lambda n: ("at", *am(n)))
PT.add(f"às {NUMBER} da madrugada", lambda n: ("at", *am(n)))
PT.add(f"às {NUMBER} horas", lambda n: ("at", *hour24(n)))
PT.add(f"às {NUMBER} e meia", lambda n: ("at", f"{n[0]}:30"))
PT.add_all({"ao meio-dia e meia": "at 12:30", "meio-dia e meia": "12:30",
            "à meia-noite e meia": "at 00:30", "meia-noite e meia": "00:30"})
PT.add(f"à {NUMBER} da tarde", lambda n: ("at", *pm(n)))
PT.add(f"{NUMBER} da tarde", pm)
PT.add(f"{NUMBER} da noite", night)
PT.add(f"{NUMBER} da manhã", am)
PT.add(f"de {NUMBER} em {NUMBER} horas", lambda n: ("every", str(n[0]), "hours"))
PT.add(f"de {NUMBER} em {NUMBER} minutos", lambda n: ("every", str(n[0]), "minutes"))
PT.add(f"de {NUMBER} em {NUMBER} dias", lambda n: ("every", str(n[0]), "days"))
PT.add(f"no dia {NUMBER}", "on the $1th")
PT.add(f"dia {NUMBER}", "on the $1th")
PT.add(f"todo dia {NUMBER}", "every $1th")
PT.add(f"{NUMBER} horas", "$1 hours")
DAYS = {
    "monday": ("segunda", "segunda-feira"), "tuesday": ("terça", "terça-feira", "terca"),
    "wednesday": ("quarta", "quarta-feira"), "thursday": ("quinta", "quinta-feira"),
    "friday": ("sexta", "sexta-feira"), "saturday": ("sábado", "sabado"),
    "sunday": ("domingo",),
}
weekdays(PT, DAYS, every=("toda", "todo", "cada", "a cada"), on=("na", "no", "nesta", "neste"),
    plural_on=("às", "as", "nas", "aos", "nos"),
    plurals={"monday": ("segundas", "segundas-feiras"), "tuesday": ("terças",),
             "wednesday": ("quartas",), "thursday": ("quintas",), "friday": ("sextas",),
             "saturday": ("sábados", "sabados"), "sunday": ("domingos",)})
for word, english in (("segunda", "monday"), ("terça", "tuesday"), ("quarta", "wednesday"),
                      ("quinta", "thursday"), ("sexta", "friday"), ("sábado", "saturday"),
                      ("domingo", "sunday")):
    for form in (f"{word} que vem", f"na {word} que vem", f"no {word} que vem",
                 f"próxima {word}", f"na próxima {word}", f"próximo {word}",
                 f"no próximo {word}", f"{word}-feira que vem"):
        PT.add(form, f"next {english}")
    for lead in ("todas as", "todos os"):
        PT.add(f"{lead} {word}s", f"every {english}")
    PT.add(f"{word} de manhã", f"{english} morning")
    PT.add(f"{word} à noite", f"{english} evening")
    PT.add(f"{word} à tarde", f"{english} afternoon")
# The nth weekday of a month (`na primeira segunda de cada mês`, `todo último domingo do mês`);
# the ordinal agrees with the day (`segunda` and the others feminine, `sábado`, `domingo` not),
# and both endings are read.
nth_weekdays(PT, {
    "first": ("primeira", "primeiro", "1ª", "1º"), "second": ("segunda", "segundo"),
    "third": ("terceira", "terceiro"), "fourth": ("quarta", "quarto"),
    "fifth": ("quinta", "quinto"), "last": ("última", "último", "ultima", "ultimo"),
    "second to last": ("penúltima", "penúltimo", "penultima", "penultimo"),
}, DAYS, {
    "na {nth} {day} de cada mês": "every {nth} {day} of the month",
    "no {nth} {day} de cada mês": "every {nth} {day} of the month",
    "na {nth} {day} de todo mês": "every {nth} {day} of the month",
    "no {nth} {day} de todo mês": "every {nth} {day} of the month",
    "toda {nth} {day} do mês": "every {nth} {day} of the month",
    "todo {nth} {day} do mês": "every {nth} {day} of the month",
    "a cada {nth} {day} do mês": "every {nth} {day} of the month",
    "todo mês na {nth} {day}": "every {nth} {day} of the month",
    "todo mês no {nth} {day}": "every {nth} {day} of the month",
    "toda {nth} {day}": "every {nth} {day}",
    "todo {nth} {day}": "every {nth} {day}",
    "na {nth} {day} do mês": "on the {nth} {day} of the month",
    "no {nth} {day} do mês": "on the {nth} {day} of the month",
})
# The last (and first) day of a month.
PT.add_all({
    "no último dia de cada mês": "on the last day of every month",
    "no último dia de todo mês": "on the last day of every month",
    "todo último dia do mês": "every last day of the month",
    "no último dia do mês": "on the last day of the month",
    "no primeiro dia de cada mês": "on the 1st of every month",
    "no primeiro dia de todo mês": "on the 1st of every month",
    "no primeiro dia do mês": "on the 1st of the month",
})
months(PT, {
    "january": ("janeiro",), "february": ("fevereiro",), "march": ("março", "marco"),
    "april": ("abril",), "may": ("maio",), "june": ("junho",), "july": ("julho",),
    "august": ("agosto",), "september": ("setembro",), "october": ("outubro",),
    "november": ("novembro",), "december": ("dezembro",),
}, of=("de",))
# `dia 15 de março`; `no dia 1 de pagar o aluguel` is the 1st, then the task's `de`.
for _month, _english in (("janeiro", "january"), ("fevereiro", "february"),
                         ("março", "march"), ("marco", "march"), ("abril", "april"),
                         ("maio", "may"), ("junho", "june"), ("julho", "july"),
                         ("agosto", "august"), ("setembro", "september"),
                         ("outubro", "october"), ("novembro", "november"),
                         ("dezembro", "december")):
    for _lead in ("em", "dia", "no dia"):
        PT.add(f"{_lead} {NUMBER} de {_month}", f"on $1 of {_english}")
numbers(PT, {
    "dois": 2, "duas": 2, "três": 3, "quatro": 4, "cinco": 5, "seis": 6, "sete": 7,
    "oito": 8, "nove": 9, "dez": 10, "onze": 11, "doze": 12, "quinze": 15, "vinte": 20,
    "trinta": 30, "quarenta": 40, "quarenta e cinco": 45,
})
units(PT, {
    "minuto": "minute", "minutos": "minutes", "min": "min", "segundos": "seconds",
    "dia": "day", "dias": "days", "semana": "week", "semanas": "weeks", "mês": "month",
    "mes": "month", "meses": "months", "ano": "year", "anos": "years",
})
# Short commands, in the imperative (`cancela`, `cancele`) and the infinitive (`cancelar`).
PT.add_all({
    "remover": "cancel", "deleta": "cancel", "deletar": "cancel", "delete": "cancel",
    "adiar para": "snooze until", "adia para": "snooze until", "adie para": "snooze until",
    "posterga": "snooze", "postergar": "snooze", "mais tarde": "snooze", "feita": "done",
    "concluída": "done", "concluir": "done", "pronta": "done", "fiz": "done",
    "me ajuda": "help", "ajude": "help", "ajude-me": "help", "socorro": "help",
    "mostrar": "show", "lista de": "list", "mude o fuso horário para": "set timezone to",
    "mudar fuso horário para": "set timezone to", "muda o fuso para": "set timezone to",
    "mude o idioma para": "set language to", "muda o idioma para": "set language to",
    "mudar idioma para": "set language to", "mudar o idioma para": "set language to",
    # habits and goals
    "habito": "habit", "criar hábito": "new habit", "crie um hábito": "new habit",
    "hábitos": "habits", "metas": "goals", "objetivos": "goals", "meus objetivos": "my goals",
    "meta": "goal", "objetivo": "goal", "nova meta": "new goal", "novo objetivo": "new goal",
    "criar meta": "new goal", "progresso": "progress", "registra": "log",
    "registrar": "log", "anota": "log", "antes de": "before",
    "até o fim do ano": "by the end of the year", "ate o fim do ano": "by the end of the year",
    "até o final do ano": "by the end of the year",
})

PT.tell(3, "você", "voce", "cancela", "cancele", "lista", "lembre", "lembra", "lembre-me",
    "lembra-me", "lembrete", "lembretes", "adia",
        "adie", "adiar", "soneca", "ajuda", "exclui", "apaga", "apague", "feito", "meus",
        "concluído", "fuso", "mostre", "hábito", "retoma")
PT.tell(2, "amanhã", "amanha", "hoje", "às", "toda", "todo", "daqui", "minutos", "horas",
        "dias", "semana", "segunda", "terça", "quarta", "quinta", "sexta", "sábado",
        "domingo", "segunda-feira", "sexta-feira", "próxima", "próximo", "noite", "manhã",
        "vezes", "que", "vem", "os", "em", "me")
PT.add_all({
    "marque o # como feito": "mark the $1 as done",
    "marca o # como feito": "mark the $1 as done",
    "marcar o # como feito": "mark the $1 as done",
    "lembrete do": "reminder of",
    "lembrete da": "reminder of",
    "lembrete de": "reminder of",
    "lembrete dos": "reminder of",
    "lembrete das": "reminder of",
})
# A window of the day (`every hour from 9 to 17`).
PT.add_all({
    "das # às #": "from $1 to $2",
    "das # as #": "from $1 to $2",
    "das # até as #": "from $1 to $2",
    "das # até às #": "from $1 to $2",
    "entre as # e as #": "between $1 and $2",
})
# An hour and a half (`en una hora y media`, `через полтора часа`).
PT.add_all({
    "daqui a # hora e meia": "in $1.5 hours",
    "em # hora e meia": "in $1.5 hours",
    "daqui a uma hora e meia": "in 1.5 hours",
    "em uma hora e meia": "in 1.5 hours",
    "daqui a # horas e meia": "in $1.5 hours",
    "em # horas e meia": "in $1.5 hours",
})
item_words(PT, articles=("o", "a"), all_words=("todos", "tudo", "todas"))
PT.seal()
PT.tell(3, "idioma", "língua", "mais")
PT.tell(1, "português", "inglês", "espanhol", "alemão", "francês", "russo", "até", "livros",
        "ler", "fazer", "ligar", "pagar", "tomar", "beber", "água", "remédio")
