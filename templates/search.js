// search.html: searches the index build wrote (search/index.js, loaded
// before as a script, so it works from file:// too) with elasticlunr.js.
// The query is kept in the address (?q=…), so a search can be shared.
(function () {
  "use strict";
  var MAX = 100;
  var data = window.TF_SEARCH;
  var form = document.getElementById("search");
  var input = document.getElementById("q");
  var status = document.getElementById("status");
  var results = document.getElementById("results");
  if (!data || !window.elasticlunr) {
    status.textContent = "The search index did not load.";
    return;
  }
  var index = elasticlunr.Index.load(data.index);
  var options = { fields: { title: { boost: 2 }, body: { boost: 1 } }, bool: "OR", expand: true };

  function show(query) {
    results.textContent = "";
    query = query.trim();
    if (!query) {
      status.textContent = "";
      return;
    }
    var found = index.search(query, options);
    var text = found.length === 0 ? "No result for “" + query + "”."
      : found.length + " result" + (found.length === 1 ? "" : "s") + " for “" + query + "”"
        + (found.length > MAX ? ", the best " + MAX + " shown." : ".");
    status.textContent = text;
    found.slice(0, MAX).forEach(function (hit) {
      var doc = data.docs[Number(hit.ref)];
      if (!doc) return;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = doc[1];
      a.textContent = doc[0];
      var small = document.createElement("small");
      var time = document.createElement("time");
      time.dateTime = doc[2];
      time.textContent = doc[2];
      small.appendChild(time);
      small.appendChild(document.createTextNode(" · " + doc[3]));
      li.appendChild(a);
      li.appendChild(document.createElement("br"));
      li.appendChild(small);
      results.appendChild(li);
    });
  }

  function keep(query) {
    try {
      history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : location.pathname);
    } catch (e) {
      // Some browsers refuse to change the address of a file:// page: the search still works.
    }
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      show(input.value);
      keep(input.value.trim());
    }, 120);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
    keep(input.value.trim());
  });
  var initial = new URLSearchParams(location.search).get("q") || "";
  if (initial) {
    input.value = initial;
    show(initial);
  }
})();
