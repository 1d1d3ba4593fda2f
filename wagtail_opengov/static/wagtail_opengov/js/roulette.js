/* wagtail_opengov Roulette: draws and votes through the API. No dependencies, no build step.
 * Without this script the block's form leads to the full-page Roulette, which works with plain forms. */
(function () {
  "use strict";

  function reducedMotion() {
    return Boolean(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }

  // A failure with a text meant for people (the API's translated message, or one of ours). Anything else that
  // goes wrong is shown as our generic message: a resident never reads "Unexpected token '<'".
  function Said(text) { this.text = text; }

  function Roulette(section) {
    this.section = section;
    this.config = JSON.parse(section.querySelector("script[type='application/json']").textContent);
    this.stage = section.querySelector("[data-og-stage]");
    this.live = section.querySelector("[data-og-live]");
    this.template = section.querySelector("template[data-og-card]");
    this.start = section.querySelector("[data-og-start]");
    this.busy = false;
    this.started = false;
    this.pending = "";  // an announcement waiting to be said together with the next one
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
    var full = [this.pending, text].filter(Boolean).join(" ");
    this.pending = "";
    // One message at a time: a second announcement replaces the first's timer instead of racing it, and
    // carries what was pending ("vote recorded") so both are heard.
    window.clearTimeout(this.timer);
    live.textContent = "";
    // A fresh text node after a tick makes screen readers announce repeated messages too.
    this.timer = window.setTimeout(function () { live.textContent = full; }, 30);
  };

  // The body of an answer, or a Said: the API's {"error", "message"}, or our message for anything that is
  // not JSON (a 500, a proxy's HTML page).
  Roulette.prototype.read = function (response) {
    var self = this;
    return response.json().then(null, function () { return null; }).then(function (body) {
      if (response.ok && body) { return body; }
      if (body && typeof body.message === "string" && body.message) { throw new Said(body.message); }
      throw new Said(self.message("server"));
    });
  };

  Roulette.prototype.fetch = function (url, options) {
    var self = this;
    // The API is not under the page's language prefix: ask for the page's language, so its messages and
    // cards match the page rather than the browser's settings.
    var lang = document.documentElement.lang;
    if (lang) { options.headers = Object.assign({ "Accept-Language": lang }, options.headers); }
    return fetch(url, options).then(null, function () { throw new Said(self.message("network")); });
  };

  Roulette.prototype.explain = function (error) {
    return error instanceof Said ? error.text : this.message("error");
  };

  Roulette.prototype.token = function () {
    var self = this;
    var token = cookie("csrftoken");
    if (token) { return Promise.resolve(token); }
    return this.fetch(this.config.api + "csrf", { credentials: "same-origin" })
      .then(function (response) { return self.read(response); })
      .then(function (body) { return body.token; });
  };

  // Writes from every block on the page go one after another: the first visit's draw creates the device and
  // session cookies, and two blocks racing would create two identities, one of them orphaned.
  var queue = Promise.resolve();

  Roulette.prototype.post = function (path, payload) {
    var self = this;
    var run = function () {
      return self.token().then(function (token) {
        return self.fetch(self.config.api + path, {
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
    var spin = !reducedMotion();
    this.stage.setAttribute("aria-busy", "true");
    if (spin) { this.stage.classList.add("og-roulette__stage--spinning"); }
    if (!this.pending) {
      window.clearTimeout(this.timer);
      this.live.textContent = this.message("loading");
    }
    this.post("roulette/draw", { campaign: this.config.campaign, categories: this.categories() })
      .then(function (response) {
        if (response.status === 204) { return self.empty(moveFocus); }
        return self.read(response).then(function (body) { self.show(body, moveFocus); });
      })
      .then(null, function (error) { self.fail(self.explain(error), moveFocus); })
      .then(function () {
        self.busy = false;
        self.stage.setAttribute("aria-busy", "false");
        window.setTimeout(function () {
          self.stage.classList.remove("og-roulette__stage--spinning");
        }, spin ? 350 : 0);
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
    // The pressed button, from its own click: `event.submitter` is missing in older browsers (Safari < 15.4),
    // and guessing would send AGAINST as FOR. Enter and Space on a button fire this click too.
    var choice = "";
    Array.prototype.forEach.call(form.querySelectorAll("button[name=choice]"), function (button) {
      button.addEventListener("click", function () { choice = button.value; });
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var picked = (event.submitter && event.submitter.value) || choice;
      choice = "";
      if (picked) { self.vote(body.ticket, picked, form); }
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
    var buttons = form.querySelectorAll("button");
    Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
    this.post("votes", { ticket: ticket, choice: choice, reason: reason })
      .then(function (response) { return self.read(response); })
      .then(function () {
        // Said together with the next card's announcement, so neither cuts the other off.
        self.pending = self.message(choice);
        self.draw(true);
      }, function (error) {
        // Keep the card and what the resident typed; say what went wrong next to the buttons, which work again.
        errorBox.textContent = self.explain(error);
        errorBox.hidden = false;
        Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
        errorBox.setAttribute("tabindex", "-1");
        errorBox.focus();
      });
  };

  // The card (and the button that had focus) is replaced: focus goes to what replaces it, not to <body>.
  Roulette.prototype.replace = function (node, moveFocus) {
    var hadFocus = this.stage.contains(document.activeElement);
    node.setAttribute("tabindex", "-1");
    this.stage.replaceChildren(node);
    if (moveFocus || hadFocus) { node.focus(); }
  };

  Roulette.prototype.empty = function (moveFocus) {
    var note = document.createElement("p");
    note.className = "og-empty";
    note.textContent = this.message("empty");
    this.replace(note, moveFocus);
    this.announce(this.message("empty"));
  };

  Roulette.prototype.fail = function (text, moveFocus) {
    var self = this;
    var note = document.createElement("div");
    note.className = "og-alert";
    note.setAttribute("role", "alert");
    var line = document.createElement("p");
    line.textContent = text;
    var retry = document.createElement("button");
    retry.type = "button";
    retry.className = "og-button og-button--quiet";
    retry.textContent = this.message("retry");
    retry.addEventListener("click", function () { self.draw(true); });
    note.append(line, retry);
    this.replace(note, moveFocus);
    // The alert says itself; only a pending "vote recorded" still needs the live region.
    if (this.pending) { this.announce(""); }
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
