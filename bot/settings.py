"""Settings from the environment and `.env`, read once by the CLI and passed down."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Final

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from core.errors import ConfigError
from core.quotas import Quotas
from core.recurrence.zones import resolve_zone

BUTTON_KEY_FILE: Final = "button.key"


def _env(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Settings(BaseSettings):
    """Every outside URL, token and tunable of Nudge. Unset platform tokens disable a platform."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    data_dir: Annotated[Path, Field(validation_alias=_env("NUDGE_DATA_DIR"))] = (
        Path.home() / ".nudge"
    )
    database_url: Annotated[str | None, Field(validation_alias=_env("DATABASE_URL"))] = None
    redis_url: Annotated[str | None, Field(validation_alias=_env("REDIS_URL"))] = None
    default_timezone: Annotated[str, Field(validation_alias=_env("NUDGE_TIMEZONE"))] = "UTC"
    log_level: Annotated[str, Field(validation_alias=_env("NUDGE_LOG_LEVEL"))] = "INFO"
    log_file: Annotated[Path | None, Field(validation_alias=_env("NUDGE_LOG_FILE"))] = None
    grace_minutes: Annotated[int, Field(ge=0, validation_alias=_env("NUDGE_GRACE_MINUTES"))] = 10
    late_limit_hours: Annotated[
        float, Field(gt=0, validation_alias=_env("NUDGE_LATE_LIMIT_HOURS"))
    ] = 12
    horizon_minutes: Annotated[
        int, Field(ge=1, validation_alias=_env("NUDGE_HORIZON_MINUTES"))
    ] = 15

    max_active_per_person: Annotated[
        int, Field(ge=1, validation_alias=_env("NUDGE_MAX_ACTIVE_PER_PERSON"))
    ] = 200
    max_active_per_channel: Annotated[
        int, Field(ge=1, validation_alias=_env("NUDGE_MAX_ACTIVE_PER_CHANNEL"))
    ] = 100
    commands_per_minute: Annotated[
        int, Field(ge=0, validation_alias=_env("NUDGE_COMMANDS_PER_MINUTE"))
    ] = 30  # 0: not counted
    channel_min_interval_minutes: Annotated[
        int, Field(ge=0, validation_alias=_env("NUDGE_CHANNEL_MIN_INTERVAL_MINUTES"))
    ] = 15
    button_key: Annotated[
        SecretStr | None, Field(validation_alias=_env("NUDGE_BUTTON_KEY"))
    ] = None

    # Workers yield the CPU to the web process (Slack's acks, Telegram's updates) when both
    # want it: 10 = about a tenth of a core's share against a process at 0, all of an idle one.
    worker_nice: Annotated[int, Field(ge=0, le=19, validation_alias=_env("NUDGE_WORKER_NICE"))] = 10

    web_host: Annotated[str, Field(validation_alias=_env("NUDGE_WEB_HOST"))] = "127.0.0.1"
    web_port: Annotated[int, Field(ge=0, le=65535, validation_alias=_env("PORT"))] = 3000

    slack_bot_token: Annotated[
        SecretStr | None, Field(validation_alias=_env("SLACK_BOT_TOKEN"))
    ] = None
    slack_signing_secret: Annotated[
        SecretStr | None, Field(validation_alias=_env("SLACK_SIGNING_SECRET"))
    ] = None
    slack_app_token: Annotated[
        SecretStr | None, Field(validation_alias=_env("SLACK_APP_TOKEN"))
    ] = None
    slack_api_url: Annotated[str, Field(validation_alias=_env("SLACK_API_URL"))] = (
        "https://slack.com/api/"
    )
    slack_command: Annotated[str, Field(validation_alias=_env("SLACK_COMMAND"))] = "/nudge"
    slack_client_id: Annotated[str | None, Field(validation_alias=_env("SLACK_CLIENT_ID"))] = None
    slack_client_secret: Annotated[
        SecretStr | None, Field(validation_alias=_env("SLACK_CLIENT_SECRET"))
    ] = None
    slack_redirect_uri: Annotated[
        str | None, Field(validation_alias=_env("SLACK_REDIRECT_URI"))
    ] = None
    encryption_keys: Annotated[
        SecretStr | None, Field(validation_alias=_env("NUDGE_ENCRYPTION_KEYS"))
    ] = None

    telegram_bot_token: Annotated[
        SecretStr | None, Field(validation_alias=_env("TELEGRAM_BOT_TOKEN"))
    ] = None
    telegram_api_url: Annotated[str, Field(validation_alias=_env("TELEGRAM_API_URL"))] = (
        "https://api.telegram.org/bot"
    )
    telegram_webhook_url: Annotated[
        str | None, Field(validation_alias=_env("TELEGRAM_WEBHOOK_URL"))
    ] = None
    telegram_webhook_secret: Annotated[
        SecretStr | None, Field(validation_alias=_env("TELEGRAM_WEBHOOK_SECRET"))
    ] = None
    telegram_file_url: Annotated[
        str | None, Field(validation_alias=_env("TELEGRAM_FILE_URL"))
    ] = None

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        zone = resolve_zone(value)
        if zone is None:
            raise ValueError(f"{value!r} is not a known time zone (try Europe/Berlin or UTC)")
        return zone

    @field_validator("button_key")
    @classmethod
    def _long_key(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 32:
            raise ValueError("needs at least 32 characters (try: openssl rand -hex 32)")
        return value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str | None) -> str | None:
        if value and not value.startswith(("sqlite", "postgresql", "postgres")):
            raise ValueError(f"{value!r} is neither a sqlite:// nor a postgresql:// URL")
        return value

    @field_validator("redis_url")
    @classmethod
    def _known_redis(cls, value: str | None) -> str | None:
        if value and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError(f"{value!r} is not a redis://, rediss:// or unix:// URL")
        return value or None

    @property
    def sqlalchemy_url(self) -> str:
        """DATABASE_URL, else a SQLite file in the data directory."""
        return self.database_url or f"sqlite+aiosqlite:///{self.data_dir / 'nudge.db'}"

    @property
    def console_zone(self) -> str | None:
        """NUDGE_TIMEZONE when set; otherwise the console uses the machine's zone."""
        return self.default_timezone if "default_timezone" in self.model_fields_set else None

    @property
    def quotas(self) -> Quotas:
        return Quotas(
            active_per_person=self.max_active_per_person,
            active_per_channel=self.max_active_per_channel,
            commands_per_minute=self.commands_per_minute,
            channel_min_interval=timedelta(minutes=self.channel_min_interval_minutes),
        )

    @property
    def has_chat_platform(self) -> bool:
        slack = self.slack_bot_token or self.slack_app_token or self.slack_client_id
        return bool(slack or self.telegram_bot_token)


def load_button_key(settings: Settings) -> bytes:
    """NUDGE_BUTTON_KEY, else a key kept in the data directory (made on first use).

    Every process that answers a button must hold the key that sealed it: processes sharing
    a data directory share the file; processes on several machines need NUDGE_BUTTON_KEY.
    """
    if settings.button_key is not None:
        return settings.button_key.get_secret_value().encode()
    path = settings.data_dir / BUTTON_KEY_FILE
    if not path.exists():
        _write_new_key(path)
    key = path.read_text().strip()
    if len(key) < 32:
        raise ConfigError(f"{path} holds no button key; delete it to make a new one")
    return key.encode()


def _write_new_key(path: Path) -> None:
    # Written aside, then linked into place: a second process starting at the same moment
    # either links first or finds the whole file, never a half-written one.
    path.parent.mkdir(parents=True, exist_ok=True)
    spare = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(spare, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as file:
        file.write(secrets.token_hex(32))
    try:
        os.link(spare, path)
    except FileExistsError:
        pass
    finally:
        spare.unlink()


_ENV_NAMES = {
    name: str(field.validation_alias.choices[0])  # type: ignore[union-attr]
    for name, field in Settings.model_fields.items()
}


def load_settings(**overrides: object) -> Settings:
    """Read settings; a wrong one raises ConfigError naming the variable, in one line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        error = exc.errors()[0]
        field = str(error["loc"][0]) if error["loc"] else "?"
        name = _ENV_NAMES.get(field, field.upper())
        message = str(error["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"{name}: {message}") from exc
