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

  $(function () {
    var body = $(document.body),
      wrapper = $("#current_task"),
      buttons = $("#save-button, #skip-button"),
      stats = $("#user-stats"),
      message = $("#task-message"),
      taskType = wrapper.data("type"),
      taskId = null;

    if (!wrapper.length) {
      return;
    }

    function url(action) {
      var path = "/type/" + encodeURIComponent(taskType) + "/" + action;
      return taskId === null ? path : path + "/" + encodeURIComponent(taskId);
    }

    function failed(xhr) {
      var json = xhr.responseJSON || { result: {}, errors: [message.data("error-other")] };
      taskId = null;
      message.text(xhr.status === 404 ? message.data("no-more") : (json.errors || []).join(" "));
      body.trigger("vulyk.task_error", [json]);
    }

    function loadNext() {
      taskId = null;
      buttons.addClass("disabled");
      $.get(url("next"))
        .done(function (data) {
          taskId = data.result.task.id;
          message.text("");
          body.trigger("vulyk.next", [data]);
        })
        .fail(failed);
    }

    body.on("vulyk.next", function (e, data) {
      var dd = stats.find("dd");
      buttons.removeClass("disabled");
      dd.eq(0).text(data.result.stats.total);
      dd.eq(1).text(data.result.stats.position || "–");
    });

    // One step at a time: a second click while a task is being sent does nothing.
    function act(event, send) {
      return function (e) {
        e.preventDefault();
        if (taskId === null || buttons.hasClass("disabled")) {
          return;
        }
        buttons.addClass("disabled");
        body.trigger(event, [send]);
      };
    }

    wrapper
      .on("click", "#save-button", act("vulyk.save", function (result) {
        $.post(url("done"), { result: JSON.stringify(result) }).done(loadNext).fail(failed);
      }))
      .on("click", "#skip-button", act("vulyk.skip", function () {
        $.post(url("skip"), {}).done(loadNext).fail(failed);
      }));

    loadNext();
  });
})(jQuery);
