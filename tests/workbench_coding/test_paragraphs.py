"""Paragraph numbers, checked against positions counted by hand in the strings below."""

from __future__ import annotations

from coding.interviews.paragraphs import ParagraphIndex, paragraphs

TEXT = "Q: Who?\nA: The firm.\n\nQ: Why?\n"
# Offsets: "Q: Who?" 0-7, "\n" at 7; "A: The firm." 8-20, "\n" at 20; blank line 21 ("\n");
# "Q: Why?" 22-29, "\n" at 29; an empty last line at 30.


def test_non_blank_lines_are_numbered_from_one_with_their_offsets():
    assert [(p.number, p.start, p.end) for p in paragraphs(TEXT)] == [(1, 0, 7), (2, 8, 20), (3, 22, 29)]
    assert [TEXT[p.start : p.end] for p in paragraphs(TEXT)] == ["Q: Who?", "A: The firm.", "Q: Why?"]


def test_offsets_map_to_the_paragraph_holding_them():
    index = ParagraphIndex(TEXT)
    assert index.number_at(0) == 1
    assert index.number_at(7) == 1  # the line break after paragraph 1
    assert index.number_at(8) == 2
    assert index.number_at(21) == 3  # a blank line belongs to the next paragraph
    assert index.number_at(30) == 3  # past the last paragraph: the last one


def test_a_passage_is_labelled_with_its_first_and_last_paragraph():
    index = ParagraphIndex(TEXT)
    assert index.label(3, 7) == "¶ 1"
    assert index.label(3, 12) == "¶ 1–2"
    assert index.label(8, 21) == "¶ 2"  # ends with the line break after paragraph 2
    assert index.span(0, 29) == (1, 3)


def test_a_transcript_without_text_has_no_paragraphs():
    assert paragraphs("") == [] and paragraphs("\n \n") == []
    assert ParagraphIndex("").number_at(0) == 0
