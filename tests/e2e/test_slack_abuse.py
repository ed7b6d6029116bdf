"""Slack e2e, tried as an attacker would: typed action strings, a user id as channel.id,
user-group mentions; and `list` paged and `cancel all` confirmed with buttons."""

from __future__ import annotations

from typing import Any

from jobs.worker import run_worker
from tests.servers import slack_harness
from tests.servers.slack_harness import ADMIN, ALICE, ALICE_DM, BOB, TEAM, SlackHarness

# Fixtures shared by the Slack e2e modules (pytest finds them as module attributes).
fake_slack = slack_harness.fake_slack
slack = slack_harness.slack
slack_server = slack_harness.slack_server

BOB_DM = "D0BOB0001"


def _text(message: dict[str, Any]) -> str:
    return "\n".join(b["text"]["text"] for b in message["blocks"] if b["type"] == "section")


def _buttons(blocks: list[dict[str, Any]]) -> dict[str, str]:
    return {e["text"]["text"]: e["value"]
            for b in blocks if b["type"] == "actions" for e in b["elements"]}


def _deliver(slack: SlackHarness, minutes: int) -> dict[str, str]:
    """Move the clock, let the worker deliver, and return the delivered message's buttons."""
    slack.clock.advance(minutes=minutes)
    for _ in range(2):  # the first run's scheduler moves the due job; the second sends it
        run_worker(redis_url=str(slack.settings.redis_url), services_factory=slack.build,
                   burst=True)
    post = slack.api.calls_to("chat.postMessage")[-1]
    return _buttons(post.params["blocks"])


def test_a_typed_action_string_from_a_user_id_channel_is_plain_text(
        slack: SlackHarness) -> None:
    slack.command("remind me to stretch every day at 7")
    slack.work()
    [reminder] = slack.reminders()

    # Bob, with Alice's user id where the channel id belongs, types what old buttons carried.
    for typed in (f"act:pause:{reminder.schedule_id}", f"act:alt:{reminder.schedule_id}:0315",
                  f"act:unsnooze:{reminder.schedule_id}:4102444800"):
        slack.command(typed, user=BOB, channel=ALICE, name=f"bob-{typed}")
    slack.work()

    [after] = slack.reminders()
    assert after == reminder
    assert all("didn't get that" in _text(r) for r in slack.api.responses[1:])


def test_a_button_pressed_from_a_user_id_channel_does_not_reach_that_users_items(
        slack: SlackHarness) -> None:
    slack.command("remind me to stretch every 2 minutes")
    slack.work()
    delete = _deliver(slack, minutes=2)["Delete"]

    slack.press(delete, user=BOB, channel=ALICE, name="forged")
    slack.work()

    [refusal] = [r for r in slack.api.responses if r["url_name"] == "forged"]
    [after] = slack.reminders()
    assert "isn't yours" in _text(refusal)
    assert after.is_live


def test_a_user_id_as_channel_is_never_taken_for_that_users_dm(slack: SlackHarness) -> None:
    # The admin's reminder for Alice goes to Alice's DM (by her user id): its buttons are for
    # whoever is in that conversation. Bob, naming Alice's id as his channel, is not.
    slack.command(f"remind <@{ALICE}> drink water every 2 minutes", user=ADMIN, channel=TEAM)
    slack.work()
    snooze = _deliver(slack, minutes=2)["20 min"]
    [reminder] = slack.reminders(ADMIN)

    slack.press(snooze, user=BOB, channel=ALICE, name="bob")
    slack.press(snooze, user=ALICE, channel=ALICE_DM, name="alice")
    slack.work()

    answers = {r["url_name"]: _text(r) for r in slack.api.responses}
    [after] = slack.reminders(ADMIN)
    assert "isn't yours" in answers["bob"]
    assert answers["alice"].startswith(f"Snoozed Reminder 1 for <@{ALICE}>: drink water")
    assert after.next_at != reminder.next_at


def test_user_group_mentions_are_neutralised_like_channel(slack: SlackHarness) -> None:
    slack.command("remind <#C0TEAM0001|team> <!subteam^S0DEVS0001|@devs> deploy "
                  "every weekday at 9:30")
    slack.command("remind <#C0TEAM0001|team> < !sub\u200bteam^S0DEVS0001 > ship "
                  "every weekday at 10:30", name="spaced")
    slack.work()

    stored = [r.what for r in slack.reminders()]
    assert stored == ["@\u2060devs deploy", "@\u2060group ship"]
    assert all("subteam" not in _text(r) for r in slack.api.responses)


def test_an_admin_keeps_a_user_group_mention(slack: SlackHarness) -> None:
    slack.command("remind <#C0TEAM0001|team> <!subteam^S0DEVS0001|@devs> deploy "
                  "every weekday at 9:30", user=ADMIN)
    slack.work()

    [reminder] = slack.reminders(ADMIN)
    assert reminder.what == "<!subteam^S0DEVS0001|@devs> deploy"


def test_list_pages_with_next_and_previous_buttons(slack: SlackHarness) -> None:
    for i in range(12):
        slack.command(f"remind me to task {i:02} in {i + 1} hours", name=f"make{i}")
    slack.command("list", name="list")
    slack.work()
    [listed] = [r for r in slack.api.responses if r["url_name"] == "list"]

    slack.press(_buttons(listed["blocks"])["Next ▶"], name="next")
    slack.work()

    [page_two] = [r for r in slack.api.responses if r["url_name"] == "next"]
    assert _text(listed).startswith("Your reminders, page 1 of 2 (12 in all):")
    assert "task 00" in _text(listed)
    assert "task 10" not in _text(listed)
    assert page_two["replace_original"] is True
    assert "task 10" in _text(page_two)
    assert "task 11" in _text(page_two)
    assert list(_buttons(page_two["blocks"])) == ["◀ Previous"]


def test_cancel_all_asks_then_cancels_everything_of_the_persons(slack: SlackHarness) -> None:
    slack.command("remind me to call mom in 1 hour", name="a")
    slack.command("remind me to stretch every day at 7", name="b")
    slack.command("cancel all", name="ask")
    slack.work()
    [asked] = [r for r in slack.api.responses if r["url_name"] == "ask"]
    assert all(r.is_live for r in slack.reminders())

    slack.press(_buttons(asked["blocks"])["Yes, cancel all 2"], name="yes")
    slack.work()

    [done] = [r for r in slack.api.responses if r["url_name"] == "yes"]
    assert _text(asked).startswith("Cancel all 2 of your reminders and posts?")
    assert _text(done) == "Cancelled all 2 of your reminders and posts."
    assert not any(r.is_live for r in slack.reminders())
