(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var W = 480, LEFT = 70, RIGHT = 16;
  var data = JSON.parse(document.getElementById("benchgate-data").textContent);
  var drawn = 0;

  // Every string from the report reaches the page through textContent or
  // setAttribute, never as markup.
  function el(tag, attrs, text) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, k)) { e.setAttribute(k, attrs[k]); } }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  function tooltip(node, text) {
    node.appendChild(el("title", {}, text));
    return node;
  }

  function scale(axis, from, to) {
    var span = axis.hi - axis.lo || 1;
    return function (v) { return from + (v - axis.lo) / span * (to - from); };
  }

  // Tick labels are skipped where they would overlap the previous one, and
  // anchored inwards at the edges so none is cut off.
  function valueAxis(svg, axis, x, top, bottom) {
    svg.appendChild(el("line", { "class": "axis", x1: LEFT, x2: W - RIGHT, y1: bottom, y2: bottom }));
    var lastEnd = -Infinity;
    axis.ticks.forEach(function (t) {
      var px = x(t[0]), width = t[1].length * 6.2;
      svg.appendChild(el("line", { "class": "grid", x1: px, x2: px, y1: top, y2: bottom }));
      var anchor = "middle", start = px - width / 2;
      if (px + width / 2 > W) { anchor = "end"; start = px - width; }
      if (start < lastEnd + 6) { return; }
      svg.appendChild(el("text", { x: px, y: bottom + 14, "text-anchor": anchor }, t[1]));
      lastEnd = anchor === "end" ? px : px + width / 2;
    });
  }

  function svgOf(height, label) {
    return el("svg", { viewBox: "0 0 " + W + " " + height, role: "img", "aria-label": label });
  }

  function boxChart(chart) {
    var rowH = 36, top = 6, bottom = top + chart.series.length * rowH;
    var svg = svgOf(bottom + 22, "distributions");
    var x = scale(chart.axis, LEFT, W - RIGHT);
    valueAxis(svg, chart.axis, x, top, bottom);
    chart.series.forEach(function (s, k) {
      var cy = top + k * rowH + rowH / 2, h = rowH * 0.56, st = s.stats;
      var g = tooltip(el("g", { "class": s.side }), s.label);
      g.appendChild(el("text", { x: LEFT - 8, y: cy + 4, "text-anchor": "end" }, s.side));
      g.appendChild(el("line", { x1: x(st[0]), x2: x(st[1]), y1: cy, y2: cy }));
      g.appendChild(el("line", { x1: x(st[3]), x2: x(st[4]), y1: cy, y2: cy }));
      g.appendChild(el("line", { x1: x(st[0]), x2: x(st[0]), y1: cy - h / 4, y2: cy + h / 4 }));
      g.appendChild(el("line", { x1: x(st[4]), x2: x(st[4]), y1: cy - h / 4, y2: cy + h / 4 }));
      g.appendChild(el("rect", { x: x(st[1]), y: cy - h / 2, width: Math.max(1, x(st[3]) - x(st[1])), height: h }));
      g.appendChild(el("line", { "class": "median", x1: x(st[2]), x2: x(st[2]), y1: cy - h / 2, y2: cy + h / 2 }));
      s.outliers.forEach(function (v) {
        g.appendChild(el("circle", { cx: x(v), cy: cy, r: 2.5 }));
      });
      svg.appendChild(g);
    });
    return svg;
  }

  function barChart(chart) {
    var rowH = 30, top = 6, bottom = top + chart.series.length * rowH;
    var svg = svgOf(bottom + 22, "values");
    var x = scale(chart.axis, LEFT, W - RIGHT);
    valueAxis(svg, chart.axis, x, top, bottom);
    var zero = x(Math.max(chart.axis.lo, Math.min(0, chart.axis.hi)));
    chart.series.forEach(function (s, k) {
      var cy = top + k * rowH + rowH / 2, h = rowH * 0.6, px = x(s.value);
      var g = tooltip(el("g", { "class": s.side }), s.side + ": " + s.label);
      g.appendChild(el("text", { x: LEFT - 8, y: cy + 4, "text-anchor": "end" }, s.side));
      g.appendChild(el("rect", { x: Math.min(zero, px), y: cy - h / 2, width: Math.max(1, Math.abs(px - zero)), height: h }));
      var inside = px > (W - RIGHT) - 90;
      g.appendChild(el("text", { x: inside ? px - 4 : px + 4, y: cy + 4, "text-anchor": inside ? "end" : "start" }, s.label));
      svg.appendChild(g);
    });
    return svg;
  }

  function trendChart(trend) {
    var H = 150, top = 8, bottom = H - 24;
    var svg = svgOf(H, "history");
    var y = scale(trend.axis, bottom, top);
    var all = trend.points.slice();
    if (trend.current) { all.push(trend.current); }
    var n = all.length;
    var x = function (i) { return n < 2 ? (LEFT + W - RIGHT) / 2 : LEFT + i / (n - 1) * (W - RIGHT - LEFT); };
    svg.appendChild(el("line", { "class": "axis", x1: LEFT, x2: LEFT, y1: top, y2: bottom }));
    trend.axis.ticks.forEach(function (t) {
      var py = y(t[0]);
      svg.appendChild(el("line", { "class": "grid", x1: LEFT, x2: W - RIGHT, y1: py, y2: py }));
      svg.appendChild(el("text", { x: LEFT - 6, y: py + 4, "text-anchor": "end" }, t[1]));
    });
    var path = all.map(function (p, i) { return x(i).toFixed(1) + "," + y(p[0]).toFixed(1); }).join(" ");
    svg.appendChild(el("polyline", { "class": "line", points: path }));
    all.forEach(function (p, i) {
      var now = trend.current && i === n - 1;
      svg.appendChild(tooltip(el("circle", { "class": now ? "now" : "dot", cx: x(i), cy: y(p[0]), r: now ? 4 : 3 }), p[1]));
    });
    svg.appendChild(el("text", { x: LEFT, y: H - 6, "text-anchor": "start" }, trend.first));
    svg.appendChild(el("text", { x: W - RIGHT, y: H - 6, "text-anchor": "end" }, trend.last));
    return svg;
  }

  function draw(container, chart, kind) {
    if (!chart) { return; }
    var svg = kind === "trend" ? trendChart(chart) : chart.kind === "box" ? boxChart(chart) : barChart(chart);
    container.appendChild(svg);
    drawn += 1;
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), function (c) {
    draw(c, data.charts[Number(c.getAttribute("data-chart"))], "entry");
  });
  Array.prototype.forEach.call(document.querySelectorAll(".cards [data-trend]"), function (c) {
    draw(c, data.trends[Number(c.getAttribute("data-trend"))], "trend");
  });

  var table = document.getElementById("results");
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var columns = table.tHead.rows[0].cells.length;
  rows.forEach(function (r, i) {
    r._order = i;
    r._text = (r.cells[0].textContent + " " + r.cells[1].textContent).toLowerCase();
  });

  function closeDetail(row) {
    var next = row.nextElementSibling;
    if (next && next.classList.contains("detail")) { next.remove(); }
    var button = row.querySelector("button.show");
    if (button) { button.setAttribute("aria-expanded", "false"); }
  }

  function openDetail(row) {
    var detail = document.createElement("tr");
    detail.className = "detail";
    var td = document.createElement("td");
    td.colSpan = columns;
    var i = Number(row.getAttribute("data-i"));
    if (data.charts[i]) {
      var c = document.createElement("div");
      c.className = "chart";
      draw(c, data.charts[i], "entry");
      td.appendChild(c);
    }
    var t = row.getAttribute("data-trend");
    if (t !== null && data.trends[Number(t)]) {
      var h = document.createElement("div");
      h.className = "chart";
      draw(h, data.trends[Number(t)], "trend");
      td.appendChild(h);
    }
    detail.appendChild(td);
    row.after(detail);
    row.querySelector("button.show").setAttribute("aria-expanded", "true");
  }

  tbody.addEventListener("click", function (e) {
    var button = e.target.closest("button.show");
    if (!button) { return; }
    var row = button.closest("tr");
    if (button.getAttribute("aria-expanded") === "true") { closeDetail(row); } else { openDetail(row); }
  });

  var filter = document.getElementById("filter");
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".verdict-filter input"));
  var shown = document.getElementById("shown");

  function applyFilter() {
    var query = filter.value.trim().toLowerCase();
    var allowed = {};
    boxes.forEach(function (b) { allowed[b.value] = b.checked; });
    var count = 0;
    rows.forEach(function (r) {
      var visible = allowed[r.getAttribute("data-verdict")] !== false && (query === "" || r._text.indexOf(query) !== -1);
      r.hidden = !visible;
      var next = r.nextElementSibling;
      if (next && next.classList.contains("detail")) { next.hidden = !visible; }
      if (visible) { count += 1; }
    });
    shown.textContent = "showing " + count + " of " + rows.length;
  }

  var timer = null;
  filter.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(applyFilter, 120);
  });
  boxes.forEach(function (b) { b.addEventListener("change", applyFilter); });

  function sortBy(th) {
    var key = th.getAttribute("data-key");
    var numeric = th.getAttribute("data-type") === "number";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var index = th.cellIndex;
    var keyOf = function (r) {
      if (numeric) {
        var v = parseFloat(r.getAttribute("data-" + key));
        return isNaN(v) ? null : v;
      }
      return r.cells[index].textContent;
    };
    rows.forEach(function (r) { closeDetail(r); r._key = keyOf(r); });
    rows.sort(function (a, b) {
      if (a._key === null || b._key === null) {
        return a._key === b._key ? a._order - b._order : a._key === null ? 1 : -1;
      }
      var c = numeric ? a._key - b._key : a._key.localeCompare(b._key);
      if (!ascending) { c = -c; }
      return c || a._order - b._order;
    });
    var fragment = document.createDocumentFragment();
    rows.forEach(function (r) { fragment.appendChild(r); });
    tbody.appendChild(fragment);
  }

  Array.prototype.forEach.call(table.tHead.querySelectorAll("th[data-key]"), function (th) {
    th.tabIndex = 0;
    th.addEventListener("click", function () { sortBy(th); });
    th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(th); } });
  });

  applyFilter();
  document.documentElement.setAttribute("data-benchgate-charts", String(drawn));
  document.documentElement.setAttribute("data-benchgate-rendered", "ok");
})();
