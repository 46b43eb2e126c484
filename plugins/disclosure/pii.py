"""Personal numbers in text as a reader sees it: resident ID, mobile and bank-card numbers.

A pattern over the raw characters misses a number written with full-width or other Unicode
digits, character references (`&#49;`, `&#x31;`), zero-width characters, separators (spaces,
hyphens, dots) or inline markup (`<b>1</b>`, `**1**`) between its digits, although a reader sees
the number all the same. So the text is read as runs of digits joined by what a reader skips
(NFKC decides what a character reads as); block markup (a table cell, a paragraph) ends a run.
A number is a whole run or whole pieces of it, never the middle of a longer number.

One regular expression finds the runs with enough digits for a number; it is linear (its pieces
never match the same text) and only what it finds is decoded character by character.
Used by the checker on source files and by the output audit on every published file.
"""

from __future__ import annotations

import calendar
import html
import re
import unicodedata
from dataclasses import dataclass, replace

from disclosure.repeated import Memo, pieces

RESIDENT_ID, MOBILE, BANK_CARD = "resident-id", "mobile", "bank-card"
SHORTEST = 11  # digits of the shortest number looked for (a mobile number)

# Characters that read as one digit: Unicode decimal digits (full-width, Arabic-Indic, …) and
# those NFKC turns into one (superscripts, subscripts, circled digits).
_DIGITS = r"\d\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u24ea"
_DIGIT = rf"[{_DIGITS}]"
# A character reference may spell a digit (`&#49;`, `&sup1;`) or something a reader skips (`&nbsp;`).
_REFERENCE_NAME = r"(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?"
_REFERENCE = rf"&{_REFERENCE_NAME}"
_SKIPPED_CHARS = (
    r"\s\-.*_~`\\"  # spaces, hyphen, dot; Markdown emphasis, code and escapes
    r"\u00ad\u00b7\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u2010-\u2015\u2022\u2024\u2027"
    r"\u202a-\u202e\u2060-\u206f\u2212\u30fb\ufe00-\ufe0f\ufe58\ufe63\ufeff\uff0d\uff0e\uff65"
)
# Markup that does not separate text on the page; a block element (cell, paragraph, list item) does.
_BLOCK = (
    "address|article|aside|blockquote|body|caption|col|colgroup|dd|details|dialog|div|dl|dt|fieldset|figcaption|figure|"
    "footer|form|h[1-6]|head|header|hr|html|img|input|li|link|main|meta|nav|ol|option|p|pre|script|section|select|"
    "style|summary|svg|table|tbody|td|template|textarea|tfoot|th|thead|title|tr|ul"
)
_INLINE_TAG = rf"</?(?!(?:{_BLOCK})\b)[A-Za-z][^<>]*>"
# A comment is hidden however long it is: it is first overwritten with this character, one skipped
# piece however many there are. Unclosed, it hides the rest of the text, as in a browser.
_HIDDEN = "\ufdd0"
_COMMENT = re.compile(r"<!--(?:(?!-->).)*(?:-->|\Z)", re.DOTALL)
_SKIPPED = rf"(?:[{_SKIPPED_CHARS}]|{_INLINE_TAG}|{_HIDDEN}++)"
_DIGITISH = rf"(?:{_DIGIT}|{_REFERENCE})"
_CHECK_CHARACTER = r"[XxＸｘ]"
# _DIGITISH begun with one character class (a reference's name then required after "&"): the engine
# then skips to a character that may start a run instead of trying the pattern at every character.
_FIRST_DIGITISH = rf"[{_DIGITS}&](?:(?<=&){_REFERENCE_NAME}|(?<!&))"


def _run(digits: int) -> re.Pattern:
    """At least `digits` digit-like pieces joined by up to 16 skipped pieces each, then an ID's check character."""
    # Possessive: skipped pieces and digits never overlap, so there is one way to read a run, and
    # the engine keeps no state to go back on (greedy, a run of 500,000 pieces held some 250 MB).
    return re.compile(rf"{_FIRST_DIGITISH}(?:{_SKIPPED}{{0,16}}{_DIGITISH}){{{digits - 1},}}+(?:{_SKIPPED}{{0,16}}{_CHECK_CHARACTER})?", re.DOTALL)


_RUN = _run(SHORTEST)
_ID_RUN = _run(17)  # an ID's 17 digits before its check character: far fewer runs to read in a page
_PIECE = re.compile(rf"({_DIGIT})|({_REFERENCE})|({_CHECK_CHARACTER})|{_INLINE_TAG}|{_HIDDEN}+|.", re.DOTALL)
_SKIPPED_CHAR = re.compile(rf"[{_SKIPPED_CHARS}]")
_DIGIT_LIKE = re.compile(rf"{_DIGIT}|&")

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
# GB/T 2260: the first two digits of an address code name a province-level division.
_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83 91".split()
)
# Issuer prefixes of the cards used in China: UnionPay, Visa, Mastercard, American Express, JCB.
_CARD_PREFIX = re.compile(r"62|4|5[1-5]|2[2-7]|3[47]|35")


@dataclass(frozen=True)
class Number:
    kind: str  # RESIDENT_ID, MOBILE or BANK_CARD
    digits: str  # as a reader sees it: ASCII digits and an upper-case X
    start: int  # offset in the text of its first character

    def masked(self) -> str:
        """What a message may show: enough to find the number, not enough to use it."""
        if self.kind == RESIDENT_ID:
            return self.digits[:6] + "*" * 8 + self.digits[14:]
        if self.kind == MOBILE:
            return self.digits[:3] + "****" + self.digits[7:]
        return self.digits[:4] + "*" * (len(self.digits) - 8) + self.digits[-4:]


def is_resident_id(digits: str) -> bool:
    """GB 11643: a province's address code, a birth date, a sequence number and an ISO 7064 MOD 11-2 check character."""
    if len(digits) != 18 or not digits[:17].isdigit() or not digits[:17].isascii() or digits[:2] not in _PROVINCES:
        return False
    year, month, day = int(digits[6:10]), int(digits[10:12]), int(digits[12:14])
    if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits[:17], _ID_WEIGHTS))
    return "10X98765432"[total % 11] == digits[17].upper()


def is_mobile(digits: str) -> bool:
    return len(digits) == 11 and digits[0] == "1" and digits[1] in "3456789" and digits.isdigit()


def is_bank_card(digits: str) -> bool:
    """16 to 19 digits of a card issuer's prefix with a valid Luhn check digit."""
    if not 16 <= len(digits) <= 19 or not digits.isdigit() or not _CARD_PREFIX.match(digits):
        return False
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def may_hold_numbers(text: str) -> bool:
    """The cheap first look: a number needs at least SHORTEST digits (or references that may spell them).
    Text joined from many fields may be looked at at once: joining only adds digits."""
    found = 0
    for _ in _DIGIT_LIKE.finditer(text):
        found += 1
        if found >= SHORTEST:
            return True
    return False


def _reads_as(piece: str) -> str:
    """A digit, "X", " " (skipped) or "" (ends the number) — what one character or reference reads as."""
    char = html.unescape(piece) if piece.startswith("&") else piece
    folded = unicodedata.normalize("NFKC", char)
    if len(folded) == 1 and folded.isdecimal():
        return str(unicodedata.decimal(folded))
    if folded in ("X", "x"):
        return "X"
    if len(char) == 1 and _SKIPPED_CHAR.fullmatch(char):
        return " "
    return ""


def _groups(run: str, offset: int) -> list[list[tuple[str, int]]]:
    """The groups of a run: each a list of (digits as read, offset of the first) pieces; a reader sees a group as one stretch of digits."""
    groups: list[list[tuple[str, int]]] = [[]]
    piece_digits, piece_start = "", 0
    for match in _PIECE.finditer(run):
        digit, reference, check = match.groups()
        read = _reads_as(digit or reference or check) if (digit or reference or check) else (" " if len(match.group()) > 1 or _SKIPPED_CHAR.fullmatch(match.group()) else "")
        if read and read != " ":
            if not piece_digits:
                piece_start = offset + match.start()
            piece_digits += read
            continue
        if piece_digits:
            groups[-1].append((piece_digits, piece_start))
            piece_digits = ""
        if not read and groups[-1]:
            groups.append([])
    if piece_digits:
        groups[-1].append((piece_digits, piece_start))
    return [group for group in groups if group]


_KINDS = ((RESIDENT_ID, (18,), is_resident_id), (MOBILE, (11,), is_mobile), (BANK_CARD, range(16, 20), is_bank_card))
_ASCII_PIECE = re.compile(r"[0-9]+[Xx]?|[Xx]")
# Where in a group's digits a number of each kind may start: what its test requires of its first
# digits (a province, a birth year and month; a mobile prefix; a card issuer's). A long group (a
# table of figures, or a text built to be one) is tested only there, not at every piece.
_MAY_START = {
    RESIDENT_ID: re.compile(r"(?=(?:%s)[0-9]{4}(?:19|20|21)[0-9]{2}(?:0[1-9]|1[0-2]))" % "|".join(sorted(_PROVINCES))),
    MOBILE: re.compile(r"(?=1[3-9])"),
    BANK_CARD: re.compile(r"(?=%s)" % _CARD_PREFIX.pattern),
}


def _plain_groups(run: str, offset: int) -> list[list[tuple[str, int]]] | None:
    """_groups() of a run of ASCII digits and separators only (most are), at C speed; None for another run."""
    if not run.isascii() or "<" in run or "&" in run:
        return None
    return [[(piece.group().upper(), offset + piece.start()) for piece in _ASCII_PIECE.finditer(run)]]


def _numbers_in(pieces: list[tuple[str, int]], wanted) -> list[Number]:
    """Numbers made of whole pieces of one group: each starts where a piece starts and ends where one ends."""
    digits = "".join(piece for piece, _ in pieces)
    starts: dict[int, int] = {}  # digit position → offset in the text
    position = 0
    for piece, offset in pieces:
        starts[position] = offset
        position += len(piece)
    ends = set(starts) - {0} | {position}
    found = []  # (first digit, past the last, Number)
    for kind, lengths, test in wanted:
        for first in (match.start() for match in _MAY_START[kind].finditer(digits)):
            if first in starts:
                found.extend(
                    (first, first + length, Number(kind, digits[first:first + length], starts[first]))
                    for length in lengths if first + length in ends and test(digits[first:first + length])
                )
    taken = [(first, past) for first, past, number in found if number.kind == RESIDENT_ID]
    return [number for first, past, number in found if number.kind == RESIDENT_ID or not any(a < past and first < b for a, b in taken)]


def find_numbers(text: str, kinds: tuple[str, ...] = (RESIDENT_ID, MOBILE, BANK_CARD)) -> list[Number]:
    """Every number of `kinds` in `text`, in order; digits read as part of a resident ID are not read again as another number."""
    found: list[Number] = []
    wanted = [kind for kind in _KINDS if kind[0] in kinds]
    if "<!--" in text:
        text = _COMMENT.sub(lambda comment: _HIDDEN * len(comment.group()), text)
    for run in (_ID_RUN if kinds == (RESIDENT_ID,) else _RUN).finditer(text):
        groups = _plain_groups(run.group(), run.start())
        for pieces in _groups(run.group(), run.start()) if groups is None else groups:
            found.extend(sorted(_numbers_in(pieces, wanted), key=lambda number: number.start))
    return found


def resident_ids(text: str, memo: Memo | None = None) -> list[Number]:
    """Resident ID numbers in `text`; with a `memo` (resident_id_memo()) of the pieces of earlier
    texts (disclosure.repeated), those it has seen are not read again. A run never goes past the
    start of a block element (see _INLINE_TAG), so a piece cut there reads the same alone."""
    if memo is None:
        return find_numbers(text, (RESIDENT_ID,)) if may_hold_numbers(text) else []
    if "<!--" in text:  # hidden first: a comment may span a cut
        text = _COMMENT.sub(lambda comment: _HIDDEN * len(comment.group()), text)
    found = []
    offset = 0
    for piece in pieces(text):  # each but the first after a "<" left out, which no run holds
        numbers = memo(piece)
        if numbers:
            found += [replace(number, start=number.start + offset) for number in numbers]
        offset += len(piece) + 1
    return found


def resident_id_memo() -> Memo:
    return Memo(resident_ids)
