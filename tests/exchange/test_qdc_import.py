"""Reading .qdc files: our own export reads back; malformed files are refused with every problem."""

from __future__ import annotations

import uuid

import pytest

from coding.exchange.records import CodeRecord, ImportErrors
from coding.exchange.refi.qdc import codebook
from coding.exchange.refi.qdc_reader import MAX_BYTES, read_codebook

A, B = str(uuid.uuid4()), str(uuid.uuid4())
HEAD = '<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'


def test_round_trip_keeps_names_tree_and_colours():
    codes = read_codebook(codebook([CodeRecord(A, "Cooperation", None, "#F58518"), CodeRecord(B, "R&D", A)]))
    assert [(code.name, code.parent_guid, code.colour) for code in codes] == [
        ("Cooperation", None, "#F58518"),
        ("R&D", A, ""),
    ]


def test_round_trip_keeps_definition_example_and_concept_apart():
    written = CodeRecord(
        A, "Cooperation", definition="Joint work.\n\nAlso informal.", example="we built it", concept="Sociality"
    )
    only_concept = CodeRecord(B, "Rivalry", concept="Rivalry regime")
    codes = read_codebook(codebook([written, only_concept]))
    assert [(code.definition, code.example, code.concept) for code in codes] == [
        ("Joint work.\n\nAlso informal.", "we built it", "Sociality"),
        ("", "", "Rivalry regime"),
    ]


def test_another_programs_description_is_all_definition():
    data = f'{HEAD}<Code guid="{A}" name="X" isCodable="true"><Description>An example: none.</Description></Code>'
    (code,) = read_codebook((data + "</Codes></CodeBook>").encode())
    assert (code.definition, code.example, code.concept) == ("An example: none.", "", "")


def test_broken_xml_names_the_line():
    with pytest.raises(ImportErrors, match=r"line \d+.*not well-formed"):
        read_codebook(HEAD.encode() + b'<Code guid="x"')


def test_wrong_encoding_is_refused():
    data = HEAD.encode() + f'<Code guid="{A}" name="Gr\xfcn" isCodable="true"/></Codes></CodeBook>'.encode("latin-1")
    with pytest.raises(ImportErrors, match="not well-formed"):
        read_codebook(data)


def test_every_problem_is_reported():
    body = (
        f'<Code guid="{A}" name="One" isCodable="true"/><Code guid="{A}" name="" isCodable="true"/>'
        '<Code guid="nope" name="Two" color="red" isCodable="true"/></Codes></CodeBook>'
    )
    with pytest.raises(ImportErrors) as caught:
        read_codebook((HEAD + body).encode())
    messages = [problem.message for problem in caught.value.problems]
    assert any("used twice" in m for m in messages)
    assert any("no name" in m for m in messages)
    assert any("not a GUID" in m for m in messages)
    assert any("not #RRGGBB" in m for m in messages)
    assert all("line 1" in problem.where for problem in caught.value.problems)


def test_oversize_and_foreign_root_are_refused():
    with pytest.raises(ImportErrors, match="limit"):
        read_codebook(b" " * (MAX_BYTES + 1))
    with pytest.raises(ImportErrors, match="expected CodeBook"):
        read_codebook(b"<Project/>")


def test_entities_are_not_expanded():
    data = (
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        + (
            HEAD[HEAD.index("<CodeBook") :] + f'<Code guid="{A}" name="&e;" isCodable="true"/></Codes></CodeBook>'
        ).encode()
    )
    try:
        codes = read_codebook(data)
    except ImportErrors:
        return
    assert "root:" not in codes[0].name
