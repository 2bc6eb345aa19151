/* Branching contact forms in the browser: hides the branches that do not apply (with the same
 * engine and JSON the server uses), one step at a time with Back/Next, and a summary before
 * sending. Without this script the form still works: every branch is shown with its condition. */
(function () {
  "use strict";
  var form = document.querySelector("[data-branching-form]");
  var engineNode = document.getElementById("form-engine");
  if (!form || !engineNode || !window.HelpFormConditions) return;
  var engine = JSON.parse(engineNode.textContent);
  var sectionsNode = document.getElementById("form-sections");
  var sections = sectionsNode ? JSON.parse(sectionsNode.textContent) : {};
  var conditions = window.HelpFormConditions;
  var steps = Array.prototype.slice.call(form.querySelectorAll("[data-step]"));
  var summary = form.querySelector("[data-summary]");
  var submitRow = form.querySelector("[data-submit-row]");
  var multiStep = steps.length > 1;
  var current = 0; // index into the visited path, or path.length for the summary
  var resolved = null;

  form.classList.add("is-enhanced");

  function fieldNodes() {
    return Array.prototype.slice.call(form.querySelectorAll("[data-field]"));
  }

  function answerOf(node) {
    var inputs = node.querySelectorAll("input, select, textarea");
    var values = [], multiple = false;
    Array.prototype.forEach.call(inputs, function (input) {
      if (input.type === "checkbox") {
        multiple = true;
        if (input.checked) values.push(input.value);
      } else if (input.type === "radio") {
        if (input.checked) values.push(input.value);
      } else if (input.type === "file") {
        if (input.files && input.files.length) values.push(input.files[0].name);
      } else {
        values.push(input.value);
      }
    });
    return multiple ? values : (values[0] || "");
  }

  function answers() {
    var result = {};
    fieldNodes().forEach(function (node) { result[node.dataset.field] = answerOf(node); });
    return result;
  }

  function setShown(node, shown) {
    node.hidden = !shown;
    Array.prototype.forEach.call(node.querySelectorAll("input, select, textarea"), function (input) {
      input.disabled = !shown;
    });
  }

  function apply() {
    resolved = conditions.resolve(engine, answers());
    fieldNodes().forEach(function (node) {
      setShown(node, resolved.visible.indexOf(node.dataset.field) !== -1);
    });
    Array.prototype.forEach.call(form.querySelectorAll("[data-section]"), function (node) {
      var conds = sections[node.dataset.section] || [];
      node.hidden = !conds.every(function (c) { return conditions.evaluate(c, resolved.answers); });
    });
    if (multiStep) showStep();
  }

  function stepIndex(name) {
    for (var i = 0; i < steps.length; i++) if (steps[i].dataset.step === name) return i;
    return -1;
  }

  function showStep() {
    var path = resolved.steps;
    if (current > path.length) current = path.length;
    var onSummary = current === path.length;
    steps.forEach(function (step) { step.hidden = true; });
    if (!onSummary) {
      var step = steps[stepIndex(path[current])];
      step.hidden = false;
      var nav = step.querySelector("[data-step-nav]");
      if (nav) {
        nav.hidden = false;
        var back = nav.querySelector("[data-back]");
        if (back) back.hidden = current === 0;
      }
    }
    summary.hidden = !onSummary;
    submitRow.hidden = !onSummary;
    if (onSummary) fillSummary();
  }

  function labelOf(node) {
    var label = node.querySelector("label, legend");
    return label ? label.textContent.replace(/[:*]\s*$/, "").trim() : node.dataset.field;
  }

  function displayOf(node) {
    var shown = [];
    Array.prototype.forEach.call(node.querySelectorAll("input, select, textarea"), function (input) {
      if ((input.type === "radio" || input.type === "checkbox")) {
        if (input.checked) {
          var label = form.querySelector("label[for='" + input.id + "']") || input.closest("label");
          shown.push(label ? label.textContent.trim() : input.value);
        }
      } else if (input.tagName === "SELECT") {
        if (input.value) shown.push(input.options[input.selectedIndex].textContent.trim());
      } else if (input.type === "file") {
        if (input.files && input.files.length) shown.push(input.files[0].name);
      } else if (input.value.trim()) {
        shown.push(input.value.trim());
      }
    });
    return shown.join(", ");
  }

  function fillSummary() {
    var list = summary.querySelector("[data-summary-list]");
    list.textContent = "";
    fieldNodes().forEach(function (node) {
      if (node.hidden) return;
      var term = document.createElement("dt");
      term.textContent = labelOf(node);
      var detail = document.createElement("dd");
      detail.textContent = displayOf(node) || form.dataset.emptyAnswer;
      list.appendChild(term);
      list.appendChild(detail);
    });
  }

  function clearErrors(step) {
    Array.prototype.forEach.call(step.querySelectorAll("[data-client-error]"), function (node) {
      node.remove();
    });
  }

  function stepIsComplete(step) {
    clearErrors(step);
    var firstInvalid = null;
    Array.prototype.forEach.call(step.querySelectorAll("[data-field]"), function (node) {
      if (node.hidden || resolved.required.indexOf(node.dataset.field) === -1) return;
      var value = answerOf(node);
      var empty = Array.isArray(value) ? value.length === 0 : String(value).trim() === "";
      if (!empty) return;
      var message = document.createElement("p");
      message.className = "form-field__error";
      message.setAttribute("data-client-error", "");
      message.setAttribute("role", "alert");
      message.textContent = form.dataset.requiredMessage;
      node.appendChild(message);
      if (!firstInvalid) firstInvalid = node.querySelector("input, select, textarea");
    });
    if (firstInvalid) firstInvalid.focus();
    return !firstInvalid;
  }

  function focusCurrent() {
    var path = resolved.steps;
    var target = current === path.length
      ? summary
      : steps[stepIndex(path[current])].querySelector("legend") || steps[stepIndex(path[current])];
    target.focus();
  }

  function next() {
    var step = steps[stepIndex(resolved.steps[current])];
    if (!stepIsComplete(step)) return;
    current += 1;
    showStep();
    focusCurrent();
  }

  function back() {
    if (current > 0) current -= 1;
    showStep();
    focusCurrent();
  }

  form.addEventListener("change", apply);
  form.addEventListener("input", apply);
  form.addEventListener("click", function (event) {
    if (event.target.closest("[data-next]")) { event.preventDefault(); next(); }
    if (event.target.closest("[data-back]")) { event.preventDefault(); back(); }
  });
  form.addEventListener("keydown", function (event) {
    // Enter in a one-line field moves on instead of sending half a form.
    if (!multiStep || event.key !== "Enter" || event.target.tagName !== "INPUT") return;
    if (event.target.type === "submit" || event.target.type === "button") return;
    if (current < resolved.steps.length) { event.preventDefault(); next(); }
  });
  if (multiStep) {
    // After a server-side error, open the first step that has one.
    var withError = form.querySelector(".errorlist");
    apply();
    if (withError) {
      var name = withError.closest("[data-step]").dataset.step;
      var at = resolved.steps.indexOf(name);
      if (at !== -1) { current = at; showStep(); }
    }
  } else {
    apply();
  }
})();
