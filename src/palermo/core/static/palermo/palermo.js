// Small progressive enhancements; every page works without this file.
document.addEventListener("change", (event) => {
  // Filter forms submit (through htmx where loaded) when a select changes.
  const form = event.target.closest("form[data-autosubmit]");
  if (form) form.requestSubmit();
});

// Autosave: a form marked data-autosave is saved a moment after typing stops, through fetch with the
// same fields as its submit button. The server answers with the new version (kept for the next save)
// or, when someone else saved first, a 409 with the reason; what was typed stays in the page.
const autosaveDelay = 1500;
document.addEventListener("input", (event) => {
  const form = event.target.closest("form[data-autosave]");
  if (!form) return;
  clearTimeout(form.autosaveTimer);
  form.autosaveTimer = setTimeout(() => autosave(form), autosaveDelay);
});

async function autosave(form) {
  const status = form.querySelector("[data-autosave-status]");
  if (form.autosaveBusy) {  // one save at a time per form; the next one follows
    form.autosaveTimer = setTimeout(() => autosave(form), autosaveDelay);
    return;
  }
  form.autosaveBusy = true;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    const answer = await response.json();
    if (response.ok) {
      form.elements.version.value = answer.version;
      status.textContent = answer.status;
      status.classList.remove("error");
      const progress = document.querySelector(`[data-saq-progress="${form.dataset.article}"]`);
      if (progress) progress.textContent = answer.progress;
      const total = document.querySelector("[data-saq-total]");
      if (total && answer.total) total.textContent = answer.total;
      const meter = document.querySelector("[data-saq-meter]");
      if (meter && answer.asked) meter.value = answer.answered;
      for (const field of form.querySelectorAll("[aria-invalid]")) field.removeAttribute("aria-invalid");
    } else {
      status.textContent = answer.error;
      status.classList.add("error");
      for (const field of answer.field ? form.querySelectorAll(`[name="${CSS.escape(answer.field)}"]`) : []) {
        field.setAttribute("aria-invalid", "true");
      }
    }
  } catch (error) {
    status.textContent = status.dataset.offline;
    status.classList.add("error");
  } finally {
    form.autosaveBusy = false;
  }
}

// A language button returns to the address in the address bar, which htmx may have changed since the page
// was served (a search's filters): the server wrote the served one into `next`.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.matches("form.languages") && form.elements.next) {
    form.elements.next.value = location.pathname + location.search + location.hash;
  }
});

// Menus (<details data-menu>: the header's drop-downs and the phone's menu) work without this; it closes
// an open one when the person clicks elsewhere or presses Escape (focus goes back to its button).
const wide = window.matchMedia("(min-width: 60.01rem)");
const menuAlwaysShown = (menu) => menu.classList.contains("site-menu") && wide.matches;
if (!CSS.supports("selector(::details-content)")) {  // older browsers: open the menu on a wide screen
  const openOnWideScreens = () => {
    const menu = document.querySelector(".site-menu");
    if (menu && wide.matches) menu.open = true;
  };
  document.addEventListener("DOMContentLoaded", openOnWideScreens);
  wide.addEventListener("change", openOnWideScreens);
}
document.addEventListener("click", (event) => {
  for (const menu of document.querySelectorAll("details[data-menu][open]")) {
    if (!menu.contains(event.target) && !menuAlwaysShown(menu)) menu.open = false;
  }
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const open = [...document.querySelectorAll("details[data-menu][open]")].filter((menu) => !menuAlwaysShown(menu));
  const innermost = open.pop();
  if (!innermost) return;
  innermost.open = false;
  innermost.querySelector("summary").focus();
});

// A refused form comes back with its problem beside the field (role="alert", the field aria-invalid and
// described by it; the form's action ends with its #anchor, so the page opens there without script too):
// move the focus to that field, or to the message, so that keyboard and screen-reader users land on it.
function focusFormProblem() {
  const problem = document.querySelector("[data-form-error]");
  if (!problem) return;
  const field = document.querySelector(`[aria-describedby~="${problem.id}"]`);
  const target = field || problem;
  if (!field) problem.tabIndex = -1;
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: "center" });
}
// After the load: the browser's own move to the #anchor of the address would otherwise take the focus back.
if (document.readyState === "complete") focusFormProblem();
else window.addEventListener("load", () => setTimeout(focusFormProblem, 0));
