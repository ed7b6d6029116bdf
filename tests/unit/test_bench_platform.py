"""The benchmarks' fake platform takes the production senders' real requests, after its
latency; the figures' helpers read what those senders made of a reminder."""

from __future__ import annotations

import time

import pytest
from pydantic import SecretStr

from bench.common import TOKEN, FakeChatApi, serve
from bench.limits import allowed_rate, long_run_rate
from bench.production import index_of
from bot.main import default_senders
from bot.settings import Settings
from bot.slack.clients import slack_clients
from core.ids import ChatRef, Platform, Tenant
from core.replies import Reply

LATENCY = 0.05


@pytest.mark.parametrize("platform", [Platform.SLACK, Platform.TELEGRAM])
async def test_the_real_senders_post_to_the_fake_which_answers_after_its_latency(
        platform: Platform, tmp_path: object) -> None:
    api = FakeChatApi(latency=LATENCY)
    with serve(api) as url:
        settings = Settings(data_dir=tmp_path, slack_bot_token=SecretStr("xoxb-bench"),
                            slack_api_url=f"{url}/api/", telegram_bot_token=SecretStr(TOKEN),
                            telegram_api_url=f"{url}/bot")
        slack = slack_clients(settings)
        sender = default_senders(settings, slack=slack)[platform]
        chat = ChatRef(Tenant(platform, "T0BENCH"), "C1001" if platform is Platform.SLACK
                       else "1001")
        started = time.perf_counter()
        sent = await sender.send(chat, Reply("⏰ task 17", key="deliver:1:1"))
        took = time.perf_counter() - started
        await slack.aclose()
        if platform is Platform.TELEGRAM:
            await sender.aclose()  # type: ignore[attr-defined]

    assert sent.chat_id == chat.chat_id
    assert took >= LATENCY
    [(chat_id, text, _)] = api.arrivals
    assert (chat_id, index_of(text)) == (chat.chat_id, 17)


def test_a_text_without_a_reminder_number_is_refused() -> None:
    with pytest.raises(ValueError, match="no reminder number"):
        index_of("hello")


def test_twenty_groups_allow_twenty_a_minute_each_in_the_long_run() -> None:
    assert long_run_rate(20) == pytest.approx(20 * 20 / 60)
    assert long_run_rate(200) == 30.0  # the bot's 30/s binds first


def test_the_allowed_rate_is_the_fastest_schedule_the_fake_accepts() -> None:
    # 50 per group: 0..19 s (1/s per chat), 60..79 s, 120..129 s
    assert allowed_rate(1000, 20) == pytest.approx(999 / 129, rel=1e-4)
    # 10 per group: only the chats' 1/s binds
    assert allowed_rate(200, 20) == pytest.approx(199 / 9, rel=1e-4)
