"""Token encryption at rest with key rotation: Fernet keys, newest first (NUDGE_ENCRYPTION_KEYS)."""

from __future__ import annotations

from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from core.errors import ConfigError

SETTING = "NUDGE_ENCRYPTION_KEYS"


class TokenCipher:
    """Encrypts with the newest key, decrypts with any; `rotate` re-encrypts with the newest.

    To rotate: put a new key first in NUDGE_ENCRYPTION_KEYS (keep the old ones after it),
    re-encrypt stored tokens, then drop the old keys.
    """

    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise ConfigError(f"{SETTING}: set at least one key (make one with "
                              "`python -c 'from cryptography.fernet import Fernet; "
                              "print(Fernet.generate_key().decode())'`)")
        try:
            self._fernet = MultiFernet([Fernet(key.encode()) for key in keys])
        except ValueError as exc:
            raise ConfigError(f"{SETTING}: each key must be 32 url-safe base64 bytes") from exc

    @classmethod
    def from_setting(cls, value: str) -> TokenCipher:
        """Keys from the comma-separated setting, newest first."""
        return cls([key.strip() for key in value.split(",") if key.strip()])

    @staticmethod
    def generate_key() -> str:
        return Fernet.generate_key().decode()

    def encrypt(self, plaintext: str) -> str:
        return self._fernet.encrypt(plaintext.encode()).decode()

    def decrypt(self, ciphertext: str) -> str:
        """Raises ConfigError when no configured key opens it (a key was dropped too soon)."""
        try:
            return self._fernet.decrypt(ciphertext.encode()).decode()
        except InvalidToken as exc:
            raise ConfigError(f"{SETTING}: no configured key decrypts a stored token") from exc

    def rotate(self, ciphertext: str) -> str:
        """The same secret, encrypted with the newest key."""
        try:
            return self._fernet.rotate(ciphertext.encode()).decode()
        except InvalidToken as exc:
            raise ConfigError(f"{SETTING}: no configured key decrypts a stored token") from exc
