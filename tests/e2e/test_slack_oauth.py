"""Slack e2e: installing through OAuth into many workspaces; tokens encrypted at rest."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import httpx
import pytest
from bot.slack.installations import EncryptedInstallationStore, rotate_tokens
from pydantic import SecretStr
from sqlalchemy import create_engine, text
from starlette.applications import Starlette

from bot.main import Nudge, build
from bot.settings import Settings
from bot.slack.oauth import installation_store
from bot.slack.runner import slack_routes
from bot.web import build_web_app
from core.errors import ConfigError
from integrations.crypto import TokenCipher
from tests.servers import slack_harness
from tests.servers import slack_signing as signing
from tests.servers.slack_api import TEAM_ID, FakeSlackApi
from tests.servers.slack_harness import SlackHarness, start_clock

# slack_sdk's AsyncWebClient sends oauth.v2.access credentials with aiohttp.BasicAuth,
# which aiohttp 3.14 deprecates; that is slack_sdk's to change, not ours.
# Fixtures shared by the Slack e2e modules (pytest finds them as module attributes).
fake_slack = slack_harness.fake_slack
slack_server = slack_harness.slack_server


pytestmark = pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")

INSTALLED_TOKEN = "xoxb-installed-through-oauth"
OLD_KEY, NEW_KEY = TokenCipher.generate_key(), TokenCipher.generate_key()


def _settings(tmp_path: Path, sqlite_url: str, redis_url: str, api: FakeSlackApi,
              keys: str = OLD_KEY) -> Settings:
    return Settings(data_dir=tmp_path, database_url=sqlite_url, redis_url=redis_url,
                    slack_client_id="111.222", slack_client_secret=SecretStr("shh"),
                    slack_signing_secret=SecretStr(signing.SIGNING_SECRET),
                    encryption_keys=SecretStr(keys),
                    slack_api_url=f"{api.base_url}/api/")


def _cipher(settings: Settings) -> TokenCipher:
    assert settings.encryption_keys is not None
    return TokenCipher.from_setting(settings.encryption_keys.get_secret_value())


def _store(settings: Settings) -> EncryptedInstallationStore:
    return installation_store(settings, _cipher(settings))


def _web(nudge: Nudge) -> Starlette:
    return build_web_app(slack_routes(nudge, cipher=_cipher(nudge.settings)))


async def _install(settings: Settings, redis_url: str, api: FakeSlackApi) -> None:
    api.installed_tokens["code-1"] = INSTALLED_TOKEN
    nudge = build(settings, redis_url=redis_url, clock=start_clock())
    transport = httpx.ASGITransport(app=_web(nudge))
    try:
        # https: Bolt's state cookie is Secure, and httpx sends it back only over https.
        async with httpx.AsyncClient(transport=transport, base_url="https://nudge.test") as web:
            page = await web.get("/slack/install")
            found = re.search(r"state=([\w-]+)", page.text)
            assert found is not None
            state = found.group(1)
            done = await web.get("/slack/oauth_redirect", params={"code": "code-1",
                                                                  "state": state})
        assert page.status_code == 200
        assert done.status_code == 200
    finally:
        await nudge.aclose()


def _stored_tokens(sqlite_url: str) -> list[str]:
    engine = create_engine(sqlite_url.replace("+aiosqlite", ""))
    with engine.connect() as connection:
        rows = connection.execute(text("select bot_token from slack_bots")).all()
    engine.dispose()
    return [row[0] for row in rows]


def test_an_install_stores_the_token_encrypted_and_serves_the_workspace(
    tmp_path: Path, sqlite_url: str, redis_url: str, fake_slack: FakeSlackApi
) -> None:
    settings = _settings(tmp_path, sqlite_url, redis_url, fake_slack)

    asyncio.run(_install(settings, redis_url, fake_slack))

    [stored] = _stored_tokens(sqlite_url)
    bot = asyncio.run(_store(settings).async_find_bot(enterprise_id=None, team_id=TEAM_ID))
    assert INSTALLED_TOKEN not in stored
    assert bot is not None
    assert bot.bot_token == INSTALLED_TOKEN
    assert [c.params["code"] for c in fake_slack.calls_to("oauth.v2.access")] == ["code-1"]

    slack = SlackHarness(settings, fake_slack, start_clock())
    try:
        slack.dm("help", event_id="Ev0OAUTH01")
        slack.work()  # the worker finds the workspace's token in the store too
    finally:
        slack.close()
    [post] = fake_slack.calls_to("chat.postMessage")
    assert post.token == INSTALLED_TOKEN


async def test_a_state_that_was_not_issued_is_refused(
    tmp_path: Path, sqlite_url: str, redis_url: str, fake_slack: FakeSlackApi
) -> None:
    fake_slack.installed_tokens["code-1"] = INSTALLED_TOKEN
    nudge = build(_settings(tmp_path, sqlite_url, redis_url, fake_slack), redis_url=redis_url)
    transport = httpx.ASGITransport(app=_web(nudge))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="https://nudge.test") as web:
            done = await web.get("/slack/oauth_redirect", params={"code": "code-1",
                                                                  "state": "forged"})
    finally:
        await nudge.aclose()

    assert done.status_code == 400
    assert fake_slack.calls_to("oauth.v2.access") == []
    assert _stored_tokens(sqlite_url) == []


async def test_keys_rotate_without_losing_tokens(
    tmp_path: Path, sqlite_url: str, redis_url: str, fake_slack: FakeSlackApi
) -> None:

    await _install(_settings(tmp_path, sqlite_url, redis_url, fake_slack), redis_url, fake_slack)
    both = _settings(tmp_path, sqlite_url, redis_url, fake_slack, keys=f"{NEW_KEY},{OLD_KEY}")

    rotated = await rotate_tokens(_store(both))

    only_new = _store(_settings(tmp_path, sqlite_url, redis_url, fake_slack,
                                            keys=NEW_KEY))
    only_old = _store(_settings(tmp_path, sqlite_url, redis_url, fake_slack))
    bot = await only_new.async_find_bot(enterprise_id=None, team_id=TEAM_ID)
    assert rotated == 2  # the bot row and the installation row
    assert bot is not None
    assert bot.bot_token == INSTALLED_TOKEN
    with pytest.raises(ConfigError, match="NUDGE_ENCRYPTION_KEYS"):
        await only_old.async_find_bot(enterprise_id=None, team_id=TEAM_ID)
