// Send only the filters that are set, so a result URL stays short enough to bookmark and share.
document.querySelectorAll("form[data-drop-empty]").forEach((form) => {
  form.addEventListener("submit", () => {
    for (const field of form.elements) {
      if (field.name && (field.value === "" || field.value === field.dataset.default)) field.disabled = true;
    }
  });
  // Coming back from the results (back/forward cache), the form must be usable again.
  window.addEventListener("pageshow", () => {
    for (const field of form.elements) field.disabled = false;
  });
});
