// Shared by every page: the CSRF token and a POST helper that sends it.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.content : "";

  // POSTs url-encoded `fields`; resolves to {ok, status, body} with the parsed JSON envelope.
  function post(url, fields) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Accept": "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
        "X-CSRF-Token": csrf
      },
      body: new URLSearchParams(fields || {}).toString()
    }).then(envelope);
  }

  function get(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(envelope);
  }

  function envelope(response) {
    return response.json().then(
      function (body) { return { ok: response.ok, status: response.status, body: body }; },
      function () { return { ok: false, status: response.status, body: { result: null, errors: [response.statusText] } }; }
    );
  }

  window.vulyk = { post: post, get: get, csrf: csrf };
})();
