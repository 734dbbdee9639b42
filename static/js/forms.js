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
