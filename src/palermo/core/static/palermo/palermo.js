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
    } else {
      status.textContent = answer.error;
      status.classList.add("error");
    }
  } catch (error) {
    status.textContent = status.dataset.offline;
    status.classList.add("error");
  } finally {
    form.autosaveBusy = false;
  }
}
