"""stub"""

from __future__ import annotations

from core.language.tongues import Tongue

DE = Tongue("de", "de").seal()
