// The job page: poll the job's status, move the progress bar, and reload the page when the job is
// done or failed (the server renders the result or every problem).
(function () {
  "use strict";
  const POLL_MS = 700;
  // Texts from Django's JavaScript catalogue (base.html), looked up when shown: this script may run
  // before the catalogue has loaded, and without it (signed out) the English text stays.
  const ngettext = (singular, plural, count) => (window.ngettext ? window.ngettext(singular, plural, count) : count === 1 ? singular : plural);
  const interpolate = (format, values) => (window.interpolate ? window.interpolate(format, values, true) : format.replace(/%\((\w+)\)s/g, (_, name) => String(values[name])));
  const root = document.getElementById("job");
  if (!root || root.dataset.status === "done" || root.dataset.status === "failed") return;
  const bar = document.getElementById("job-progress");
  const label = document.getElementById("job-progress-label");
  const status = document.getElementById("job-status");

  function show(job) {
    root.dataset.status = job.status;
    status.textContent = job.status_label.charAt(0).toUpperCase() + job.status_label.slice(1);
    if (job.progress.total > 0) {
      bar.max = job.progress.total;
      bar.value = job.progress.done;
      const steps = ngettext("%(done)s of %(total)s steps", "%(done)s of %(total)s steps", job.progress.total);
      label.textContent = interpolate(steps, { done: job.progress.done, total: job.progress.total });
    }
  }

  function poll() {
    fetch(root.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => response.json())
      .then((job) => {
        show(job);
        if (job.status === "done" || job.status === "failed") window.location.reload();
        else window.setTimeout(poll, POLL_MS);
      })
      .catch(() => window.setTimeout(poll, POLL_MS * 4));
  }

  window.setTimeout(poll, POLL_MS);
})();
