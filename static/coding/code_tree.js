// The coding view's code tree: collapsing (remembered per study in localStorage), filtering by
// name and definition (a match keeps its parent codes visible), and the recently used codes.

const element = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

export function codeTree(studyId) {
  const store = {
    get: (name) => { try { return JSON.parse(localStorage.getItem(`coding-${name}-${studyId}`)) || []; } catch { return []; } },
    set: (name, value) => { try { localStorage.setItem(`coding-${name}-${studyId}`, JSON.stringify(value)); } catch { /* private mode */ } },
  };
  const treeItems = Array.from(document.querySelectorAll("#code-tree li[data-code]"));
  const collapsed = new Set(store.get("collapsed"));

  function showTree() {
    const needle = document.getElementById("code-search").value.trim().toLowerCase();
    const keep = new Set();
    for (const item of treeItems) {
      const ancestors = item.dataset.ancestors.split(" ").filter(Boolean);
      if (needle ? item.dataset.name.includes(needle) : !ancestors.some((id) => collapsed.has(id))) {
        keep.add(item.dataset.code);
        if (needle) for (const id of ancestors) keep.add(id);
      }
    }
    for (const item of treeItems) {
      item.hidden = !keep.has(item.dataset.code);
      const toggle = item.querySelector("button.twisty");
      if (toggle) {
        const open = !collapsed.has(item.dataset.code) || Boolean(needle);
        toggle.setAttribute("aria-expanded", String(open));
        toggle.textContent = open ? "▾" : "▸";
      }
    }
  }

  function toggleCode(event) {
    const toggle = event.target.closest("button.twisty");
    if (!toggle) return;
    const id = toggle.dataset.toggle;
    if (collapsed.has(id)) collapsed.delete(id);
    else collapsed.add(id);
    store.set("collapsed", [...collapsed]);
    showTree();
  }

  const nameOf = (id) => treeItems.find((item) => item.dataset.code === id)?.querySelector(".code-name").textContent;
  const recentCodes = () => store.get("recent").filter((id) => nameOf(id) !== undefined).slice(0, 9);

  function showRecent() {
    const list = document.getElementById("recent-codes");
    list.replaceChildren(
      ...recentCodes().map((id, i) => {
        const button = element("button", { type: "button", className: "linklike", textContent: nameOf(id) });
        button.dataset.code = id;
        return element("li", {}, element("kbd", { textContent: String(i + 1) }), " ", button);
      }),
    );
  }

  function remember(ids) {
    store.set("recent", [...ids, ...store.get("recent").filter((id) => !ids.includes(id))].slice(0, 20));
  }

  return { showTree, toggleCode, recentCodes, showRecent, remember };
}
