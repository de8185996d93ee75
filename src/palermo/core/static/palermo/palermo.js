// Small progressive enhancements; every page works without this file.
document.addEventListener("change", (event) => {
  // Filter forms submit (through htmx where loaded) when a select changes.
  const form = event.target.closest("form[data-autosubmit]");
  if (form) form.requestSubmit();
});
