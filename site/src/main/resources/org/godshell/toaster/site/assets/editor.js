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
  // An image goes up as it is (the body), with the session's token in a header; the answer is its markdown.
  var upload = document.getElementById('wiki-edit-upload');
  var status = document.getElementById('wiki-edit-upload-status');
  if (upload && status) {
    upload.parentNode.hidden = false;
    upload.addEventListener('change', function () {
      var file = upload.files[0];
      if (!file) {
        return;
      }
      status.textContent = 'Uploading ' + file.name + '…';
      fetch(form.dataset.upload + '?name=' + encodeURIComponent(file.name), {method: 'POST', body: file,
        credentials: 'same-origin', headers: {'X-Wiki-Token': form.elements.csrf.value}})
        .then(function (reply) {
          return reply.text().then(function (answer) { return {ok: reply.ok, answer: answer}; });
        })
        .then(function (result) {
          if (!result.ok) {
            status.textContent = 'Not uploaded: ' + result.answer;
            return;
          }
          var at = text.selectionEnd;
          text.value = text.value.slice(0, at) + result.answer + text.value.slice(at);
          status.textContent = 'Uploaded and committed; the image is in the text.';
          preview();
        })
        .catch(function () { status.textContent = 'Not uploaded: the server did not answer.'; });
    });
  }
  text.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(preview, 400);
  });
  preview();
}());
