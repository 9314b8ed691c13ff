// Figures by partition (analysis page, comparison): fetch the fragment and ask again while the
// worker computes it (the fragment's data-status stays "queued" or "waiting" until they are stored).
(function () {
  "use strict";
  const POLL_MS = 1500;
  const gettext = (text) => (window.gettext ? window.gettext(text) : text); // Django's catalogue, if loaded

  function load(root) {
    const holder = root.querySelector("[data-partition-holder], #partition-holder");
    fetch(root.dataset.url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then((response) => response.text())
      .then((html) => {
        holder.innerHTML = html;
        const figures = holder.querySelector("#partition-figures");
        const status = figures ? figures.dataset.status : "error";
        root.dataset.status = status;
        if (status === "queued" || status === "waiting") window.setTimeout(() => load(root), POLL_MS);
      })
      .catch(() => {
        holder.textContent = gettext("The figures could not be loaded; trying again…");
        window.setTimeout(() => load(root), POLL_MS * 4);
      });
  }

  document.querySelectorAll("#partition-root, [data-partition-url]").forEach((root) => {
    if (!root.dataset.url && root.dataset.partitionUrl) root.dataset.url = root.dataset.partitionUrl;
    if (root.dataset.url) load(root);
  });
})();
