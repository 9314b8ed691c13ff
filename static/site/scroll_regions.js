// Tables and their wrappers that scroll sideways (under 800 px every table does, app.css) are
// reached by keyboard while, and only while, their content overflows (WCAG 2.1.1, axe's
// "scrollable-region-focusable"): tabindex="0"; a wrapper also becomes role="region", named by
// its table's caption or the nearest heading before it. A table keeps its own role and caption.
// Markup that names its scrolling box itself (a tabindex in the template) is left as it is.
(() => {
  const SELECTOR = "main table, .table-scroll, .heat-scroll, .comparison-scroll, .variable-grid-frame";
  const HEADINGS = "h1, h2, h3, h4, h5, h6";
  let made = 0;
  const idOf = (node) => node.id || (node.id = `scroll-label-${++made}`);

  const headingBefore = (node) => {
    for (let at = node; at && at !== document.body; at = at.parentElement) {
      for (let prev = at.previousElementSibling; prev; prev = prev.previousElementSibling) {
        if (prev.matches(HEADINGS)) return prev;
        const inner = prev.querySelectorAll(HEADINGS);
        if (inner.length) return inner[inner.length - 1];
      }
    }
    return document.querySelector("main h1");
  };

  const overflows = (node) => {
    const style = getComputedStyle(node);
    const scrolling = /auto|scroll/.test(`${style.overflowX} ${style.overflowY}`);
    return scrolling && (node.scrollWidth > node.clientWidth + 1 || node.scrollHeight > node.clientHeight + 1);
  };

  const mark = (node) => {
    const ours = node.dataset.scrollRegion === "added";
    if (!ours && node.hasAttribute("tabindex")) return;
    if (!overflows(node)) {
      if (ours) {
        ["tabindex", "role", "aria-labelledby", "data-scroll-region"].forEach((name) => node.removeAttribute(name));
      }
      return;
    }
    if (ours) return;
    node.dataset.scrollRegion = "added";
    node.setAttribute("tabindex", "0");
    const named = node.hasAttribute("aria-label") || node.hasAttribute("aria-labelledby");
    if (node.tagName === "TABLE") {
      const heading = node.caption ? null : headingBefore(node);
      if (!named && heading) node.setAttribute("aria-labelledby", idOf(heading));
      return;
    }
    node.setAttribute("role", "region");
    const label = node.querySelector("caption") || headingBefore(node);
    if (!named && label) node.setAttribute("aria-labelledby", idOf(label));
  };

  let pending = false;
  const update = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      document.querySelectorAll(SELECTOR).forEach(mark);
    });
  };
  document.querySelectorAll(SELECTOR).forEach(mark);
  window.addEventListener("resize", update);
  document.addEventListener("toggle", update, true); // a table in a <details> that opens
  const main = document.querySelector("main");
  if (main) new MutationObserver(update).observe(main, { childList: true, subtree: true });
})();
