// The task page for plugins written for the original Vulyk (plugin.toml: protocol = "original").
// It speaks the original's front-end protocol (spec 3): jQuery events on document.body —
// "vulyk.next" (data: the /next JSON), "vulyk.save" (a callback taking the answer),
// "vulyk.skip" (a callback), "vulyk.task_error" (the error JSON) — and the element ids
// #current_task, #save-button, #skip-button and #user-stats. Loaded before the plugin's
// scripts, so that its DOM-ready handler runs first, as the original's base.js did.
(function ($) {
  "use strict";

  // Every POST of the page (the plugin's own too) carries the CSRF token.
  $.ajaxSetup({
    traditional: true,
    headers: { "X-CSRF-Token": $('meta[name="csrf-token"]').attr("content") }
  });

  // What plugins read of the original's page script, kept up to date.
  var state = { task_id: 0, task_type: "", body: null };
  window.Vulyk = { State: state, load_next: function () {} };

  $(function () {
    var body = $(document.body),
      wrapper = $("#current_task"),
      buttons = $("#save-button, #skip-button"),
      stats = $("#user-stats"),
      message = $("#task-message"),
      taskType = wrapper.data("type"),
      taskId = null,
      // A task is on its way to the server: the buttons wait for it.
      sending = false;

    if (!wrapper.length) {
      return;
    }
    state.task_type = taskType;
    state.body = body;

    function url(action) {
      return "/type/" + encodeURIComponent(taskType) + "/" + action +
        (action === "next" ? "" : "/" + encodeURIComponent(taskId));
    }

    function settle(busy) {
      sending = busy;
      buttons.toggleClass("disabled", busy || taskId === null);
    }

    function shown(xhr) {
      return xhr.responseJSON || { result: {}, errors: [message.data("error-other")] };
    }

    function loadNext() {
      taskId = null;
      settle(true);
      $.get(url("next"))
        .done(function (data) {
          taskId = data.result.task.id;
          state.task_id = taskId;
          message.text("");
          settle(false);
          body.trigger("vulyk.next", [data]);
        })
        .fail(function (xhr) {
          var json = shown(xhr);
          state.task_id = 0;
          message.text(xhr.status === 404 ? message.data("no-more") : (json.errors || []).join(" "));
          settle(false);
          body.trigger("vulyk.task_error", [json]);
        });
    }
    window.Vulyk.load_next = loadNext;

    // A refused answer or skip: said on the page; a task that is gone (answered elsewhere,
    // closed: 404, 409) gives way to the next one, anything else lets the volunteer try again.
    function refused(xhr) {
      message.text((shown(xhr).errors || []).join(" "));
      if (xhr.status === 404 || xhr.status === 409) {
        loadNext();
      } else {
        settle(false);
      }
    }

    body.on("vulyk.next", function (e, data) {
      var dd = stats.find("dd");
      dd.eq(0).text(data.result.stats.total);
      dd.eq(1).text(data.result.stats.position || "–");
    });

    // The plugin decides whether to send: the buttons wait only once it does, so a plugin
    // that declines (an answer not complete) leaves them as they were.
    function act(event, send) {
      return function (e) {
        e.preventDefault();
        if (taskId === null || sending) {
          return;
        }
        body.trigger(event, [function (result) {
          if (taskId === null || sending) {
            return;
          }
          settle(true);
          send(result).done(loadNext).fail(refused);
        }]);
      };
    }

    wrapper
      .on("click", "#save-button", act("vulyk.save", function (result) {
        return $.post(url("done"), { result: JSON.stringify(result) });
      }))
      .on("click", "#skip-button", act("vulyk.skip", function () {
        return $.post(url("skip"), {});
      }));

    loadNext();
  });
})(jQuery);
