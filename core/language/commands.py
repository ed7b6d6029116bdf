"""One frozen dataclass per intent of the command language: what `parse` returns."""

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
    target: Target
    what: str
    recurrence: Recurrence
    alternative: Alternative | None = None
    assumption: Assumption | None = None


@dataclass(frozen=True)
class Post:
    target: Target
    what: str
    recurrence: Recurrence
    alternative: Alternative | None = None
    assumption: Assumption | None = None


@dataclass(frozen=True)
class Habit:
    what: str
    recurrence: Recurrence | None = None
    per_week: int | None = None
    assumption: Assumption | None = None
    per_month: int | None = None  # `10 times a month`: a monthly target, prompted daily


@dataclass(frozen=True)
class MarkDone:
    ref: str


@dataclass(frozen=True)
class Goal:
    what: str
    target_value: float | None = None
    unit: str | None = None
    deadline: date | None = None


@dataclass(frozen=True)
class Progress:
    ref: str
    amount: float
    unit: str | None = None


@dataclass(frozen=True)
class ListItems:
    kind: str = "all"  # reminders, habits, goals, posts, digests, all
    page: int | None = None  # `list 2`, `list page 2`; None: the first


@dataclass(frozen=True)
class Cancel:
    ref: str


@dataclass(frozen=True)
class Snooze:
    recurrence: Recurrence  # a Once: the new time
    ref: str | None = None  # None: the most recently delivered reminder
    by: timedelta | None = None  # `for 1 hour`, `20m`: a length; None for `until <time>`


@dataclass(frozen=True)
class Pause:
    ref: str


@dataclass(frozen=True)
class Resume:
    ref: str


@dataclass(frozen=True)
class Digest:
    target: Target
    recurrence: Recurrence
    assumption: Assumption | None = None


@dataclass(frozen=True)
class Agenda:
    day: date


@dataclass(frozen=True)
class AddEvent:
    what: str
    recurrence: Recurrence  # a Once: the start
    duration_min: int = 60


@dataclass(frozen=True)
class SetTimezone:
    tz: str


@dataclass(frozen=True)
class SetLanguage:
    """`language de`, `idioma español`: the person's reply language (a code of LANGUAGES)."""

    code: str


@dataclass(frozen=True)
class Help:
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
