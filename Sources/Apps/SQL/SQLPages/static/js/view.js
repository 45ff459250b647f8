/* One SQL view's page: a live table of its rows and a chart chosen from the result's shape. */
(function () {
  "use strict";

  var name = decodeURIComponent(location.pathname.replace(/^\/views\//, "").replace(/\/$/, ""));
  var MAX_TABLE_ROWS = 500;
  var MAX_SERIES = 8;
  var MAX_BARS = 20;
  var view = null;
  var rows = [];
  var chart = null;
  var drawPending = false;

  document.getElementById("view-name").textContent = name;
  document.title = name + " — SQL view — Kibitz";

  function isNumeric(type) { return /^(TINYINT|SMALLINT|INT|BIGINT|FLOAT|DOUBLE|DECIMAL)/.test(type); }
  function isTime(type) { return /^TIMESTAMP/.test(type); }
  function isText(type) { return /^(STRING|VARCHAR|CHAR)/.test(type); }
  function number(value) { return value === null || value === undefined ? null : Number(value); }

  function display(value) {
    if (value === null || value === undefined) return null;
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  }

  function sameRow(left, right) { return JSON.stringify(left) === JSON.stringify(right); }

  function apply(change) {
    if (change.kind === "+I" || change.kind === "+U") {
      rows.push(change.row);
    } else {
      for (var index = 0; index < rows.length; index++) {
        if (sameRow(rows[index], change.row)) { rows.splice(index, 1); break; }
      }
    }
  }

  function describe(message) {
    var state = document.getElementById("view-state");
    if (message.status === "failed") {
      state.textContent = "failed";
      state.title = message.error || "";
    } else {
      state.textContent = message.finished ? "finished" : "running";
    }
    if (message.counters) {
      document.getElementById("view-counters").textContent =
        message.counters.rows_in + " rows read · " + message.counters.late_rows + " late · " +
        message.counters.dead_lettered + " dead-lettered";
    }
  }

  function scheduleDraw() {
    if (drawPending) return;
    drawPending = true;
    requestAnimationFrame(function () {
      drawPending = false;
      drawTable();
      drawChart();
    });
  }

  function drawTable() {
    var columns = view.columns;
    var table = document.getElementById("rows-table");
    var head = table.tHead.rows[0];
    if (head.cells.length !== columns.length) {
      head.textContent = "";
      columns.forEach(function (column) {
        var cell = document.createElement("th");
        cell.scope = "col";
        cell.textContent = column.name;
        cell.title = column.type;
        head.appendChild(cell);
      });
    }
    var shown = rows.slice(-MAX_TABLE_ROWS);
    var body = document.createElement("tbody");
    shown.forEach(function (row) {
      var line = body.insertRow();
      columns.forEach(function (column) {
        var cell = line.insertCell();
        var text = display(row[column.name]);
        if (text === null) {
          cell.className = "null";
          cell.textContent = "NULL";
        } else {
          if (isNumeric(column.type)) cell.className = "number";
          cell.textContent = text;
        }
      });
    });
    table.replaceChild(body, table.tBodies[0]);
    document.getElementById("row-count").textContent = "(" + rows.length + ")";
    document.getElementById("rows-note").textContent =
      rows.length > MAX_TABLE_ROWS ? "Showing the newest " + MAX_TABLE_ROWS + " of " + rows.length + " rows." : "";
  }

  /* A line over time when the result has a time column and numbers; bars of a number per text key
     when it has those; no chart otherwise. */
  function chartPlan() {
    var columns = view.columns;
    var time = columns.filter(function (c) { return c.name === "window_start"; })[0] ||
      columns.filter(function (c) { return isTime(c.type); })[0];
    var numbers = columns.filter(function (c) { return isNumeric(c.type); });
    var key = columns.filter(function (c) { return isText(c.type); })[0];
    if (numbers.length === 0) return null;
    if (time) return { kind: "line", time: time, numbers: numbers, key: key };
    if (key) return { kind: "bar", key: key, value: numbers[0] };
    return null;
  }

  function drawChart() {
    var plan = chartPlan();
    var section = document.getElementById("chart-section");
    section.hidden = !plan || typeof Chart === "undefined";
    if (section.hidden) return;
    var config = plan.kind === "line" ? lineChart(plan) : barChart(plan);
    if (chart && chart.config.type === config.type) {
      chart.data = config.data;
      chart.update("none");
    } else {
      if (chart) chart.destroy();
      chart = new Chart(document.getElementById("view-chart"), config);
    }
  }

  function lineChart(plan) {
    var sorted = rows.slice().sort(function (a, b) { return String(a[plan.time.name]).localeCompare(String(b[plan.time.name])); });
    var labels = [];
    sorted.forEach(function (row) {
      var label = row[plan.time.name];
      if (labels[labels.length - 1] !== label) labels.push(label);
    });
    var datasets;
    if (plan.key) {
      var value = plan.numbers[0];
      var keys = [];
      sorted.forEach(function (row) { if (keys.indexOf(row[plan.key.name]) < 0) keys.push(row[plan.key.name]); });
      datasets = keys.slice(0, MAX_SERIES).map(function (key) {
        return {
          label: String(key),
          data: labels.map(function (label) {
            var match = sorted.filter(function (row) { return row[plan.time.name] === label && row[plan.key.name] === key; })[0];
            return match ? number(match[value.name]) : null;
          }),
          spanGaps: true,
        };
      });
      document.getElementById("chart-summary").textContent =
        value.name + " over " + plan.time.name + " per " + plan.key.name + (keys.length > MAX_SERIES ? " (first " + MAX_SERIES + ")" : "");
    } else {
      datasets = plan.numbers.slice(0, MAX_SERIES).map(function (column) {
        return {
          label: column.name,
          data: labels.map(function (label) {
            var match = sorted.filter(function (row) { return row[plan.time.name] === label; })[0];
            return match ? number(match[column.name]) : null;
          }),
        };
      });
      document.getElementById("chart-summary").textContent = "Over " + plan.time.name;
    }
    return {
      type: "line",
      data: { labels: labels.map(function (label) { return String(label).slice(5, 16); }), datasets: datasets },
      options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } },
    };
  }

  function barChart(plan) {
    var sorted = rows.slice().sort(function (a, b) { return number(b[plan.value.name]) - number(a[plan.value.name]); }).slice(0, MAX_BARS);
    document.getElementById("chart-summary").textContent =
      plan.value.name + " per " + plan.key.name + (rows.length > MAX_BARS ? " (top " + MAX_BARS + ")" : "");
    return {
      type: "bar",
      data: {
        labels: sorted.map(function (row) { return display(row[plan.key.name]) || "NULL"; }),
        datasets: [{ label: plan.value.name, data: sorted.map(function (row) { return number(row[plan.value.name]); }) }],
      },
      options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } },
    };
  }

  var status = document.getElementById("live-status");
  KibitzLive.connect("/ws/views/" + encodeURIComponent(name), {
    onSnapshot: function (message) {
      view = message;
      rows = message.rows.slice();
      document.getElementById("view-statement").textContent = message.statement;
      describe(message);
      scheduleDraw();
    },
    onMessage: function (message) {
      if (!view) return;
      if (message.type === "snapshot") {
        rows = message.rows.slice();
      } else {
        message.changes.forEach(apply);
        view.finished = message.finished;
      }
      describe(Object.assign({}, view, message));
      scheduleDraw();
    },
    onStatus: function (state, detail) {
      status.textContent = state;
      status.title = detail || "";
    },
  });
})();
