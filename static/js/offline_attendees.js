// Offline training form: a filter box over the attendee checkboxes (a roster may have hundreds of
// people). Without JavaScript the full list still works; checked people stay checked when hidden.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("[data-attendee-filter]");
  const list = document.getElementById("id_learners");
  if (!box || !list) return;
  box.hidden = false;
  const input = box.querySelector("input");
  input.addEventListener("input", () => {
    const needle = input.value.trim().toLowerCase();
    for (const option of list.querySelectorAll("label")) {
      const row = option.closest("div") || option;
      row.hidden = needle !== "" && !option.textContent.toLowerCase().includes(needle);
    }
  });
});
