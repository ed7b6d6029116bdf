"""The verb table: leading words -> intent; strips `/nudge`, bot mentions and politeness."""

from __future__ import annotations

from operator import itemgetter
from typing import NamedTuple

from core.language.lexicon import POLITE_WORDS
from core.language.tokens import Token, is_symbols

# The verb table (longest phrase wins). `keep` marks verbs that stay in the task
# (`meeting with Bob ...` is an event whose what starts with "meeting").
_TABLE: dict[str, tuple[str, ...]] = {
    "remind": (
        "remind", "reminder", "remember", "set a reminder", "set reminder", "add a reminder",
        "add reminder", "create a reminder", "create reminder", "new reminder",
        "make a reminder", "set me a reminder", "remindme", "nudge", "ping me", "alert me",
        "notify me", "don't let me forget", "dont let me forget", "do not let me forget",
        "don't forget", "dont forget", "do not forget", "help me remember", "i need to remember",
        "i have to remember", "i must remember", "i want to remember", "note to self",
    ),
    "post": (
        "post", "schedule message", "schedule a message", "schedule post", "schedule a post",
        "send message", "send a message", "schedule an announcement", "announce",
    ),
    "habit": (
        "habit", "new habit", "add habit", "add a habit", "track habit", "start habit",
        "start a habit", "create habit", "create a habit", "build a habit",
    ),
    "done": ("done", "did", "i did", "mark done", "completed", "finished", "check in", "checkin",
             "mark"),
    "goal": ("goal", "new goal", "set goal", "set a goal", "add goal", "add a goal",
             "create goal", "create a goal"),
    "progress": ("progress", "log", "add progress", "log progress", "record", "logged",
                 "i logged"),
    "list": (
        "list", "ls", "show", "show me", "list my", "show my", "show me my", "what are my",
        "what're my", "my", "view", "see my", "all my", "list all", "reminders", "habits",
        "goals", "what reminders", "what habits", "what goals", "which reminders",
    ),
    "cancel": ("cancel", "delete", "remove", "stop", "rm", "del", "unschedule", "forget",
               "drop", "clear"),
    "snooze": ("snooze", "remind me again"),
    "pause": ("pause", "mute", "suspend", "hold"),
    "resume": ("resume", "unpause", "unmute", "restart", "reactivate", "continue"),
    "digest": ("digest", "add digest", "add a digest", "set up a digest", "create a digest",
               "create digest", "new digest", "send a digest", "send digest", "daily digest",
               "weekly digest"),
    "agenda": (
        "agenda", "calendar", "my agenda", "my calendar", "what's on", "whats on", "what is on",
        "what's on my calendar", "whats on my calendar", "what is on my calendar",
        "what do i have", "show my agenda", "show my calendar", "show agenda", "show calendar",
        "what's on my agenda", "what is on my agenda", "what's my agenda",
        "view my agenda", "view my calendar", "view agenda", "view calendar",
        "show me my agenda", "show me my calendar", "check my calendar", "check my agenda",
        "my schedule", "what's my schedule", "whats my schedule", "what is my schedule",
        "show my schedule", "show me my schedule", "what's on my schedule",
        "whats on my schedule", "what is on my schedule", "my day",
    ),
    "event": (
        "event", "add event", "add an event", "new event", "create event", "create an event",
        "schedule event", "schedule an event", "add to calendar", "book event",
    ),
    "timezone": (
        "timezone", "time zone", "tz", "set timezone", "set time zone", "set my timezone",
        "set my time zone", "set tz", "change timezone", "change my timezone",
        "my timezone", "my time zone", "my tz", "change time zone", "change my time zone",
        "timezone is", "use timezone",
    ),
    "language": ("language", "set language", "set my language", "my language is",
                 "change language", "change my language", "use language", "lang"),
    "help": ("help", "?", "commands", "what can you do", "how does this work", "usage",
             "/help", "how do i", "menu"),
}
_KEEP = {("meeting",): "event", ("appointment",): "event"}
# Verbs that are also common task words: with a time at the end, the text is a reminder.
WEAK = frozenset({"stop", "drop", "clear", "forget", "log", "record", "continue", "hold",
                  "show", "view", "my", "did", "finished", "completed", "calendar", "restart",
                  "remove", "delete", "cancel", "list", "done", "mute", "suspend", "mark",
                  "logged", "language"})

VERBS: dict[tuple[str, ...], str] = {
    tuple(phrase.split()): intent for intent, phrases in _TABLE.items() for phrase in phrases
}
# The verb phrases (and kept nouns) each first word starts, longest first, each with what it
# reads as: verb_at compares only these.
_FROM: dict[str, list[tuple[tuple[str, ...], Verb]]] = {}
_FILLERS = frozenset({":", "-", ",", "to", "is", "="})
# Intents whose verb may be followed by `:` or `-` (`progress: run 5 km`, `goal - read`).
_COLON_AFTER = frozenset({"timezone", "help", "goal", "habit", "progress", "done", "cancel",
                          "pause", "resume"})
_GREETED = frozenset({"morning", "afternoon", "evening", "night", "day"})
_LOW = itemgetter(1)  # Token.low
_LEADS = frozenset({"hey", "hi", "hello", "ok", "okay", "yo", "nudge", "nudgebot"})
_BOT_NAMES = frozenset({"nudge", "nudgebot"})
_SELF_WORDS = frozenset({"me", "myself"})
_THANKS = frozenset({"thanks", "thx", "ty", "tnx", "thanx", "cheers", "tia"})
# Words that may follow thanks in a sign-off: `thanks so much`, `thank you very much nudge`.
_SIGN_OFF = frozenset({"so", "very", "much", "a", "lot", "in", "advance", "again", "you", "u",
                       "nudge", "nudgebot", "buddy", "mate", ",", "!", "and", "please", "pls"})
_ASKS = (("can", "you"), ("could", "you"), ("would", "you"), ("will", "you"), ("pls",),
         ("please",), ("kindly",), ("plz",), ("i", "want", "you", "to"),
         ("i", "need", "you", "to"), ("i'd", "like", "you", "to"),
         ("i", "would", "like", "you", "to"), ("so",), ("um",), ("umm",), ("uh",), ("oh",),
         ("alright",), ("hiya",))
_ASK_FIRST = frozenset(ask[0] for ask in _ASKS)  # a cheap guard before the loop
# A last word that may end a sign-off or be chatter: any other word or number ends the command.
_TAIL_WORDS = _SIGN_OFF | _THANKS | POLITE_WORDS


class Verb(NamedTuple):
    """The intent the leading words name, where its rest begins, and whether to keep them."""

    intent: str
    rest: int
    keep: bool = False
    weak: bool = False
    mark: bool = False  # `mark 4 done`: the intent's word comes at the end


def _bot_word(token: Token) -> bool:
    low = token.low
    if low.startswith(("<@", "<!")):
        return True
    return low.startswith("@") and ("nudge" in low or low.endswith("bot"))


def _greeting(words: list[str], lo: int, hi: int) -> bool:
    """`good morning, remind me ...`: a greeting before more words is chatter (alone, refused)."""
    return words[lo] == "good" and lo + 2 < hi and words[lo + 1] in _GREETED


def _command_word(low: str) -> str:
    """`/remind@NudgeBot` -> `remind`; `/nudge` -> `nudge`."""
    return low[1:].split("@", 1)[0] if low.startswith("/") and len(low) > 1 else low


def trim(tokens: list[Token]) -> tuple[list[str], int, int]:
    """Folded words, and the first and end index of the command (leading/trailing chatter cut)."""
    words = list(map(_LOW, tokens))  # a C loop: a comprehension is a call of its own
    lo, hi = 0, len(words)
    if words and not (words[0].isalpha() and words[0] not in _LEADS and words[0] != "good"):
        lo = _after_chatter(words, tokens)  # most commands start with a word, their verb
    changed = True
    while changed and lo < hi and words[lo] in _ASK_FIRST:
        changed = False
        for ask in _ASKS:
            if ask[0] == words[lo] and tuple(words[lo:lo + len(ask)]) == ask \
                    and lo + len(ask) < hi:
                lo, changed = lo + len(ask), True
    if words and not (words[-1].isalnum() and words[-1] not in _TAIL_WORDS):
        hi = _before_sign_off(words, lo, hi)  # most end with a word of the command
    return words, lo, hi


def _after_chatter(words: list[str], tokens: list[Token]) -> int:
    """Where the command begins after `/remind@NudgeBot`, `hey nudge,`, `good morning, `."""
    words[0] = _command_word(words[0])
    lo, hi = 0, len(words)
    while lo < hi - 1 and (_lead(words, lo, tokens) or _greeting(words, lo, hi)):
        lo += 2 if _greeting(words, lo, hi) else 1
        if lo < hi:
            words[lo] = _command_word(words[lo])
    return lo


def _before_sign_off(words: list[str], lo: int, hi: int) -> int:
    """Where the command ends before `thanks so much!`, `please`, `...`, an emoji."""
    end = -1
    while end != hi:
        end, hi = hi, _sign_off(words, lo, hi)
        while hi > lo + 1 and (words[hi - 1] in POLITE_WORDS or _dots(words[hi - 1])
                               or is_symbols(words[hi - 1])):
            hi -= 1
    return hi


def _lead(words: list[str], lo: int, tokens: list[Token]) -> bool:
    """Chatter before the command word; `nudge` before a target is the verb (`nudge me`)."""
    if words[lo] in _BOT_NAMES and _names_target(tokens[lo + 1]):
        return False
    there = words[lo] == "there" and lo > 0 and words[lo - 1] in _LEADS  # `hey there,`
    return (words[lo] in _LEADS or words[lo] == "," or _bot_word(tokens[lo])
            or is_symbols(words[lo]) or there)


def _names_target(token: Token) -> bool:
    low = token.low
    return low in _SELF_WORDS or low[:1] in "@#" or low.startswith(("<@", "<#"))


def _dots(word: str) -> bool:
    """`,`, `!`, `...`, `?!`: punctuation alone at the end is chatter."""
    return not word.strip(",.!?")


def _sign_off(words: list[str], lo: int, hi: int) -> int:
    """`thanks so much!`, `thank you very much nudge`, `please and thank you`: cut the tail."""
    k = hi - 1
    while k > lo + 1 and words[k] in _SIGN_OFF:
        k -= 1
    if k > lo + 1 and (words[k] in _THANKS or words[k:k + 2] in (["thank", "you"],
                                                                ["thank", "u"])):
        hi = k
        while hi > lo + 1 and words[hi - 1] in (",", "!", "and"):
            hi -= 1
    return hi


def verb_at(words: list[str], lo: int, hi: int) -> Verb | None:
    """The longest verb phrase at words[lo]; None when the text starts with no command word."""
    if lo >= hi or lo >= len(words):
        return None
    for key, verb in _FROM.get(words[lo], ()):
        size = len(key)
        if size > hi - lo or (size > 1 and tuple(words[lo:lo + size]) != key):
            continue
        rest = lo if verb.keep else lo + size
        if verb.intent in _COLON_AFTER or key == ("post",):
            while rest < hi and words[rest] in (":", "-"):
                rest += 1
        return _new(Verb, (verb.intent, rest, verb.keep, verb.weak, verb.mark))
    return None


_new = tuple.__new__  # a Verb built straight from its fields, as tokens.py builds Tokens


def _index_verbs() -> None:
    """Fill _FROM: a verb phrase before a kept noun of the same words, longer ones first."""
    found = [(key, Verb(intent, 0, weak=len(key) == 1 and key[0] in WEAK, mark=key == ("mark",)))
             for key, intent in VERBS.items()]
    found += [(key, Verb(intent, 0, keep=True)) for key, intent in _KEEP.items()
              if key not in VERBS]
    for key, verb in sorted(found, key=lambda item: -len(item[0])):
        _FROM.setdefault(key[0], []).append((key, verb))


_index_verbs()


def skip_fillers(words: list[str], i: int, hi: int) -> int:
    """Skip `is`, `to`, `:` after a verb (`my timezone is PST`, `set timezone to UTC`)."""
    while i < hi and words[i] in _FILLERS:
        i += 1
    return i


def all_verbs() -> list[str]:
    """Every verb phrase, for "did you mean"."""
    return sorted({" ".join(k) for k in VERBS})
