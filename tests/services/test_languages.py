"""Replies in the message's language; `language de` breaks ties and words deliveries; a vague
frequency's reading is said in the confirmation and its one-tap fix applies the other rule."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from core.recurrence.rules import Daily, MonthlyByDay, Weekly
from core.services.delivery import deliver_due
from tests.services.conftest import actor


async def only(deps, user: str = "U1"):
    async with deps.uow() as uow:
        [reminder] = await uow.reminders.list_for(actor(user).user, live_only=False)
    return reminder


async def person(deps, user: str = "U1"):
    async with deps.uow() as uow:
        return await uow.people.get(actor(user).user)


# (a reminder set in the language, its confirmation, its list heading, its help overview)
LANGUAGES = {
    "es": ("recuérdame mañana a las 9 llamar a mamá", "Recordatorio 1: llamar a mamá; próximo: ",
           "Tus recordatorios:", "Soy Nudge.", "ayuda", "jue 5 mar"),
    "de": ("erinnere mich jeden Montag um 8 an den Bericht", "Erinnerung 1: ",
           "Deine Erinnerungen:", "Ich bin Nudge.", "hilfe", "Mo. 9 März"),
    "fr": ("rappelle-moi dans 20 minutes de sortir le linge",
           "Rappel 1 : sortir le linge; prochain : ", "Tes rappels :", "Je suis Nudge.",
           "aide", "mer. 4 mars"),
    "pt": ("me lembre toda sexta às 17h de pagar o aluguel", "Lembrete 1: pagar o aluguel, ",
           "Seus lembretes:", "Eu sou o Nudge.", "ajuda", "sex. 6 mar."),
    "ru": ("напомни мне завтра в 10 позвонить маме", "Напоминание 1: позвонить маме; следующее: ",
           "Ваши напоминания:", "Я Nudge.", "помощь", "чт 5 мар."),
}


@pytest.mark.parametrize("code", sorted(LANGUAGES))
async def test_a_reminder_set_in_a_language_is_answered_in_it(dispatcher, code):
    text, confirmed, listed, helped, help_word, day = LANGUAGES[code]

    created = await dispatcher.handle(text, actor())
    listing = await dispatcher.handle({"es": "lista", "de": "zeige meine erinnerungen",
                                       "fr": "mes rappels", "pt": "meus lembretes",
                                       "ru": "список"}[code], actor())
    helping = await dispatcher.handle(help_word, actor())

    assert created.text.startswith(confirmed), created.text
    assert day in created.text  # the date in the locale
    assert created.choices[0].label != "Undo"  # the button too
    assert listing.text.startswith(listed), listing.text
    assert helping.text.startswith(helped), helping.text


async def test_a_recurring_schedule_is_worded_in_the_language(dispatcher):
    german = await dispatcher.handle("erinnere mich jeden Montag um 8 an den Bericht", actor())
    spanish = await dispatcher.handle("recuérdame tomar agua dos veces al día", actor())

    assert "Erinnerung 1: den Bericht, jeden Montag um 08:00; nächste: Mo. 9 März" in german.text
    assert "Recordatorio 2: tomar agua, cada día a las 09:00 y 18:00;" in spanish.text


async def test_english_is_answered_in_english(dispatcher):
    created = await dispatcher.handle("remind me to stretch in 1 hour", actor())

    assert created.text.startswith("Reminder 1: stretch; next Wed 4 Mar")
    assert [c.label for c in created.choices] == ["Undo"]


async def test_bad_input_in_a_language_changes_nothing_and_buttons_follow_the_setting(
        dispatcher, deps):
    await dispatcher.handle("idioma español", actor())
    refused = await dispatcher.handle("recuérdame ayer a las 9 llamar", actor())
    pressed = await dispatcher.press("b.junk", actor())

    assert refused.is_error
    async with deps.uow() as uow:
        assert await uow.reminders.list_for(actor().user) == []
    assert pressed.is_error
    assert pressed.text == "Ese botón ha caducado. Escribe 'lista' para ver tus recordatorios."


async def test_language_setting_is_stored_and_answered_in_the_new_language(dispatcher, deps):
    reply = await dispatcher.handle("language de", actor())

    assert reply.text.startswith("Sprache: Deutsch.")
    assert (await person(deps)).language == "de"
    # The zone setting survives the language setting, and the other way round.
    await dispatcher.handle("timezone Europe/Berlin", actor())
    stored = await person(deps)
    assert (stored.zone, stored.language) == ("Europe/Berlin", "de")


async def test_the_setting_breaks_a_tie_and_words_a_language_free_message(dispatcher):
    # `liste` is French and German: the person's setting decides.
    await dispatcher.handle("langue français", actor())
    await dispatcher.handle("rappelle-moi dans 20 minutes de sortir le linge", actor())

    listed = await dispatcher.handle("liste", actor())
    pressed = await dispatcher.press(listed.choices[0].command, actor()) if listed.choices \
        else None

    assert listed.text.startswith("Tes rappels :")
    assert pressed is None  # one page: no buttons; a message in English is still English
    english = await dispatcher.handle("list", actor())
    assert english.text.startswith("Your reminders:")


async def test_language_de_changes_the_language_of_deliveries(dispatcher, deps, clock, sender):
    await dispatcher.handle("remind me to stretch in 1 minute", actor())
    await dispatcher.handle("sprache deutsch", actor())
    clock.current = (await only(deps)).next_at

    await deliver_due(deps)

    [(_, delivered)] = sender.sent
    assert delivered.text == "⏰ stretch"  # the person's text stays verbatim
    assert [c.label for c in delivered.choices] == [
        "Erledigt", "20 Min.", "1 Stunde", "Morgen früh", "Löschen"]


async def test_an_unknown_language_is_refused_and_changes_nothing(dispatcher, deps):
    reply = await dispatcher.handle("language klingon", actor())

    assert reply.is_error
    assert "language de" in reply.text
    assert await person(deps) is None


@pytest.mark.parametrize(("text", "reading", "label", "before", "after"), [
    ("remind me to drink water twice a day", "twice a day: 09:00 and 18:00",
     "Use 08:00 and 20:00 instead", Daily((), 1), Daily((), 1)),
    ("remind me to water the plants a couple of times a week", "twice a week: Mon and Thu",
     "Use Tue and Fri instead", Weekly(frozenset({0, 3}), ()), Weekly(frozenset({1, 4}), ())),
    ("remind me to stretch every few hours", "every few hours: every 3 hours from 09:00",
     "Use every 2 hours instead", None, None),
    ("remind me to call grandma every few days", "every few days: every 3 days",
     "Use every 2 days instead", None, None),
    ("remind me to pay the bills twice a month", "twice a month: the 1st and 15th",
     "Use the 1st and 16th instead", MonthlyByDay((1, 15), ()), MonthlyByDay((1, 16), ())),
])
async def test_a_vague_frequency_says_its_reading_and_the_fix_applies_the_other_rule(
        dispatcher, deps, text, reading, label, before, after):
    created = await dispatcher.handle(text, actor())
    chosen = (await only(deps)).recurrence.rule

    assert f"(I read {reading}" in created.text
    assert created.choices[0].label == label
    changed = await dispatcher.press(created.choices[0].command, actor())
    fixed = (await only(deps)).recurrence.rule
    undone = await dispatcher.press(changed.choices[0].command, actor())

    assert changed.text.startswith("Changed. Reminder 1:")
    assert type(fixed) is type(chosen)
    assert fixed != chosen
    if isinstance(after, Weekly):
        assert (chosen.weekdays, fixed.weekdays) == (before.weekdays, after.weekdays)
    if isinstance(after, MonthlyByDay):
        assert (chosen.days, fixed.days) == (before.days, after.days)
    if "every 2 days" in label:
        assert (chosen.every, fixed.every) == (3, 2)
    if "every 2 hours" in label:
        assert (len(chosen.times), len(fixed.times)) == (5, 7)
    assert undone.text.startswith("Changed.")
    assert (await only(deps)).recurrence.rule == chosen  # the undo puts the reading back


async def test_a_reading_without_another_says_it_and_offers_no_fix(dispatcher):
    created = await dispatcher.handle("remind me to floss every morning and evening", actor())

    assert "(I read every morning and evening: 09:00 and 19:00.)" in created.text
    assert [c.label for c in created.choices] == ["Undo"]


async def test_a_forged_reading_argument_changes_nothing(dispatcher, deps):
    from core.buttons import ButtonAction, Verb

    await dispatcher.handle("remind me to drink water twice a day", actor())
    before = await only(deps)
    token = deps.buttons.seal(ButtonAction(Verb.READING, before.schedule_id, "zz-99"),
                              actor().user, expires=deps.clock.now() + timedelta(hours=1))

    reply = await dispatcher.press(token, actor())

    assert reply.is_error
    assert (await only(deps)).recurrence == before.recurrence


async def test_days_listed_without_every_are_once_each_and_the_fix_makes_them_weekly(
        dispatcher, deps):
    created = await dispatcher.handle("remind me to call mom on Monday and Wednesday at 9",
                                      actor())
    chosen = (await only(deps)).recurrence

    assert "(I read once on each of Mon and Wed" in created.text
    assert (chosen.rule, chosen.count) == (Weekly(frozenset({0, 2}), (time(9),)), 2)
    assert created.choices[0].label == "Use every week instead"
    changed = await dispatcher.press(created.choices[0].command, actor())
    fixed = (await only(deps)).recurrence

    assert changed.text.startswith("Changed. Reminder 1:")
    assert (fixed.rule, fixed.count) == (chosen.rule, None)
    await dispatcher.press(changed.choices[0].command, actor())
    assert (await only(deps)).recurrence.count == 2  # the undo puts the reading back


async def test_later_today_is_stated_and_near_midnight_refused_changing_nothing(
        dispatcher, deps, clock):
    created = await dispatcher.handle("remind me to call mom later today", actor())

    assert "(I read later today: in 3 hours.)" in created.text
    assert "13:15" in created.text
    clock.advance(hours=12)  # 22:15 in New York
    refused = await dispatcher.handle("remind me to water the plants later today", actor())

    assert refused.is_error
    assert "Today is nearly over" in refused.text
    assert (await only(deps)).what == "call mom"  # the one from before, nothing more


@pytest.mark.parametrize(("text", "says"), [
    ("remind me to stretch tomorrow at 9 until Friday", "bound a repeating reminder"),
    ("recuérdame estirarme mañana a las 9 hasta el viernes", "limitan un recordatorio"),
])
async def test_a_bound_on_one_reminder_is_refused_in_its_language_and_stores_nothing(
        dispatcher, deps, text, says):
    reply = await dispatcher.handle(text, actor())

    assert reply.is_error
    assert says in reply.text
    async with deps.uow() as uow:
        assert await uow.reminders.list_for(actor().user, live_only=False) == []
