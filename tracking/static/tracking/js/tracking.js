/* First-party tracking script of the help center. Loaded only after the visitor allowed
 * measurement (and never with Do Not Track or Global Privacy Control). It posts browser events
 * to our own endpoint, which checks them against the tracking plan before forwarding them.
 *
 * Markup it understands (any app may use it):
 *   <a data-track-event="Search Result Clicked" data-track-props='{"query": "…", "url": "/en/…", "position": 1}'>
 *   <form data-track-form="contact-slug"> with <fieldset data-track-step="step-slug"> steps
 *   the language switcher's <a hreflang> links (Language Switched)
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var endpoint = (script && script.getAttribute("data-events-url")) || "/api/v1/events";
  var locale = (document.documentElement.getAttribute("lang") || "en").toLowerCase();

  function send(event, properties) {
    var body = JSON.stringify({ event: event, properties: properties, path: window.location.pathname });
    try {
      window.fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: body,
        credentials: "same-origin",
        keepalive: true
      }).catch(function () {});
    } catch (error) {
      /* tracking never breaks the page */
    }
  }

  document.addEventListener("click", function (domEvent) {
    var target = domEvent.target.closest ? domEvent.target.closest("[data-track-event], .language-switcher a[hreflang]") : null;
    if (!target) return;
    if (target.hasAttribute("data-track-event")) {
      var properties = {};
      try {
        properties = JSON.parse(target.getAttribute("data-track-props") || "{}");
      } catch (error) {
        return;
      }
      if (!properties.locale) properties.locale = locale;
      send(target.getAttribute("data-track-event"), properties);
      return;
    }
    var to = (target.getAttribute("hreflang") || "").toLowerCase();
    if (to && to !== locale) {
      send("Language Switched", { from_locale: locale, to_locale: to, path: window.location.pathname });
    }
  });

  Array.prototype.forEach.call(document.querySelectorAll("form[data-track-form]"), function (form) {
    var name = form.getAttribute("data-track-form");
    var started = false;
    var steps = Array.prototype.slice.call(form.querySelectorAll("[data-track-step]"));
    var current = null;
    var done = {};
    form.addEventListener("input", function () {
      if (started) return;
      started = true;
      send("Contact Form Started", { form: name, locale: locale });
    });
    form.addEventListener("focusin", function (domEvent) {
      var step = domEvent.target.closest("[data-track-step]");
      if (!step || step === current) return;
      if (current && started && !done[steps.indexOf(current)]) {
        done[steps.indexOf(current)] = true;
        send("Contact Form Step Completed", {
          form: name,
          locale: locale,
          step: current.getAttribute("data-track-step"),
          step_number: steps.indexOf(current) + 1
        });
      }
      current = step;
    });
  });
})();
