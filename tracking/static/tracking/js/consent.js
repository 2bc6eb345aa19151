/* The consent banner and the tracking script, decided in the browser so that every visitor gets
 * the same (cacheable) page. The server's rules (tracking/privacy.py) hold here too:
 *  - Do Not Track or Global Privacy Control: no banner, no script;
 *  - no choice yet (no consent cookie): the banner shows;
 *  - consent granted: tracking.js loads; denied: nothing.
 * Without JavaScript the banner stays hidden and nothing is measured.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var banner = document.querySelector("[data-consent-banner]");
  var cookieName = script.getAttribute("data-consent-cookie") || "hc_consent";

  function consentChoice() {
    var pairs = document.cookie ? document.cookie.split(";") : [];
    for (var i = 0; i < pairs.length; i += 1) {
      var pair = pairs[i].trim();
      var at = pair.indexOf("=");
      if (at > 0 && pair.slice(0, at) === cookieName) {
        var value = pair.slice(at + 1);
        return value === "granted" || value === "denied" ? value : "";
      }
    }
    return "";
  }

  var optedOut = navigator.doNotTrack === "1" || window.doNotTrack === "1" || navigator.globalPrivacyControl === true;
  var choice = consentChoice();
  if (banner) {
    if (optedOut || choice) {
      banner.parentNode.removeChild(banner);
    } else {
      banner.hidden = false;
    }
  }
  if (!optedOut && choice === "granted") {
    var tracking = document.createElement("script");
    tracking.src = script.getAttribute("data-tracking-src");
    tracking.setAttribute("data-events-url", script.getAttribute("data-events-url"));
    tracking.defer = true;
    document.body.appendChild(tracking);
  }
})();
