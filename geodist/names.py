"""Normalisation of place names for lookup.

One function, :func:`normalise_name`, turns what a person types ("Côte d'Ivoire",
"COTE D IVOIRE", "St. Lucia") into the key the name index is built on. The bundled
name index in ``boundaries/names.json`` is written with this same function, so the
two can never disagree; a test checks that every stored key is a fixed point.
"""

from __future__ import annotations

import unicodedata

__all__ = ["normalise_name"]

# Combining marks are dropped where people routinely leave them out: accents on
# Latin letters (below U+0250) and Greek letters (tonos, dialytika), Arabic
# harakat (fatha, kasra, damma, shadda, sukun, tanwin, superscript alef, Quranic
# marks) and Hebrew points (niqqud, cantillation). Elsewhere they carry meaning
# (Devanagari vowel signs, the Cyrillic breve of "й", Japanese voicing marks) and stay.
_LATIN_END = 0x0250
_GREEK = ((0x0370, 0x0400), (0x1F00, 0x2000))
_OMITTED_MARKS = ((0x0591, 0x05C8), (0x0610, 0x061B), (0x064B, 0x0660), (0x0670, 0x0671), (0x06D6, 0x06EE))
_TATWEEL = "\u0640"  # Arabic kashida: stretches a word, never changes it

# Whole-word rewrites applied after punctuation is removed, so that common
# abbreviations and their spelled-out forms meet on one key.
_WORD_REWRITES = {
    "st": "saint",
    "ste": "sainte",
    "is": "islands",
    "isl": "islands",
    "rep": "republic",
    "dem": "democratic",
    "fed": "federated",
}


def normalise_name(text: str) -> str:
    """Return the lookup key of a place name.

    Accents on Latin and Greek letters are removed (Unicode NFKD, combining
    marks dropped), so are Arabic harakat and tatweel and Hebrew points, which
    people usually leave out; case is folded, ``&`` reads as "and", every run of characters
    that are not letters, marks or digits (in any script) becomes one space, a
    leading "the" is dropped and a few abbreviations are spelled out ("St." -> "saint", "Is." -> "islands", "Rep." -> "republic").

    Parameters
    ----------
    text : str
        A country name, code or alias in any script. Letters of other scripts
        (Cyrillic, Arabic, Devanagari, CJK) are kept, case-folded.

    Returns
    -------
    str
        The normalised key; empty when ``text`` holds no letters or digits.

    Examples
    --------
    >>> normalise_name("Côte d'Ivoire")
    'cote d ivoire'
    >>> normalise_name("St. Kitts & Nevis")
    'saint kitts and nevis'
    >>> normalise_name("  The Gambia ")
    'gambia'
    >>> normalise_name("الصِّين") == normalise_name("الصين")
    True
    """
    decomposed = unicodedata.normalize("NFKD", text.replace("&", " and ").replace(_TATWEEL, ""))
    kept: list[str] = []
    for ch in decomposed:
        if unicodedata.combining(ch) and (_omitted_mark(ch) or (kept and _accented_script(kept[-1]))):
            continue  # "é" -> "e", "ί" -> "ι", "الصّين" -> "الصين"
        category = unicodedata.category(ch)
        kept.append(ch if category[0] in "LMN" else " ")
    folded = unicodedata.normalize("NFC", "".join(kept)).casefold()
    words = [_WORD_REWRITES.get(tok, tok) for tok in folded.split()]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _accented_script(base: str) -> bool:
    """Whether marks on this base letter are accents people omit (Latin, Greek)."""
    code = ord(base)
    return code < _LATIN_END or any(lo <= code < hi for lo, hi in _GREEK)


def _omitted_mark(mark: str) -> bool:
    """Whether a combining mark is an Arabic haraka or a Hebrew point."""
    code = ord(mark)
    return any(lo <= code < hi for lo, hi in _OMITTED_MARKS)
