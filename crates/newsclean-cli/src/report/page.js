// newsclean report: sorting the rules table, expanding examples, and the
// document view (paging and search over the embedded sample).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var PAGE = 10;

  // Rules table: a click on a header sorts, a click on a row shows its examples.
  var table = document.getElementById("rules-table");
  var tbody = table.tBodies[0];
  function pairs() {
    var out = [];
    var rows = tbody.querySelectorAll("tr.rule");
    for (var i = 0; i < rows.length; i++) out.push([rows[i], rows[i].nextElementSibling]);
    return out;
  }
  Array.prototype.forEach.call(table.querySelectorAll("th[data-key]"), function (th) {
    th.addEventListener("click", function () {
      var key = th.getAttribute("data-key"), num = th.getAttribute("data-type") === "num";
      var asc = !th.classList.contains("asc");
      Array.prototype.forEach.call(table.querySelectorAll("th"), function (h) { h.classList.remove("asc", "desc"); });
      th.classList.add(asc ? "asc" : "desc");
      var list = pairs();
      list.sort(function (a, b) {
        var x = a[0].getAttribute("data-" + key), y = b[0].getAttribute("data-" + key);
        var c = num ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
        return asc ? c : -c;
      });
      list.forEach(function (p) { tbody.appendChild(p[0]); tbody.appendChild(p[1]); });
    });
  });
  pairs().forEach(function (p) {
    function toggle() { p[1].hidden = !p[1].hidden; p[0].classList.toggle("open", !p[1].hidden); }
    p[0].addEventListener("click", toggle);
    p[0].addEventListener("keydown", function (e) { if (e.key === "Enter") toggle(); });
  });

  // Documents.
  var list = document.getElementById("doc-list");
  var search = document.getElementById("search");
  var info = document.getElementById("page-info");
  var prev = document.getElementById("prev"), next = document.getElementById("next");
  var docs = data.docs.map(function (d) {
    d.full = d.segs.map(function (s) { return s[0]; }).join("");
    d.hay = (d.id + "\n" + d.full).toLowerCase();
    return d;
  });
  var shown = docs, page = 0;

  function renderDoc(d) {
    var art = document.createElement("article");
    art.className = "doc";
    art.setAttribute("lang", d.lang);
    art.setAttribute("dir", d.lang === "ar" ? "rtl" : "ltr");
    art.setAttribute("data-id", d.id);
    var head = document.createElement("header");
    var removed = {};
    d.segs.forEach(function (s) { if (s[1] && s[1] !== data.tidy) removed[s[1]] = (removed[s[1]] || 0) + s[0].length; });
    var ids = Object.keys(removed);
    head.textContent = d.id + " · " + d.lang + (d.title ? " · title: " + d.title : "") +
      " · " + (ids.length ? "removed by " + ids.join(", ") : "nothing removed by rules");
    art.appendChild(head);
    var text = document.createElement("div");
    text.className = "text";
    d.segs.forEach(function (s) {
      if (s[1] === null) { text.appendChild(document.createTextNode(s[0])); return; }
      var m = document.createElement("mark");
      m.className = "rm" + (s[1] === data.tidy ? " tidy" : "");
      m.setAttribute("data-rule", s[1]);
      m.title = s[1];
      if (s[1] !== data.tidy) m.style.background = data.colors[s[1]] || "#ddd";
      m.textContent = s[0];
      text.appendChild(m);
    });
    art.appendChild(text);
    return art;
  }

  function render() {
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    page = Math.min(page, pages - 1);
    list.textContent = "";
    shown.slice(page * PAGE, page * PAGE + PAGE).forEach(function (d) { list.appendChild(renderDoc(d)); });
    info.textContent = shown.length ? "page " + (page + 1) + " of " + pages + " · " + shown.length + " documents"
      : "no document matches";
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }
  prev.addEventListener("click", function () { page--; render(); });
  next.addEventListener("click", function () { page++; render(); });
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    shown = q ? docs.filter(function (d) { return d.hay.indexOf(q) >= 0; }) : docs;
    page = 0;
    render();
  });
  render();
  document.documentElement.setAttribute("data-ready", "1");
})();
