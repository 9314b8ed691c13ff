// The header navigation on narrow screens: one "Menu" button (a disclosure) instead of a wrapped
// row of links. Without this script the button stays hidden and the links show as a list.
(() => {
  const toggle = document.getElementById("nav-toggle");
  const nav = document.getElementById("topnav");
  if (!toggle || !nav) return;
  const header = toggle.closest(".topbar");
  const setOpen = (open) => {
    toggle.setAttribute("aria-expanded", String(open));
    header.classList.toggle("nav-open", open);
  };
  header.classList.add("nav-collapsible");
  toggle.hidden = false;
  toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
  // Escape closes the open menu and gives the focus back to its button.
  header.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || toggle.getAttribute("aria-expanded") !== "true") return;
    setOpen(false);
    toggle.focus();
  });
})();
