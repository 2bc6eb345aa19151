/* Wagtail's date, time and date-time choosers without inline scripts, which the admin's
   Content-Security-Policy forbids. cms/templates/wagtailadmin/widgets/*_input.html put the
   chooser's kind and options on the input; this starts each chooser once: on load, and whenever
   the admin inserts HTML (modals, filters, panels). */
(() => {
  "use strict";
  const STARTERS = {
    date: "initDateChooser",
    time: "initTimeChooser",
    datetime: "initDateTimeChooser",
  };
  const SELECTOR = "input[data-hc-chooser]";

  function startChoosers(root) {
    if (!root.querySelectorAll) return;
    const inputs = [...root.querySelectorAll(SELECTOR)];
    if (root.matches(SELECTOR)) inputs.push(root);
    for (const input of inputs) {
      const start = window[STARTERS[input.dataset.hcChooser]];
      if (input.dataset.hcChooserStarted || !input.id || typeof start !== "function") continue;
      input.dataset.hcChooserStarted = "true";
      start(input.id, JSON.parse(input.dataset.hcChooserOptions || "{}"));
    }
  }

  function watch() {
    startChoosers(document.documentElement);
    new MutationObserver((mutations) => {
      for (const mutation of mutations) mutation.addedNodes.forEach(startChoosers);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
