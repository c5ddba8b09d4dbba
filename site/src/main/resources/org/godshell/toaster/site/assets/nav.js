// The toaster wiki's reading aids: the phone menu, the table of contents folded on narrow screens, a copy button
// on every code block, and code colouring by highlight.js (loaded before this, only on pages with code).
// No inline handlers or styles: the CSP allows only the site's own files. Without this script the navigation
// follows the content on phones, the table of contents is a closed <details>, and code is plain.
"use strict";
(function () {
  // Must match the phone width in wiki.css (@media (max-width: 720px)).
  var narrow = window.matchMedia("(max-width: 720px)");

  function setupMenu() {
    var button = document.querySelector(".wiki-menu");
    var nav = document.getElementById("wiki-nav");
    if (!button || !nav) { return; }
    nav.classList.add("wiki-nav-folding");
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("wiki-nav-open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        button.click();
        button.focus();
      }
    });
  }

  // Open on wide screens, where it sits beside the text; folded on phones, where it would fill the first screen.
  function setupToc() {
    var toc = document.querySelector(".wiki-toc");
    if (!toc) { return; }
    function place() { toc.open = !narrow.matches; }
    place();
    narrow.addEventListener("change", place);
  }

  // Plain HTTP is not a secure context and has no navigator.clipboard, and a browser may refuse it: the older
  // command then copies a hidden selection instead.
  function copyByCommand(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "wiki-hidden";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    document.body.removeChild(area);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).catch(function () { return copyByCommand(text); });
    }
    return copyByCommand(text);
  }

  function setupCopy() {
    document.querySelectorAll("pre").forEach(function (pre) {
      var frame = document.createElement("div");
      frame.className = "wiki-code";
      pre.parentNode.insertBefore(frame, pre);
      frame.appendChild(pre);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "wiki-copy";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy this code");
      var status = document.createElement("span");
      status.className = "wiki-hidden";
      status.setAttribute("role", "status");
      frame.appendChild(button);
      frame.appendChild(status);
      var reset = null;
      button.addEventListener("click", function () {
        copyText(pre.textContent).then(function () {
          button.textContent = "Copied";
          status.textContent = "Copied to the clipboard";
        }, function () {
          button.textContent = "Select and copy";
          status.textContent = "The browser refused; select the text and copy it";
        });
        clearTimeout(reset);
        reset = setTimeout(function () { button.textContent = "Copy"; status.textContent = ""; }, 2000);
      });
    });
  }

  // Only blocks that name a language; "text" and unnamed blocks stay plain, and so does a language the bundle
  // does not know (highlight.js would guess or warn).
  function setupHighlight() {
    if (!window.hljs) { return; }
    document.querySelectorAll("pre code[class*=language-]").forEach(function (code) {
      var match = /(?:^|\s)language-([\w+#.-]+)/.exec(code.className);
      var language = match ? match[1].toLowerCase() : "";
      if (!language || language === "text" || language === "plaintext" || language === "txt"
          || !window.hljs.getLanguage(language)) { return; }
      window.hljs.highlightElement(code);
    });
  }

  setupMenu();
  setupToc();
  setupHighlight();
  setupCopy();
}());
