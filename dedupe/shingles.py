"""Texts to word shingles, hashed to 64 bits: what dedupe stores and compares.

A clipping carries lines that are not the article (the outlet's banner, the URL,
the byline, the date, a word count): short lines and URLs are left out, so they
neither tie copies from one outlet together nor hide a copy behind its banner.
The hash of a shingle is stable across processes and machines (blake2b of each
word, combined with a polynomial), so signatures can be stored and compared later.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

__all__ = ["SHINGLE", "SIGNATURE_VERSION", "Signature", "signature", "words"]

#: words per shingle
SHINGLE = 5
#: changes whenever the same text would give other hashes: stored signatures are redone
SIGNATURE_VERSION = 1
#: lines with fewer words are banners, bylines, dates: not the article
MIN_LINE_WORDS = 5

_URL = re.compile(r"<?https?://\S+|\bwww\.\S+|\]\([^)]*\)")
_WORD = re.compile(r"\w+")
_MARKS = re.compile(r"[\u0300-\u036f]")
_PRIME = np.uint64(1099511628211)

Hashes = npt.NDArray[np.uint64]


def _fold(text: str) -> str:
    # lowercase, accents dropped, as common.text.fold; kept apart so the stored
    # signatures (SIGNATURE_VERSION) never change with it
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).lower()


def _lines(text: str) -> list[list[str]]:
    if "http" in text or "www." in text or "](" in text:
        text = _URL.sub(" ", text)
    if not unicodedata.is_normalized("NFC", text):
        # decomposed accents would split words; composed ones are folded per word
        text = unicodedata.normalize("NFC", text)
    return [_WORD.findall(line) for line in text.lower().splitlines()]


def words(text: str, min_line_words: int = MIN_LINE_WORDS) -> list[str]:
    """The lowercase words of ``text``, without URLs and without lines shorter than the minimum.

    When every line is short (a social post, a title) the whole text is kept.
    """
    lines = _lines(text)
    kept = [w for line in lines if len(line) >= min_line_words for w in line]
    return kept or [w for line in lines for w in line]


class _WordHashes(dict[str, int]):
    """Word -> stable 64-bit hash of its folded form, computed once per distinct word."""

    def __missing__(self, word: str) -> int:
        digest = hashlib.blake2b(_fold(word).encode(), digest_size=8).digest()
        value = self[word] = int.from_bytes(digest, "little")
        return value


_WORD_HASHES = _WordHashes()


@dataclass(frozen=True, eq=False)
class Signature:
    """The sorted, distinct 64-bit hashes of a text's shingles."""

    shingles: Hashes = field(repr=False)

    def __len__(self) -> int:
        return int(self.shingles.size)

    def to_bytes(self) -> bytes:
        """Compressed little-endian bytes, for the store."""
        return zlib.compress(self.shingles.astype("<u8").tobytes(), 6)

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        """The signature ``to_bytes`` wrote."""
        return cls(np.frombuffer(zlib.decompress(data), dtype="<u8").astype(np.uint64))


def signature(text: str, title: str = "") -> Signature:
    """Hash the shingles of an uscita's title and text.

    Args:
        text: the article text (a clipping may keep its banner lines: they are dropped).
        title: the headline; it counts as one more paragraph, since a copy that kept
            only the boilerplate often keeps the city in its title.

    Returns:
        The signature: distinct shingle hashes, sorted.
    """
    tokens = (words(title, 1) if title else []) + words(text)
    ids = np.fromiter(map(_WORD_HASHES.__getitem__, tokens), dtype=np.uint64, count=len(tokens))
    if ids.size < SHINGLE:
        # a text shorter than one shingle is one shingle of what it has
        hashes = ids[:0].copy()
        if ids.size:
            value = np.uint64(0)
            with np.errstate(over="ignore"):
                for word_id in ids:
                    value = value * _PRIME + word_id
            hashes = np.array([value], dtype=np.uint64)
        return Signature(hashes)
    count = ids.size - SHINGLE + 1
    hashes = np.zeros(count, dtype=np.uint64)
    for offset in range(SHINGLE):
        # uint64 arithmetic wraps: a polynomial hash modulo 2**64
        hashes = hashes * _PRIME + ids[offset : offset + count]
    hashes.sort()
    return Signature(hashes[np.r_[True, hashes[1:] != hashes[:-1]]])
