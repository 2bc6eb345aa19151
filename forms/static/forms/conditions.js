/* The condition engine, JavaScript side: the same JSON, the same answers, the same results as
 * forms/conditions.py (the shared vectors in tests/forms/condition_vectors.json prove it).
 * Works in the browser (window.HelpFormConditions) and in node (module.exports). */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.HelpFormConditions = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;
  var DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
  var SPACE = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";
  var TRIM = new RegExp("^[" + SPACE + "]+|[" + SPACE + "]+$", "g");

  function text(value) {
    if (value === null || value === undefined) return "";
    return String(value).normalize("NFC").replace(TRIM, "");
  }

  function values(answer) {
    var items = Array.isArray(answer) ? answer : [answer];
    return items.map(text).filter(function (item) { return item !== ""; });
  }

  function compare(answer, target) {
    if (DATE.test(answer) && DATE.test(target)) {
      return answer > target ? 1 : answer < target ? -1 : 0;
    }
    if (NUMBER.test(answer) && NUMBER.test(target)) {
      var left = parseFloat(answer), right = parseFloat(target);
      return left > right ? 1 : left < right ? -1 : 0;
    }
    return null;
  }

  function answerOf(answers, name) {
    return Object.prototype.hasOwnProperty.call(answers, name) ? answers[name] : undefined;
  }

  function rule(condition, answers) {
    var op = condition.op;
    var vals = values(answerOf(answers, condition.field || ""));
    if (op === "is_empty") return vals.length === 0;
    if (op === "is_not_empty") return vals.length > 0;
    var target = condition.value;
    if (op === "equals") return vals.indexOf(text(target)) !== -1;
    if (op === "not_equals") return vals.indexOf(text(target)) === -1;
    if (op === "one_of") {
      var targets = (Array.isArray(target) ? target : [target]).map(text);
      return vals.some(function (v) { return targets.indexOf(v) !== -1; });
    }
    if (op === "contains") {
      var needle = text(target).toLowerCase();
      return needle !== "" && vals.some(function (v) { return v.toLowerCase().indexOf(needle) !== -1; });
    }
    if (op === "greater_than" || op === "less_than") {
      var wanted = op === "greater_than" ? 1 : -1;
      return vals.some(function (v) { return compare(v, text(target)) === wanted; });
    }
    return false;
  }

  function isEmptyCondition(condition) {
    return !condition || (typeof condition === "object" && Object.keys(condition).length === 0);
  }

  function evaluate(condition, answers) {
    if (isEmptyCondition(condition)) return true;
    if (Object.prototype.hasOwnProperty.call(condition, "all")) {
      return condition.all.every(function (part) { return evaluate(part, answers); });
    }
    if (Object.prototype.hasOwnProperty.call(condition, "any")) {
      return condition.any.some(function (part) { return evaluate(part, answers); });
    }
    return rule(condition, answers);
  }

  function resolve(form, answers) {
    var steps = form.steps || [];
    var indexOf = {};
    steps.forEach(function (step, i) { indexOf[step.name] = i; });
    var effective = {}, path = [], visible = [], required = [];
    var position = steps.length ? 0 : null;
    while (position !== null && position < steps.length) {
      var step = steps[position];
      path.push(step.name);
      (step.fields || []).forEach(function (field) {
        var shown = (field.show_if || []).every(function (c) { return evaluate(c, effective); });
        if (shown) {
          visible.push(field.name);
          var answer = answerOf(answers, field.name);
          effective[field.name] = answer === undefined ? null : answer;
        }
      });
      (step.fields || []).forEach(function (field) {
        if (Object.prototype.hasOwnProperty.call(effective, field.name) &&
            (field.required || (field.require_if && evaluate(field.require_if, effective)))) {
          required.push(field.name);
        }
      });
      var following = position + 1;
      var rules = step.next || [];
      for (var r = 0; r < rules.length; r++) {
        if (evaluate(rules[r].when, effective)) {
          var goto = rules[r].goto;
          following = goto !== "end" && Object.prototype.hasOwnProperty.call(indexOf, goto)
            ? indexOf[goto] : steps.length;
          break;
        }
      }
      position = following > position ? following : null;
    }
    var branch = "default", queue = form.default_queue || "general", priority = "normal";
    var matched = (form.routes || []).filter(function (route) { return evaluate(route.when, effective); });
    if (matched.length) {
      branch = matched[0].name;
      queue = matched[0].queue || queue;
    }
    if (matched.some(function (route) { return route.priority === "critical"; })) priority = "critical";
    var shownAnswers = {};
    visible.forEach(function (name) { shownAnswers[name] = effective[name]; });
    return {
      steps: path, visible: visible, required: required, answers: shownAnswers,
      branch: branch, queue: queue, priority: priority,
    };
  }

  return { evaluate: evaluate, resolve: resolve };
});
