// The knowledge-base search page: small enhancements; the page works without this file.
// Everything is inside one function: the page's other scripts share the global names.
(() => {
  // The filters stay beside the results on a wide screen; on a phone they wait behind their button.
  const wide = window.matchMedia("(min-width: 48.01rem)");

  function openFiltersOnWideScreens() {
    if (!wide.matches) return;
    for (const details of document.querySelectorAll("details[data-filters]")) details.open = true;
  }

  document.addEventListener("DOMContentLoaded", openFiltersOnWideScreens);
  document.addEventListener("htmx:afterSettle", openFiltersOnWideScreens);
  wide.addEventListener("change", openFiltersOnWideScreens);

  // Typing in a facet's "Find in" box keeps the values whose label holds what is typed (case and accents
  // aside); the Find button does the same on the server when scripts do not run.
  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase();
  }

  function narrow(input) {
    const section = input.closest("section");
    const wanted = fold(input.value.trim());
    let shown = 0;
    for (const item of section.querySelectorAll("ul.all-values > li")) {
      const link = item.querySelector("a");
      if (!link) continue;
      const keep = !wanted || fold(link.textContent).includes(wanted);
      item.hidden = !keep;
      if (keep) shown += 1;
    }
    const none = section.querySelector("[data-within-none]");
    if (none) none.hidden = shown > 0;
  }

  document.addEventListener("input", (event) => {
    const input = event.target.closest("[data-within-input]");
    if (input) narrow(input);
  });

  document.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-facet-within]");
    if (!form) return;
    const input = form.querySelector("[data-within-input]");
    // the whole list is in the page (not narrowed by the server): narrowing it here is enough
    if (input && !new URLSearchParams(location.search).get("within")) {
      event.preventDefault();
      narrow(input);
    }
  });

  // "Show all" expands its facet in place (htmx); the keyboard then goes on in its "Find in" box.
  let expanding = "";
  document.addEventListener("click", (event) => {
    const link = event.target.closest(".facet-more a[hx-get]");
    if (link) expanding = link.closest("section").id;
  });
  document.addEventListener("htmx:afterSettle", () => {
    if (!expanding) return;
    const input = document.querySelector(`#${expanding} [data-within-input]`);
    expanding = "";
    if (input) input.focus();
  });
})();
