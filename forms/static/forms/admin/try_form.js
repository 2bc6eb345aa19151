/* "Try this form" (forms/templates/forms/admin/try_form.html): a Stimulus controller registered
 * with Wagtail's admin Stimulus app. Each change walks the answers through the visitor's own engine
 * (HelpFormConditions.resolve, forms/static/forms/conditions.js) over the form's engine JSON and
 * shows the fields the visitor would see, the steps visited, the queue, priority and routing rule.
 * Nothing is sent. */
(function () {
  "use strict";

  function readJSON(id) {
    var script = document.getElementById(id);
    return script ? JSON.parse(script.textContent) : null;
  }

  var TryForm = class extends window.StimulusModule.Controller {
    connect() {
      this.engine = readJSON(this.element.dataset.tryFormEngine);
      this.labels = readJSON(this.element.dataset.tryFormLabels);
      this.onChange = this.update.bind(this);
      this.element.addEventListener("input", this.onChange);
      this.element.addEventListener("change", this.onChange);
      this.update();
    }

    disconnect() {
      this.element.removeEventListener("input", this.onChange);
      this.element.removeEventListener("change", this.onChange);
    }

    answers() {
      var answers = {};
      this.element.querySelectorAll("[data-try-input]").forEach(function (input) {
        var name = input.dataset.tryInput;
        if (input.type === "checkbox") {
          answers[name] = answers[name] || [];
          if (input.checked) answers[name].push(input.value);
        } else {
          answers[name] = input.value;
        }
      });
      return answers;
    }

    update(event) {
      if (event) event.stopPropagation(); // the page's own form need not hear the preview
      if (!this.engine) return;
      var result = window.HelpFormConditions.resolve(this.engine, this.answers());
      var labels = this.labels;
      this.element.querySelectorAll("[data-try-step]").forEach(function (step) {
        step.hidden = result.steps.indexOf(step.dataset.tryStep) < 0;
      });
      this.element.querySelectorAll("[data-try-row]").forEach(function (row) {
        var name = row.dataset.tryRow;
        row.hidden = result.visible.indexOf(name) < 0;
        row.querySelector("[data-try-required]").hidden = result.required.indexOf(name) < 0;
      });
      var steps = result.steps.map(function (name) { return labels.steps[name] || name; });
      this.show("steps", steps.join(document.dir === "rtl" ? " ← " : " → "));
      this.show("queue", labels.queues[result.queue] || result.queue);
      this.show("priority", labels.priorities[result.priority] || result.priority);
      this.show("branch", result.branch === "default" ? labels.default_branch : result.branch);
    }

    show(key, text) {
      this.element.querySelector('[data-try-result="' + key + '"]').textContent = text;
    }
  };

  window.wagtail.app.register("try-form", TryForm);
})();
