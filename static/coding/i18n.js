// Django's JavaScript catalogue for the coding modules: base.html loads it (signed-in pages) before
// the page's scripts; without it every text stays English. Looked up at each call, never cached.

export const gettext = (text) => (window.gettext ? window.gettext(text) : text);
export const ngettext = (singular, plural, count) =>
  window.ngettext ? window.ngettext(singular, plural, count) : count === 1 ? singular : plural;
export const pgettext = (context, text) => (window.pgettext ? window.pgettext(context, text) : text);
// Named placeholders only: interpolate("%(name)s", { name }).
export const interpolate = (format, values) =>
  window.interpolate
    ? window.interpolate(format, values, true)
    : format.replace(/%\((\w+)\)s/g, (_, name) => String(values[name]));

// A quotation in the marks of the page's language: “…” in English, „…“ in German.
export const quoted = (text) => interpolate(pgettext("quotation marks", "“%(text)s”"), { text });
