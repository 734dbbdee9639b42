/* Every form page: starts deform's widgets (an inline script would break the CSP), puts the
   cursor in the first field in error, and counts what is typed against a field's limit. */
if (window.deform) {
  deform.load();
}

(function () {
  const numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);

  // the first field in error gets the focus (and comes into view), so the reader starts there
  const invalid = document.querySelector('form [aria-invalid="true"]');
  if (invalid) {
    invalid.focus();
  }

  // a chosen day in words, in the page's language: the browser's own picker may show its
  // digits in the browser's language
  const days = new Intl.DateTimeFormat(document.documentElement.lang || undefined,
                                       {dateStyle: "full", timeZone: "UTC"});
  document.querySelectorAll('input[type="date"]').forEach(function (field) {
    const words = document.createElement("span");
    words.className = "form-text d-block portal-date-words";
    words.id = field.id + "-words";
    (field.closest(".input-group") || field).after(words);
    const described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + words.id);
    const update = function () {
      words.textContent = field.value ? days.format(new Date(field.value + "T00:00:00Z")) : "";
    };
    field.addEventListener("input", update);
    field.addEventListener("change", update);
    update();
  });

  // "12 / 120" beside the limit shown under a typed field, updated while typing
  document.querySelectorAll("input[maxlength], textarea[maxlength]").forEach(function (field) {
    const hint = document.getElementById("limit-" + field.id);
    if (!hint) {
      return;
    }
    const count = document.createElement("span");
    count.className = "portal-count ms-2";
    count.dir = "ltr";
    hint.appendChild(count);
    const update = function () {
      const max = Number(field.getAttribute("maxlength"));
      count.textContent = numbers.format(field.value.length) + " / " + numbers.format(max);
      count.classList.toggle("text-danger", field.value.length >= max);
    };
    field.addEventListener("input", update);
    update();
  });
})();
