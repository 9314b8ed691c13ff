// Coding view: draws the transcript (highlighted codings, a gutter of paragraph numbers, a margin
// of coding stripes), the codings list and the coders side by side from one compact JSON, and turns a
// selection (mouse or keyboard) into offsets. Offsets are Python str indices (Unicode code
// points); JS strings index UTF-16 code units, so every length here is counted with Array.from.

import { codeTree } from "./code_tree.js";
import { gettext, interpolate, ngettext, quoted } from "./i18n.js";
import { announcer, codeCombobox, sentencesOf, shortQuote } from "./keyboard_coding.js";
import { transcriptSteps } from "./transcript_steps.js";

const data = JSON.parse(document.getElementById("coding-data").textContent);
const chars = Array.from(data.text); // one entry per code point
const codings = data.codings.map(([id, start, end, code, coder, first, last, memo]) => ({
  id, start, end, code, coder, first, last, memo,
}));
// [name, chosen colour, its shade for marks (3:1), for text (4.5:1) on the page]: contrast.py
const codeOf = (coding) => {
  const [name, colour, mark, text] = data.codes[coding.code];
  return { name, colour, mark, text };
};
const container = document.getElementById("transcript");
const margin = document.getElementById("margin");
const tree = codeTree(document.getElementById("codes-panel").dataset.study);

const codePoints = (text) => Array.from(text).length;
const quoteOf = (start, end) => chars.slice(start, end).join("");
const paragraphLabel = (c) => (c.first === c.last ? `¶ ${c.first}` : `¶ ${c.first}–${c.last}`);
const charactersLabel = (start, end) => interpolate(gettext("characters %(start)s–%(end)s"), { start, end });

function element(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

// #at-<start>-<end> (a search hit) marks that passage: its pieces are cut at its ends.
const at = window.location.hash.match(/^#at-(\d+)-(\d+)$/);
const atRange =
  at && Number(at[2]) > Number(at[1]) && Number(at[2]) <= chars.length ? { start: Number(at[1]), end: Number(at[2]) } : null;

// ---- transcript: pieces cut at every coding end and the search hit ----
const pieceAt = new Map(); // start offset -> span
const pieceEndingAt = new Map(); // end offset -> span
let pieceStarts = []; // sorted

function render() {
  const cuts = new Set([0, chars.length]);
  for (const c of codings) cuts.add(c.start).add(c.end);
  if (atRange) cuts.add(atRange.start).add(atRange.end);
  const bounds = [...cuts].filter((cut) => cut <= chars.length).sort((a, b) => a - b);
  const byStart = [...codings].sort((a, b) => a.start - b.start);
  let next = 0;
  let open = [];
  const fragment = document.createDocumentFragment();
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [start, end] = [bounds[i], bounds[i + 1]];
    while (next < byStart.length && byStart[next].start <= start) open.push(byStart[next++]);
    open = open.filter((c) => c.end > start);
    const span = element("span", { textContent: quoteOf(start, end) });
    span.dataset.start = String(start);
    if (open.length) {
      const codes = open.map(codeOf);
      span.className = "coded";
      span.dataset.codings = open.map((c) => c.id).join(" ");
      span.title = open.map((c, j) => `${codes[j].name} (${data.coders[c.coder]})`).join("\n");
      span.style.backgroundColor = `${codes[0].colour}33`;
      span.style.boxShadow = codes.map((code, j) => `inset 0 -${3 * (j + 1)}px 0 ${code.mark}`).join(", ");
    }
    if (atRange && start >= atRange.start && end <= atRange.end) span.classList.add("anchored", "search-hit-mark");
    pieceAt.set(start, span);
    pieceEndingAt.set(end, span);
    fragment.append(span);
  }
  pieceStarts = bounds.slice(0, -1);
  container.replaceChildren(fragment);
}

// A DOM range over the code points [start, end) of the transcript.
function rangeOf(start, end) {
  const range = document.createRange();
  const point = (offset, setter) => {
    let low = 0;
    let high = pieceStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (pieceStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    const span = pieceAt.get(pieceStarts[low]);
    const text = span.firstChild;
    setter.call(range, text, Array.from(text.data).slice(0, offset - pieceStarts[low]).join("").length);
  };
  point(start, range.setStart);
  point(end, range.setEnd);
  return range;
}

// ---- gutter: the paragraph numbers of paragraphs.py, beside each paragraph's first line ----
const gutter = document.getElementById("gutter");

function drawGutter() {
  if (!chars.length) return;
  const frame = gutter.getBoundingClientRect();
  const numbers = data.paragraphs.map(([start, end], i) => {
    const box = rangeOf(start, Math.min(start + 1, end)).getBoundingClientRect();
    const number = element("span", { className: "para-no", textContent: String(i + 1) });
    number.style.top = `${box.top - frame.top}px`;
    number.dataset.para = String(i + 1);
    return number;
  });
  gutter.replaceChildren(...numbers);
}

// ---- margin: one stripe per coding, overlapping codings side by side in lanes ----
const LANE = 5;

function drawMargin() {
  const frame = margin.getBoundingClientRect();
  const lanes = []; // last end offset per lane
  const stripes = [];
  for (const c of [...codings].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const first = pieceAt.get(c.start);
    const last = pieceEndingAt.get(c.end);
    if (!first || !last) continue;
    let lane = lanes.findIndex((end) => end <= c.start);
    if (lane < 0) lane = lanes.push(0) - 1;
    lanes[lane] = c.end;
    const range = document.createRange();
    range.setStartBefore(first);
    range.setEndAfter(last);
    const box = range.getBoundingClientRect();
    stripes.push({ c, lane, top: box.top - frame.top, height: Math.max(box.height, 6) });
  }
  const fragment = document.createDocumentFragment();
  let labelsBottom = -Infinity;
  for (const { c, lane, top, height } of stripes) {
    const code = codeOf(c);
    // A pointer's shortcut to the row; out of the tab order (the margin is aria-hidden), the keys N and the ¶ links do the same.
    const stripe = element("a", { className: "stripe", href: `#coding-${c.id}`, tabIndex: -1, title: `${code.name} (${data.coders[c.coder]}) ${paragraphLabel(c)}` });
    Object.assign(stripe.style, { left: `${lane * LANE}px`, top: `${top}px`, height: `${height}px`, background: code.mark });
    stripe.dataset.coding = String(c.id);
    const labelTop = Math.max(top, labelsBottom);
    const label = element("span", { className: "stripe-label", textContent: code.name });
    Object.assign(label.style, { left: `${lanes.length * LANE + 4}px`, top: `${labelTop}px`, color: code.text });
    labelsBottom = labelTop + 16;
    fragment.append(stripe, label);
  }
  margin.style.setProperty("--lanes", `${lanes.length * LANE + 4}px`);
  margin.replaceChildren(fragment);
}

// ---- the codings list and the columns per coder ----
const table = document.getElementById("codings");
const urlFor = (template, id) => template.replace(/\/0\/$|\/0\//, (m) => m.replace("0", String(id)));

function codingRow(c) {
  const code = codeOf(c);
  const mayChange = table.dataset.canCode && (String(c.coder) === table.dataset.me || table.dataset.lead);
  const tag = element("span", { className: "tag", textContent: code.name });
  tag.style.borderLeft = `4px solid ${code.colour}`;
  const memos = element("a", {
    className: "muted code-memos",
    href: urlFor(table.dataset.memosUrl, c.code),
    textContent: gettext("memos"),
    title: interpolate(gettext("Memos on the code %(code)s"), { code: code.name }),
  });
  const quote = quoteOf(c.start, c.end);
  // The position links to the passage: it is selected and highlighted in the transcript.
  const show = element("a", { href: `#passage-${c.id}`, className: "show-coding", textContent: paragraphLabel(c) });
  show.dataset.coding = String(c.id);
  const position = element("td", { className: "muted", title: charactersLabel(c.start, c.end) }, show);
  const actions = element("td");
  if (table.dataset.canCode) {
    actions.append(element("a", { href: `${table.dataset.interactionUrl}?coding=${c.id}`, textContent: gettext("Interaction…") }));
    if (mayChange) {
      const remove = element("button", { type: "submit", className: "linklike", textContent: gettext("Remove") });
      remove.setAttribute("form", "delete-form");
      remove.setAttribute("formaction", urlFor(table.dataset.deleteUrl, c.id));
      actions.append(" · ", element("a", { href: urlFor(table.dataset.editUrl, c.id), textContent: gettext("Edit") }), " · ", remove);
    }
  }
  const row = element(
    "tr", { id: `coding-${c.id}` },
    element("td", {}, tag, " ", memos),
    element("td", { textContent: quoted(quote.length > 200 ? `${quote.slice(0, 199)}…` : quote) }),
    position,
    element("td", { textContent: data.coders[c.coder] }),
    element("td", { textContent: c.memo.length > 120 ? `${c.memo.slice(0, 119)}…` : c.memo }),
    actions,
  );
  row.dataset.coding = String(c.id);
  return row;
}

function drawLists() {
  if (codings.length) table.tBodies[0].replaceChildren(...codings.map(codingRow));
  const perCoder = new Map();
  for (const c of codings) perCoder.set(c.coder, [...(perCoder.get(c.coder) || []), c]);
  if (perCoder.size < 2) return;
  const names = [...perCoder.keys()].sort((a, b) => data.coders[a].localeCompare(data.coders[b]));
  const columns = document.getElementById("coder-columns");
  columns.style.gridTemplateColumns = `repeat(${names.length}, minmax(0, 1fr))`;
  columns.replaceChildren(
    ...names.map((coder) => {
      const items = perCoder.get(coder).map((c) => {
        const tag = element("span", { className: "tag", textContent: codeOf(c).name });
        tag.style.borderLeft = `4px solid ${codeOf(c).colour}`;
        const quote = quoteOf(c.start, c.end);
        const link = element("a", { href: `#coding-${c.id}`, className: "muted", textContent: paragraphLabel(c), title: charactersLabel(c.start, c.end) });
        return element("li", {}, link, " ", tag, ` ${quoted(quote.length > 80 ? `${quote.slice(0, 79)}…` : quote)}`);
      });
      return element("section", { className: "card" },
        element("h3", { textContent: `${data.coders[coder]} (${items.length})` }), element("ol", { className: "plain" }, ...items));
    }),
  );
  document.getElementById("side-by-side").hidden = false;
}

// ---- selection → offsets ----
// Code-point offset of a DOM boundary point (node, offset) inside the transcript.
function offsetOf(node, offset) {
  if (node === container) {
    const child = container.childNodes[offset];
    return child ? Number(child.dataset.start) : chars.length;
  }
  const span = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
  if (!span || span.parentElement !== container) return null;
  const text = node.nodeType === Node.TEXT_NODE ? node.data.slice(0, offset) : "";
  return Number(span.dataset.start) + codePoints(text);
}

const form = document.getElementById("passage-form");
const newCodeForm = document.getElementById("new-code-form");

function currentSelection() {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
  const start = offsetOf(range.startContainer, range.startOffset);
  const end = offsetOf(range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  return { start, end, quote: quoteOf(start, end) };
}

function choose(passage) {
  form.elements.start.value = passage.start;
  form.elements.end.value = passage.end;
  form.elements.quote.value = passage.quote;
  document.getElementById("selected-quote").textContent = quoted(passage.quote);
  document.getElementById("selected-offsets").textContent = charactersLabel(passage.start, passage.end);
  document.getElementById("interaction-button").disabled = false;
  if (newCodeForm) {
    for (const name of ["start", "end", "quote"]) newCodeForm.elements[`new-${name}`].value = passage[name];
    document.getElementById("new-code-button").disabled = false;
  }
  updateCodeButton();
}

const codeBoxes = () => Array.from(document.querySelectorAll("#code-tree input[name=code]"));
const checkedCodes = () => codeBoxes().filter((box) => box.checked);

// "Code passage" with one code, "Code with N codes" with several; disabled without a selection or a code.
function updateCodeButton() {
  const button = document.getElementById("code-button");
  const count = checkedCodes().length;
  button.textContent =
    count > 1 ? interpolate(ngettext("Code with %(count)s code", "Code with %(count)s codes", count), { count }) : gettext("Code passage");
  button.disabled = !form.elements.end.value || count === 0;
}

// Shift/Ctrl + arrows in the focused transcript move the caret and extend the selection.
const MOVES = { ArrowRight: ["forward", "character"], ArrowLeft: ["backward", "character"], ArrowDown: ["forward", "line"], ArrowUp: ["backward", "line"] };

function moveCaret(event) {
  const move = MOVES[event.key];
  if (!move) return;
  const selection = window.getSelection();
  if (!selection.rangeCount || !container.contains(selection.anchorNode)) {
    const first = container.querySelector("span");
    if (!first) return;
    selection.collapse(first.firstChild || first, 0);
  }
  const granularity = event.ctrlKey || event.altKey ? (move[1] === "line" ? "paragraphboundary" : "word") : move[1];
  selection.modify(event.shiftKey ? "extend" : "move", move[0], granularity);
  event.preventDefault();
  // modify() does not scroll: keep the moving end in sight.
  const focus = selection.focusNode;
  (focus.nodeType === Node.TEXT_NODE ? focus.parentElement : focus).scrollIntoView({ block: "nearest" });
  // Read the selection out once the keys rest, not at every step.
  clearTimeout(selectionSaid);
  selectionSaid = setTimeout(() => {
    const passage = currentSelection();
    if (passage) say(interpolate(gettext("Selected “%(quote)s”."), { quote: shortQuote(passage.quote) }) + hint);
  }, 400);
}
let selectionSaid = 0;

let codedByKeys = false;

function codeWith(id) {
  for (const box of codeBoxes()) box.checked = box.value === id;
  updateCodeButton();
  if (document.getElementById("code-button").disabled) return;
  codedByKeys = true; // 1–9 and the combobox: the focus comes back to the transcript after coding
  form.requestSubmit();
}

// ---- coding without a mouse: sentence, paragraph and coding steps, the code combobox ----
const say = announcer(document.getElementById("coding-status"));
const hint = form ? ` ${gettext("C chooses a code.")}` : "";
const sentences = sentencesOf(chars);
const { step, extend, stepCoding, showCoding, byPosition } = transcriptSteps({
  container, codings, coders: data.coders, codeOf, quoteOf, rangeOf, offsetOf,
  currentSelection, choose: form ? choose : null, say, hint,
});

const comboInput = document.getElementById("code-combo");

const TRANSCRIPT_KEYS = {
  s: () => step(sentences, "sentence", true),
  S: () => step(sentences, "sentence", false),
  p: () => step(data.paragraphs, "paragraph", true),
  P: () => step(data.paragraphs, "paragraph", false),
  x: () => extend(sentences, "sentence"),
  X: () => extend(data.paragraphs, "paragraph"),
  n: () => stepCoding(true),
  N: () => stepCoding(false),
  c: () => {
    if (!comboInput) return say(gettext("Coding needs the coder role."));
    comboInput.focus();
    if (!form.elements.end.value) say(gettext("No passage selected yet: Escape, then S selects a sentence."));
  },
};

function transcriptKeys(event) {
  if (MOVES[event.key]) return moveCaret(event);
  const action = TRANSCRIPT_KEYS[event.key];
  if (!action || event.ctrlKey || event.metaKey || event.altKey) return;
  event.preventDefault();
  action();
}

// The code list as the combobox offers it: "Parent › Code", found by name or definition.
function comboCodes() {
  const items = Array.from(document.querySelectorAll("#code-tree li[data-code]"));
  const nameOf = new Map(items.map((item) => [item.dataset.code, item.querySelector(".code-name").textContent]));
  return items.map((item) => {
    const path = item.dataset.ancestors.split(" ").filter(Boolean).map((id) => nameOf.get(id));
    const name = nameOf.get(item.dataset.code);
    return { id: item.dataset.code, name, label: [...path, name].join(" › "), search: `${item.dataset.name} ${name.toLowerCase()}` };
  });
}

function codeFromCombo(id) {
  const name = comboCodes().find((code) => code.id === id)?.name;
  if (!form.elements.end.value) return say(gettext("Select a passage in the transcript first (Escape goes back to it)."));
  say(interpolate(gettext("Coding “%(code)s”…"), { code: name }));
  codeWith(id);
}

// After coding, the page comes back with the new coding in its address: say what was coded and
// put the caret after it, so that S goes on with the next sentence.
function announceAfterReload(coded) {
  let pending = null;
  try {
    pending = sessionStorage.getItem("coding-announce");
    sessionStorage.removeItem("coding-announce");
  } catch { /* private mode */ }
  if (!pending) return;
  const errors = document.querySelector(".coding-panel .errorlist");
  if (errors) return say(interpolate(gettext("Not coded: %(errors)s"), { errors: errors.textContent.trim() }));
  if (!coded) return;
  const together = codings.filter((c) => c.start === coded.start && c.end === coded.end && c.coder === coded.coder && c.id >= coded.id);
  const names = together.map((c) => quoted(codeOf(c).name)).join(", ");
  say(interpolate(gettext("Coded %(codes)s on “%(quote)s”."), { codes: names, quote: shortQuote(quoteOf(coded.start, coded.end)) }));
  if (pending !== "keys") return;
  // After the load: the browser's own jump to the address's #coding- fragment moves the focus.
  window.addEventListener("load", () => {
    container.focus({ preventScroll: true });
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(rangeOf(coded.end, coded.end));
  });
}

function shortcut(event) {
  const typing = event.target.closest(
    "textarea, select, [contenteditable], input:not([type=checkbox]):not([type=radio]):not([type=submit]):not([type=button])",
  );
  if (event.key === "Escape" && ["code-search", "code-combo"].includes(event.target.id)) container.focus();
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === "/") {
    event.preventDefault();
    document.getElementById("code-search").focus();
  } else if (form && form.elements.end.value && /^[1-9]$/.test(event.key)) {
    const id = tree.recentCodes()[Number(event.key) - 1];
    if (id) {
      event.preventDefault();
      codeWith(id);
    }
  }
}

const drawAside = () => {
  drawGutter();
  drawMargin();
};
render();
drawLists();
drawAside();
let resizing = 0;
window.addEventListener("resize", () => {
  cancelAnimationFrame(resizing);
  resizing = requestAnimationFrame(drawAside);
});
container.addEventListener("keydown", transcriptKeys);
table.addEventListener("click", (event) => {
  const link = event.target.closest("a.show-coding");
  if (!link) return;
  event.preventDefault();
  container.focus({ preventScroll: true });
  showCoding(byPosition.findIndex((c) => String(c.id) === link.dataset.coding), "center");
});
document.addEventListener("keydown", shortcut);
document.getElementById("code-search").addEventListener("input", tree.showTree);
document.getElementById("code-tree").addEventListener("click", tree.toggleCode);
tree.showTree();
if (form) {
  const pick = () => {
    const passage = currentSelection();
    if (passage) choose(passage);
  };
  document.addEventListener("selectionchange", pick);
  container.addEventListener("mouseup", pick);
  document.getElementById("code-tree").addEventListener("change", updateCodeButton);
  document.getElementById("recent-codes").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-code]");
    const box = button && codeBoxes().find((b) => b.value === button.dataset.code);
    if (box) {
      box.checked = !box.checked;
      updateCodeButton();
    }
  });
  tree.showRecent();
  const announceOnReturn = () => {
    try { sessionStorage.setItem("coding-announce", codedByKeys ? "keys" : "pointer"); } catch { /* private mode */ }
  };
  // A button pressed with Enter or Space clicks with detail 0: that coder also gets the caret back.
  document.addEventListener("click", (event) => {
    if (event.detail === 0 && event.target.closest("#code-button, #new-code-button")) codedByKeys = true;
  });
  form.addEventListener("submit", () => {
    tree.remember(checkedCodes().map((box) => box.value));
    announceOnReturn();
  });
  codeCombobox(comboInput, document.getElementById("code-combo-list"), comboCodes(), codeFromCombo);
  if (newCodeForm) {
    // The memo typed above goes with the new code's coding too.
    newCodeForm.addEventListener("submit", () => {
      newCodeForm.elements["new-memo"].value = form.elements.memo.value;
      announceOnReturn();
    });
  }
  // The tie form opens with the passage in its query string (never the CSRF token): the passage
  // is coded only when the tie is saved, both in one transaction.
  document.getElementById("interaction-button").addEventListener("click", (event) => {
    const params = new URLSearchParams();
    for (const name of ["start", "end", "quote", "memo"]) params.set(name, form.elements[name].value);
    const first = checkedCodes()[0];
    if (first) params.set("code", first.value);
    window.location.assign(`${event.currentTarget.dataset.url}?${params}`);
  });
  // A form sent back with errors keeps its passage: show it again.
  const sentBack = form.elements.end.value ? form : newCodeForm?.elements["new-end"].value ? newCodeForm : null;
  if (sentBack) {
    const field = (name) => sentBack.elements[sentBack === form ? name : `new-${name}`].value;
    choose({ start: Number(field("start")), end: Number(field("end")), quote: field("quote") });
  }
}
// Anchors #coding-<id> and #passage-<id> scroll to and flash the passage in the transcript.
const anchor = window.location.hash.match(/^#(?:coding|passage)-(\d+)$/);
if (anchor) {
  const target = container.querySelector(`span[data-codings~="${anchor[1]}"]`);
  if (target) {
    target.scrollIntoView({ block: "center" });
    target.classList.add("anchored");
  }
}
if (form) announceAfterReload(anchor && codings.find((c) => String(c.id) === anchor[1]));
if (atRange) {
  const first = container.querySelector(".search-hit-mark");
  if (first) first.scrollIntoView({ block: "center" });
  if (form) choose({ start: atRange.start, end: atRange.end, quote: quoteOf(atRange.start, atRange.end) });
}
