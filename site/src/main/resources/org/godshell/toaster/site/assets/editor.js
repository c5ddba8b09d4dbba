// The browser editor's live preview: the server renders the text with the site's own pipeline (sanitized), and
// this shows it. Without JavaScript the form's Preview button does the same with a page load.
(function () {
  'use strict';
  var form = document.getElementById('wiki-edit-form');
  var text = document.getElementById('wiki-edit-text');
  var out = document.getElementById('wiki-edit-preview');
  if (!form || !text || !out) {
    return;
  }
  var timer = null;
  var sent = 0;
  function preview() {
    var ticket = ++sent;
    var body = new URLSearchParams();
    body.set('csrf', form.elements.csrf.value);
    body.set('path', form.dataset.path);
    body.set('text', text.value);
    fetch(form.dataset.preview, {method: 'POST', body: body, credentials: 'same-origin'})
      .then(function (reply) { return reply.ok ? reply.text() : null; })
      .then(function (html) {
        // a slower, older answer must not replace a newer one
        if (html !== null && ticket === sent) {
          out.innerHTML = html;
        }
      })
      .catch(function () {});
  }
  text.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(preview, 400);
  });
  preview();
}());
