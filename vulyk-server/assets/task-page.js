// The task page's side of the plugin protocol (as in the original's base.js, with DOM events
// instead of jQuery's):
//   vulyk.next        detail = the whole /next answer; the plugin shows detail.result.task
//   vulyk.task_error  detail = the error envelope (no task left, not allowed, …)
//   vulyk.save        detail.callback(resultObject) — the plugin hands over its answer
//   vulyk.skip        detail.callback() — the plugin agrees to skip
//   vulyk.gold        detail = {expected, given, judged, correct} after a gold task, when the
//                     type shows feedback (the page shows both answers as JSON; a plugin may
//                     draw them its own way)
(function () {
  "use strict";
  var area = document.getElementById("task-area");
  if (!area) { return; }
  var type = area.dataset.type;
  var base = "/type/" + encodeURIComponent(type) + "/";
  var message = document.getElementById("task-message");
  var saveButton = document.getElementById("save-task");
  var skipButton = document.getElementById("skip-task");
  var current = null;
  var busy = false;

  function fire(name, detail) {
    document.dispatchEvent(new CustomEvent(name, { detail: detail }));
  }

  function say(text) {
    message.textContent = text || "";
    message.title = "";
  }

  // A refusal in the page's language, by its status; the API's own words (English) stay in
  // the title, for whoever helps the volunteer.
  function sayRefusal(reply) {
    say(area.dataset["error-" + reply.status] || area.dataset.errorOther);
    message.title = (reply.body && reply.body.errors || []).join(" ");
  }

  function ready(yes) {
    saveButton.disabled = !yes;
    skipButton.disabled = !yes;
    area.classList.toggle("has-task", yes);
  }

  function showStats(stats) {
    if (!stats) { return; }
    document.getElementById("stats-total").textContent = stats.total;
    // No place before a first answer: "position 0" would read as last.
    document.getElementById("stats-position").textContent = stats.total > 0 ? stats.position : "–";
  }

  // The next task; `keepMessage` leaves what the page says (thanks, or why the last task
  // went) instead of "Loading…".
  var RETRY_SECONDS = 5;
  function load(keepMessage) {
    current = null;
    ready(false);
    if (!keepMessage) { say(area.dataset.loading); }
    window.vulyk.get(base + "next").then(function (reply) {
      if (!reply.ok) {
        if (reply.status === 404) { say(area.dataset.noMore); } else { sayRefusal(reply); }
        fire("vulyk.task_error", reply.body);
        // A server out of reach may be back soon: ask again, keeping the message.
        if (reply.status === 0) { setTimeout(function () { load(true); }, RETRY_SECONDS * 1000); }
        return;
      }
      current = reply.body.result.task;
      area.dataset.taskId = current.id;
      showStats(reply.body.result.stats);
      if (!keepMessage) { say(""); }
      ready(true);
      fire("vulyk.next", reply.body);
    });
  }

  // After an answer in a gamified type: the level reached and the badges earned with it,
  // from the volunteer's unseen events, which are then marked as seen.
  var notice = document.getElementById("reward-notice");
  function showRewards() {
    if (area.dataset.gamified !== "yes") { return; }
    window.vulyk.get("/gamification/events/unseen").then(function (reply) {
      if (!reply.ok) { return; }
      var lines = [];
      reply.body.result.events.forEach(function (event) {
        if (event.level_given) { lines.push(area.dataset.newLevel + ": " + event.level_given); }
        event.achievements.forEach(function (rule) {
          lines.push(area.dataset.newBadge + ": " + (rule.name || rule.id));
        });
      });
      if (reply.body.result.events.length) {
        window.vulyk.post("/gamification/events/mark_viewed");
      }
      if (lines.length) {
        notice.textContent = lines.join(" · ");
        notice.hidden = false;
      }
    });
  }

  // After a gold task whose type shows feedback: the expected answer beside the volunteer's,
  // as text (never as markup: both hold what volunteers and operators typed).
  var gold = document.getElementById("gold-feedback");
  function showGold(feedback) {
    gold.hidden = !feedback;
    if (!feedback) { return; }
    document.getElementById("gold-summary").textContent = area.dataset.goldFeedback + " " +
      area.dataset.goldRight + ": " + feedback.correct + " / " + feedback.judged;
    document.getElementById("gold-expected").textContent = JSON.stringify(feedback.expected, null, 2);
    document.getElementById("gold-given").textContent = JSON.stringify(feedback.given, null, 2);
    fire("vulyk.gold", feedback);
  }

  function afterPost(reply, saved) {
    busy = false;
    if (reply.ok) {
      // After an answer the thanks stay while the next task comes.
      load(saved);
      return;
    }
    sayRefusal(reply);
    // A task that is gone or no longer this volunteer's can be neither answered nor skipped:
    // the next one comes, and the message stays.
    if (reply.status === 404 || reply.status === 409) { load(true); } else { ready(true); }
  }

  saveButton.addEventListener("click", function () {
    if (!current || busy) { return; }
    fire("vulyk.save", {
      callback: function (result) {
        if (result === undefined || result === null) { return; }
        busy = true;
        ready(false);
        window.vulyk.post(base + "done/" + encodeURIComponent(current.id),
          { result: JSON.stringify(result) }).then(function (reply) {
          if (reply.ok) {
            say(area.dataset.thanks);
            notice.hidden = true;
            showRewards();
            showGold(reply.body.result.gold);
          }
          afterPost(reply, true);
        });
      }
    });
  });

  skipButton.addEventListener("click", function () {
    if (!current || busy) { return; }
    fire("vulyk.skip", {
      callback: function () {
        busy = true;
        ready(false);
        showGold(null);
        window.vulyk.post(base + "skip/" + encodeURIComponent(current.id))
          .then(function (reply) { afterPost(reply, false); });
      }
    });
  });

  // Seconds of real work: counted while the page is visible, sent every half minute.
  var ACTIVITY_EVERY = 30;
  setInterval(function () {
    if (current && document.visibilityState === "visible") {
      window.vulyk.post(base + "activity/" + encodeURIComponent(current.id),
        { seconds: String(ACTIVITY_EVERY) });
    }
  }, ACTIVITY_EVERY * 1000);

  load();
})();
