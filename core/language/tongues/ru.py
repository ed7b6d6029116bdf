"""stub"""

from __future__ import annotations

from core.language.tongues import Tongue

RU = Tongue("ru", "ru").seal()
