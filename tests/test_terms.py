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


def test_threads_sharing_a_matcher_find_what_one_thread_finds(monkeypatch):
    """The memo is shared and restarted whenever the word register is (when full); a call in another thread must
    never miss a term."""
    import threading

    from dealtracker import word_tokens

    entries = [("Asian Development Bank", "adb"), ("bank", "bank"), ("Боинг*", "boeing"), ("الصين", "china")]
    texts = [
        NormalisedText.of(f"word{i} the Asian Development Bank and a bank, с Боингом {i} وللصين x{i}").text
        for i in range(200)
    ]
    expected = [[(m.start, m.end, m.payload) for m in TermMatcher(entries).finditer(t)] for t in texts]
    assert [p for _, _, p in expected[0]] == ["adb", "bank", "boeing", "china"]

    shared = TermMatcher(entries)
    monkeypatch.setattr(word_tokens, "REGISTER_LIMIT", 5)  # restart the register, and every memo, again and again
    results: dict[int, list] = {}

    def run(k: int) -> None:
        results[k] = [[(m.start, m.end, m.payload) for m in shared.finditer(t)] for t in texts]

    threads = [threading.Thread(target=run, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4 and all(found == expected for found in results.values())


def test_case_sensitive_terms_are_decided_by_the_word_as_written():
    m = TermMatcher([("IT park*", "park"), ("IT", "it"), ("US", "usa"), ("us-based", "based"), ("Meta", "meta")])
    text = "it parks, IT parks; It Park, IT; us, US, US-based, us-based; Meta, META, meta. IT"
    found = [(text[x.start:x.end], x.payload) for x in m.findall(text)]
    assert found == [
        ("IT parks", "park"), ("IT", "it"), ("US", "usa"), ("US-based", "based"), ("us-based", "based"),
        ("Meta", "meta"), ("IT", "it"),
    ]
    # the same words, asked for again once the memo knows them, give the same answer
    assert [(text[x.start:x.end], x.payload) for x in m.findall(text)] == found
