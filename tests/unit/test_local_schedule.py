"""Schedules said in the reply's language: the nth weekday with its ordinal agreeing with the
day (Russian and Portuguese), and the start and end limits."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.i18n import using
from core.language import parse
from core.services.local_schedule import words

NOW = datetime(2026, 3, 4, 10, 15, tzinfo=ZoneInfo("Europe/Moscow"))


def said(text: str, code: str) -> str | None:
    command = parse(text, NOW, "Europe/Moscow")
    with using(code):
        return words(command.recurrence)


@pytest.mark.parametrize(("text", "code", "expected"), [
    ("напомни в последнюю среду каждого месяца в 10 оплатить", "ru",
     "последняя среда каждого месяца в 10:00"),
    ("напомни в первое воскресенье каждого месяца в 12 позвонить", "ru",
     "первое воскресенье каждого месяца в 12:00"),
    ("напомни каждый второй понедельник месяца в 9 отчёт", "ru",
     "второй понедельник каждого месяца в 09:00"),
    ("напомни каждую третью пятницу месяца в 9 отчёт", "ru",
     "третья пятница каждого месяца в 09:00"),
    ("me lembre no primeiro sábado de cada mês às 10 de limpar", "pt",
     "primeiro sábado de cada mês às 10:00"),
    ("me lembre na última sexta de cada mês às 10 de pagar", "pt",
     "última sexta-feira de cada mês às 10:00"),
    ("me lembre todo último domingo do mês às 9 de ligar", "pt",
     "último domingo de cada mês às 09:00"),
    ("recuérdame el primer lunes de cada mes a las 9 la reunión", "es",
     "el primer lunes de cada mes a las 09:00"),
    ("erinnere mich jeden letzten Freitag im Monat um 17 an die Miete", "de",
     "jeden letzten Freitag im Monat um 17:00"),
])
def test_the_ordinal_agrees_with_the_weekday(text: str, code: str, expected: str) -> None:
    assert said(text, code) == expected


@pytest.mark.parametrize(("code", "expected"), [
    ("es", "cada lunes a las 09:00, desde el lun 6 abr"),
    ("de", "jeden Montag um 09:00, ab Mo. 6 Apr."),
    ("fr", "chaque lundi à 09:00, à partir du lun. 6 avr."),
    ("ru", "каждый понедельник в 09:00, с пн 6 апр."),
])
def test_a_start_limit_is_said_in_the_language(code: str, expected: str) -> None:
    assert said("remind me every monday at 9 starting april 6 to water", code) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("напомни каждую среду в 9 отчёт", "каждую среду в 09:00"),
    ("напомни каждый вторник в 9 отчёт", "каждый вторник в 09:00"),
    ("напомни каждое воскресенье в 9 отчёт", "каждое воскресенье в 09:00"),
    ("напомни по понедельникам и средам в 9 отчёт", "по понедельникам и средам в 09:00"),
])
def test_russian_every_agrees_with_one_weekday(text: str, expected: str) -> None:
    assert said(text, "ru") == expected


def test_english_keeps_its_own_describe() -> None:
    assert said("remind me every last friday at 9 to pay", "en") is None
