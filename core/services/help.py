"""Help topics as Replies, with examples people can copy."""

from __future__ import annotations

from typing import Final

from core.i18n import ENGLISH, N_, _, language
from core.ids import Platform
from core.replies import Reply

TOPICS: Final[dict[str, str]] = {
    "remind": N_(
        "Reminders — examples:\n"
        "  remind me to stretch in 20 minutes\n"
        "  remind me to run daily at 7\n"
        "  remind me tomorrow at 5pm to call mom\n"
        "  remind #team standup every weekday at 9:30\n"
        "  remind @maria to send the report on Friday at 5pm\n"
        "  remind me to pay rent every month on the 1st\n"
        "  remind me to check the dashboards cron 0 7 * * 1-5"
    ),
    "list": N_("Your items:\n  list · list reminders · my habits"),
    "cancel": N_(
        "Cancel, pause or resume:\n"
        "  cancel 3 · cancel the standup reminder · pause 3 · resume standup"
    ),
    "snooze": N_(
        "Snooze the last reminder or a given one:\n"
        "  snooze 10m · snooze 3 for 1 hour · snooze until tomorrow 9am"
    ),
    "post": N_("Channel posts:\n  post \"release freeze starts\" to #eng on Friday at 5pm"),
    "habit": N_(
        "Habits — examples:\n"
        "  habit meditate every morning · habit run 3 times a week at 7am\n"
        "  habit read on weekdays at 21:00 · habit stretch every 2 days\n"
        "  done meditate · did meditate · done meditate yesterday (up to 7 days back)\n"
        "  habits · stats meditate (streaks, strength and a 12-week picture)\n"
        "  skip meditate today · pause meditate until Monday · vacation until Jan 5\n"
        "  resume meditate · cancel meditate"
    ),
    "goal": N_(
        "Goals — examples:\n"
        "  goal run 100 km by Dec 31 · goal read 12 books this year\n"
        "  progress run 5 km · progress read 1 · undo (within 10 minutes)\n"
        "  goals · cancel run"
    ),
    "digest": N_("Team digests:\n  digest #team every weekday at 9"),
    "timezone": N_("Time zone:\n  timezone Europe/Berlin · my timezone is PST"),
    "agenda": N_("Calendar:\n  agenda · what's on my calendar tomorrow"),
}

OVERVIEW: Final = N_(
    "I'm Nudge. Tell me what to remind you of and when:\n"
    "  remind me to stretch in 20 minutes\n"
    "  remind me to run daily at 7\n"
    "  remind #team standup every weekday at 9:30\n"
    "Also: list · done 3 · cancel 2 · snooze 10m · pause 3 · resume 3 · "
    "timezone Europe/Berlin\n"
    "Habits and goals: habit meditate every morning · goal run 100 km by Dec 31\n"
    "More: help remind · help snooze · help post · help habit · help goal · help timezone"
)
# Where there are no #channels (a private chat, the terminal): examples that work there.
_PERSONAL: Final = (
    "I'm Nudge. Tell me what to remind you of and when:\n"
    "  remind me to stretch in 20 minutes\n"
    "  remind me to run daily at 7\n"
    "  remind me tomorrow at 5pm to call mom\n"
    "Also: {list} · {done} 3 · {cancel} 2 · {snooze} 10m · {timezone} Europe/Berlin\n"
    "Habits and goals: {habit} meditate every morning · {goal} run 100 km by Dec 31\n"
    "More: {help} remind · {help} snooze · {help} habit · {help} goal"
)


def help_for(platform: Platform) -> str:
    """The overview in the platform's idiom: Slack's #channels, Telegram's /commands."""
    if platform is Platform.SLACK or language() != ENGLISH:
        return _(OVERVIEW)  # the translated overview until the per-platform ones are
    slash = "/" if platform is Platform.TELEGRAM else ""
    words = ("list", "done", "cancel", "snooze", "timezone", "habit", "goal", "help")
    return _PERSONAL.format(**{w: slash + w for w in words})


def help_reply(topic: str | None, platform: Platform = Platform.SLACK) -> Reply:
    overview = help_for(platform)
    if topic is None:
        return Reply(overview)
    text = TOPICS.get(topic.lower().strip())
    if text is None:
        return Reply(_("I have no help on '{topic}'.", topic=topic) + "\n\n" + overview)
    return Reply(_(text))
