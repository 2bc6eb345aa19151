// "Did this answer help?" on the results page: sends the choice without leaving the page and
// shows the server's thanks (the form posts as usual without JavaScript).
(function () {
  "use strict";
  document.querySelectorAll("[data-answer-feedback]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || !window.fetch || !window.FormData) return;
      event.preventDefault();
      var data = new FormData(form);
      data.append(button.name, button.value);
      var status = form.querySelector("[data-answer-feedback-status]");
      fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          if (!response.ok && response.status !== 400) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (body) {
          form.querySelectorAll("button").forEach(function (b) { b.hidden = true; });
          status.textContent = body.message || "";
        })
        .catch(function () {
          var choice = document.createElement("input");
          choice.type = "hidden";
          choice.name = button.name;
          choice.value = button.value;
          form.appendChild(choice);
          form.submit(); // without the script's help: the thank-you page
        });
    });
  });
})();
