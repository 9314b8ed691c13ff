"""Pseudonyms for shared exports: stable, unlinkable, and coded passages still cover the same words."""

from __future__ import annotations

from coding.exchange.pseudonyms import OffsetMap, Person, Pseudonymiser, stable_pseudonym

KEY = "test-key"


def test_stable_pseudonym_is_stable_keyed_and_hides_the_id() -> None:
    assert stable_pseudonym(7, KEY) == stable_pseudonym(7, KEY)
    assert stable_pseudonym(7, KEY) != stable_pseudonym(8, KEY)
    assert stable_pseudonym(7, KEY) != stable_pseudonym(7, "other-key")
    assert stable_pseudonym(7, KEY).startswith("Person ")


def test_given_pseudonym_wins_and_names_are_replaced_in_fields() -> None:
    pseudo = Pseudonymiser([Person(1, "Anna Schmidt", "Interviewee A"), Person(2, "Jan Berg")], KEY)
    assert pseudo.name("Anna Schmidt") == "Interviewee A"
    assert pseudo.name("Jan Berg") == stable_pseudonym(2, KEY)
    assert pseudo.name("Fraunhofer IPMS") == "Fraunhofer IPMS"  # organisations are not personal data


def test_full_names_and_name_parts_in_text_but_not_inside_other_words() -> None:
    pseudo = Pseudonymiser([Person(1, "Anna Schmidt", "A"), Person(2, "Jan Berg", "B")], KEY)
    text = "Anna Schmidt met Frau Schmidt; Annabelle and Bergamo stay, Berg goes. Jan too."
    assert pseudo.text(text) == "A met Frau A; Annabelle and Bergamo stay, B goes. B too."


def test_shared_surname_is_not_attributed_to_either_person() -> None:
    pseudo = Pseudonymiser([Person(1, "Anna Müller", "A"), Person(2, "Karl Müller", "K")], KEY)
    assert pseudo.text("Anna Müller and Karl Müller, both Müller.") == "A and K, both [name]."


def test_offsets_follow_the_replacements() -> None:
    pseudo = Pseudonymiser([Person(1, "Anna Schmidt", "A.")], KEY)
    text = "Then Anna Schmidt said: we cooperate with Schmidt often."
    new_text, offsets = pseudo.apply(text)
    assert new_text == "Then A. said: we cooperate with A. often."
    quote_start = text.index("we cooperate")
    quote_end = text.index(" often")
    assert new_text[offsets.start(quote_start) : offsets.end(quote_end)] == "we cooperate with A."
    # A passage beginning or ending inside a name covers the whole pseudonym.
    inside = text.index("Schmidt said")
    assert new_text[offsets.start(inside) : offsets.end(inside + 3)] == "A."
    assert offsets.start(0) == 0 and offsets.end(len(text)) == len(new_text)


def test_no_people_changes_nothing() -> None:
    text, offsets = Pseudonymiser([], KEY).apply("Nothing to hide.")
    assert text == "Nothing to hide." and offsets == OffsetMap()
    assert offsets.end(5) == 5


def test_names_joined_by_underscores_are_replaced() -> None:
    """File names and titles join words with "_", which a regex \\b treats as part of a word."""
    pseudo = Pseudonymiser([Person(1, "Jana Nowak", "J")], KEY)
    assert pseudo.text("Interview_Nowak_2024-03.docx") == "Interview_J_2024-03.docx"
    assert pseudo.text("Jana_Nowak, Nowakowski, Nowak2") == "J_J, Nowakowski, Nowak2"
