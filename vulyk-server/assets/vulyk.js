// Shared by every page: the CSRF token and a POST helper that sends it.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.content : "";

  // POSTs url-encoded `fields`; resolves to {ok, status, body} with the parsed JSON envelope
  // (status 0 when the server could not be reached: the caller's page must not hang).
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
    }).then(envelope, unreachable);
  }

  function get(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(envelope, unreachable);
  }

  function unreachable(error) {
    return { ok: false, status: 0, body: { result: null, errors: [String(error)] } };
  }

  function envelope(response) {
    return response.json().then(
      function (body) { return { ok: response.ok, status: response.status, body: body }; },
      function () { return { ok: false, status: response.status, body: { result: null, errors: [response.statusText] } }; }
    );
  }

  window.vulyk = { post: post, get: get, csrf: csrf };
})();
