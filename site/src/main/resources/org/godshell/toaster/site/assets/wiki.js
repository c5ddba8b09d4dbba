// The toaster wiki's script: the theme button and the search page. No framework, no external resource.
// Search asks the wiki's server (GET _api/search: stemming, phrases, the best section, a snippet); where the site
// is served without it (another web server), the static index answers instead: sharded by the first two
// characters of each term (_search/XY.json) and loaded on demand.
"use strict";
(function () {
  var root = document.documentElement.getAttribute("data-root") || "";

  function setupTheme() {
    var button = document.querySelector(".wiki-theme");
    var stored = null;
    try { stored = localStorage.getItem("wiki-theme"); } catch (e) { stored = null; }
    if (stored === "dark" || stored === "light") { document.documentElement.setAttribute("data-theme", stored); }
    if (!button) { return; }
    function dark() {
      var theme = document.documentElement.getAttribute("data-theme");
      if (theme) { return theme === "dark"; }
      return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    }
    function label() { button.textContent = dark() ? "Light theme" : "Dark theme"; }
    button.hidden = false;
    label();
    button.addEventListener("click", function () {
      var next = dark() ? "light" : "dark";
      document.documentElement.setAttribute("data-theme", next);
      try { localStorage.setItem("wiki-theme", next); } catch (e) { /* private mode: the choice lasts this page */ }
      label();
    });
  }

  // Must split text as SearchIndex.terms does: lower case, runs of letters and digits, 2 to 40 characters.
  function terms(text) {
    var found = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
    return found.filter(function (t) { return t.length >= 2 && t.length <= 40; });
  }

  function shard(term) {
    return Array.from(term).slice(0, 2).map(function (c) {
      return /^[a-z0-9]$/.test(c) ? c : "_" + c.codePointAt(0).toString(16);
    }).join("");
  }

  var cache = {};
  function load(path) {
    if (!cache[path]) {
      cache[path] = fetch(root + "_search/" + path + ".json").then(function (r) {
        return r.ok ? r.json() : {};
      }).catch(function () { return {}; });
    }
    return cache[path];
  }

  // The pages (id -> weight) holding a word; the last word of a query also matches as a prefix.
  function lookup(word, prefix) {
    return load(shard(word)).then(function (index) {
      var hits = {};
      Object.keys(index).forEach(function (term) {
        if (term === word || (prefix && term.indexOf(word) === 0)) {
          var postings = index[term];
          for (var i = 0; i + 1 < postings.length; i += 2) {
            hits[postings[i]] = (hits[postings[i]] || 0) + postings[i + 1];
          }
        }
      });
      return hits;
    });
  }

  // The server's results; rejected when there is no such server (any answer but a 200 with JSON), so the
  // static index answers. The snippet comes as segments: text, and hits shown in <mark>, built with textContent.
  function serverSearch(query) {
    return fetch(root + "_api/search?q=" + encodeURIComponent(query.slice(0, 200)) + "&limit=20", {
      headers: { "Accept": "application/json" }
    }).then(function (r) {
      var type = r.headers.get("Content-Type") || "";
      if (r.status !== 200 || type.indexOf("application/json") !== 0) { throw new Error("no server search"); }
      return r.json();
    }).then(function (data) {
      if (!data || !Array.isArray(data.results)) { throw new Error("not a search answer"); }
      return data.results;
    });
  }

  function showServerResults(found, results, status) {
    results.textContent = "";
    var shown = 0;
    found.forEach(function (result) {
      // only site-relative links: never a scheme (javascript:) or another host
      if (typeof result.url !== "string" || /^([a-zA-Z][a-zA-Z0-9+.-]*:|\/\/)/.test(result.url)) { return; }
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + result.url;
      link.textContent = result.title;
      item.appendChild(link);
      if (result.section && result.section !== result.title) {
        var section = document.createElement("span");
        section.className = "wiki-search-section";
        section.textContent = " › " + result.section;
        item.appendChild(section);
      }
      var snippet = document.createElement("p");
      snippet.className = "wiki-search-snippet";
      (result.snippet || []).forEach(function (segment) {
        var node = document.createElement(segment.hit ? "mark" : "span");
        node.textContent = segment.text;
        snippet.appendChild(node);
      });
      if (snippet.childNodes.length > 0) { item.appendChild(snippet); }
      results.appendChild(item);
      shown++;
    });
    status.textContent = shown === 0 ? "No page matches these words." : shown + " page(s) found.";
  }

  function setupSearch() {
    var results = document.getElementById("wiki-search-results");
    if (!results) { return; }
    var status = document.getElementById("wiki-search-status");
    var input = document.getElementById("wiki-search-page");
    var query = new URLSearchParams(window.location.search).get("q") || "";
    input.value = query;
    if (query.trim() === "") { status.textContent = "Type at least two letters."; return; }
    status.textContent = "Searching…";
    serverSearch(query).then(function (found) { showServerResults(found, results, status); },
      function () { staticSearch(query, results, status); });
  }

  function staticSearch(query, results, status) {
    var words = terms(query);
    if (words.length === 0) { status.textContent = "Type at least two letters."; return; }
    Promise.all([load("pages")].concat(words.map(function (w, i) { return lookup(w, i === words.length - 1); })))
      .then(function (all) {
        var pages = all[0];
        var score = null;
        all.slice(1).forEach(function (hits) {
          var next = {};
          Object.keys(hits).forEach(function (id) {
            if (score === null || id in score) { next[id] = (score ? score[id] : 0) + hits[id]; }
          });
          score = next;
        });
        var ids = Object.keys(score || {}).sort(function (a, b) { return score[b] - score[a] || a - b; });
        results.textContent = "";
        ids.slice(0, 100).forEach(function (id) {
          var page = pages[id];
          if (!page) { return; }
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = root + page[1];
          link.textContent = page[0];
          item.appendChild(link);
          results.appendChild(item);
        });
        status.textContent = ids.length === 0 ? "No page has every word." : ids.length + " page(s) found.";
      });
  }

  setupTheme();
  setupSearch();
}());
