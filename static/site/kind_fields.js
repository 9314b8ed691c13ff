// Actor form: show only the fields of the chosen kind (the server validates regardless).
// A file, not an inline script: the Content Security Policy allows scripts from 'self' only.
(() => {
  const kind = document.getElementById("id_kind");
  if (!kind) return;
  const update = () => {
    document.querySelectorAll("[data-for-kind]").forEach((input) => {
      input.closest(".field").hidden = input.dataset.forKind !== kind.value;
    });
  };
  kind.addEventListener("change", update);
  update();
})();
