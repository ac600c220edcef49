"""Normalisation of place names for lookup.

One function, :func:`normalise_name`, turns what a person types ("Côte d'Ivoire",
"COTE D IVOIRE", "St. Lucia") into the key the name index is built on. The bundled
name index in ``boundaries/names.json`` is written with this same function, so the
two can never disagree; a test checks that every stored key is a fixed point.
"""

from __future__ import annotations

import unicodedata

__all__ = ["normalise_name"]

# Combining marks are dropped only after Latin letters (below U+0250), where they
# are accents; in other scripts (Devanagari vowel signs, say) they carry meaning.
_LATIN_END = 0x0250

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

    Accents on Latin letters are removed (Unicode NFKD, combining marks
    dropped), case is folded, ``&`` reads as "and", every run of characters
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
    """
    decomposed = unicodedata.normalize("NFKD", text.replace("&", " and "))
    kept: list[str] = []
    for ch in decomposed:
        if unicodedata.combining(ch) and kept and ord(kept[-1]) < _LATIN_END:
            continue  # an accent on a Latin letter: "é" -> "e"
        category = unicodedata.category(ch)
        kept.append(ch if category[0] in "LMN" else " ")
    folded = unicodedata.normalize("NFC", "".join(kept)).casefold()
    words = [_WORD_REWRITES.get(tok, tok) for tok in folded.split()]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)
