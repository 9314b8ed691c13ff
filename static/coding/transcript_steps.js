// The step keys of the coding view's transcript: next and previous sentence, paragraph and
// coding, and extending a selection. `view` brings what interview_code.js draws and reads:
// { container, codings, coders, codeOf, quoteOf, rangeOf, offsetOf, currentSelection,
//   choose (null for readers), say, hint }. `units` are [start, end) pairs: sentences, paragraphs.

import { gettext, interpolate } from "./i18n.js";
import { shortQuote } from "./keyboard_coding.js";

// What the step keys say, by unit ("sentence" or "paragraph", the names interview_code.js passes)
// as whole sentences, so that each language words them its own way.
const UNIT_TEXTS = {
  sentence: () => ({
    noNext: gettext("No next sentence."),
    noPrevious: gettext("No previous sentence."),
    found: gettext("Sentence: “%(quote)s”."),
    noneToAdd: gettext("No next sentence to add."),
    extended: gettext("Selection extended by a sentence: “%(quote)s”."),
  }),
  paragraph: () => ({
    noNext: gettext("No next paragraph."),
    noPrevious: gettext("No previous paragraph."),
    found: gettext("Paragraph: “%(quote)s”."),
    noneToAdd: gettext("No next paragraph to add."),
    extended: gettext("Selection extended by a paragraph: “%(quote)s”."),
  }),
};

export function transcriptSteps(view) {
  const { container, codings, codeOf, quoteOf, rangeOf, offsetOf, currentSelection, say, hint } = view;
  const byPosition = [...codings].sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
  let currentCoding = -1;
  const paragraphWords = (c) =>
    c.first === c.last
      ? interpolate(gettext("paragraph %(number)s"), { number: c.first })
      : interpolate(gettext("paragraphs %(first)s to %(last)s"), { first: c.first, last: c.last });

  // The selection in the transcript as code-point offsets, or the caret (the start if neither).
  function position() {
    const selection = window.getSelection();
    if (!selection.rangeCount || !container.contains(selection.anchorNode)) return { start: 0, end: 0, collapsed: true };
    const passage = currentSelection();
    if (passage) return { start: passage.start, end: passage.end, collapsed: false };
    const at = offsetOf(selection.focusNode, selection.focusOffset) ?? 0;
    return { start: at, end: at, collapsed: true };
  }

  // The outline marks the coding N last went to; a sentence or paragraph step takes it away.
  function outline(id) {
    for (const node of document.querySelectorAll(".current-coding")) node.classList.remove("current-coding");
    if (id === undefined) return;
    for (const span of container.querySelectorAll(`span[data-codings~="${id}"]`)) span.classList.add("current-coding");
    document.getElementById(`coding-${id}`)?.classList.add("current-coding");
  }

  function selectPassage(start, end, block = "nearest") {
    const range = rangeOf(start, end);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    range.startContainer.parentElement.scrollIntoView({ block });
    if (view.choose) view.choose({ start, end, quote: quoteOf(start, end) });
  }

  // The next (or previous) sentence or paragraph: from the caret, the one it stands in; from a
  // selection, the one after (or before) it.
  function step(units, name, forward) {
    const here = position();
    const unit = forward
      ? units.find(([start, end]) => (here.collapsed ? end > here.start : start >= here.end))
      : units.findLast(([start, end]) => (here.collapsed ? start < here.start : end <= here.start));
    const texts = UNIT_TEXTS[name]();
    if (!unit) return say(forward ? texts.noNext : texts.noPrevious);
    outline();
    selectPassage(unit[0], unit[1]);
    say(interpolate(texts.found, { quote: shortQuote(quoteOf(unit[0], unit[1])) }) + hint);
  }

  function extend(units, name) {
    const here = position();
    if (here.collapsed) return step(units, name, true);
    const unit = units.find(([, end]) => end > here.end);
    const texts = UNIT_TEXTS[name]();
    if (!unit) return say(texts.noneToAdd);
    outline();
    selectPassage(here.start, unit[1]);
    say(interpolate(texts.extended, { quote: shortQuote(quoteOf(here.start, unit[1])) }) + hint);
  }

  function showCoding(index, block = "nearest") {
    const c = byPosition[index];
    currentCoding = index;
    outline(c.id);
    selectPassage(c.start, c.end, block);
    say(
      interpolate(gettext("Coding %(number)s of %(count)s: “%(code)s” by %(coder)s on “%(quote)s”, %(paragraphs)s."), {
        number: index + 1,
        count: byPosition.length,
        code: codeOf(c).name,
        coder: view.coders[c.coder],
        quote: shortQuote(quoteOf(c.start, c.end)),
        paragraphs: paragraphWords(c),
      }),
    );
  }

  function stepCoding(forward) {
    if (!byPosition.length) return say(gettext("No codings shown in this interview."));
    const here = position();
    const current = byPosition[currentCoding];
    const onCurrent = current && !here.collapsed && here.start === current.start && here.end === current.end;
    let index;
    if (onCurrent) index = currentCoding + (forward ? 1 : -1);
    else if (forward) index = byPosition.findIndex((c) => c.start > here.start || (here.collapsed && c.start === here.start));
    else index = byPosition.findLastIndex((c) => c.start < here.start);
    if (index < 0 || index >= byPosition.length) return say(forward ? gettext("No next coding.") : gettext("No previous coding."));
    showCoding(index);
  }

  return { step, extend, stepCoding, showCoding, byPosition };
}
