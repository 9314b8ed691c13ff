// Classification evidence on demand: "show all" under a card's sample of ties, and the pages of the
// full list, load in place into the card's live region. Without JavaScript the links open the
// evidence page itself. Delegated from the document: the analysis results are swapped in anew
// whenever a newer result is stored.
(function () {
  "use strict";

  function fragmentUrl(href) {
    const url = new URL(href, window.location.href);
    url.searchParams.set("fragment", "1");
    return url.toString();
  }

  function holderOf(link) {
    if (link.dataset.role === "evidence-all") {
      return link.closest("[data-role=evidence-more]").nextElementSibling;
    }
    return link.closest("[data-role=evidence-list]");
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-role=evidence-all], a[data-role=evidence-page-link]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const holder = holderOf(link);
    if (!holder) return;
    event.preventDefault();
    holder.setAttribute("aria-busy", "true");
    fetch(fragmentUrl(link.href), { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then((html) => {
        holder.innerHTML = html;
        holder.removeAttribute("aria-busy");
      })
      .catch(() => {
        window.location.href = link.href; // the page itself says what went wrong
      });
  });
})();
