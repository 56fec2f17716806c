"""Organisation names proposed by a tagger: how spans become organisations (pure), natasha on Russian, and a
transformers token-classification model built offline (plumbing only: its weights are random)."""

from __future__ import annotations

import importlib.util

import pytest

from dealtracker.extract.assemble import extract_deals
from dealtracker.extract.organisations import find_unknown_organisations
from dealtracker.extract.tagged_names import proposed_organisations
from dealtracker.gazetteer import find_entities
from dealtracker.models import ner
from dealtracker.schema import Article
from dealtracker.text import NormalisedText


@pytest.fixture(autouse=True)
def fresh_taggers(monkeypatch):
    for name in (ner.NER_ENV, ner.NER_MODEL_ENV):
        monkeypatch.delenv(name, raising=False)
    ner._natasha.cache_clear()
    ner._transformers.cache_clear()


def _spans_of(text: str, *names: str):
    """A fake tagger that marks the given names (written as in the article) in the normalised text."""
    found = [NormalisedText.of(n).text for n in names]
    return lambda _: [(text.index(n), text.index(n) + len(n)) for n in found]


def _propose(text: str, *names: str):
    norm = NormalisedText.of(text).text
    known = find_entities(norm)
    return proposed_organisations(norm, _spans_of(norm, *names)(norm), known, find_unknown_organisations(norm, known))


def test_descriptors_and_country_words_are_cut_and_the_country_is_kept():
    # (a name the rules' forms and slots do not find: lowercase descriptors, not opening the sentence)
    (org,) = _propose("Электростанцию построит индийский концерн Ранвир.", "индийский концерн Ранвир")
    assert (org.payload.name, org.payload.country) == ("Ранвир", "IND")


def test_known_names_places_half_quotes_and_lowercase_are_not_proposed():
    text = "Азиатский банк развития и ОАО «Электрические станции» подписали соглашение в Бишкеке; обсуждали и рынок."
    assert _propose(text, "Азиатский банк развития", "ОАО «Электрические", "Бишкеке", "рынок") == []


def test_without_a_tagger_the_rules_decide_alone():
    # A Cyrillic name in no slot the rules read (not after a company word, not opening the sentence): the rules'
    # forms do not find it (a Latin one after «группа» they do)
    article = Article(source="x", text="Электростанцию в Казахстане за 900 млн долларов построит индийская Ранвир.", language="ru")
    (rules,) = extract_deals(article)
    (tagged,) = extract_deals(article, _spans_of(NormalisedText.of(article.text).text, "индийская Ранвир"))
    assert (rules.counterparty, rules.counterparty_country) == ("India", "IND")
    assert (tagged.counterparty, tagged.counterparty_country) == ("Ранвир", "IND")
    assert rules.deal_id == tagged.deal_id  # a valued deal keeps its id whoever names the counterparty


def test_tagging_is_off_unless_asked_and_the_status_says_so(monkeypatch):
    assert ner.organisation_tagger("ru") is None
    assert "off" in ner.ner_status()
    monkeypatch.setenv(ner.NER_ENV, "1")
    monkeypatch.setenv(ner.NER_MODEL_ENV, "/no/such/folder")
    assert ner.organisation_tagger("en") is None  # a missing model: rules only, no exception


@pytest.mark.skipif(importlib.util.find_spec("natasha") is None, reason="natasha is not installed")
def test_natasha_names_a_russian_company_the_rules_only_knew_by_its_country(monkeypatch):
    monkeypatch.setenv(ner.NER_ENV, "1")
    tagger = ner.organisation_tagger("ru")
    assert tagger is not None and ner.organisation_tagger("en") is None  # natasha serves Russian only
    article = Article(source="x", text="Индийская группа Ranvir построит в Казахстане угольную электростанцию за 900 млн долларов.",
                      language="ru")
    (deal,) = extract_deals(article, tagger)
    assert (deal.counterparty, deal.counterparty_country, deal.amount) == ("Ranvir", "IND", 9e8)
    assert "natasha" in ner.ner_status()


@pytest.fixture(scope="module")
def tiny_ner_model(tmp_path_factory):
    """A 2-layer token-classification BERT with random weights (O, B-ORG, I-ORG) and a WordPiece tokenizer
    trained on a few sentences: enough to run transformers' pipeline offline."""
    pytest.importorskip("torch")
    import torch
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, trainers
    from transformers import BertConfig, BertForTokenClassification, PreTrainedTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-ner")
    tokenizer = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=False)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    sentences = ["Acme Holding signed a loan with Kazakhstan.", "Uzbekistan and Boeing signed a deal.",
                 "Казахстан подписал контракт с компанией.", "وقعت أوزبكستان اتفاقية مع شركة."] * 5
    tokenizer.train_from_iterator(sentences, trainers.WordPieceTrainer(
        vocab_size=300, special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]))
    fast = PreTrainedTokenizerFast(tokenizer_object=tokenizer, unk_token="[UNK]", pad_token="[PAD]",
                                   cls_token="[CLS]", sep_token="[SEP]", mask_token="[MASK]", model_max_length=64)
    fast.save_pretrained(folder)
    torch.manual_seed(3)
    config = BertConfig(vocab_size=fast.vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=64, num_labels=3,
                        id2label={0: "O", 1: "B-ORG", 2: "I-ORG"}, label2id={"O": 0, "B-ORG": 1, "I-ORG": 2})
    BertForTokenClassification(config).save_pretrained(folder)
    return folder


def test_a_token_classification_model_from_a_folder_proposes_spans_inside_the_text(monkeypatch, tiny_ner_model):
    monkeypatch.setenv(ner.NER_ENV, "1")
    monkeypatch.setenv(ner.NER_MODEL_ENV, str(tiny_ner_model))
    tagger = ner.organisation_tagger("en")
    assert tagger is not None and ner.organisation_tagger("ar") is tagger  # one model serves every language
    text = "Acme Holding signed a loan with Kazakhstan and Boeing signed a deal."
    spans = tagger(text)
    assert all(0 <= start < end <= len(text) for start, end in spans)
    extract_deals(Article(source="x", text="Acme Holding signed a $5 million loan with Kazakhstan.", language="en"), tagger)
    assert str(tiny_ner_model) in ner.ner_status()
