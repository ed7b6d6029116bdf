"""One frozen dataclass per intent of the command language: what `parse` returns.

Each has a docstring: without one, @dataclass builds it from inspect.signature (~0.1 ms a
class at import, on the path of every `nudge parse`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from core.recurrence.rules import Recurrence


class TargetKind(StrEnum):
    ME = "me"
    USER = "user"
    CHANNEL = "channel"


@dataclass(frozen=True)
class Target:
    """Who a reminder is for or where a post goes: me, @user or #channel (name or platform id)."""

    kind: TargetKind
    ref: str = ""

    def __str__(self) -> str:
        if self.kind is TargetKind.ME:
            return "me"
        return ("@" if self.kind is TargetKind.USER else "#") + self.ref


ME = Target(TargetKind.ME)


@dataclass(frozen=True)
class Alternative:
    """The other reading of an ambiguous time, offered as a one-tap fix."""

    label: str  # e.g. "07:00 instead of 19:00"
    recurrence: Recurrence


@dataclass(frozen=True)
class Assumption:
    """A reading Nudge chose for a vague frequency (`twice a day`), said in the confirmation,
    with the other reading as a one-tap fix (a whole recurrence, not only a time of day)."""

    reading: str  # e.g. "twice a day: 09:00 and 18:00"
    alternative: Alternative | None = None


@dataclass(frozen=True)
class Remind:
    """`remind me to run daily at 7`, `remind #team standup every weekday at 9:30`."""

    target: Target
    what: str
    recurrence: Recurrence
    alternative: Alternative | None = None
    assumption: Assumption | None = None


@dataclass(frozen=True)
class Post:
    """`post "release freeze starts" to #eng on Friday at 5pm`: a message to a channel."""

    target: Target
    what: str
    recurrence: Recurrence
    alternative: Alternative | None = None
    assumption: Assumption | None = None


@dataclass(frozen=True)
class Habit:
    """`habit meditate every morning`, `habit run 3 times a week`."""

    what: str
    recurrence: Recurrence | None = None
    per_week: int | None = None
    assumption: Assumption | None = None
    per_month: int | None = None  # `10 times a month`: a monthly target, prompted daily


@dataclass(frozen=True)
class MarkDone:
    """`done meditate`, `done 4`: a check-in, or a reminder done."""

    ref: str


@dataclass(frozen=True)
class Goal:
    """`goal run 100 km by Dec 31`."""

    what: str
    target_value: float | None = None
    unit: str | None = None
    deadline: date | None = None


@dataclass(frozen=True)
class Progress:
    """`progress run 5 km`: toward a goal."""

    ref: str
    amount: float
    unit: str | None = None


@dataclass(frozen=True)
class ListItems:
    """`list`, `list reminders`, `my habits`, `list 2`."""

    kind: str = "all"  # reminders, habits, goals, posts, digests, all
    page: int | None = None  # `list 2`, `list page 2`; None: the first


@dataclass(frozen=True)
class Cancel:
    """`cancel 3`, `cancel the standup reminder`."""

    ref: str


@dataclass(frozen=True)
class Snooze:
    """`snooze 10m`, `snooze 3 for 1 hour`, `snooze until tomorrow 9am`."""

    recurrence: Recurrence  # a Once: the new time
    ref: str | None = None  # None: the most recently delivered reminder
    by: timedelta | None = None  # `for 1 hour`, `20m`: a length; None for `until <time>`


@dataclass(frozen=True)
class Pause:
    """`pause 3`, `pause standup`."""

    ref: str


@dataclass(frozen=True)
class Resume:
    """`resume 3`, `resume standup`."""

    ref: str


@dataclass(frozen=True)
class Digest:
    """`digest #team every weekday at 9`."""

    target: Target
    recurrence: Recurrence
    assumption: Assumption | None = None


@dataclass(frozen=True)
class Agenda:
    """`agenda`, `what's on my calendar tomorrow`."""

    day: date


@dataclass(frozen=True)
class AddEvent:
    """`add event dentist tomorrow 3pm for 1h`: a calendar event."""

    what: str
    recurrence: Recurrence  # a Once: the start
    duration_min: int = 60


@dataclass(frozen=True)
class SetTimezone:
    """`timezone Europe/Berlin`, `my timezone is PST`."""

    tz: str


@dataclass(frozen=True)
class SetLanguage:
    """`language de`, `idioma español`: the person's reply language (a code of LANGUAGES)."""

    code: str


@dataclass(frozen=True)
class Help:
    """`help`, `help remind`, `?`."""

    topic: str | None = None


Command = (
    Remind | Post | Habit | MarkDone | Goal | Progress | ListItems | Cancel | Snooze | Pause
    | Resume | Digest | Agenda | AddEvent | SetTimezone | SetLanguage | Help
)

INTENT_NAMES: dict[type, str] = {
    Remind: "remind", Post: "post", Habit: "habit", MarkDone: "done", Goal: "goal",
    Progress: "progress", ListItems: "list", Cancel: "cancel", Snooze: "snooze",
    Pause: "pause", Resume: "resume", Digest: "digest", Agenda: "agenda", AddEvent: "event",
    SetTimezone: "timezone", SetLanguage: "language", Help: "help",
}



@dataclass(frozen=True)
class Draft:
    """A reminder, post or event still missing its time; NeedsTimeError carries it."""

    intent: str
    what: str
    target: Target = ME
