"""Slack e2e: installing through OAuth into many workspaces; tokens encrypted at rest and
re-encrypted by `nudge keys rotate`."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr
from slack_sdk.oauth.installation_store.models.bot import Bot
from sqlalchemy import text
from starlette.applications import Starlette

from bot.main import Nudge, build, slack_app
from bot.settings import Settings
from bot.slack.runner import slack_routes
from bot.web import build_web_app
from core.errors import ConfigError
from integrations.crypto import TokenCipher
from integrations.slack.installations import EncryptedInstallationStore
from integrations.sql.engine import create_engine
from tests.e2e.test_cli import nudge
from tests.servers import slack_harness
from tests.servers import slack_signing as signing
from tests.servers.slack_api import TEAM_ID, FakeSlackApi
from tests.servers.slack_harness import SlackHarness, start_clock

# Fixtures shared by the Slack e2e modules (pytest finds them as module attributes).
fake_slack = slack_harness.fake_slack
slack_server = slack_harness.slack_server

# slack_sdk's AsyncWebClient sends oauth.v2.access credentials with aiohttp.BasicAuth,
# which aiohttp 3.14 deprecates; that is slack_sdk's to change, not ours.
pytestmark = pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")

INSTALLED_TOKEN = "xoxb-installed-through-oauth"
OLD_KEY, NEW_KEY = TokenCipher.generate_key(), TokenCipher.generate_key()


def _settings(tmp_path: Path, database_url: str, redis_url: str, api: FakeSlackApi,
              keys: str = OLD_KEY) -> Settings:
    return Settings(data_dir=tmp_path, database_url=database_url, redis_url=redis_url,
                    slack_client_id="111.222", slack_client_secret=SecretStr("shh"),
                    slack_signing_secret=SecretStr(signing.SIGNING_SECRET),
                    encryption_keys=SecretStr(keys),
                    slack_api_url=f"{api.base_url}/api/")


def _web(nudge: Nudge) -> Starlette:
    return build_web_app(slack_routes(slack_app(nudge), nudge.settings))


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


async def _find_bot(database_url: str, keys: str) -> Bot | None:
    """The installed bot as a store holding only `keys` opens it."""
    engine = create_engine(database_url)
    try:
        store = EncryptedInstallationStore(engine, client_id="111.222",
                                           cipher=TokenCipher.from_setting(keys))
        return await store.async_find_bot(enterprise_id=None, team_id=TEAM_ID)
    finally:
        await engine.dispose()


async def _stored_tokens(database_url: str) -> list[str]:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            rows = (await connection.execute(text("select bot_token from slack_bots"))).all()
    finally:
        await engine.dispose()
    return [row[0] for row in rows]


def test_an_install_stores_the_token_encrypted_and_serves_the_workspace(
    tmp_path: Path, sqlite_url: str, redis_url: str, fake_slack: FakeSlackApi
) -> None:
    settings = _settings(tmp_path, sqlite_url, redis_url, fake_slack)

    asyncio.run(_install(settings, redis_url, fake_slack))

    [stored] = asyncio.run(_stored_tokens(sqlite_url))
    bot = asyncio.run(_find_bot(sqlite_url, OLD_KEY))
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
    assert await _stored_tokens(sqlite_url) == []


def _rotate(tmp_path: Path, database_url: str, keys: str):  # -> CompletedProcess
    return nudge("keys", "rotate", data_dir=tmp_path, DATABASE_URL=database_url,
                 NUDGE_ENCRYPTION_KEYS=keys)


def test_nudge_keys_rotate_re_encrypts_so_the_old_key_can_go(
    tmp_path: Path, db_url: str, redis_url: str, fake_slack: FakeSlackApi
) -> None:
    asyncio.run(_install(_settings(tmp_path, db_url, redis_url, fake_slack), redis_url,
                         fake_slack))
    [before] = asyncio.run(_stored_tokens(db_url))

    done = _rotate(tmp_path, db_url, f"{NEW_KEY},{OLD_KEY}")

    [after] = asyncio.run(_stored_tokens(db_url))
    bot = asyncio.run(_find_bot(db_url, NEW_KEY))  # the old key removed from the setting
    assert done.returncode == 0, done.stderr
    assert "re-encrypted 2 stored Slack token rows" in done.stdout  # bot and installation
    assert after != before
    assert bot is not None
    assert bot.bot_token == INSTALLED_TOKEN
    with pytest.raises(ConfigError, match="NUDGE_ENCRYPTION_KEYS"):
        asyncio.run(_find_bot(db_url, OLD_KEY))


def test_keys_rotate_without_the_old_key_changes_nothing(
    tmp_path: Path, sqlite_url: str, redis_url: str, fake_slack: FakeSlackApi
) -> None:
    asyncio.run(_install(_settings(tmp_path, sqlite_url, redis_url, fake_slack), redis_url,
                         fake_slack))
    [before] = asyncio.run(_stored_tokens(sqlite_url))

    done = _rotate(tmp_path, sqlite_url, NEW_KEY)
    unset = nudge("keys", "rotate", data_dir=tmp_path, DATABASE_URL=sqlite_url)

    assert done.returncode == 1
    assert "no configured key decrypts a stored token; nothing was changed" in done.stderr
    assert unset.returncode == 2
    assert "NUDGE_ENCRYPTION_KEYS is not set" in unset.stderr
    assert asyncio.run(_stored_tokens(sqlite_url)) == [before]
    bot = asyncio.run(_find_bot(sqlite_url, OLD_KEY))
    assert bot is not None
    assert bot.bot_token == INSTALLED_TOKEN
