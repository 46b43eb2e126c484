"""One folding for indexed text and queries alike, so that they meet: full-width → half-width,
ASCII case, traditional → simplified. Every character folds to exactly one character, so
offsets in folded text are offsets in the original (the browser relies on that for excerpts).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

# A searchable character is a letter or a digit of any script; the browser uses [\p{L}\p{N}].
WORD_RUN = re.compile(r"[^\W_]+")
# Where the traditional-character bitmap shipped to the browser starts and ends (CJK Ext. A and Unified).
BITMAP_START, BITMAP_END = 0x3400, 0xA000


@cache
def traditional_to_simplified() -> dict[str, str]:
    """Single traditional characters and their simplified form (OpenCC TSCharacters, first reading)."""
    table = resources.files("opencc").joinpath("dictionary", "TSCharacters.txt").read_text(encoding="utf-8")
    pairs = {}
    for line in table.splitlines():
        traditional, _, simplified = line.partition("\t")
        simplified = simplified.split(" ")[0]
        if len(traditional) == 1 and len(simplified) == 1 and traditional != simplified:
            pairs[traditional] = simplified
    return pairs


@cache
def _table() -> dict[int, int]:
    table = {ord(t): ord(s) for t, s in traditional_to_simplified().items()}
    table.update({code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)})  # ！…～ → !…~
    table[0x3000] = 0x20  # ideographic space
    for code, target in list(table.items()):
        if 0x41 <= target <= 0x5A:
            table[code] = target + 32  # Ａ → a
    table.update({code: code + 32 for code in range(0x41, 0x5B)})
    return table


def fold(text: str) -> str:
    return text.translate(_table())


def terms(query: str) -> list[str]:
    """The runs of letters and digits of a folded query, each searched as a substring, all required."""
    return list(dict.fromkeys(WORD_RUN.findall(fold(query))))
