"""StreamField blocks. Add ``("roulette", RouletteBlock())`` to any page's StreamField."""

from .roulette import RouletteBlock

__all__ = ["RouletteBlock"]
