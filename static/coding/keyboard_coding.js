// Coding without a mouse: sentence boundaries for the step keys, a live region that tells screen
// readers what happened, and the code combobox (ARIA 1.2 combobox with a listbox popup).
// Offsets are code points, as everywhere in the coding view.

const TERMINATOR = /[.!?…]/;
const CLOSER = /[.!?…"'”’»)\]]/;
const SPACE = /\s/;

// [start, end) of every sentence: text up to a terminator followed by a space (closing quotes
// and brackets stay with it), or up to a line break. Leading and trailing spaces are left out.
export function sentencesOf(chars) {
  const sentences = [];
  let start = null;
  const close = (end) => {
    let last = end;
    while (start !== null && last > start && SPACE.test(chars[last - 1])) last--;
    if (start !== null && last > start) sentences.push([start, last]);
    start = null;
  };
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i];
    if (char === "\n") {
      close(i);
      continue;
    }
    if (start === null && !SPACE.test(char)) start = i;
    if (start === null || !TERMINATOR.test(char)) continue;
    let end = i + 1;
    while (end < chars.length && CLOSER.test(chars[end])) end++;
    if (end === chars.length || SPACE.test(chars[end])) {
      close(end);
      i = end - 1;
    }
  }
  close(chars.length);
  return sentences;
}

// Text set a moment after a change is read out by screen readers even when it repeats.
export function announcer(region) {
  let pending = 0;
  return (text) => {
    clearTimeout(pending);
    region.textContent = "";
    pending = setTimeout(() => {
      region.textContent = text;
    }, 50);
  };
}

export const shortQuote = (quote) => (quote.length > 60 ? `${quote.slice(0, 59)}…` : quote);

// The combobox: typing filters the codes, ↓ ↑ move through them, Enter (or a click) picks one.
// `codes` are {id, name, label, search}; `pick(id)` is called with the chosen code's id.
export function codeCombobox(input, listbox, codes, pick) {
  let shown = [];
  let active = -1;

  function setActive(index) {
    active = index;
    listbox.querySelectorAll("[role=option]").forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    const option = listbox.children[index];
    if (option) {
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  }

  function open() {
    const needle = input.value.trim().toLowerCase();
    shown = codes.filter((code) => !needle || code.search.includes(needle)).slice(0, 50);
    listbox.replaceChildren(
      ...shown.map((code) => {
        const option = Object.assign(document.createElement("li"), { id: `code-option-${code.id}`, textContent: code.label });
        option.setAttribute("role", "option");
        option.dataset.code = code.id;
        return option;
      }),
    );
    listbox.hidden = shown.length === 0;
    input.setAttribute("aria-expanded", String(shown.length > 0));
    setActive(shown.length ? 0 : -1);
  }

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  }

  input.addEventListener("input", open);
  input.addEventListener("keydown", (event) => {
    const expanded = input.getAttribute("aria-expanded") === "true";
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!expanded) return open();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((active + step + shown.length) % shown.length);
    } else if (event.key === "Enter") {
      event.preventDefault(); // never the form's implicit submission with whatever boxes are ticked
      if (!expanded || active < 0) return;
      const id = shown[active].id;
      close();
      pick(id);
    } else if (event.key === "Escape" && expanded) {
      event.preventDefault();
      event.stopPropagation(); // the first Escape closes the list, the next leaves the field
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
  listbox.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus in the field
  listbox.addEventListener("click", (event) => {
    const option = event.target.closest("[role=option]");
    if (!option) return;
    close();
    pick(option.dataset.code);
  });
  return { open, close };
}
