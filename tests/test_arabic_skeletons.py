"""Arabic transliterations of one name differ in long vowels, hamza seats and q/k, gh/j: an unknown quoted name is
matched to the gazetteer's organisation by its consonant skeleton, and only when that skeleton is long and
points to one organisation."""

from dealtracker.extract.arabic_skeletons import MIN_SKELETON, known_by_skeleton, skeleton


def test_variant_spellings_find_the_known_organisation():
    assert known_by_skeleton("سمروك كازينا").name == "Samruk-Kazyna"  # long vowel left out
    assert known_by_skeleton("تركمانغاز").name == "Turkmengaz"  # two words written as one
    assert known_by_skeleton("جازبروم").name == "Gazprom"  # ج for the foreign g


def test_unknown_and_short_names_are_not_guessed():
    assert known_by_skeleton("فالكون كابيتال") is None
    assert known_by_skeleton("Gazprom") is None  # only Arabic script is read this way
    assert all(len(skeleton(name)) < MIN_SKELETON for name in ("أكوا", "بنك"))


def test_a_quoted_name_is_the_core_of_a_company_worded_alias():
    # «شركة مصدر» in the gazetteer; news quote the name alone: «"مصدر"»
    assert known_by_skeleton("مصدر").name == "Masdar"
