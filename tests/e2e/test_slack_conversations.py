"""Slack e2e: DMs, mentions, buttons, the App Home, channel permissions and retried events."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.servers import slack_harness
from tests.servers.slack_harness import (
    ADMIN,
    ALICE,
    ALICE_DM,
    BOB,
    RANDOM,
    SECRET,
    TEAM,
    SlackHarness,
)
from tests.servers.slack_signing import home_button_press

# Fixtures shared by the Slack e2e modules (pytest finds them as module attributes).
fake_slack = slack_harness.fake_slack
slack = slack_harness.slack
slack_server = slack_harness.slack_server


def _blocks_text(blocks: list[dict[str, Any]]) -> str:
    return "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")


def _buttons(blocks: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(e["text"]["text"], e["value"])
            for b in blocks if b["type"] == "actions" for e in b["elements"]]


def _mention(text: str, *, user: str = ALICE, channel: str = TEAM) -> dict[str, Any]:
    return {"type": "app_mention", "user": user, "channel": channel, "team": "T0NUDGE01",
            "text": f"<@U0NUDGEBOT> {text}", "ts": "1700000000.000200"}


def test_a_direct_message_is_answered_in_the_dm(slack: SlackHarness) -> None:
    answer = slack.dm("remind me to run daily at 7")
    slack.work()

    [post] = slack.api.calls_to("chat.postMessage")
    assert answer.status_code == 200
    assert post.params["channel"] == ALICE_DM
    assert "Reminder 1: run, every day at 07:00" in _blocks_text(post.params["blocks"])
    assert [label for label, _ in _buttons(post.params["blocks"])] == ["Undo"]


def test_a_mention_in_a_channel_schedules_for_that_channel(slack: SlackHarness) -> None:
    slack.event(_mention("remind <#C0TEAM0001|team> standup every weekday at 9:30"),
                event_id="Ev0MENTION1")
    slack.work()

    [reply] = slack.api.calls_to("chat.postEphemeral")
    [reminder] = slack.reminders()
    assert reply.params["channel"] == TEAM
    assert reply.params["user"] == ALICE
    assert "for <#C0TEAM0001>: standup" in _blocks_text(reply.params["blocks"])
    assert reminder.chat.chat_id == TEAM


def test_a_channel_by_name_resolves_through_the_channel_list(slack: SlackHarness) -> None:
    slack.command("remind #team standup every weekday at 9:30")
    slack.work()

    [reminder] = slack.reminders()
    assert reminder.chat.chat_id == TEAM
    assert slack.api.calls_to("conversations.list")


def test_a_requester_outside_the_channel_is_refused(slack: SlackHarness) -> None:
    slack.command(f"remind <#{SECRET}|secret> deploy every day at 9")
    slack.work()

    [response] = slack.api.responses
    assert "You're not a member of <#C0SECRET01>" in _blocks_text(response["blocks"])
    assert slack.reminders() == []


def test_a_channel_without_the_app_says_how_to_invite_it(slack: SlackHarness) -> None:
    slack.command(f"remind <#{RANDOM}|random> lunch every day at 12")
    slack.work()

    [response] = slack.api.responses
    text = _blocks_text(response["blocks"])
    assert "I'm not in <#C0RANDOM01> yet" in text
    assert "/invite @Nudge" in text
    assert slack.reminders() == []


def test_broadcasts_are_neutralised_for_people_who_may_not_use_them(
    slack: SlackHarness,
) -> None:

    slack.command("remind <#C0TEAM0001|team> <!channel> standup every weekday at 9:30")
    slack.work()

    [response] = slack.api.responses
    [reminder] = slack.reminders()
    assert "<!channel>" not in reminder.what
    assert "channel standup" in reminder.what
    assert "<!channel>" not in _blocks_text(response["blocks"])


def test_an_admin_keeps_the_broadcast(slack: SlackHarness) -> None:
    slack.command("remind <#C0TEAM0001|team> <!here> standup every weekday at 9:30",
                  user=ADMIN)
    slack.work()

    [reminder] = slack.reminders(ADMIN)
    assert reminder.what == "<!here> standup"


def test_text_is_escaped_but_link_markup_is_kept(slack: SlackHarness) -> None:
    # Slack sends '<', '>' and '&' that people type as entities; links arrive as markup.
    slack.command("remind me to merge a &lt;b&gt; &amp; <https://example.com|PR 42> "
                  "in 1 hour")
    slack.work()

    [response] = slack.api.responses
    text = _blocks_text(response["blocks"])
    assert "merge a &lt;b&gt; &amp; <https://example.com|PR 42>" in text


def _home_buttons(slack: SlackHarness, user: str = ALICE) -> dict[str, str]:
    """The first item's buttons on the person's Home tab: label -> sealed token."""
    slack.event({"type": "app_home_opened", "user": user, "channel": ALICE_DM,
                 "tab": "home", "team": "T0NUDGE01"}, event_id=f"Ev0HOME{len(slack.api.calls)}")
    slack.work()
    publish = slack.api.calls_to("views.publish")[-1]
    return dict(_buttons(publish.params["view"]["blocks"])[:5])


def test_snooze_button_updates_the_message_in_place(slack: SlackHarness) -> None:
    slack.command("remind me to stretch in 1 hour")
    slack.work()
    [reminder] = slack.reminders()
    before = reminder.next_at

    slack.press(_home_buttons(slack)["20 min"])
    slack.work()

    [_, update] = slack.api.responses
    [after] = slack.reminders()
    assert update["url_name"] == "press"
    assert update["replace_original"] is True
    assert "Snoozed Reminder 1: stretch until" in _blocks_text(update["blocks"])
    assert after.next_at == slack.clock.now() + timedelta(minutes=20) != before


def test_done_and_delete_buttons_update_in_place(slack: SlackHarness) -> None:
    slack.command("remind me to stretch every day at 7")
    slack.work()
    tokens = _home_buttons(slack)

    slack.press(tokens["Done"], name="done")
    slack.press(tokens["Delete"], name="delete")
    slack.work()  # in the order pressed

    responses = slack.api.responses
    [after] = slack.reminders()
    assert "Done: Reminder 1: stretch" in _blocks_text(responses[1]["blocks"])
    assert "Cancelled Reminder 1: stretch" in _blocks_text(responses[2]["blocks"])
    assert all(r["replace_original"] for r in responses[1:])
    assert not after.is_live


def test_undo_removes_what_was_just_created(slack: SlackHarness) -> None:
    slack.command("remind me to stretch in 1 hour")
    slack.work()
    [created] = slack.api.responses
    [(_, undo)] = _buttons(created["blocks"])

    slack.press(undo)
    slack.work()

    [reminder] = slack.reminders()
    assert not reminder.is_live


def test_someone_else_cannot_press_alices_buttons(slack: SlackHarness) -> None:
    slack.command("remind me to stretch in 1 hour")
    slack.work()

    slack.press(_home_buttons(slack)["Delete"], user=BOB, channel="D0BOB0001")
    slack.work()

    [_, refusal] = slack.api.responses
    [after] = slack.reminders()
    assert "isn't yours" in _blocks_text(refusal["blocks"])
    assert after.is_live


def test_app_home_lists_reminders_with_their_actions(slack: SlackHarness) -> None:
    slack.command("remind me to stretch in 1 hour")
    slack.work()
    [reminder] = slack.reminders()

    slack.event({"type": "app_home_opened", "user": ALICE, "channel": ALICE_DM,
                "tab": "home", "team": "T0NUDGE01"}, event_id="Ev0HOME001")
    slack.work()

    [publish] = slack.api.calls_to("views.publish")
    view = publish.params["view"]
    sid = reminder.schedule_id
    assert publish.params["user_id"] == ALICE
    assert view["type"] == "home"
    assert "Reminder 1: stretch; next" in _blocks_text(view["blocks"])
    buttons = _buttons(view["blocks"])
    assert [label for label, _ in buttons] == [
        "Done", "20 min", "1 hour", "Tomorrow morning", "Delete"]
    assert [token.split(".")[1:4] for _, token in buttons] == [
        ["done", str(sid), ""], ["snooze", str(sid), "20m"], ["snooze", str(sid), "1h"],
        ["snooze", str(sid), "tomorrow"], ["delete", str(sid), ""]]


def test_a_button_on_the_home_tab_republishes_it(slack: SlackHarness) -> None:
    slack.command("remind me to stretch in 1 hour")
    slack.work()

    slack.post(home_button_press(_home_buttons(slack)["Delete"], user=ALICE))
    slack.work()

    [_, publish] = slack.api.calls_to("views.publish")
    text = _blocks_text(publish.params["view"]["blocks"])
    assert "Cancelled Reminder 1: stretch" in text
    assert "Nothing scheduled yet" in text


def test_a_retried_event_does_nothing_twice(slack: SlackHarness) -> None:
    first = slack.dm("remind me to stretch in 1 hour", event_id="Ev0RETRY01")
    slack.work()

    retry = slack.dm("remind me to stretch in 1 hour", event_id="Ev0RETRY01", retry=1)
    slack.dm("list", event_id="Ev0LATER01")  # a later event still gets its answer
    slack.work()

    posts = slack.api.calls_to("chat.postMessage")
    assert first.status_code == retry.status_code == 200
    assert len(slack.reminders()) == 1
    assert "Your reminders" in _blocks_text(posts[1].params["blocks"])
    assert len(posts) == 2


def test_a_retry_that_arrives_before_the_worker_is_queued_once(slack: SlackHarness) -> None:
    slack.dm("remind me to stretch in 1 hour", event_id="Ev0RETRY02")
    slack.dm("remind me to stretch in 1 hour", event_id="Ev0RETRY02", retry=1)

    queued = slack.queued()
    slack.work()

    assert queued == 1
    assert len(slack.api.calls_to("chat.postMessage")) == 1
    assert len(slack.reminders()) == 1


def test_the_apps_own_messages_are_ignored(slack: SlackHarness) -> None:
    inner = {"type": "message", "channel_type": "im", "channel": ALICE_DM, "user": ALICE,
             "bot_id": "B0NUDGEBOT", "text": "⏰ stretch", "ts": "1700000000.000300"}

    slack.event(inner, event_id="Ev0BOTMSG1")
    slack.dm("list", event_id="Ev0AFTER01")
    slack.work()

    [post] = slack.api.calls_to("chat.postMessage")
    assert "reminders" in _blocks_text(post.params["blocks"])


def test_an_event_that_cannot_be_queued_is_answered_once_from_the_web_process(
    slack: SlackHarness,
) -> None:
    slack.break_chat_queue()

    answered = slack.dm("list", event_id="Ev0REDIS01")
    retried = slack.dm("list", event_id="Ev0REDIS01", retry=1)
    slack.settle()
    slack.work()

    assert answered.status_code == 200  # acked: Slack need not retry
    assert retried.status_code == 200
    [post] = slack.api.calls_to("chat.postMessage")  # the retry is not answered again
    assert "reminders" in _blocks_text(post.params["blocks"])
