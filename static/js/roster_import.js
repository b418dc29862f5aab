// Roster import with progress: upload with XMLHttpRequest (which reports upload progress), then poll
// the server's count of rows checked and written until the import answers. Without this script the
// form is an ordinary POST that ends on the result page.
(() => {
  const form = document.getElementById("roster-import-form");
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  const box = form.querySelector(".roster-progress");
  const bar = box.querySelector("progress");
  const text = box.querySelector(".roster-progress__text");
  const failure = form.querySelector(".roster-form__error");
  const button = form.querySelector("button[type=submit]");
  const label = (name, values = {}) =>
    (form.dataset[name] || "").replace(/%\((\w+)\)s/g, (_, key) => String(values[key] ?? ""));

  const show = (value, max, message) => {
    box.hidden = false;
    if (value === null) bar.removeAttribute("value");
    else { bar.max = max || 1; bar.value = value; }
    text.textContent = message;
  };

  const randomToken = () => {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  };

  form.addEventListener("submit", (event) => {
    if (!window.crypto || !crypto.getRandomValues) return; // plain POST
    event.preventDefault();
    const token = randomToken();
    form.elements.progress_token.value = token;
    const data = new FormData(form);
    const request = new XMLHttpRequest();
    let polling = null;
    button.disabled = true;
    failure.hidden = true;

    const poll = () => {
      fetch(`${form.dataset.progressUrl}?token=${token}`, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : null))
        .then((state) => {
          if (!state || !state.total) return;
          if (state.phase === "checking") show(state.done, state.total, label("textChecking", state));
          else if (state.phase === "writing") show(state.done, state.total, label("textWriting", state));
        })
        .catch(() => {});
    };
    const stop = () => { if (polling) clearInterval(polling); polling = null; button.disabled = false; };

    request.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) show(e.loaded, e.total, `${label("textUploading")} ${Math.round((100 * e.loaded) / e.total)}%`);
    });
    request.upload.addEventListener("load", () => {
      show(null, 0, label("textReading"));
      polling = setInterval(poll, 1000);
    });
    request.addEventListener("load", () => {
      stop();
      let body = null;
      try { body = JSON.parse(request.responseText); } catch (e) { body = null; }
      if (request.status === 200 && body && body.url) {
        show(1, 1, label("textDone"));
        window.location.assign(body.url);
      } else {
        box.hidden = true;
        failure.textContent = (body && body.detail) || label("textFailed");
        failure.hidden = false;
      }
    });
    request.addEventListener("error", () => {
      stop();
      box.hidden = true;
      failure.textContent = label("textFailed");
      failure.hidden = false;
    });
    request.open("POST", form.action || window.location.href);
    request.setRequestHeader("Accept", "application/json");
    request.send(data);
  });
})();
