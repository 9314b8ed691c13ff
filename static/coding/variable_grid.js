// The variables grid (coding/variables/grid_views.py): arrow keys, Enter and Tab move between
// cells; a block pasted from a spreadsheet (tab-separated rows) fills the cells right and down;
// "Save all" posts the changed cells at once. A refused save marks each bad cell with its message
// and keeps every typed value on the page.

import { gettext, interpolate, ngettext } from "./i18n.js";

const table = document.getElementById("variable-grid");
const form = document.getElementById("grid-form");
const statusLine = document.getElementById("grid-status");
const rows = Array.from(table.querySelectorAll("tbody tr")).map((tr) => Array.from(tr.querySelectorAll("input, select")));
// The words the server reads as yes/no (coding/variables/values.py), for yes/no selects.
const TRUE_WORDS = new Set(["1", "true", "yes", "y", "ja", "wahr", "x"]);
const FALSE_WORDS = new Set(["0", "false", "no", "n", "nein", "falsch"]);

rows.forEach((cells, r) => cells.forEach((cell, c) => { cell.dataset.row = r; cell.dataset.col = c; }));

function cellAt(r, c) {
  return rows[r] && rows[r][c];
}

function move(cell, dr, dc) {
  const target = cellAt(Number(cell.dataset.row) + dr, Number(cell.dataset.col) + dc);
  if (target) {
    target.focus();
    if (target.select) target.select();
  }
}

function atEdge(cell, direction) {
  if (cell.tagName === "SELECT" || cell.selectionStart !== cell.selectionEnd) return cell.tagName === "SELECT";
  return direction < 0 ? cell.selectionStart === 0 : cell.selectionEnd === cell.value.length;
}

function markChanged(cell) {
  const td = cell.closest("td");
  td.classList.toggle("changed", cell.value !== cell.dataset.initial);
  if (td.classList.contains("invalid")) {
    td.classList.remove("invalid");
    const note = td.querySelector(".cell-error");
    note.hidden = true;
    note.textContent = "";
  }
}

function setCell(cell, raw) {
  const text = raw.trim();
  if (cell.tagName === "SELECT") {
    const folded = text.toLowerCase();
    let option = Array.from(cell.options).find(
      (o) => o.value.toLowerCase() === folded || o.textContent.trim().toLowerCase() === folded,
    );
    if (!option && cell.querySelector('option[value="true"]')) {
      if (TRUE_WORDS.has(folded)) option = cell.querySelector('option[value="true"]');
      if (FALSE_WORDS.has(folded)) option = cell.querySelector('option[value="false"]');
    }
    if (!option) {
      // Not a category: kept as typed so the server names it at this cell and nothing is lost.
      option = new Option(text, text);
      option.className = "unknown";
      cell.add(option);
    }
    cell.value = option.value;
  } else {
    cell.value = text;
  }
  markChanged(cell);
}

table.addEventListener("keydown", (event) => {
  const cell = event.target;
  if (!cell.dataset || cell.dataset.row === undefined) return;
  const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  if (event.key === "Enter") {
    event.preventDefault();
    move(cell, event.shiftKey ? -1 : 1, 0);
  } else if (event.key in moves && !event.altKey && !event.ctrlKey && !event.metaKey) {
    const [dr, dc] = moves[event.key];
    if (dc !== 0 && !atEdge(cell, dc)) return;
    event.preventDefault();
    move(cell, dr, dc);
  }
});

table.addEventListener("input", (event) => markChanged(event.target));
table.addEventListener("change", (event) => markChanged(event.target));

table.addEventListener("paste", (event) => {
  const cell = event.target;
  if (!cell.dataset || cell.dataset.row === undefined) return;
  const text = event.clipboardData.getData("text/plain").replace(/\r\n?/g, "\n").replace(/\n$/, "");
  if (!text.includes("\t") && !text.includes("\n") && cell.tagName === "INPUT") return; // one value: typed as usual
  event.preventDefault();
  const block = text.split("\n").map((line) => line.split("\t"));
  const r0 = Number(cell.dataset.row);
  const c0 = Number(cell.dataset.col);
  let outside = 0;
  block.forEach((line, dr) => line.forEach((raw, dc) => {
    const target = cellAt(r0 + dr, c0 + dc);
    if (target) setCell(target, raw);
    else outside += 1;
  }));
  statusLine.textContent = outside
    ? interpolate(
        ngettext(
          "%(count)s pasted value(s) fell outside the grid and were left out.",
          "%(count)s pasted value(s) fell outside the grid and were left out.",
          outside,
        ),
        { count: outside },
      )
    : gettext("Pasted; not saved yet.");
});

function changedCells() {
  const values = {};
  let count = 0;
  rows.flat().forEach((cell) => {
    if (cell.value === cell.dataset.initial) return;
    const record = cell.closest("tr").dataset.record;
    (values[cell.dataset.variable] ||= {})[record] = cell.value;
    count += 1;
  });
  return { values, count };
}

function showErrors(errors) {
  errors.forEach(({ variable, record, messages }) => {
    const cell = table.querySelector(`tr[data-record="${record}"] [data-variable="${variable}"]`);
    if (!cell) return;
    const td = cell.closest("td");
    td.classList.add("invalid");
    const note = td.querySelector(".cell-error");
    note.textContent = messages.join(" ");
    note.hidden = false;
    cell.setAttribute("aria-invalid", "true");
  });
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const { values, count } = changedCells();
  if (!count) {
    statusLine.textContent = gettext("Nothing changed.");
    return;
  }
  statusLine.textContent = gettext("Saving…");
  const response = await fetch(window.location.pathname, {
    method: "POST",
    credentials: "same-origin",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json",
      "X-CSRFToken": form.querySelector("[name=csrfmiddlewaretoken]").value,
    },
    body: JSON.stringify({ version: table.dataset.version, values }),
  });
  const answer = await response.json().catch(() => ({}));
  if (response.ok) {
    rows.flat().forEach((cell) => {
      cell.dataset.initial = cell.value;
      cell.removeAttribute("aria-invalid");
      cell.closest("td").classList.remove("changed");
    });
    table.dataset.version = answer.version;
    statusLine.textContent = interpolate(ngettext("Saved %(count)s cell(s).", "Saved %(count)s cell(s).", count), { count });
    return;
  }
  if (answer.errors) showErrors(answer.errors);
  statusLine.textContent =
    answer.message || interpolate(gettext("Not saved (HTTP %(status)s); your values are still here."), { status: response.status });
});

window.addEventListener("beforeunload", (event) => {
  if (changedCells().count) event.preventDefault();
});
