"""Settings for quotas and the button key: read from the environment, refused when wrong."""

from __future__ import annotations

import stat
from datetime import timedelta

import pytest

from bot.settings import BUTTON_KEY_FILE, load_button_key, load_settings
from core.errors import ConfigError


def test_quotas_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NUDGE_MAX_ACTIVE_PER_PERSON", "5")
    monkeypatch.setenv("NUDGE_MAX_ACTIVE_PER_CHANNEL", "4")
    monkeypatch.setenv("NUDGE_COMMANDS_PER_MINUTE", "3")
    monkeypatch.setenv("NUDGE_CHANNEL_MIN_INTERVAL_MINUTES", "60")

    quotas = load_settings(_env_file=None).quotas

    assert (quotas.active_per_person, quotas.active_per_channel) == (5, 4)
    assert quotas.commands_per_minute == 3
    assert quotas.channel_min_interval == timedelta(hours=1)


def test_a_button_key_is_made_once_in_the_data_dir_and_kept(tmp_path) -> None:
    settings = load_settings(data_dir=tmp_path, _env_file=None)

    first, second = load_button_key(settings), load_button_key(settings)

    assert first == second
    assert len(first) == 64
    assert stat.S_IMODE((tmp_path / BUTTON_KEY_FILE).stat().st_mode) == 0o600


def test_a_set_button_key_wins_and_a_short_one_is_refused(
        tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = "k" * 40
    assert load_button_key(load_settings(data_dir=tmp_path, button_key=key)) == key.encode()
    assert not (tmp_path / BUTTON_KEY_FILE).exists()

    monkeypatch.setenv("NUDGE_BUTTON_KEY", "short")
    with pytest.raises(ConfigError, match="NUDGE_BUTTON_KEY: needs at least 32 characters"):
        load_settings(_env_file=None)
