"""The everyday loop on Slack: the Done button, `done N`, escaping of typed text, help."""

from __future__ import annotations

from typing import Any

from core.reminders import State
from jobs.worker import run_worker
from tests.servers import slack_harness
from tests.servers.slack_harness import SlackHarness

fake_slack = slack_harness.fake_slack
slack = slack_harness.slack
slack_server = slack_harness.slack_server


def _buttons(blocks: list[dict[str, Any]]) -> dict[str, str]:
    return {e["text"]["text"]: e["value"]
            for b in blocks if b["type"] == "actions" for e in b["elements"]}


def _text(blocks: list[dict[str, Any]]) -> str:
    return "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")


def test_the_done_button_finishes_a_delivered_one_shot(slack: SlackHarness) -> None:
    slack.dm("remind me to stretch in 1 minute", event_id="Ev0L1")
    slack.work()
    slack.clock.advance(minutes=1)
    for _ in range(2):  # with RQ's scheduler: the wake-up, then the send
        run_worker(redis_url=str(slack.settings.redis_url), services_factory=slack.build,
                   burst=True)
    delivered = slack.api.calls_to("chat.postMessage")[-1]

    slack.press(_buttons(delivered.params["blocks"])["Done"])
    slack.work()

    [answer] = slack.api.responses
    assert _text(answer["blocks"]) == ("✓ Done: Reminder 1: stretch. Nothing more will be "
                                       "sent for it.")
    [reminder] = slack.reminders()
    assert reminder.state is State.DONE


def test_done_by_number_and_typed_text_escaped(slack: SlackHarness) -> None:
    slack.dm("remind me to check a<b & c in 1 hour", event_id="Ev0L2")
    slack.dm("done 1", event_id="Ev0L3")
    slack.work()

    texts = [c.params["text"] for c in slack.api.calls_to("chat.postMessage")]
    assert any("check a&lt;b &amp; c" in t for t in texts)
    assert any(t.startswith("✓ Done: Reminder 1: check a&lt;b &amp; c") for t in texts)


def test_a_fault_is_apologised_for_in_the_language_of_the_message(
        slack: SlackHarness, monkeypatch) -> None:
    from core.i18n import set_language
    from core.services.dispatch import Dispatcher

    async def broken(self: Dispatcher, text: str, actor: object) -> None:
        set_language("es")  # as the dispatcher does once it has read the message
        raise RuntimeError("a fault of ours")

    monkeypatch.setattr(Dispatcher, "handle", broken)
    slack.dm("recuérdame mañana a las 9 llamar a mamá", event_id="Ev0AP1")
    slack.work()

    texts = [c.params["text"] for c in slack.api.calls_to("chat.postMessage")]
    assert texts[-1] == "Lo siento, algo falló de mi lado. Inténtalo de nuevo."
    assert slack.reminders() == []
