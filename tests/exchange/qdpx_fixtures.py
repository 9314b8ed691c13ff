"""A demo-like coded study for the .qdpx tests: nested codes, two regions, several coders,
non-ASCII transcripts with CRLF line ends, interviewees who are named in the text."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from cases.choices import ActorKind
from tests import factories

XSD = Path(__file__).resolve().parents[1] / "data" / "refi-qda" / "Project-mrt2019.xsd"
NS = {"q": "urn:QDA-XML:project:1.0"}

TEXT_DE = (
    "Interviewer: Wie kam die Foundry zustande?\r\n"
    "Jürgen Weiß: Wir haben die Leute vom Institut bei der Donnerstagsreihe getroffen – "
    "später teilten wir den Reinraum. Weiß ist mein Name, übrigens.\r\n"
    "Interviewer: Und die Konkurrenz? 😀\r\n"
    "Jürgen Weiß: Wir werben uns gegenseitig Ingenieure ab."
)
TEXT_SE = (
    "Intervjuare: Hur började samarbetet?\n"
    "Åsa Öberg: Vi träffades på caféet vid Chalmers, och sedan byggde vi labbet tillsammans."
)


@dataclass
class Demo:
    study: object
    regions: list
    interviews: list
    codes: dict
    coders: list


def passage(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def build_demo(study, coders: list) -> Demo:
    scheme = study.coding_scheme
    cooperation = factories.CodeFactory(scheme=scheme, name="Cooperation", colour="#F58518", order=1)
    joint = factories.CodeFactory(
        scheme=scheme, name="Shared infrastructure", parent=cooperation, definition="Foundries, clean rooms."
    )
    rivalry = factories.CodeFactory(scheme=scheme, name="Rivalry", example="poaching engineers", order=2)
    low = factories.CodeFactory(scheme=scheme, name="Low-threshold contact", parent=joint)
    dortmund = factories.RegionFactory(study=study, name="Dortmund", country="Germany", description="Ruhr area")
    goteborg = factories.RegionFactory(study=study, name="Göteborg", country="Sweden", lifecycle_phase="growth")
    wave = factories.WaveFactory(region=dortmund, label="2024 spring")
    juergen = factories.PersonFactory(region=dortmund, name="Jürgen Weiß", kind=ActorKind.PERSON)
    asa = factories.PersonFactory(region=goteborg, name="Åsa Öberg", kind=ActorKind.PERSON)
    de = factories.InterviewFactory(region=dortmund, wave=wave, title="Foundry, Jürgen Weiß", transcript=TEXT_DE)
    de.interviewees.add(juergen)
    de.memo = "Long answer about the clean room."
    de.save()
    se = factories.InterviewFactory(region=goteborg, title="Lab founder", transcript=TEXT_SE, language="sv")
    se.interviewees.add(asa)
    factories.InterviewFactory(region=goteborg, title="Not yet coded", transcript="Nothing coded here.")
    plan = [
        (de, low, coders[0], "Donnerstagsreihe getroffen"),
        (de, joint, coders[1], "später teilten wir den Reinraum"),
        (de, rivalry, coders[0], "Jürgen Weiß: Wir werben uns gegenseitig Ingenieure ab."),
        (de, rivalry, coders[1], "Konkurrenz? 😀\r\nJürgen"),
        (se, cooperation, coders[1], "byggde vi labbet tillsammans"),
        (se, low, coders[0], "caféet vid Chalmers"),
    ]
    for interview, code, coder, quote in plan:
        start, end = passage(interview.transcript, quote)
        memo = f"on {quote[:5]}"
        factories.CodingFactory(interview=interview, code=code, coder=coder, start=start, end=end, memo=memo)
    # Memos REFI-QDA can attach (a code, a text source, a case, the project); tests/memos/test_qdpx.py
    # has the ones it cannot (an actor, a wave).
    factories.MemoFactory(study=study, author=coders[0], code=rivalry, title="Rivalry", text="Only with names.")
    factories.MemoFactory(study=study, author=coders[1], interview=de, title="Tone", text="Open after\r\nminute 20.")
    factories.MemoFactory(study=study, author=coders[0], region=goteborg, title="Göteborg", text="Hospital-centred.")
    factories.MemoFactory(study=study, author=coders[1], title="Comparison", text="Club goods: only Dortmund's?")
    codes = {"cooperation": cooperation, "joint": joint, "rivalry": rivalry, "low": low}
    return Demo(study, [dortmund, goteborg], [de, se], codes, coders)


def open_project(content: bytes) -> tuple[etree._Element, zipfile.ZipFile]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    return etree.fromstring(archive.read("project.qde")), archive


def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))
