"""stub"""

from __future__ import annotations

from core.language.tongues import Tongue

PT = Tongue("pt", "pt").seal()
