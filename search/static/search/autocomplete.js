/* Search-as-you-type for every search box: an ARIA 1.2 combobox (list autocomplete).
 * Debounced, cancels stale requests, waits for IME composition to end (ja/ko), keyboard:
 * ArrowDown/ArrowUp move, Enter chooses, Escape closes (then clears). Reports the chosen
 * suggestion or result to the click endpoint (the search log).
 * Two rounds per query: suggestions by the words typed on every keystroke (fast), then, when
 * the visitor pauses and the box asks for it (data-meaning), the same fused with suggestions by
 * meaning (meaning=1: slower, an embedding). The second replaces the first unless the visitor
 * typed on; neither round replaces a list the visitor is moving through with the keys (typing
 * again ends that), so Enter opens the suggestion highlighted; while the pointer is on the
 * list, the second waits until the pointer leaves (a suggestion never moves under the mouse). */
(function () {
  "use strict";
  var DEBOUNCE_MS = 150;
  var MEANING_PAUSE_MS = 450;

  function beacon(endpoint, payload) {
    var body = JSON.stringify(payload);
    try {
      if (navigator.sendBeacon && navigator.sendBeacon(endpoint, new Blob([body], { type: "application/json" }))) {
        return;
      }
    } catch (e) { /* fall through to fetch */ }
    if (window.fetch) {
      fetch(endpoint, { method: "POST", body: body, keepalive: true, headers: { "Content-Type": "application/json" } }).catch(function () {});
    }
  }

  function init(box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    var form = box.closest("form");
    var input = form && form.querySelector("input[name=q]");
    if (!input || !window.fetch) return;
    var list = box.querySelector("[role=listbox]");
    var status = box.querySelector("[role=status]");
    var locale = box.dataset.locale;
    var maxLength = parseInt(box.dataset.maxLength, 10);
    var timer = null;
    var meaningTimer = null;
    var controller = null;
    var meaningController = null;
    var byMeaning = box.dataset.meaning === "1";
    var shownWithMeaning = false;
    var composing = false;
    var items = [];
    var active = -1;
    var shownFor = "";
    var pointing = false;  // the pointer is on the list
    var waiting = null;  // the second round's answer, held while the pointer is on the list

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    function isOpen() { return !list.hidden; }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      if (!items.length) return;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function setActive(index) {
      if (active >= 0 && items[active]) items[active].el.setAttribute("aria-selected", "false");
      active = index;
      if (active >= 0 && items[active]) {
        var el = items[active].el;
        el.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", el.id);
        if (el.scrollIntoView) el.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function announce(count) {
      status.textContent = count ? box.dataset.announceSome.replace("%(count)s", count) : box.dataset.announceNone;
    }

    function add(data) {
      var index = items.length;
      var li = document.createElement("li");
      li.id = list.id + "-" + index;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.className = "search-combobox__option search-combobox__option--" + (data.type === "query" ? "query" : "page");
      var kind = document.createElement("span");
      kind.className = "search-combobox__kind";
      kind.setAttribute("aria-hidden", "true");
      kind.textContent = box.dataset["kind" + data.kind.charAt(0).toUpperCase() + data.kind.slice(1)] || "";
      var text = document.createElement("span");
      text.className = "search-combobox__text";
      text.textContent = data.text;
      li.appendChild(kind);
      li.appendChild(text);
      li.setAttribute("aria-label", data.text + (kind.textContent ? " — " + kind.textContent : ""));
      li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(index); });
      list.appendChild(li);
      items.push({ el: li, data: data });
    }

    function render(query, data, withMeaning) {
      list.textContent = "";
      items = [];
      active = -1;
      shownFor = query;
      list.dataset.for = query;  // what the list answers (the typed text may be ahead of it)
      shownWithMeaning = withMeaning;
      (data.suggestions || []).forEach(function (s) {
        add({ type: "page", text: s.title, url: s.url, kind: s.kind });
      });
      (data.queries || []).forEach(function (q) {
        add({ type: "query", text: q.text, kind: "query" });
      });
      if (items.length) open(); else close();
      announce(items.length);
    }

    function ask(query, meaning, mine) {
      var params = new URLSearchParams({ q: query, locale: locale, limit: box.dataset.limit });
      if (meaning) params.set("meaning", "1");
      return fetch(box.dataset.endpoint + "?" + params.toString(), { signal: mine.signal, headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; });
    }

    function request() {
      var query = input.value.trim();
      if (!query || query.length > maxLength) {
        if (controller) controller.abort();
        if (meaningController) meaningController.abort();
        list.textContent = "";
        items = [];
        close();
        return;
      }
      if (controller) controller.abort();
      var mine = new AbortController();
      controller = mine;
      ask(query, false, mine)
        .then(function (data) {
          if (!data || controller !== mine || input.value.trim() !== query) return;
          if (shownFor === query && shownWithMeaning) return;  // the second round came first
          if (active >= 0) return;  // the visitor is choosing with the arrow keys: keep the list
          render(query, data, false);
        })
        .catch(function () { /* aborted or offline: the form still works */ });
    }

    function requestByMeaning() {
      var query = input.value.trim();
      if (!query || query.length > maxLength) return;
      if (meaningController) meaningController.abort();
      var mine = new AbortController();
      meaningController = mine;
      ask(query, true, mine)
        .then(function (data) {
          if (!data || meaningController !== mine || input.value.trim() !== query) return;
          if (active >= 0) return;  // the visitor is choosing with the arrow keys: keep the list
          if (pointing && shownFor === query && isOpen()) { waiting = { query: query, data: data }; return; }
          render(query, data, true);
        })
        .catch(function () { /* aborted or offline: the first round's suggestions stay */ });
    }

    function schedule() {
      waiting = null;
      clearTimeout(timer);
      timer = setTimeout(request, DEBOUNCE_MS);
      if (!byMeaning) return;
      clearTimeout(meaningTimer);
      if (meaningController) meaningController.abort();
      meaningTimer = setTimeout(requestByMeaning, MEANING_PAUSE_MS);
    }

    function stopByMeaning() {
      clearTimeout(meaningTimer);
      if (meaningController) meaningController.abort();
      waiting = null;
    }

    function choose(index) {
      var item = items[index];
      if (!item) return;
      stopByMeaning();
      close();
      if (item.data.type === "query") {
        input.value = item.data.text;
        form.submit();
        return;
      }
      beacon(box.dataset.clickEndpoint, {
        source: "suggestion", query: shownFor, locale: locale, url: item.data.url,
        kind: item.data.kind, position: index + 1
      });
      window.location.assign(item.data.url);
    }

    input.addEventListener("compositionstart", function () { composing = true; });
    input.addEventListener("compositionend", function () { composing = false; setActive(-1); schedule(); });
    input.addEventListener("input", function (event) {
      if (composing || event.isComposing) return;
      setActive(-1);  // typing again: no longer choosing, the next answer may replace the list
      schedule();
    });
    input.addEventListener("keydown", function (event) {
      if (event.isComposing || composing) return;
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!isOpen()) { open(); }
          if (items.length) setActive(active + 1 >= items.length ? 0 : active + 1);
          break;
        case "ArrowUp":
          event.preventDefault();
          if (!isOpen()) { open(); }
          if (items.length) setActive(active <= 0 ? items.length - 1 : active - 1);
          break;
        case "Enter":
          if (isOpen() && active >= 0) { event.preventDefault(); choose(active); }
          break;
        case "Escape":
          stopByMeaning();
          if (isOpen()) { event.preventDefault(); close(); } else if (input.value) { event.preventDefault(); input.value = ""; }
          break;
        case "Tab":
          stopByMeaning();
          close();
          break;
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    list.addEventListener("pointerenter", function () { pointing = true; });
    list.addEventListener("pointerleave", function () {
      pointing = false;
      var held = waiting;
      waiting = null;
      if (held && held.query === input.value.trim() && isOpen() && active < 0) render(held.query, held.data, true);
    });
  }

  function trackResults() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("[data-search-result]");
      if (!link) return;
      var results = link.closest("[data-search-results]");
      var box = document.querySelector("[data-search-combobox]");
      if (!results || !box) return;
      beacon(box.dataset.clickEndpoint, {
        source: "result", query: results.dataset.query, locale: results.dataset.locale,
        url: link.getAttribute("href"), kind: "article", position: parseInt(link.dataset.position, 10)
      });
    });
  }

  function start() {
    document.querySelectorAll("[data-search-combobox]").forEach(init);
    if (!document.documentElement.dataset.searchResultsTracked) {
      document.documentElement.dataset.searchResultsTracked = "1";
      trackResults();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
