// The step keys of the coding view's transcript: next and previous sentence, paragraph and
// coding, and extending a selection. `view` brings what interview_code.js draws and reads:
// { container, codings, coders, codeOf, quoteOf, rangeOf, offsetOf, currentSelection,
//   choose (null for readers), say, hint }. `units` are [start, end) pairs: sentences, paragraphs.

import { shortQuote } from "./keyboard_coding.js";

export function transcriptSteps(view) {
  const { container, codings, codeOf, quoteOf, rangeOf, offsetOf, currentSelection, say, hint } = view;
  const byPosition = [...codings].sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
  let currentCoding = -1;
  const paragraphWords = (c) => (c.first === c.last ? `paragraph ${c.first}` : `paragraphs ${c.first} to ${c.last}`);

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
    if (!unit) return say(`No ${forward ? "next" : "previous"} ${name}.`);
    outline();
    selectPassage(unit[0], unit[1]);
    say(`${name[0].toUpperCase()}${name.slice(1)}: “${shortQuote(quoteOf(unit[0], unit[1]))}”.${hint}`);
  }

  function extend(units, name) {
    const here = position();
    if (here.collapsed) return step(units, name, true);
    const unit = units.find(([, end]) => end > here.end);
    if (!unit) return say(`No next ${name} to add.`);
    outline();
    selectPassage(here.start, unit[1]);
    say(`Selection extended by a ${name}: “${shortQuote(quoteOf(here.start, unit[1]))}”.${hint}`);
  }

  function showCoding(index, block = "nearest") {
    const c = byPosition[index];
    currentCoding = index;
    outline(c.id);
    selectPassage(c.start, c.end, block);
    const where = `“${shortQuote(quoteOf(c.start, c.end))}”, ${paragraphWords(c)}`;
    say(`Coding ${index + 1} of ${byPosition.length}: “${codeOf(c).name}” by ${view.coders[c.coder]} on ${where}.`);
  }

  function stepCoding(forward) {
    if (!byPosition.length) return say("No codings shown in this interview.");
    const here = position();
    const current = byPosition[currentCoding];
    const onCurrent = current && !here.collapsed && here.start === current.start && here.end === current.end;
    let index;
    if (onCurrent) index = currentCoding + (forward ? 1 : -1);
    else if (forward) index = byPosition.findIndex((c) => c.start > here.start || (here.collapsed && c.start === here.start));
    else index = byPosition.findLastIndex((c) => c.start < here.start);
    if (index < 0 || index >= byPosition.length) return say(`No ${forward ? "next" : "previous"} coding.`);
    showCoding(index);
  }

  return { step, extend, stepCoding, showCoding, byPosition };
}
