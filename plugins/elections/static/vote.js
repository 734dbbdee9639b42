// Voting pages: the code from the slip's QR code (after "#", never sent to the server), ranking
// by tapping candidates in order, and a kiosk in polling-station mode that returns to the code
// page by itself after a receipt.
(function () {
  "use strict";
  document.documentElement.classList.add("el-js");
  var code = document.getElementById("el-code");
  if (code && window.location.hash.length > 1 && !code.value) {
    code.value = decodeURIComponent(window.location.hash.slice(1));
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }
  document.querySelectorAll(".el-ranked").forEach(function (list) {
    var items = Array.prototype.slice.call(list.querySelectorAll(".el-choice"));
    function order() {
      return items.filter(function (li) { return li.querySelector("select").value; })
        .sort(function (a, b) { return a.querySelector("select").value - b.querySelector("select").value; });
    }
    function show() {
      order().forEach(function (li, i) { li.querySelector("select").value = String(i + 1); });
      items.forEach(function (li) {
        var value = li.querySelector("select").value;
        li.classList.toggle("el-picked", !!value);
        li.querySelector(".el-tap-number").textContent = value ? value : "";
        li.querySelector("button").setAttribute("aria-pressed", value ? "true" : "false");
      });
    }
    items.forEach(function (li) {
      var label = li.querySelector("label");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "el-card";
      var number = document.createElement("span");
      number.className = "el-tap-number";
      button.appendChild(number);
      Array.prototype.slice.call(label.childNodes).forEach(function (node) {
        if (!(node.nodeType === 1 && (node.tagName === "SELECT" || node.classList.contains("el-rank-label")))) {
          button.appendChild(node.cloneNode(true));
        }
      });
      label.classList.add("visually-hidden");
      li.appendChild(button);
      button.addEventListener("click", function () {
        var select = li.querySelector("select");
        if (select.value) { select.value = ""; } else { select.value = String(order().length + 1); }
        show();
      });
    });
    show();
  });
  var vote = document.querySelector(".el-vote[data-station]");
  if (vote && vote.dataset.step === "receipt") {
    var next = document.querySelector(".el-next-voter");
    if (next) { window.setTimeout(function () { window.location.assign(next.href); }, 30000); }
  }
})();
