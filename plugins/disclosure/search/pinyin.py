"""Titles in pinyin without tones, so that `lvshi` / `lüshi` and the initials `lszy` find 律师执业.

Keys of the pinyin index: one to three consecutive syllables joined by an apostrophe
("lv'shi"), and two or three consecutive initials after a hash ("#lszy" is looked up as
"#lsz" and "#szy"). ü is written v, as pypinyin and most input methods do.
"""

from __future__ import annotations

from pypinyin import lazy_pinyin

SYLLABLES_PER_KEY = 3


def syllables(title: str) -> list[str]:
    """One syllable per character of `title`; "" for a character without a reading (digits, letters, marks)."""
    return lazy_pinyin(title, errors=lambda chars: [""] * len(chars))


def runs(readings: list[str]) -> list[list[str]]:
    """The unbroken stretches of syllables."""
    stretches, current = [], []
    for syllable in readings:
        if syllable:
            current.append(syllable)
        elif current:
            stretches.append(current)
            current = []
    return stretches + [current] if current else stretches


def keys(readings: list[str]) -> set[str]:
    found = set()
    for run in runs(readings):
        initials = "".join(s[0] for s in run)
        for n in range(1, SYLLABLES_PER_KEY + 1):
            for i in range(len(run) - n + 1):
                found.add("'".join(run[i : i + n]))
                if n > 1:
                    found.add("#" + initials[i : i + n])
    return found
