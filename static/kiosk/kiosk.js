/* The centre kiosk. Opens on the language picker; shows the chosen language's feed; returns to
   the picker after a while without touch; keeps working offline through the service worker. */
(function () {
  "use strict";
  const body = document.body;
  const root = document.documentElement;
  const $ = (id) => document.getElementById(id);
  const config = {
    feed: body.dataset.feed,
    idle: Number(body.dataset.idle) * 1000,
    poll: Number(body.dataset.poll) * 1000,
    rotate: 20000,
  };
  const state = {lang: null, feed: null, fetchedAt: null, offline: false, panel: 0, timers: {},
                 urgentSeen: false};

  function clearTimer(name) {
    clearTimeout(state.timers[name]);
    clearInterval(state.timers[name]);
    delete state.timers[name];
  }

  // -- language picker ------------------------------------------------------------------------
  document.querySelectorAll(".kiosk-language").forEach((button) => {
    button.addEventListener("click", () => choose(button.dataset.lang));
  });
  $("back").addEventListener("click", reset);
  $("urgent-close").addEventListener("click", closeUrgent);

  function choose(lang) {
    state.lang = lang;
    state.urgentSeen = false;
    // the way back is named at once, in the chosen language, before its feed arrives
    const choice = document.querySelector('.kiosk-language[data-lang="' + lang + '"]');
    if (choice) {
      root.lang = choice.lang;
      root.dir = choice.dir;
      $("back-label").textContent = choice.dataset.back;
    }
    $("picker").hidden = true;
    $("board").hidden = false;
    load();
    clearTimer("poll");
    state.timers.poll = setInterval(load, config.poll);
    clearTimer("tick");
    state.timers.tick = setInterval(applySchedule, 15000);
    touched();
  }

  /* Back to the picker, forgetting everything about the last reader. */
  function reset() {
    ["poll", "tick", "rotate", "idle", "change"].forEach(clearTimer);
    state.lang = null;
    state.feed = null;
    state.fetchedAt = null;
    state.panel = 0;
    $("panels").innerHTML = "";
    $("tabs").innerHTML = "";
    $("urgent-items").innerHTML = "";
    $("urgent").hidden = true;
    $("unavailable").hidden = true;
    $("board").hidden = true;
    $("picker").hidden = false;
    root.lang = body.dataset.defaultLang;
    root.dir = body.dataset.defaultDir;
    window.scrollTo(0, 0);
  }

  // -- idle -----------------------------------------------------------------------------------
  function touched() {
    clearTimer("idle");
    if (state.lang) state.timers.idle = setTimeout(reset, config.idle);
  }
  ["pointerdown", "keydown", "wheel", "touchstart"].forEach((type) => {
    document.addEventListener(type, touched, {passive: true});
  });

  // -- feed -----------------------------------------------------------------------------------
  function feedUrl(lang) {
    return config.feed + "?lang=" + encodeURIComponent(lang);
  }

  async function load() {
    const lang = state.lang;
    if (!lang) return;
    try {
      // "no-cache": the browser revalidates with the ETag; unchanged feeds cost a 304
      const response = await fetch(feedUrl(lang), {cache: "no-cache"});
      if (!response.ok) throw new Error(String(response.status));
      const feed = await response.json();
      if (state.lang !== lang) return;
      state.offline = response.headers.get("X-Kiosk-Offline") === "1";
      // a copy the service worker kept says when it came; an answer from the server is new
      state.fetchedAt = Number(response.headers.get("X-Kiosk-Fetched-At")) || Date.now();
      render(feed);
    } catch (error) {
      if (state.lang !== lang) return;
      state.offline = true;
      if (state.feed) showStatus();
      else showUnavailable(lang);
    }
  }

  /* No network, and this kiosk has no copy of this language: say so in that language (the page
     carries the words of every language), with the way back to the languages. */
  function showUnavailable(lang) {
    const choice = document.querySelector('.kiosk-language[data-lang="' + lang + '"]');
    root.lang = choice.lang;
    root.dir = choice.dir;
    $("board-title").textContent = body.dataset.centre;
    $("back-label").textContent = choice.dataset.back;
    $("unavailable").textContent = choice.dataset.unavailable;
    $("unavailable").hidden = false;
    $("tabs").hidden = true;
    showStatus();
  }

  function render(feed) {
    const changed = !state.feed || JSON.stringify(state.feed.panels) !== JSON.stringify(feed.panels);
    state.feed = feed;
    $("unavailable").hidden = true;
    root.lang = feed.tag;
    root.dir = feed.dir;
    $("board-title").textContent = feed.centre.name;
    $("back-label").textContent = feed.labels.back;
    $("urgent-label").textContent = feed.labels.urgent;
    $("urgent-close").textContent = feed.labels.close;
    if (changed) {
      $("tabs").innerHTML = "";
      $("panels").innerHTML = "";
      feed.panels.forEach((panel, index) => {
        const section = document.createElement("section");
        section.className = "kiosk-panel";
        section.dataset.panel = panel.name;
        section.setAttribute("aria-label", panel.title);
        section.innerHTML = panel.html;
        $("panels").appendChild(section);
        const tab = document.createElement("button");
        tab.type = "button";
        tab.className = "kiosk-tab";
        tab.textContent = panel.title;
        tab.addEventListener("click", () => showPanel(index, true));
        $("tabs").appendChild(tab);
      });
      showPanel(Math.min(state.panel, feed.panels.length - 1), false);
    }
    applySchedule();
    showStatus();
    clearTimer("change");
    if (feed.next_change_at === null) return;  // nothing changes by itself
    const wait = feed.next_change_at * 1000 - Date.now();
    if (wait > 0 && wait < 2147483647) state.timers.change = setTimeout(load, wait + 1000);
  }

  function showStatus() {
    const feed = state.feed;
    $("offline").hidden = !state.offline || !feed;
    $("offline").textContent = feed ? feed.labels.offline : "";
    body.classList.toggle("kiosk-is-offline", state.offline);
    $("updated-label").textContent = "";
    $("updated").textContent = "";
    if (!feed) return;
    $("updated-label").textContent = feed.labels.updated;
    $("updated").textContent = new Intl.DateTimeFormat(feed.tag, {
      dateStyle: "short", timeStyle: "short", timeZone: feed.centre.timezone,
    }).format(new Date(state.fetchedAt));
  }

  // -- panels and their rotation ---------------------------------------------------------------
  function showPanel(index, byHand) {
    const panels = document.querySelectorAll(".kiosk-panel");
    const tabs = document.querySelectorAll(".kiosk-tab");
    if (!panels.length) return;
    state.panel = (index + panels.length) % panels.length;
    panels.forEach((panel, i) => { panel.hidden = i !== state.panel; });
    tabs.forEach((tab, i) => tab.setAttribute("aria-pressed", String(i === state.panel)));
    $("tabs").hidden = panels.length < 2;
    clearTimer("rotate");
    if (panels.length > 1) {
      state.timers.rotate = setTimeout(() => showPanel(state.panel + 1, false),
                                       byHand ? config.rotate * 3 : config.rotate);
    }
    if (!byHand && state.panel === 0) state.urgentSeen = false;  // a new round
    showUrgent();
  }

  /* Items carry the periods when they may show (epoch seconds): hide them outside those, even
     when the kiosk has not reached the server for hours. */
  function applySchedule() {
    const now = Date.now() / 1000;
    document.querySelectorAll("#panels [data-intervals]").forEach((item) => {
      const periods = JSON.parse(item.dataset.intervals);
      item.hidden = !periods.some(([start, end]) => start <= now && now < end);
    });
    showUrgent();
  }

  // -- urgent items interrupt everything, once per round ---------------------------------------
  function showUrgent() {
    const urgent = Array.from(document.querySelectorAll('#panels [data-priority="urgent"]'))
      .filter((item) => !item.hidden);
    if (!urgent.length) {
      $("urgent").hidden = true;
      return;
    }
    if (state.urgentSeen) return;
    $("urgent-items").innerHTML = "";
    urgent.forEach((item) => {
      const copy = item.cloneNode(true);
      copy.removeAttribute("data-intervals");
      $("urgent-items").appendChild(copy);
    });
    $("urgent").hidden = false;
  }

  function closeUrgent() {
    state.urgentSeen = true;
    $("urgent").hidden = true;
  }

  // -- offline --------------------------------------------------------------------------------
  const languages = Array.from(document.querySelectorAll(".kiosk-language"), (b) => b.dataset.lang);

  /* The copies the service worker keeps (see sw.js): this page and every language's feed,
     whichever a reader opens. Asked for when the kiosk opens, then at every poll, leaving out
     the language on screen once the worker sees this page's own polls (it keeps those). */
  function copiesWanted() {
    const onScreen = navigator.serviceWorker.controller ? state.lang : null;
    return [location.pathname].concat(languages.filter((lang) => lang !== onScreen).map(feedUrl));
  }

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(body.dataset.worker, {scope: body.dataset.scope})
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        const keep = () => registration.active &&
          registration.active.postMessage({type: "keep", urls: copiesWanted()});
        keep();
        setInterval(keep, config.poll);
      })
      .catch(() => {});  // needs HTTPS or localhost; the kiosk works without it, online
  }
  window.addEventListener("online", load);

  const initial = new URLSearchParams(location.search).get("lang");
  if (initial && document.querySelector('.kiosk-language[data-lang="' + initial + '"]')) choose(initial);
})();
