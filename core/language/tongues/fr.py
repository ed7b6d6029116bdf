"""stub"""

from __future__ import annotations

from core.language.tongues import Tongue

FR = Tongue("fr", "fr").seal()
