/* The poster's print button (no inline handlers: the CSP allows none). */
document.addEventListener("DOMContentLoaded", function () {
  var button = document.querySelector(".nb-print");
  if (button) {
    button.addEventListener("click", function () { window.print(); });
  }
});
