// Coding view: renders the transcript in highlighted segments and turns a mouse selection into
// offsets. Offsets are Python str indices (Unicode code points); JS strings index UTF-16 code
// units, so every length here is counted with Array.from (which iterates by code point).

const readJson = (id) => JSON.parse(document.getElementById(id).textContent);

const transcript = readJson("transcript-text");
const segments = readJson("transcript-segments");
const codingMeta = readJson("coding-meta");
const chars = Array.from(transcript); // one entry per code point
const container = document.getElementById("transcript");

const codePoints = (text) => Array.from(text).length;

function piece(start, end, codingIds) {
  const span = document.createElement("span");
  span.dataset.start = String(start);
  span.textContent = chars.slice(start, end).join("");
  if (codingIds.length) {
    const metas = codingIds.map((id) => codingMeta[id]);
    span.className = "coded";
    span.dataset.codings = codingIds.join(" ");
    span.title = metas.map((m) => `${m.code} (${m.coder})`).join("\n");
    // One underline per overlapping coding, in the code's colour; the first also tints the text.
    span.style.backgroundColor = `${metas[0].colour}33`;
    span.style.boxShadow = metas.map((m, i) => `inset 0 -${3 * (i + 1)}px 0 ${m.colour}`).join(", ");
  }
  return span;
}

// #at-<start>-<end> (a search hit) marks that passage: its pieces are cut at its ends.
const at = window.location.hash.match(/^#at-(\d+)-(\d+)$/);
const atRange =
  at && Number(at[2]) > Number(at[1]) && Number(at[2]) <= chars.length ? { start: Number(at[1]), end: Number(at[2]) } : null;

function pieces(start, end, codingIds) {
  const cuts = [start];
  if (atRange) for (const cut of [atRange.start, atRange.end]) if (cut > start && cut < end) cuts.push(cut);
  cuts.push(end);
  return cuts.slice(1).map((cutEnd, i) => {
    const span = piece(cuts[i], cutEnd, codingIds);
    if (atRange && cuts[i] >= atRange.start && cutEnd <= atRange.end) span.classList.add("anchored", "search-hit-mark");
    return span;
  });
}

function render() {
  const fragment = document.createDocumentFragment();
  let cursor = 0;
  for (const segment of segments) {
    if (segment.start > cursor) fragment.append(...pieces(cursor, segment.start, []));
    fragment.append(...pieces(segment.start, segment.end, segment.codings));
    cursor = segment.end;
  }
  if (cursor < chars.length) fragment.append(...pieces(cursor, chars.length, []));
  container.replaceChildren(fragment);
}

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
  return { start, end, quote: chars.slice(start, end).join("") };
}

function choose(passage) {
  form.elements.start.value = passage.start;
  form.elements.end.value = passage.end;
  form.elements.quote.value = passage.quote;
  document.getElementById("selected-quote").textContent = `“${passage.quote}”`;
  document.getElementById("selected-offsets").textContent = `characters ${passage.start}–${passage.end}`;
  document.getElementById("interaction-button").disabled = false;
  if (newCodeForm) {
    for (const name of ["start", "end", "quote"]) newCodeForm.elements[`new-${name}`].value = passage[name];
    document.getElementById("new-code-button").disabled = false;
  }
  updateCodeButton();
}

const checkedCodes = () => Array.from(form.querySelectorAll("input[name=code]:checked"));

// "Code passage" with one code, "Code with N codes" with several; disabled without a selection or a code.
function updateCodeButton() {
  const button = document.getElementById("code-button");
  const count = checkedCodes().length;
  button.textContent = count > 1 ? `Code with ${count} codes` : "Code passage";
  button.disabled = !form.elements.end.value || count === 0;
}

// Search the code tree by name and definition; a match keeps its parent codes visible.
function filterCodes(event) {
  const needle = event.target.value.trim().toLowerCase();
  const items = Array.from(document.querySelectorAll("#code-tree li[data-name]"));
  const keep = new Set();
  for (const item of items) {
    if (needle === "" || item.dataset.name.includes(needle)) {
      keep.add(item.dataset.code);
      for (const id of item.dataset.ancestors.split(" ").filter(Boolean)) keep.add(id);
    }
  }
  for (const item of items) item.hidden = !keep.has(item.dataset.code);
}

render();
if (form) {
  container.addEventListener("mouseup", () => {
    const passage = currentSelection();
    if (passage) choose(passage);
  });
  document.getElementById("code-search").addEventListener("input", filterCodes);
  document.getElementById("code-tree").addEventListener("change", updateCodeButton);
  if (newCodeForm) {
    // The memo typed above goes with the new code's coding too.
    newCodeForm.addEventListener("submit", () => {
      newCodeForm.elements["new-memo"].value = form.elements.memo.value;
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
if (atRange) {
  const first = container.querySelector(".search-hit-mark");
  if (first) first.scrollIntoView({ block: "center" });
  if (form) choose({ start: atRange.start, end: atRange.end, quote: chars.slice(atRange.start, atRange.end).join("") });
}
