/* The condition builder: a Stimulus controller (registered with Wagtail's admin Stimulus app) on
 * every condition textarea of the contact form's blocks (forms.condition_widget). The textarea
 * stays the source of truth: the builder reads its JSON with HelpFormConditionModel, and every
 * change writes the JSON back into it. The "Field" lists are the fields before this condition in
 * the form's StreamField, read from the page editor's inputs and refreshed as the editor edits. */
(function () {
  "use strict";
  var Model = window.HelpFormConditionModel;
  var FIELD_BLOCK_TYPES = [
    "short_text", "long_text", "email", "number", "date", "single_choice", "multiple_choice",
    "yes_no", "url", "file", "country",
  ];

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function inputValue(form, name) {
    var input = form.querySelector('[name="' + name + '"]');
    return input ? input.value : "";
  }

  function isDeleted(form, prefix) {
    return inputValue(form, prefix + "-deleted") === "1";
  }

  /* Every block of the stream `streamName`, in the order shown: {index, type, name, label, choices}. */
  function readStream(form, streamName, strings) {
    var pattern = new RegExp("^" + escapeRegExp(streamName) + "-(\\d+)-type$");
    var blocks = [];
    form.querySelectorAll('input[name$="-type"]').forEach(function (input) {
      var match = pattern.exec(input.name);
      if (!match) return;
      var prefix = streamName + "-" + match[1];
      if (isDeleted(form, prefix)) return;
      var type = input.value;
      var block = {
        index: match[1], type: type, name: inputValue(form, prefix + "-value-name").trim(),
        label: inputValue(form, prefix + "-value-label").trim(),
        isField: FIELD_BLOCK_TYPES.indexOf(type) >= 0 || type === "hidden_context",
        kind: Model.kindOfBlock(type), choices: null,
      };
      if (type === "yes_no") {
        block.choices = [{ value: "yes", label: strings.yes }, { value: "no", label: strings.no }];
      } else if (type === "single_choice" || type === "multiple_choice") {
        var choicePattern = new RegExp("^" + escapeRegExp(prefix) + "-value-choices-(\\d+)-value-value$");
        block.choices = [];
        form.querySelectorAll('input[name^="' + prefix + '-value-choices-"]').forEach(function (choice) {
          var found = choicePattern.exec(choice.name);
          if (!found) return;
          var choicePrefix = prefix + "-value-choices-" + found[1];
          if (isDeleted(form, choicePrefix)) return;
          block.choices.push({
            value: choice.value.trim(),
            label: inputValue(form, choicePrefix + "-value-label").trim(),
          });
        });
      }
      blocks.push(block);
    });
    return blocks;
  }

  /* The fields a condition named `conditionName` may refer to: those before it in the form. */
  function fieldsBefore(form, conditionName, streamName, strings) {
    var blocks = readStream(form, streamName, strings);
    var own = new RegExp("^" + escapeRegExp(streamName) + "-(\\d+)-value-(.*)$").exec(conditionName);
    var fields = [];
    if (!own) {
      // a routing rule: every field of the form
      return blocks.filter(function (block) { return block.isField && block.name; });
    }
    var position = blocks.findIndex(function (block) { return block.index === own[1]; });
    var inBranch = /^branches-/.test(own[2]);
    for (var i = 0; i < blocks.length; i++) {
      if (inBranch) {
        // a step's branch is decided after the step: its fields and those before it
        if (i > position && blocks[i].type === "step") break;
      } else if (i >= position) {
        break;
      }
      if (blocks[i].isField && blocks[i].name) fields.push(blocks[i]);
    }
    return fields;
  }

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === "text") node.textContent = attributes[key];
      else if (key === "className") node.className = attributes[key];
      else node.setAttribute(key, attributes[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function option(value, label, selected) {
    var node = element("option", { value: value, text: label });
    if (selected) node.selected = true;
    return node;
  }

  var ConditionBuilder = class extends window.StimulusModule.Controller {
    connect() {
      this.strings = JSON.parse(this.element.dataset.conditionBuilderStrings || "{}");
      this.streamName = this.element.dataset.conditionBuilderStream || "form_fields";
      this.form = this.element.closest("form") || document;
      this.showJSON = false;
      this.builder = element("div", { className: "condition-builder", role: "group",
        "aria-label": this.strings.builder });
      this.element.insertAdjacentElement("afterend", this.builder);
      this.onTextareaInput = this.readTextarea.bind(this);
      this.element.addEventListener("input", this.onTextareaInput);
      this.onFormChange = this.scheduleRefresh.bind(this);
      this.form.addEventListener("input", this.onFormChange);
      this.form.addEventListener("change", this.onFormChange);
      this.observer = new MutationObserver(this.onFormChange);
      this.observer.observe(this.form, { childList: true, subtree: true });
      this.readTextarea();
    }

    disconnect() {
      this.observer.disconnect();
      this.form.removeEventListener("input", this.onFormChange);
      this.form.removeEventListener("change", this.onFormChange);
      this.element.removeEventListener("input", this.onTextareaInput);
      this.builder.remove();
      this.element.hidden = false;
    }

    readTextarea() {
      var result = Model.read(this.element.value);
      this.tree = result.tree || null;
      this.problem = result.error || null;
      if (this.problem) this.showJSON = true;
      this.render();
    }

    scheduleRefresh(event) {
      if (event && event.target && (this.builder.contains(event.target) || event.target === this.element)) return;
      if (event && event.type === "childList") return;
      var controller = this;
      window.clearTimeout(this.refreshTimer);
      this.refreshTimer = window.setTimeout(function () {
        var signature = JSON.stringify(controller.availableFields());
        if (signature !== controller.fieldSignature) controller.render();
      }, 150);
    }

    availableFields() {
      return fieldsBefore(this.form, this.element.name, this.streamName, this.strings);
    }

    save(focusKey) {
      if (this.tree) {
        var text = Model.write(this.tree);
        if (text !== this.element.value) {
          this.element.value = text;
          this.element.dispatchEvent(new Event("change", { bubbles: true }));
        }
      }
      this.render(focusKey);
    }

    render(focusKey) {
      var s = this.strings;
      this.fields = this.availableFields();
      this.fieldSignature = JSON.stringify(this.fields);
      var active = document.activeElement;
      if (!focusKey && active && this.builder.contains(active)) focusKey = active.dataset.focusKey;
      this.builder.replaceChildren();
      this.element.hidden = !this.showJSON;
      if (this.tree && !this.problem) {
        this.builder.appendChild(this.renderGroup(this.tree, [], true));
      } else {
        this.builder.appendChild(element("p", { className: "condition-builder__problem", role: "alert",
          text: this.problem === "json" ? s.notJSON : s.notShown }));
      }
      var toggle = element("button", { type: "button", className: "button button-small button-secondary condition-builder__toggle",
        "aria-pressed": String(this.showJSON), "data-focus-key": "toggle",
        text: this.showJSON ? s.hideJSON : s.showJSON });
      var controller = this;
      toggle.addEventListener("click", function () {
        controller.showJSON = !controller.showJSON;
        controller.render("toggle");
      });
      this.builder.appendChild(toggle);
      if (focusKey) {
        var target = this.builder.querySelector('[data-focus-key="' + focusKey + '"]');
        if (target) target.focus();
      }
    }

    renderGroup(group, path, isRoot) {
      var s = this.strings;
      var controller = this;
      var key = path.join(".") || "root";
      var box = element("div", { className: "condition-builder__group" + (isRoot ? "" : " condition-builder__group--nested"),
        role: "group", "aria-label": isRoot ? s.conditions : s.nestedGroup });
      if (isRoot && !group.items.length) {
        box.appendChild(element("p", { className: "condition-builder__always", text: s.always }));
      }
      if (group.items.length > 1 || !isRoot) {
        var join = element("select", { className: "condition-builder__join", "aria-label": s.combine,
          "data-focus-key": key + ".join" }, [
          option("all", s.all, group.join === "all"), option("any", s.any, group.join === "any"),
        ]);
        join.addEventListener("change", function () {
          group.join = join.value;
          if (isRoot) group.wrapped = true;
          controller.save(key + ".join");
        });
        box.appendChild(element("label", { className: "condition-builder__join-label" }, [
          element("span", { text: s.match }), join,
        ]));
      }
      var list = element("ol", { className: "condition-builder__items" });
      group.items.forEach(function (part, index) {
        var itemPath = path.concat([index]);
        var item = element("li", { className: "condition-builder__item" });
        item.appendChild(part.kind === "group" ? controller.renderGroup(part, itemPath, false)
          : controller.renderRule(part, itemPath));
        item.appendChild(controller.renderItemActions(group, index, itemPath));
        list.appendChild(item);
      });
      box.appendChild(list);
      var actions = element("div", { className: "condition-builder__add" });
      var addRule = element("button", { type: "button", className: "button button-small button-secondary",
        "data-focus-key": key + ".add-rule", text: s.addRule });
      addRule.addEventListener("click", function () {
        group.items.push(Model.newRule(controller.fields.length ? controller.fields[0].name : ""));
        var rule = group.items[group.items.length - 1];
        controller.fitRuleToField(rule);
        controller.save(path.concat([group.items.length - 1]).join(".") + ".field");
      });
      actions.appendChild(addRule);
      if (isRoot) {
        var addGroup = element("button", { type: "button", className: "button button-small button-secondary",
          "data-focus-key": key + ".add-group", text: s.addGroup });
        addGroup.addEventListener("click", function () {
          var rule = Model.newRule(controller.fields.length ? controller.fields[0].name : "");
          controller.fitRuleToField(rule);
          group.items.push({ kind: "group", join: group.join === "all" ? "any" : "all", items: [rule] });
          controller.save(path.concat([group.items.length - 1, 0]).join(".") + ".field");
        });
        actions.appendChild(addGroup);
      }
      box.appendChild(actions);
      return box;
    }

    renderItemActions(group, index, itemPath) {
      var s = this.strings;
      var controller = this;
      var key = itemPath.join(".");
      var actions = element("div", { className: "condition-builder__actions" });
      function action(name, label, enabled, run) {
        var button = element("button", { type: "button", className: "button button-small button-secondary",
          "data-focus-key": key + "." + name, text: label });
        if (!enabled) button.disabled = true;
        button.addEventListener("click", run);
        actions.appendChild(button);
      }
      var parentKey = itemPath.slice(0, -1);
      action("up", s.moveUp, index > 0, function () {
        group.items.splice(index - 1, 0, group.items.splice(index, 1)[0]);
        controller.save(parentKey.concat([index - 1]).join(".") + ".up");
      });
      action("down", s.moveDown, index < group.items.length - 1, function () {
        group.items.splice(index + 1, 0, group.items.splice(index, 1)[0]);
        controller.save(parentKey.concat([index + 1]).join(".") + ".down");
      });
      action("remove", group.items[index].kind === "group" ? s.removeGroup : s.removeRule, true, function () {
        group.items.splice(index, 1);
        var next = group.items.length ? parentKey.concat([Math.min(index, group.items.length - 1)]).join(".") + ".remove"
          : (parentKey.join(".") || "root") + ".add-rule";
        controller.save(next);
      });
      return actions;
    }

    fieldNamed(name) {
      return this.fields.find(function (field) { return field.name === name; }) || null;
    }

    fitRuleToField(rule) {
      var field = this.fieldNamed(rule.field);
      var ops = Model.operatorsFor(field ? field.kind : null);
      if (ops.indexOf(rule.op) < 0) {
        var fitted = Model.valueForOperator(rule, ops[0]);
        rule.op = ops[0];
        rule.value = fitted.value;
        rule.hasValue = fitted.hasValue;
      }
      if (field && field.choices && field.choices.length && rule.op === "equals" && rule.value === "") {
        rule.value = field.choices[0].value;
      }
    }

    renderRule(rule, path) {
      var s = this.strings;
      var controller = this;
      var key = path.join(".");
      var field = this.fieldNamed(rule.field);
      var row = element("div", { className: "condition-builder__rule", role: "group", "aria-label": s.rule });

      var fieldSelect = element("select", { "aria-label": s.field, "data-focus-key": key + ".field" });
      if (!field) fieldSelect.appendChild(option(rule.field, rule.field ? "“" + rule.field + "” — " + s.notBefore : s.chooseField, true));
      this.fields.forEach(function (candidate) {
        fieldSelect.appendChild(option(candidate.name,
          (candidate.label || candidate.name) + " (" + candidate.name + ")", candidate.name === rule.field));
      });
      fieldSelect.addEventListener("change", function () {
        rule.field = fieldSelect.value;
        controller.fitRuleToField(rule);
        controller.save(key + ".field");
      });
      row.appendChild(element("label", { className: "condition-builder__cell" }, [
        element("span", { className: "condition-builder__caption", text: s.field }), fieldSelect]));

      var ops = Model.operatorsFor(field ? field.kind : null).slice();
      if (ops.indexOf(rule.op) < 0) ops.unshift(rule.op);
      var opSelect = element("select", { "aria-label": s.operator, "data-focus-key": key + ".op" });
      ops.forEach(function (op) {
        opSelect.appendChild(option(op, s.operators[op + (field && field.kind === "choice" ? "_choice" : "")] || s.operators[op] || op, op === rule.op));
      });
      opSelect.addEventListener("change", function () {
        var fitted = Model.valueForOperator(rule, opSelect.value);
        rule.op = opSelect.value;
        rule.value = fitted.value;
        rule.hasValue = fitted.hasValue;
        if (field && field.choices && field.choices.length && rule.op !== "one_of" && rule.value === "") {
          rule.value = field.choices[0].value;
        }
        controller.save(key + ".op");
      });
      row.appendChild(element("label", { className: "condition-builder__cell" }, [
        element("span", { className: "condition-builder__caption", text: s.operator }), opSelect]));

      if (Model.UNARY.indexOf(rule.op) < 0) row.appendChild(this.renderValue(rule, field, key));
      if (!field && rule.field) {
        row.appendChild(element("p", { className: "condition-builder__warning", role: "status", text: s.notBeforeHelp }));
      }
      return row;
    }

    renderValue(rule, field, key) {
      var s = this.strings;
      var controller = this;
      var caption = element("span", { className: "condition-builder__caption", text: s.value });
      if (field && field.choices) {
        var offered = field.choices.map(function (choice) { return choice.value; });
        var chosen = Array.isArray(rule.value) ? rule.value.map(String) : [String(rule.value === undefined ? "" : rule.value)];
        var missing = chosen.filter(function (value) { return value && offered.indexOf(value) < 0; });
        if (rule.op === "one_of") {
          var fieldset = element("fieldset", { className: "condition-builder__choices" }, [
            element("legend", { className: "condition-builder__caption", text: s.value })]);
          field.choices.concat(missing.map(function (value) { return { value: value, label: "“" + value + "” — " + s.notOffered }; }))
            .forEach(function (choice, index) {
              var box = element("input", { type: "checkbox", value: choice.value, "data-focus-key": key + ".value." + index });
              box.checked = chosen.indexOf(choice.value) >= 0;
              box.addEventListener("change", function () {
                var values = Array.isArray(rule.value) ? rule.value.slice() : [];
                if (box.checked) values.push(choice.value);
                else values = values.filter(function (value) { return String(value) !== choice.value; });
                rule.value = values;
                controller.save(key + ".value." + index);
              });
              fieldset.appendChild(element("label", { className: "condition-builder__choice" }, [
                box, element("span", { text: (choice.label || choice.value) + " (" + choice.value + ")" })]));
            });
          return fieldset;
        }
        var select = element("select", { "data-focus-key": key + ".value", "aria-label": s.value });
        if (!chosen[0]) select.appendChild(option("", s.chooseValue, true));
        field.choices.forEach(function (choice) {
          select.appendChild(option(choice.value, (choice.label || choice.value) + " (" + choice.value + ")", choice.value === chosen[0]));
        });
        missing.forEach(function (value) { select.appendChild(option(value, "“" + value + "” — " + s.notOffered, true)); });
        select.addEventListener("change", function () {
          rule.value = select.value;
          controller.save(key + ".value");
        });
        return element("label", { className: "condition-builder__cell" }, [caption, select]);
      }
      var type = field && field.kind === "date" ? "date" : field && field.kind === "number" ? "number" : "text";
      var text = Array.isArray(rule.value) ? rule.value.join(", ") : rule.value === undefined || rule.value === null ? "" : String(rule.value);
      var input = element("input", { type: type, "data-focus-key": key + ".value", "aria-label": s.value, dir: "auto" });
      if (type === "number") input.setAttribute("step", "any");
      input.value = text;
      input.addEventListener("change", function () {
        if (rule.op === "one_of") {
          rule.value = input.value.split(",").map(function (part) { return part.trim(); }).filter(Boolean);
        } else if (typeof rule.value === "number" && input.value !== "" && !isNaN(Number(input.value))) {
          rule.value = Number(input.value);
        } else {
          rule.value = input.value;
        }
        controller.save(key + ".value");
      });
      return element("label", { className: "condition-builder__cell" }, [caption, input]);
    }
  };

  window.wagtail.app.register("condition-builder", ConditionBuilder);
})();
