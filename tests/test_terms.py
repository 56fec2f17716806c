from dealtracker.terms import TermMatcher
from dealtracker.text import NormalisedText


def _found(matcher, text):
    norm = NormalisedText.of(text).text
    return [(norm[m.start:m.end], m.payload) for m in matcher.finditer(norm)]


def test_arabic_proclitics_and_article_forms():
    matcher = TermMatcher([("بوينغ", "boeing"), ("الصين", "china"), ("الأمريكي*", "usa")])
    found = _found(matcher, "وبوينغ وللصين والشركات الأمريكية")
    assert [p for _, p in found] == ["boeing", "china", "usa"]


def test_russian_stem_and_case_rules():
    matcher = TermMatcher([("Боинг*", "boeing"), ("Meta", "meta"), ("Того", "togo"), ("казахск*", "kaz")])
    assert [p for _, p in _found(matcher, "с Боингом и казахской стороной")] == ["boeing", "kaz"]
    assert _found(matcher, "the meta analysis, и того больше") == []
    assert [p for _, p in _found(matcher, "Meta and Того")] == ["meta", "togo"]


def test_longest_name_wins_and_words_are_whole():
    matcher = TermMatcher([("Samruk", "short"), ("Samruk-Kazyna", "long"), ("BP", "bp")])
    assert [p for _, p in _found(matcher, "Samruk-Kazyna and BPX")] == ["long"]
