"""Classification reasons are stored as messages (what to say), not as English text: they survive
JSON, render in English as before, and in German from the project's catalogue (locale/de). The
German sentences are written out here by hand; an older result's plain-string reason still shows."""

from __future__ import annotations

import itertools
import json

import pytest
from django.utils import translation

from coding.analysis.inputs import Tie
from coding.analysis.message import Figure, Joined, Message, from_json, message, plural_message, pmessage, render
from coding.templatetags.says import say, with_reasons_said
from tests.analysis.helpers import derive, florentine_graph, org, region_from_graph


def _records(result: dict) -> dict[str, dict]:
    return {record["name"]: record for record in result["classifications"]}


@pytest.fixture(scope="module")
def florentine() -> dict[str, dict]:
    actors, ties, _ = region_from_graph(florentine_graph())
    return _records(derive(actors, ties))


def _fragmented() -> dict:
    ties = []
    for block in range(4):  # four disjoint cliques of four: the largest component holds 25 %
        members = range(block * 4 + 1, block * 4 + 5)
        ties += [Tie(id=len(ties) + 1, source=a, target=b) for a, b in itertools.combinations(members, 2)]
    return _records(derive([org(i) for i in range(1, 17)], ties))["structure"]


# --- (b) JSON round trip ----------------------------------------------------------------------


def test_a_nested_message_with_figures_survives_json_and_reads_the_same() -> None:
    inner = plural_message("{count} tie", "{count} ties", 2, count=pmessage("number", "two"))
    stored = message(
        "E-I {ei}, fit {fit}, alpha {alpha}: {parts} ({ties}).",
        ei=Figure(-0.5, 2, signed=True),
        fit=Figure(0.8512, 2),
        alpha=Figure(0.05, 6, trim=True),
        parts=Joined((message("closed: {passed}", passed=pmessage("check passed", "yes")), "a name", 7), "; "),
        ties=inner,
    )
    again = from_json(json.loads(json.dumps(stored.as_json())))
    assert again == stored
    assert isinstance(again, Message)
    assert again.args["ties"] == inner
    assert again.args["ei"] == Figure(-0.5, 2, signed=True)
    assert str(again) == "E-I -0.50, fit 0.85, alpha 0.05: closed: yes; a name; 7 (two ties)."
    assert render(message("{ei}", ei=Figure(0.25, 2, signed=True))) == "+0.25"
    assert render(message("{v}", v=Figure(1.0, 3, trim=True))) == "1"


def test_a_stored_record_holds_json_and_its_english_sentence_is_unchanged(florentine: dict) -> None:
    stored = florentine["grabher_mix"]["reason"]
    assert isinstance(stored, dict)
    assert json.loads(json.dumps(stored)) == stored
    assert render(stored) == (
        "Of 20 ties, none is coded as cooperation, so none can take a type. Not cooperation: no mode coded on "
        "20 ties (of them also missing: strength ratings on 20, channel on 20, duration on 20, trust basis on 20). "
        "Rule: a mix needs at least five typed ties; none is typed, below five, so no mix is named."
    )


# --- (c) older results ------------------------------------------------------------------------


def test_an_old_plain_string_reason_still_renders_as_it_is() -> None:
    old = "Rule: tension when both sides reach 25 %; cooperation 50 % is at or above 25 %: tension."
    assert render(old) == old
    with translation.override("de"):
        assert say(old) == old
        assert with_reasons_said({"classifications": [{"name": "x", "reason": old}]}) == {
            "classifications": [{"name": "x", "reason": old}]
        }
    assert render(None) == ""


# --- (a) German, from the catalogue -----------------------------------------------------------


def test_a_stored_reason_reads_in_german(florentine: dict) -> None:
    with translation.override("de"):
        assert say(florentine["grabher_mix"]["reason"]) == (
            "Von 20 Beziehungen ist keine als Kooperation codiert, daher kann keine einen Typ erhalten. Keine "
            "Kooperation: kein Modus codiert bei 20 Beziehungen (dort fehlen auch: Stärkebewertungen bei 20, Kanal "
            "bei 20, Dauer bei 20, Vertrauensbasis bei 20). Regel: Eine Mischung braucht mindestens 5 Beziehungen "
            "mit Typ; keine hat einen Typ, unter 5, daher wird keine Mischung benannt."
        )
        assert say(florentine["coordination_regime"]["reason"]) == (
            "Koopetition: 0 Paare von Akteuren, die zugleich kooperieren und rivalisieren, konkurrieren oder im "
            "Konflikt stehen. Regel: Ein Regime braucht mindestens 5 Beziehungen mit codiertem Modus zwischen "
            "Organisationen; keine der 20 Beziehungen ist mit einem Modus codiert (Kooperation, Rivalität, "
            "Wettbewerb oder Konflikt), unter 5: Der Modus fehlt bei 20 Beziehungen, daher wird kein Regime benannt."
        )


def test_german_figures_take_a_decimal_comma_and_keep_their_sign(florentine: dict) -> None:
    with translation.override("de"):
        assert say(florentine["club_like_core"]["reason"]) == (
            "Regel: Ein clubartiger Kern ist ein Kern, der geschlossen und frei von Rivalität ist und ein Klubgut "
            "erzeugt. Kern: nein — 0 Kooperationsbeziehungen auf Vertrauensbasis, daher lässt sich keine "
            "Kern-Peripherie-Partition anpassen (ein Kern braucht mindestens 3 Mitglieder und eine Anpassungsgüte "
            "von mindestens 0,5); geschlossen: nein — der E-I-Index des Kerns ist undefiniert (0 Paare innerhalb, "
            "0 Paare zur Peripherie), also nicht unter +0,00; keine Rivalität: ja — keine Beziehung mit codiertem "
            "Modus im Kern, also keine Rivalität erfasst (Wettbewerb bei 0 Beziehungen, berichtet, nicht "
            "entscheidend); Klubgut: nein — 0 Outcomes von mindestens 2 Kernmitgliedern ohne externe "
            "Mitproduzenten (nötig: mindestens eines); 0 weitere Outcomes gemeinsam mit externen Akteuren erzeugt, "
            "nicht gezählt. Also: kein clubartiger Kern."
        )
    # The same record in English, in the same process: the language is the reader's, not the record's.
    assert "a fit of at least 0.5); closed: no" in say(florentine["club_like_core"]["reason"])


def test_the_api_form_says_each_reason_in_the_active_language() -> None:
    record = _fragmented()
    result = {"classifications": [record], "organisation": {"classifications": [record]}}
    german = (
        "Regel: fragmentiert, wenn die größte Komponente weniger als 50 % der beobachteten Akteure umfasst; sie "
        "umfasst 25 % der 16 beobachteten Akteure, unter 50 %: fragmentiert."
    )
    with translation.override("de"):
        said = with_reasons_said(result)
    assert said["classifications"][0]["reason"] == german
    assert said["organisation"]["classifications"][0]["reason"] == german
    assert said["classifications"][0]["label"] == "fragmented"  # machine values stay
    assert isinstance(result["classifications"][0]["reason"], dict)  # the stored result is not changed
