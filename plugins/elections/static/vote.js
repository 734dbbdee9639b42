// Voting pages: the code from the slip's QR code (after "#", never sent to the server), ranking
// by tapping candidates in order, and the kiosk's polling station (station.jinja2).
(function () {
  "use strict";
  document.documentElement.classList.add("el-js");

  function init() {
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
    station.started();
  }

  /* A polling station sends each step with fetch and puts the answer in place of the page, so
     that a dropped network leaves the voter on their screen with a plain message (a navigation
     would show the browser's error page, with no way back on a kiosk). Casting is one
     transaction on the server: a ballot is stored with its code spent, or nothing is. After the
     receipt, or a while without touch, the kiosk goes back to its language picker with
     location.replace: the voter's pages leave no entry in the history. */
  var station = {
    body: function () { return document.body.classList.contains("el-station-page") ? document.body : null; },
    timer: null,
    started: function () {
      var body = station.body();
      if (!body) return;
      var step = document.querySelector(".el-vote").dataset.step;
      var seconds = Number(step === "receipt" ? body.dataset.receiptSeconds : body.dataset.idle);
      station.wait = seconds * 1000;
      station.touched();
      var heading = document.querySelector(".el-vote h2") || document.querySelector(".el-vote h1");
      if (heading && station.swapped) { heading.tabIndex = -1; heading.focus(); }
    },
    touched: function () {
      if (!station.body()) return;
      window.clearTimeout(station.timer);
      station.timer = window.setTimeout(station.leave, station.wait);
    },
    leave: function () {
      var target = station.body().dataset.kiosk;
      document.body.innerHTML = "";  // the receipt and any choice go at once
      window.location.replace(target);
    },
    busy: false,
    send: function (url, options, cast) {
      if (station.busy) return;
      station.busy = true;
      options.cache = "no-store";
      options.credentials = "same-origin";
      fetch(url, options).then(function (response) {
        return response.text();
      }).then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html");
        if (!next.body.classList.contains("el-station-page")) {
          station.leave();  // not a step of the vote (a refused token...): start again cleanly
          return;
        }
        document.documentElement.lang = next.documentElement.lang;
        document.documentElement.dir = next.documentElement.dir;
        document.title = next.title;
        document.body.replaceWith(document.adoptNode(next.body));
        station.busy = false;
        station.swapped = true;
        window.scrollTo(0, 0);
        init();
      }).catch(function () {
        station.busy = false;
        var body = station.body();
        var message = document.getElementById("el-offline");
        message.textContent = cast ? body.dataset.offlineCast : body.dataset.offline;
        message.hidden = false;
        message.scrollIntoView({block: "center"});
      });
    }
  };

  document.addEventListener("submit", function (event) {
    if (!station.body()) return;
    event.preventDefault();
    var form = event.target;
    var step = form.querySelector('input[name="step"]');
    station.send(form.action, {method: "POST", body: new URLSearchParams(new FormData(form))},
                 step && step.value === "cast");
  });
  document.addEventListener("click", function (event) {
    if (!station.body()) return;
    var link = event.target.closest(".el-station-languages a");
    if (link) {
      event.preventDefault();
      station.send(link.href, {method: "GET"}, false);
    } else if (event.target.closest(".el-next-voter, .el-to-kiosk")) {
      event.preventDefault();
      station.leave();
    }
  });
  ["pointerdown", "keydown", "input"].forEach(function (type) {
    document.addEventListener(type, station.touched, {passive: true});
  });

  init();
})();
