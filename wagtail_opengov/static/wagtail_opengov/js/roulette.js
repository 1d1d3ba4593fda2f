/* wagtail_opengov Roulette: draws and votes through the API. No dependencies, no build step.
 * Without this script the block's form leads to the full-page Roulette, which works with plain forms. */
(function () {
  "use strict";

  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }

  function Roulette(section) {
    this.section = section;
    this.config = JSON.parse(section.querySelector("script[type='application/json']").textContent);
    this.stage = section.querySelector("[data-og-stage]");
    this.live = section.querySelector("[data-og-live]");
    this.template = section.querySelector("template[data-og-card]");
    this.start = section.querySelector("[data-og-start]");
    this.busy = false;
    this.started = false;
    var self = this;
    this.start.addEventListener("submit", function (event) {
      event.preventDefault();
      self.draw(true);
    });
    // An impression counts only when a person can see the card: draw when the block scrolls into view,
    // never on page load for a bot or a prefetch.
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting && !self.started) {
            observer.disconnect();
            self.draw(false);
          }
        });
      }, { threshold: 0.5 });
      observer.observe(section);
    }
  }

  Roulette.prototype.message = function (key) {
    return this.section.getAttribute("data-msg-" + key) || "";
  };

  Roulette.prototype.announce = function (text) {
    var live = this.live;
    live.textContent = "";
    // A fresh text node after a tick makes screen readers announce repeated messages too.
    window.setTimeout(function () { live.textContent = text; }, 30);
  };

  Roulette.prototype.token = function () {
    var token = cookie("csrftoken");
    if (token) { return Promise.resolve(token); }
    return fetch(this.config.api + "csrf", { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (body) { return body.token; });
  };

  // Writes from every block on the page go one after another: the first visit's draw creates the device and
  // session cookies, and two blocks racing would create two identities, one of them orphaned.
  var queue = Promise.resolve();

  Roulette.prototype.post = function (path, payload) {
    var self = this;
    var run = function () {
      return self.token().then(function (token) {
        return fetch(self.config.api + path, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRFToken": token },
          body: JSON.stringify(payload)
        });
      });
    };
    var result = queue.then(run, run);
    queue = result.then(function () {}, function () {});
    return result;
  };

  Roulette.prototype.categories = function () {
    return Array.prototype.map.call(
      this.start.querySelectorAll("input[name=category]:checked"),
      function (input) { return input.value; }
    );
  };

  Roulette.prototype.draw = function (moveFocus) {
    if (this.busy) { return; }
    this.busy = this.started = true;
    var self = this;
    this.stage.setAttribute("aria-busy", "true");
    this.stage.classList.add("og-roulette__stage--spinning");
    this.live.textContent = this.message("loading");
    this.post("roulette/draw", { campaign: this.config.campaign, categories: this.categories() })
      .then(function (response) {
        if (response.status === 204) { return self.empty(); }
        return response.json().then(function (body) {
          if (!response.ok) { throw new Error(body.message || self.message("error")); }
          self.show(body, moveFocus);
        });
      })
      .catch(function (error) { self.fail(error.message || self.message("error")); })
      .then(function () {
        self.busy = false;
        self.stage.setAttribute("aria-busy", "false");
        window.setTimeout(function () {
          self.stage.classList.remove("og-roulette__stage--spinning");
        }, reducedMotion ? 0 : 350);
      });
  };

  Roulette.prototype.show = function (body, moveFocus) {
    var card = this.template.content.firstElementChild.cloneNode(true);
    var project = body.project;
    card.querySelector("[data-field=title]").textContent = project.title;
    card.querySelector("[data-field=summary]").textContent = project.summary;
    card.querySelector("[data-field=category]").textContent = project.category ? project.category.name : "";
    card.querySelector("[data-field=url]").href = project.url;
    var self = this;
    var form = card.querySelector("[data-og-vote]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var choice = event.submitter ? event.submitter.value : "for";
      self.vote(body.ticket, choice, form);
    });
    card.querySelector("[data-og-skip]").addEventListener("click", function () { self.draw(true); });
    this.stage.replaceChildren(card);
    this.announce(this.message("new") + " " + project.title);
    if (moveFocus) { card.querySelector("[data-field=title]").focus(); }
  };

  Roulette.prototype.vote = function (ticket, choice, form) {
    var self = this;
    var reason = form.querySelector("textarea").value;
    var errorBox = form.querySelector("[data-og-error]");
    Array.prototype.forEach.call(form.querySelectorAll("button"), function (b) { b.disabled = true; });
    this.post("votes", { ticket: ticket, choice: choice, reason: reason })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) { throw new Error(body.message || self.message("error")); }
          self.announce(self.message(choice));
          self.busy = false;
          self.draw(true);
        });
      })
      .catch(function (error) {
        // Keep the card and what the resident typed; say what went wrong next to the buttons.
        errorBox.textContent = error.message || self.message("error");
        errorBox.hidden = false;
        Array.prototype.forEach.call(form.querySelectorAll("button"), function (b) { b.disabled = false; });
        errorBox.focus && errorBox.setAttribute("tabindex", "-1");
        errorBox.focus();
      });
  };

  Roulette.prototype.empty = function () {
    var note = document.createElement("p");
    note.className = "og-empty";
    note.textContent = this.message("empty");
    this.stage.replaceChildren(note);
    this.announce(this.message("empty"));
  };

  Roulette.prototype.fail = function (text) {
    var note = document.createElement("p");
    note.className = "og-alert";
    note.setAttribute("role", "alert");
    note.textContent = text;
    this.stage.replaceChildren(note);
  };

  function boot() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-og-roulette]"), function (section) {
      if (!section.ogRoulette) { section.ogRoulette = new Roulette(section); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
})();
