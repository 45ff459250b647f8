/*
 * One SQL view's page: a live table of its rows and a chart chosen from the result's shape.
 *
 * /ws/views/NAME sends a snapshot (columns, rows, group_key when the result is a GROUP BY's), then
 * changes (+I, -U, +U, -D) and status messages. A grouped result over window_start (or another
 * TIMESTAMP key) draws lines over time, a series per other key; a grouped result without a time
 * key draws bars per key; any other result (a projection, a join) is a table only.
 */
(function () {
  "use strict";

  var MAX_TABLE_ROWS = 500;
  var MAX_SERIES = 8;
  var MAX_BARS = 20;
  var MAX_POINTS = 240;
  var ANNOUNCE_INTERVAL_MS = 10000;
  var PALETTE = ["#2f5bd3", "#d9822b", "#1d7a46", "#b4232c", "#7c4dbd", "#0f8a8a", "#a0527a", "#6b7280"];

  function $(id) { return document.getElementById(id); }

  var name = decodeURIComponent(location.pathname.replace(/^\/views\//, "").replace(/\/$/, ""));
  var view = null;
  var rows = [];
  var rowKeys = [];
  var chart = null;
  var sort = null;
  var chosenValue = null;
  var drawPending = false;
  var announced = { count: null, at: 0 };

  $("view-name").textContent = name;
  document.title = name + " — SQL view — Kibitz";

  // ---- Types and values ----

  function isInteger(type) { return /^(TINYINT|SMALLINT|INT|BIGINT)\b/.test(type); }
  function isNumeric(type) { return isInteger(type) || /^(FLOAT|DOUBLE|DECIMAL)\b/.test(type); }
  function isTime(type) { return /^TIMESTAMP/.test(type); }

  var formats = {};
  function numberFormat(fractionDigits, significant) {
    var id = fractionDigits + "/" + significant;
    if (!formats[id]) {
      formats[id] = new Intl.NumberFormat(undefined, significant
        ? { maximumSignificantDigits: significant }
        : { minimumFractionDigits: fractionDigits[0], maximumFractionDigits: fractionDigits[1] });
    }
    return formats[id];
  }
  var count = numberFormat([0, 0]);

  /* A value as the table shows it: numbers grouped in the reader's locale (DECIMAL at its scale),
     the exact value in the cell's title when the text rounds it. */
  function formatted(value, type) {
    if (value === null || value === undefined) return { text: "NULL", className: "null" };
    if (isNumeric(type) && typeof value === "number") {
      var scale = /^DECIMAL\(\d+, *(\d+)\)/.exec(type);
      var format = scale ? numberFormat([+scale[1], +scale[1]])
        : isInteger(type) || Math.abs(value) >= 1 || value === 0 ? numberFormat([0, 3])
        : numberFormat(null, 4);
      var text = format.format(value);
      return { text: text, className: "number", title: String(value) };
    }
    if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE" };
    if (typeof value === "object") return { text: JSON.stringify(value), className: "text", title: JSON.stringify(value) };
    var string = String(value);
    if (isTime(type)) {
      // "YYYY-MM-DD HH:MM:SS.sss": whole seconds lose their ".000", and the date and the clock
      // may stack in a narrow column.
      var clock = string.slice(11).replace(/\.000$/, "");
      return { text: string.slice(0, 10), clock: clock, className: "time", title: string };
    }
    return { text: string, className: "text", title: string.length > 40 ? string : undefined };
  }

  function plain(value) {
    if (value === null || value === undefined) return "NULL";
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  }

  // ---- Rows ----

  /* Applies one change; an update (-U then +U) keeps the row's place, so the table does not jump. */
  var updatedAt = null;
  function apply(change) {
    var key = JSON.stringify(change.row);
    if (change.kind === "-U" || change.kind === "-D") {
      var index = rowKeys.lastIndexOf(key);
      if (index < 0) return;
      rows.splice(index, 1);
      rowKeys.splice(index, 1);
      updatedAt = change.kind === "-U" ? index : null;
      return;
    }
    var at = change.kind === "+U" && updatedAt !== null ? updatedAt : rows.length;
    rows.splice(at, 0, change.row);
    rowKeys.splice(at, 0, key);
    updatedAt = null;
  }

  function replaceRows(next) {
    rows = next.slice();
    rowKeys = rows.map(function (row) { return JSON.stringify(row); });
    updatedAt = null;
  }

  function compare(left, right, type) {
    if (left === right) return 0;
    if (left === null || left === undefined) return 1;
    if (right === null || right === undefined) return -1;
    if (isNumeric(type)) return Number(left) - Number(right);
    return plain(left).localeCompare(plain(right), undefined, { numeric: true });
  }

  /* The order the reader chose, else the chart's: the newest time first for lines, the largest
     value first for bars; nil (the newest rows first) for a table only. */
  function currentSort() {
    if (sort) return sort;
    var plan = chartPlan();
    var column = plan && (plan.kind === "line" ? plan.time : plan.value);
    return column ? { index: view.columns.indexOf(column), descending: true } : null;
  }

  function orderedRows() {
    var order = currentSort();
    if (!order) return rows.slice().reverse();
    var column = view.columns[order.index];
    return rows.slice().sort(function (a, b) {
      var result = compare(a[column.name], b[column.name], column.type);
      return order.descending ? -result : result;
    });
  }

  // ---- Status ----

  function describe() {
    var state = $("view-state");
    var failed = view.status === "failed";
    state.textContent = failed ? "failed" : view.finished ? "finished" : view.caught_up ? "running" : "catching up";
    state.className = "badge" + (failed ? " badge-bad" : view.finished ? "" : " badge-accent");
    state.title = view.finished ? "Every source was read to its end: the result is final." : "";
    var failure = $("view-failure");
    var message = failed ? "This view stopped: " + (view.error || "unknown error") : "";
    if (failure.textContent !== message) failure.textContent = message;
    failure.hidden = !failed;
    var counters = view.counters || {};
    var parts = [count.format(counters.rows_in || 0) + " rows read"];
    if (counters.late_rows) parts.push(count.format(counters.late_rows) + " late, dropped");
    if (counters.dead_lettered) {
      parts.push(count.format(counters.dead_lettered) + " malformed" +
        (view.dead_letter_topic ? ", sent to " + view.dead_letter_topic : ""));
    }
    $("view-counters").textContent = parts.join(" · ");
  }

  function announce() {
    var now = Date.now();
    if (rows.length === announced.count || now - announced.at < ANNOUNCE_INTERVAL_MS) return;
    announced = { count: rows.length, at: now };
    KibitzLive.announce($("announcer"), name + ": " + count.format(rows.length) + " rows.", 1);
  }

  // ---- Table ----

  function drawHead() {
    var head = $("rows-table").tHead.rows[0];
    var order = currentSort();
    head.textContent = "";
    view.columns.forEach(function (column, index) {
      var cell = document.createElement("th");
      cell.scope = "col";
      if (isNumeric(column.type)) cell.className = "number";
      var sorted = order && order.index === index;
      cell.setAttribute("aria-sort", sorted ? (order.descending ? "descending" : "ascending") : "none");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.title = "Sort by " + column.name;
      var label = button.appendChild(document.createElement("span"));
      label.textContent = column.name;
      var type = document.createElement("span");
      type.className = "column-type";
      type.textContent = column.type.replace(/ NOT NULL$/, "");
      button.appendChild(type);
      if (sorted) {
        var arrow = document.createElement("span");
        arrow.className = "sort-arrow";
        arrow.setAttribute("aria-hidden", "true");
        arrow.textContent = order.descending ? " ▼" : " ▲";
        label.appendChild(arrow);
      }
      button.addEventListener("click", function () {
        // Ascending, descending, then back to the page's own order.
        sort = !sorted || (!sort && order.descending) ? { index: index, descending: false }
          : !order.descending ? { index: index, descending: true }
          : null;
        drawHead();
        scheduleDraw();
      });
      cell.appendChild(button);
      head.appendChild(cell);
    });
  }

  function drawTable() {
    var table = $("rows-table");
    var shown = orderedRows().slice(0, MAX_TABLE_ROWS);
    var body = document.createElement("tbody");
    shown.forEach(function (row) {
      var line = body.insertRow();
      view.columns.forEach(function (column) {
        var value = formatted(row[column.name], column.type);
        var cell = line.insertCell();
        cell.textContent = value.clock ? value.text + " " : value.text;
        if (value.clock) {
          var clock = cell.appendChild(document.createElement("span"));
          clock.className = "clock";
          clock.textContent = value.clock;
        }
        if (value.className) cell.className = value.className;
        if (value.title && value.title !== value.text) cell.title = value.title;
      });
    });
    table.replaceChild(body, table.tBodies[0]);
    table.hidden = rows.length === 0;
    $("row-count").textContent = "(" + count.format(rows.length) + ")";
    var empty = $("rows-empty");
    empty.hidden = rows.length > 0;
    empty.textContent = emptyText();
    var notes = [];
    var order = currentSort();
    var by = order ? "by " + view.columns[order.index].name + (order.descending ? ", descending" : ", ascending") : "newest first";
    if (rows.length > MAX_TABLE_ROWS) {
      notes.push("Showing " + count.format(MAX_TABLE_ROWS) + " of " + count.format(rows.length) + " rows, " + by + ".");
    } else if (rows.length > 1) {
      notes.push("Sorted " + by + "; a column's heading sorts by it.");
    }
    if (view.dropped_rows) {
      notes.push("The view keeps its newest rows: " + count.format(view.dropped_rows) + " older ones were let go.");
    }
    $("rows-note").textContent = notes.join(" ");
  }

  function emptyText() {
    if (view.status === "failed") return "No rows: the view stopped.";
    if (view.finished) return "No rows: the input was read to its end and nothing matched.";
    var windowed = (view.group_key || []).indexOf("window_start") >= 0;
    if (windowed) {
      return "No window has closed yet: a window's row appears once the watermark passes its end, " +
        "that is when an event later than the window's end plus the watermark's delay arrives.";
    }
    return "No rows yet: they appear here as events arrive on the table's topic.";
  }

  // ---- Chart ----

  /* What to draw: nil for a result that is not grouped or has no number to show. */
  function chartPlan() {
    var keyNames = view.group_key;
    if (!keyNames) return null;
    var keys = view.columns.filter(function (c) { return keyNames.indexOf(c.name) >= 0 || !isNumeric(c.type); });
    var values = view.columns.filter(function (c) { return keys.indexOf(c) < 0; });
    if (values.length === 0) return null;
    var time = keys.filter(function (c) { return c.name === "window_start"; })[0] ||
      keys.filter(function (c) { return isTime(c.type); })[0];
    var value = values.filter(function (c) { return c.name === chosenValue; })[0] || values[0];
    var series = keys.filter(function (c) { return !isTime(c.type) || !time; });
    // A GROUP BY without a key is one row of totals: the table says it better than one bar.
    if (!time && series.length === 0) return null;
    return {
      kind: time ? "line" : "bar",
      time: time,
      series: series,
      values: values,
      value: value,
    };
  }

  function seriesName(row, columns) {
    return columns.map(function (c) { return plain(row[c.name]); }).join(" · ");
  }

  /* Labels for timestamps "YYYY-MM-DD HH:MM:SS.sss": the time of day when they share a day. */
  function timeLabels(times) {
    var oneDay = times.every(function (t) { return t.slice(0, 10) === times[0].slice(0, 10); });
    var seconds = times.some(function (t) { return t.slice(17) !== "00.000"; });
    return times.map(function (t) {
      var clock = seconds ? t.slice(11, 19) : t.slice(11, 16);
      return oneDay ? clock : t.slice(5, 10) + " " + clock;
    });
  }

  function lineData(plan) {
    var byTime = {};
    var totals = {};
    var names = [];
    rows.forEach(function (row) {
      var time = row[plan.time.name];
      if (time === null || time === undefined) return;
      var series = plan.series.length ? seriesName(row, plan.series) : plan.value.name;
      if (!(series in totals)) { totals[series] = 0; names.push(series); }
      var value = row[plan.value.name];
      totals[series] += Math.abs(Number(value) || 0);
      (byTime[time] = byTime[time] || {})[series] = value === null ? null : Number(value);
    });
    var times = Object.keys(byTime).sort().slice(-MAX_POINTS);
    var shown = names.slice().sort(function (a, b) { return totals[b] - totals[a]; }).slice(0, MAX_SERIES);
    var datasets = shown.map(function (series, index) {
      var color = PALETTE[index % PALETTE.length];
      return {
        label: series,
        data: times.map(function (time) { return series in byTime[time] ? byTime[time][series] : null; }),
        borderColor: color,
        backgroundColor: color,
        borderWidth: 2,
        pointRadius: times.length > 60 ? 0 : 3,
        spanGaps: true,
        tension: 0.2,
      };
    });
    var summary = plan.value.name + " per " + plan.time.name + " (UTC)";
    if (plan.series.length) {
      summary += ", a line per " + plan.series.map(function (c) { return c.name; }).join(" and ");
      if (names.length > MAX_SERIES) summary += ": the " + MAX_SERIES + " largest of " + count.format(names.length);
    }
    if (Object.keys(byTime).length > MAX_POINTS) summary += "; the last " + MAX_POINTS + " points";
    return {
      type: "line",
      summary: summary + ".",
      fullLabels: times,
      data: { labels: timeLabels(times), datasets: datasets },
      legend: plan.series.length > 0,
      axis: plan.time.name + " (UTC)",
      size: times.length,
      integer: isInteger(plan.value.type),
    };
  }

  function barData(plan) {
    var entries = rows.map(function (row) {
      return { label: seriesName(row, plan.series), value: row[plan.value.name] === null ? null : Number(row[plan.value.name]) };
    });
    entries.sort(function (a, b) { return (b.value || 0) - (a.value || 0); });
    var shown = entries.slice(0, MAX_BARS);
    var summary = plan.value.name + " per " + plan.series.map(function (c) { return c.name; }).join(" and ");
    if (entries.length > MAX_BARS) summary += ": the " + MAX_BARS + " largest of " + count.format(entries.length);
    return {
      type: "bar",
      summary: summary + ".",
      fullLabels: shown.map(function (e) { return e.label; }),
      data: {
        labels: shown.map(function (e) { return e.label.length > 24 ? e.label.slice(0, 23) + "…" : e.label; }),
        datasets: [{
          label: plan.value.name,
          data: shown.map(function (e) { return e.value; }),
          backgroundColor: PALETTE[0],
          borderRadius: 3,
          maxBarThickness: 28,
        }],
      },
      legend: false,
      axis: null,
      size: shown.length,
      integer: isInteger(plan.value.type),
    };
  }

  function themeChart() {
    var style = getComputedStyle(document.documentElement);
    Chart.defaults.color = style.getPropertyValue("--muted").trim() || "#5b6475";
    Chart.defaults.borderColor = style.getPropertyValue("--border").trim() || "#d8dce4";
    Chart.defaults.font.family = style.getPropertyValue("--font").trim() || Chart.defaults.font.family;
  }

  function chartOptions(drawing) {
    var horizontal = drawing.type === "bar";
    var valueAxis = { beginAtZero: true, grace: "5%", ticks: drawing.integer ? { precision: 0 } : {} };
    var categoryAxis = {
      ticks: { autoSkip: true, maxRotation: 0, autoSkipPadding: 12 },
      title: drawing.axis ? { display: true, text: drawing.axis } : { display: false },
    };
    return {
      animation: false,
      maintainAspectRatio: false,
      indexAxis: horizontal ? "y" : "x",
      interaction: { mode: "index", intersect: false },
      plugins: {
        legend: { display: drawing.legend, position: "bottom", labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: {
            title: function (items) { return items.length ? drawing.fullLabels[items[0].dataIndex] : ""; },
          },
        },
      },
      scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
    };
  }

  function drawValueChoice(plan) {
    var field = $("chart-value-field");
    var select = $("chart-value");
    field.hidden = plan.values.length < 2;
    var names = plan.values.map(function (c) { return c.name; });
    if (Array.prototype.map.call(select.options, function (o) { return o.value; }).join("\n") !== names.join("\n")) {
      select.textContent = "";
      names.forEach(function (value) { select.appendChild(new Option(value, value)); });
    }
    select.value = plan.value.name;
  }

  function drawChart() {
    var plan = typeof Chart === "undefined" ? null : chartPlan();
    var section = $("chart-section");
    section.hidden = !plan;
    if (!plan) return;
    drawValueChoice(plan);
    var drawing = plan.kind === "line" ? lineData(plan) : barData(plan);
    $("chart-summary").textContent = rows.length ? drawing.summary : "The chart draws " + drawing.summary.charAt(0).toLowerCase() + drawing.summary.slice(1, -1) + " once there are rows.";
    $("chart-box").hidden = rows.length === 0;
    $("chart-box").style.height = drawing.type === "bar"
      ? Math.min(560, Math.max(160, drawing.size * 30 + 50)) + "px"
      : "";
    $("view-chart").setAttribute("aria-label", (drawing.type === "line" ? "Line chart: " : "Bar chart: ") +
      drawing.summary + " The table below holds every value.");
    if (chart && chart.config.type === drawing.type) {
      chart.data.labels = drawing.data.labels;
      chart.data.datasets = drawing.data.datasets;
      chart.options = chartOptions(drawing);
      chart.update("none");
      return;
    }
    if (chart) chart.destroy();
    themeChart();
    chart = new Chart($("view-chart"), { type: drawing.type, data: drawing.data, options: chartOptions(drawing) });
  }

  $("chart-value").addEventListener("change", function (event) {
    chosenValue = event.target.value;
    drawHead();
    scheduleDraw();
  });

  // ---- Channel ----

  function scheduleDraw() {
    if (drawPending || !view) return;
    drawPending = true;
    requestAnimationFrame(function () {
      drawPending = false;
      describe();
      drawTable();
      drawChart();
      announce();
    });
  }

  function merge(message) {
    ["status", "error", "finished", "caught_up", "row_count", "dropped_rows", "counters"].forEach(function (field) {
      if (field in message) view[field] = message[field];
    });
    if (message.status !== "failed") delete view.error;
  }

  KibitzLive.connect("/ws/views/" + encodeURIComponent(name), {
    onSnapshot: function (message) {
      var columnsChanged = !view || JSON.stringify(view.columns) !== JSON.stringify(message.columns);
      view = message;
      if (columnsChanged) {
        sort = null;
        drawHead();
      }
      replaceRows(message.rows);
      $("view-statement").textContent = message.statement;
      scheduleDraw();
    },
    onMessage: function (message) {
      if (message.type === "changes") message.changes.forEach(apply);
      if (message.type === "changes" || message.type === "status") {
        merge(message);
        scheduleDraw();
      }
    },
    onStatus: function (state, detail) { KibitzLive.renderStatus($("live-status"), state, detail); },
  });
})();
