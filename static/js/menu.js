/* The header's menu and language buttons on narrow screens. Loaded in <head> without defer, so
   the menus are folded before the page first paints; without script they simply stay open. */
document.documentElement.classList.add("portal-js");
document.addEventListener("DOMContentLoaded", function () {
  var toggles = document.querySelectorAll(".portal-toggle");
  function menuOf(toggle) { return document.getElementById(toggle.getAttribute("aria-controls")); }
  function setOpen(toggle, open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    menuOf(toggle).classList.toggle("portal-open", open);
  }
  toggles.forEach(function (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggles.forEach(function (other) { setOpen(other, false); });  // one menu at a time
      setOpen(toggle, open);
    });
  });
  // Escape folds an open menu and gives the focus back to its button
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    toggles.forEach(function (toggle) {
      if (toggle.getAttribute("aria-expanded") === "true") { setOpen(toggle, false); toggle.focus(); }
    });
  });
});
