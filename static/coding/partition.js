// Figures by partition (analysis page, comparison): fetch the fragment and ask again while the
// worker computes it (the server answers 202 until the figures are stored, then 200).
(function () {
  "use strict";
  const POLL_MS = 1500;

  function load(root) {
    const holder = root.querySelector("[data-partition-holder], #partition-holder");
    fetch(root.dataset.url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then((response) => response.text().then((html) => ({ status: response.status, html: html })))
      .then(({ status, html }) => {
        holder.innerHTML = html;
        root.dataset.status = String(status);
        if (status === 202) window.setTimeout(() => load(root), POLL_MS);
      })
      .catch(() => {
        holder.textContent = "The figures could not be loaded; trying again…";
        window.setTimeout(() => load(root), POLL_MS * 4);
      });
  }

  document.querySelectorAll("#partition-root, [data-partition-url]").forEach((root) => {
    if (!root.dataset.url && root.dataset.partitionUrl) root.dataset.url = root.dataset.partitionUrl;
    if (root.dataset.url) load(root);
  });
})();
