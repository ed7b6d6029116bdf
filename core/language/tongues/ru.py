"""Russian: `напомни мне завтра в 10 позвонить маме`."""

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
    weekdays,
)

RU = Tongue("ru", "Русский", decimal_comma=True)

RU.add_all({
    "язык": "language", "смени язык на": "set language to",
    # command words
    "напомни": "remind", "напомните": "remind", "напомни-ка": "remind", "напоминай": "remind",
    "напоминайте": "remind", "напомни мне": "remind me", "напомните мне": "remind me",
    "напоминай мне": "remind me", "мне": "me", "нам": "me",
    "напоминание": "reminder", "напоминания": "reminders", "напоминаний": "reminders",
    "поставь напоминание": "set a reminder", "создай напоминание": "set a reminder",
    "новое напоминание": "new reminder", "не дай мне забыть": "don't let me forget",
    "список": "list", "покажи": "show", "мои напоминания": "my reminders",
    "покажи напоминания": "list reminders", "покажи мои напоминания": "list reminders",
    "список напоминаний": "list reminders", "мои привычки": "my habits",
    "мои цели": "my goals", "отмени": "cancel", "отменить": "cancel", "удали": "cancel",
    "удалить": "cancel", "убери": "cancel", "отложи": "snooze", "отложить": "snooze",
    "готово": "done", "сделано": "done", "выполнено": "done", "сделал": "done",
    "сделала": "done", "помощь": "help", "справка": "help", "что ты умеешь": "help",
    "команды": "commands", "часовой пояс": "timezone", "мой часовой пояс": "my timezone is",
    "установи часовой пояс": "set timezone to", "пауза": "pause",
    "приостанови": "pause", "возобнови": "resume", "продолжи": "resume",
    "продолжить": "resume", "возобновить": "resume",
    "привычка": "habit", "новая привычка": "new habit",
    "пожалуйста": "please", "спасибо": "thanks", "привет": "hi",
    # task leads
    "отложи на завтра": "snooze until tomorrow", "на час": "for an hour",
    "на полчаса": "for half an hour", "на минуту": "for a minute", "на день": "for a day",
    "на неделю": "for a week", "на": "for", "вчера": "yesterday",
    "о": "about", "об": "about", "про": "about", "что": "that", "чтобы": "to",
    "и": "and", "до": "until", "с": "starting", "начиная с": "starting", "начиная со": "starting",
    "кроме": "except", "в течение": "for",
    # days and parts of the day
    "сегодня": "today",
    "сегодня позже": "later today", "позже сегодня": "later today",
    "сегодня попозже": "later today", "завтра": "tomorrow",
    "послезавтра": "the day after tomorrow",
    "сегодня вечером": "tonight", "сегодня ночью": "tonight", "вечером": "in the evening",
    "сегодня днём": "this afternoon", "сегодня утром": "this morning",
    "утром": "in the morning", "днём": "in the afternoon", "днем": "in the afternoon",
    "ночью": "at night", "завтра утром": "tomorrow morning",
    "завтра днём": "tomorrow afternoon", "завтра днем": "tomorrow afternoon",
    "завтра вечером": "tomorrow evening", "утра": "am", "вечера": "pm",
    "в полдень": "at noon", "полдень": "noon", "в полночь": "at midnight",
    "полночь": "midnight", "на следующей неделе": "next week",
    "на этой неделе": "this week", "в следующем месяце": "next month",
    "в эти выходные": "this weekend", "на выходных": "this weekend",
    "в конце дня": "at end of day", "в конце недели": "at end of week",
    "в конце месяца": "at end of month",
    # clock
    "в": "at", "во": "at", "около": "at", "через": "in", "часов": "o'clock",
    "через час": "in an hour", "через полчаса": "in half an hour", "полчаса": "half an hour",
    "через минуту": "in a minute", "через неделю": "in a week", "через месяц": "in a month",
    "через день": "in a day", "через год": "in a year",
    # recurrence
    "каждый день": "every day", "ежедневно": "daily", "каждое утро": "every morning",
    "каждый вечер": "every evening", "каждую ночь": "every night",
    "каждый час": "every hour", "ежечасно": "hourly", "каждую неделю": "every week",
    "еженедельно": "weekly", "каждый месяц": "every month", "ежемесячно": "monthly",
    "каждый год": "every year", "ежегодно": "yearly", "каждые": "every", "каждый": "every",
    "каждую": "every", "каждое": "every", "по будням": "on weekdays",
    "в будни": "on weekdays", "каждый будний день": "every weekday",
    "по выходным": "on weekends", "каждые выходные": "every weekend",
    "через день каждый": "every other day", "раз": "times", "один раз": "once",
    "два раза": "twice", "три раза": "3 times", "четыре раза": "4 times", "раза": "times",
    "в день": "a day", "в неделю": "a week", "в месяц": "a month",
    "пару раз": "a couple of times", "несколько раз": "a few times",
    "каждые несколько часов": "every few hours", "каждые пару часов": "every 2 hours",
    "каждые несколько дней": "every few days", "утром и вечером": "every morning and evening",
    "каждое утро и вечер": "every morning and evening",
})
RU.add(f"в {NUMBER} утра", lambda n: ("at", *am(n)))
RU.add(f"в {NUMBER} вечера", lambda n: ("at", *pm(n)))
RU.add(f"в {NUMBER} дня", lambda n: ("at", *pm(n)))
RU.add(f"в {NUMBER} ночи", lambda n: ("at", *night(n)))
RU.add(f"в {NUMBER} часов вечера", lambda n: ("at", *pm(n)))
RU.add(f"в {NUMBER} часа дня", lambda n: ("at", *pm(n)))
RU.add(f"в {NUMBER} часов утра", lambda n: ("at", *am(n)))
RU.add(f"в {NUMBER} часов", lambda n: ("at", *hour24(n)))
RU.add(f"в {NUMBER} часа", lambda n: ("at", *hour24(n)))
RU.add(f"в {NUMBER} час", lambda n: ("at", *hour24(n)))
RU.add(f"в {NUMBER} {NUMBER}", lambda n: ("at", *hour24_minutes(n)))
RU.add(f"{NUMBER} утра", am)
RU.add(f"{NUMBER} вечера", pm)
RU.add(f"каждые {NUMBER} часа", "every $1 hours")
# `в полвосьмого` (half past seven: half of the eighth hour), `без четверти девять`.
for _hour, _ordinal in enumerate(("первого", "второго", "третьего", "четвертого", "пятого",
                                  "шестого", "седьмого", "восьмого", "девятого", "десятого",
                                  "одиннадцатого", "двенадцатого")):
    for _form in (f"пол{_ordinal}", f"пол-{_ordinal}", f"пол {_ordinal}"):
        RU.add(f"в {_form}", f"at {_hour or 12}:30")
        RU.add(_form, f"{_hour or 12}:30")
for _quarter in ("без четверти", "без пятнадцати"):
    RU.add(f"{_quarter} {NUMBER}", "at quarter to $1")
RU.add(f"{NUMBER} числа", "the $1th")
RU.add(f"каждое {NUMBER} число", "every $1th")
RU.add(f"каждого {NUMBER} числа", "every $1th")
DAYS = {
    "monday": ("понедельник",), "tuesday": ("вторник",), "wednesday": ("среду", "среда"),
    "thursday": ("четверг",), "friday": ("пятницу", "пятница"),
    "saturday": ("субботу", "суббота"), "sunday": ("воскресенье",),
}
weekdays(RU, DAYS, every=("каждый", "каждую", "каждое"), on=("в", "во", "в эту", "в этот", "в это"),
    plural_on=("по",),
    plurals={"monday": ("понедельникам",), "tuesday": ("вторникам",),
             "wednesday": ("средам",), "thursday": ("четвергам",), "friday": ("пятницам",),
             "saturday": ("субботам",), "sunday": ("воскресеньям",)})
for word, english in (("понедельник", "monday"), ("вторник", "tuesday"),
                      ("среду", "wednesday"), ("четверг", "thursday"), ("пятницу", "friday"),
                      ("субботу", "saturday"), ("воскресенье", "sunday")):
    for form in (f"в следующий {word}", f"в следующую {word}", f"в следующее {word}",
                 f"следующий {word}", f"следующую {word}"):
        RU.add(form, f"next {english}")
    RU.add(f"в {word} утром", f"on {english} morning")
    RU.add(f"в {word} вечером", f"on {english} evening")
# The nth weekday of a month (`в последнюю пятницу каждого месяца`, `каждый первый понедельник
# месяца`). The ordinal agrees with the day in gender and case; every ending is read.
# `каждый второй вторник` is every other Tuesday; with `месяца` the month's second one,
# below. Added first: tried before `каждый {nth} {day}`.
RU.add_class("{day}", DAYS)
for _every, _second in (("каждый", "второй"), ("каждую", "вторую"), ("каждое", "второе")):
    RU.add(f"{_every} {_second} {{day}}", "every other $1")
RU.add_all({"в выходные": "this weekend", "на выходных": "this weekend",
            "в эти выходные": "this weekend", "в следующие выходные": "next weekend"})
nth_weekdays(RU, {
    "first": ("первый", "первую", "первое", "первая"),
    "second": ("второй", "вторую", "второе", "вторая"),
    "third": ("третий", "третью", "третье", "третья"),
    "fourth": ("четвертый", "четвертую", "четвертое", "четвертая"),
    "fifth": ("пятый", "пятую", "пятое", "пятая"),
    "last": ("последний", "последнюю", "последнее", "последняя"),
    "second to last": ("предпоследний", "предпоследнюю", "предпоследнее", "предпоследняя"),
}, DAYS, {
    "в {nth} {day} каждого месяца": "every {nth} {day} of the month",
    "во {nth} {day} каждого месяца": "every {nth} {day} of the month",
    "каждый {nth} {day} месяца": "every {nth} {day} of the month",
    "каждую {nth} {day} месяца": "every {nth} {day} of the month",
    "каждое {nth} {day} месяца": "every {nth} {day} of the month",
    "каждый месяц в {nth} {day}": "every {nth} {day} of the month",
    "ежемесячно в {nth} {day}": "every {nth} {day} of the month",
    "каждый {nth} {day}": "every {nth} {day}",
    "каждую {nth} {day}": "every {nth} {day}",
    "каждое {nth} {day}": "every {nth} {day}",
    "в {nth} {day} месяца": "on the {nth} {day} of the month",
    "во {nth} {day} месяца": "on the {nth} {day} of the month",
})
# Weekdays in the genitive, after `с`, `до`, `начиная с` (`с понедельника`, `до пятницы`).
RU.add_all({"с понедельника по пятницу": "every weekday",
            "со вторника по пятницу": "every tuesday through friday",
            "с понедельника по субботу": "every monday through saturday"})
RU.add_all({"понедельника": "monday", "вторника": "tuesday", "среды": "wednesday",
            "четверга": "thursday", "пятницы": "friday", "субботы": "saturday",
            "воскресенья": "sunday"})
# The last (and first) day of a month.
RU.add_all({
    "в последний день каждого месяца": "on the last day of every month",
    "каждый последний день месяца": "every last day of the month",
    "в последний день месяца": "on the last day of the month",
    "в первый день каждого месяца": "on the 1st of every month",
    "первого числа каждого месяца": "on the 1st of every month",
    "в первый день месяца": "on the 1st of the month",
})
months(RU, {
    "january": ("января", "январь"), "february": ("февраля", "февраль"),
    "march": ("марта", "март"), "april": ("апреля", "апрель"), "may": ("мая", "май"),
    "june": ("июня", "июнь"), "july": ("июля", "июль"), "august": ("августа", "август"),
    "september": ("сентября", "сентябрь"), "october": ("октября", "октябрь"),
    "november": ("ноября", "ноябрь"), "december": ("декабря", "декабрь"),
})
numbers(RU, {
    "один": 1, "одну": 1, "одна": 1, "два": 2, "две": 2, "двух": 2, "три": 3, "трёх": 3,
    "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
    "одиннадцать": 11, "двенадцать": 12, "пятнадцать": 15, "двадцать": 20,
    "тридцать": 30, "сорок": 40, "сорок пять": 45,
})
# Units in every case a number takes (`1 минуту`, `2 минуты`, `5 минут`).
for _forms, _english in ((("минуту", "минуты", "минут", "мин"), "minutes"),
                         (("секунду", "секунды", "секунд"), "seconds"),
                         (("час", "часа", "часов", "ч"), "hours"),
                         (("день", "дня", "дней"), "days"),
                         (("неделю", "недели", "недель"), "weeks"),
                         (("месяц", "месяца", "месяцев"), "months"),
                         (("год", "года", "лет"), "years")):
    for _form in _forms:
        RU.add(f"{NUMBER} {_form}", f"$1 {_english}")
        RU.add(_form, _english[:-1])
RU.add("часов", "o'clock")
# Short commands: the imperative (`отмени`), the infinitive (`отменить`) and the noun.
RU.add_all({
    "отмена": "cancel", "отменяй": "cancel", "убрать": "cancel", "удаление": "cancel",
    "отложите": "snooze", "перенеси": "snooze", "перенести": "snooze", "позже": "snooze",
    "выполнил": "done", "выполнила": "done", "сделать": "done", "помоги": "help",
    "помогите": "help", "хелп": "help", "показать": "show", "напоминания": "reminders",
    "пояс": "timezone", "таймзона": "timezone", "часовой пояс:": "timezone",
    "поменяй часовой пояс на": "set timezone to", "смени часовой пояс на": "set timezone to",
    "поменяй язык на": "set language to", "установи язык": "set language to",
    # habits and goals
    "привычки": "habits", "цели": "goals", "цель": "goal", "новая цель": "new goal",
    "поставь цель": "new goal", "создай привычку": "new habit", "прогресс": "progress",
    "запиши": "log", "до конца года": "by the end of the year",
    "к концу года": "by the end of the year",
    # the day of the month with its month words
    "каждого месяца": "of every month", "ежемесячно": "monthly",
})
RU.add(f"{NUMBER} числа каждого месяца", "on the $1th of every month")
RU.add(f"{NUMBER} -го числа", "the $1th")
RU.add(f"{NUMBER}-го числа", "the $1th")

RU.tell(3, "умеешь", "часовой", "пояс", "напомни", "напомните", "напоминай", "напоминание",
    "напоминания", "отмени",
        "удали", "отложи", "готово", "помощь", "справка", "покажи", "список", "мои",
        "привычка", "возобнови")
RU.tell(2, "мне", "завтра", "сегодня", "послезавтра", "через", "каждый", "каждую", "каждое",
        "каждые", "минут", "часа", "часов", "дня", "в", "понедельник", "вторник", "среду",
        "четверг", "пятницу", "субботу", "воскресенье", "утром", "вечером", "утра",
        "вечера", "по", "раза", "о", "про")
for _gen, _english in (("понедельника", "monday"), ("вторника", "tuesday"),
                       ("среды", "wednesday"), ("четверга", "thursday"),
                       ("пятницы", "friday"), ("субботы", "saturday"),
                       ("воскресенья", "sunday")):
    RU.add(f"с {_gen}", f"starting {_english}")
    RU.add(f"до {_gen}", f"until {_english}")
# A window of the day (`every hour from 9 to 17`).
RU.add_all({
    "с # до #": "from $1 to $2",
    "с # до # часов": "from $1 to $2",
})
# An hour and a half (`en una hora y media`, `через полтора часа`).
RU.add_all({
    "через полтора часа": "in 1.5 hours",
    "через # с половиной часа": "in $1.5 hours",
})
item_words(RU, all_words=("все", "всё"))
RU.seal()
RU.tell(3, "язык")
