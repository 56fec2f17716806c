from dealtracker.text import NormalisedText, guess_language, split_clauses, split_sentences


def test_normalisation_maps_back_to_original_offsets():
    original = "وقّع الرئيس اتفاقًا بقيمة ٤٫٢ مليار دولار"
    norm = NormalisedText.of(original)
    assert "4.2" in norm.text
    assert "\u0651" not in norm.text  # shadda dropped for matching
    start = norm.text.index("4.2")
    o_start, o_end = norm.to_original(start, start + 3)
    assert original[o_start:o_end] == "٤٫٢"
    whole = norm.to_original(0, len(norm.text))
    assert original[whole[0]:whole[1]] == original


def test_sentences_keep_abbreviations_and_decimals_together():
    text = "The U.S. Export-Import Bank will lend $1.5 billion. Mr. Smith agreed. В 2024 г. подписано 4,2 млрд долл. Всё."
    sentences = [text[s.start:s.end] for s in split_sentences(text)]
    assert sentences[0] == "The U.S. Export-Import Bank will lend $1.5 billion."
    assert sentences[1] == "Mr. Smith agreed."
    assert sentences[2].startswith("В 2024 г. подписано 4,2 млрд")


def test_arabic_question_mark_and_newlines_end_sentences():
    text = "هل وقعت الاتفاقية؟ نعم\nسطر جديد"
    assert [text[s.start:s.end] for s in split_sentences(text)] == ["هل وقعت الاتفاقية؟", "نعم", "سطر جديد"]


def test_clauses_split_on_arabic_and_latin_commas_but_not_inside_numbers():
    text = "وفي المقابل، وقع الرئيس اتفاقا بقيمة 4,2 مليار; and then, more"
    sentence = split_sentences(text)[0]
    clauses = [text[c.start:c.end] for c in split_clauses(text, sentence)]
    assert clauses == ["وفي المقابل", "وقع الرئيس اتفاقا بقيمة 4,2 مليار", "and then", "more"]


def test_language_from_script():
    assert guess_language("Казахстан подписал соглашение") == "ru"
    assert guess_language("وقعت كازاخستان اتفاقية") == "ar"
    assert guess_language("Kazakhstan signed a deal") == "en"


def test_sentence_end_pattern_matches_as_the_plain_one():
    """``_SENTENCE_END`` is written for speed; it must find exactly what the plain pattern finds."""
    import random
    import re

    from dealtracker.text import _SENTENCE_END

    plain = re.compile(r"[.!?\u061f\u2026]+[\"')\]]*(?=\s)|\n+")
    alphabet = ["a", "U", ".", "!", "?", "\u061f", "\u2026", '"', "'", ")", "]", " ", "\n", "\t", "5", "\u00a0"]
    rng = random.Random(8)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert [m.span() for m in _SENTENCE_END.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_a_unit_abbreviation_before_a_capital_ends_the_sentence():
    """ "получит $1,153 млрд. Из этой суммы …" is two sentences; "5 млрд. долларов" is one."""
    text = "Республика получит $1,153 млрд. Из этой суммы $1,1 млрд пойдет на стройку. Цена 5 млрд. долларов США."
    assert [text[s.start:s.end] for s in split_sentences(text)] == [
        "Республика получит $1,153 млрд.",
        "Из этой суммы $1,1 млрд пойдет на стройку.",
        "Цена 5 млрд. долларов США.",
    ]
