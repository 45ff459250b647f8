/* The SQL views page: run statements, list the views and jobs. */
(function () {
  "use strict";

  var form = document.getElementById("sql-form");
  var text = document.getElementById("sql-text");
  var result = document.getElementById("sql-result");
  var runButton = document.getElementById("run-button");

  var EXAMPLE = [
    "CREATE TABLE IF NOT EXISTS chess_moves (",
    "  game_id STRING, color STRING, piece STRING, uci STRING, ts BIGINT,",
    "  rt AS TO_TIMESTAMP_LTZ(ts, 3),",
    "  WATERMARK FOR rt AS rt - INTERVAL '5' SECOND",
    ") WITH ('connector' = 'kafka', 'topic' = 'moves', 'format' = 'json', 'scan.startup.mode' = 'earliest-offset');",
    "",
    "CREATE VIEW moves_per_minute AS",
    "SELECT window_start, window_end, COUNT(*) AS moves",
    "FROM TABLE(TUMBLE(TABLE chess_moves, DESCRIPTOR(rt), INTERVAL '1' MINUTE))",
    "GROUP BY window_start, window_end;",
    "",
    "CREATE VIEW moves_by_piece AS",
    "SELECT piece, COUNT(*) AS moves FROM chess_moves GROUP BY piece;",
  ].join("\n");

  document.getElementById("example-button").addEventListener("click", function () {
    text.value = EXAMPLE;
    text.focus();
  });

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined && content !== null) node.textContent = content;
    return node;
  }

  function textTable(columns, rows) {
    var table = element("table");
    var head = table.createTHead().insertRow();
    columns.forEach(function (name) { head.appendChild(element("th", null, name)).setAttribute("scope", "col"); });
    var body = table.createTBody();
    rows.forEach(function (row) {
      var line = body.insertRow();
      row.forEach(function (value) {
        line.appendChild(value === null ? element("td", "null", "NULL") : element("td", null, value));
      });
    });
    var wrap = element("div", "table-wrap");
    wrap.appendChild(table);
    return wrap;
  }

  /* Puts the caret at line, column of the editor, where the error is. */
  function select(line, column) {
    var lines = text.value.split("\n");
    var offset = 0;
    for (var index = 0; index < line - 1 && index < lines.length; index++) offset += lines[index].length + 1;
    offset += Math.max(0, column - 1);
    text.focus();
    text.setSelectionRange(offset, Math.min(text.value.length, offset + 1));
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    runButton.disabled = true;
    result.textContent = "Running…";
    fetch("/api/sql", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sql: text.value }),
    })
      .then(function (response) { return response.json().then(function (body) { return { ok: response.ok, body: body }; }); })
      .then(function (answer) {
        result.textContent = "";
        if (!answer.ok) {
          var where = answer.body.line ? " (line " + answer.body.line + ", column " + answer.body.column + ")" : "";
          result.appendChild(element("p", "sql-error", answer.body.error + where));
          result.appendChild(element("p", "hint", "Nothing was created: a script runs whole or not at all."));
          if (answer.body.line) select(answer.body.line, answer.body.column);
          return;
        }
        answer.body.results.forEach(function (item) {
          var paragraph = element("p", null, item.message);
          if (item.kind === "view_created" || item.kind === "query_started") {
            var link = element("a", null, " Open " + item.name);
            link.href = "/views/" + encodeURIComponent(item.name);
            paragraph.appendChild(document.createTextNode(" "));
            paragraph.appendChild(link);
          }
          result.appendChild(paragraph);
          if (item.kind === "rows") result.appendChild(textTable(item.columns, item.rows));
          if (item.kind === "plan") result.appendChild(element("pre", null, item.plan));
        });
        refresh();
      })
      .catch(function (error) {
        result.textContent = "";
        result.appendChild(element("p", "sql-error", "The server did not answer: " + error));
      })
      .finally(function () { runButton.disabled = false; });
  });

  function status(item) {
    if (item.status === "failed") return "failed: " + (item.error || "");
    if (item.finished) return "finished";
    return item.caught_up ? "live" : "catching up";
  }

  function actionButton(label, onClick) {
    var button = element("button", "button button-small button-danger", label);
    button.type = "button";
    button.addEventListener("click", onClick);
    return button;
  }

  function remove(path, name) {
    if (!window.confirm("Drop " + name + "?")) return;
    fetch(path + encodeURIComponent(name), { method: "DELETE" })
      .then(function (response) { return response.json(); })
      .then(function (body) { if (body.error) window.alert(body.error); refresh(); });
  }

  function renderViews(views) {
    var table = document.getElementById("views-table");
    var body = table.tBodies[0];
    body.textContent = "";
    document.getElementById("views-empty").hidden = views.length > 0;
    table.hidden = views.length === 0;
    views.forEach(function (view) {
      var row = body.insertRow();
      var nameCell = row.insertCell();
      var link = element("a", null, view.name);
      link.href = "/views/" + encodeURIComponent(view.name);
      nameCell.appendChild(link);
      if (view.kind === "temporary") nameCell.appendChild(element("span", "badge", "temporary"));
      row.appendChild(element("td", null, status(view)));
      row.appendChild(element("td", "number", String(view.row_count)));
      row.appendChild(element("td", "number", String(view.counters.rows_in)));
      var query = element("td", "query-text", view.statement);
      query.title = view.statement;
      row.appendChild(query);
      row.insertCell().appendChild(actionButton("Drop", function () { remove("/api/views/", view.name); }));
    });
  }

  function renderJobs(jobs) {
    document.getElementById("jobs-section").hidden = jobs.length === 0;
    var body = document.getElementById("jobs-table").tBodies[0];
    body.textContent = "";
    jobs.forEach(function (job) {
      var row = body.insertRow();
      row.appendChild(element("td", null, job.name));
      row.appendChild(element("td", null, status(job)));
      row.appendChild(element("td", "number", String(job.counters.rows_in)));
      var statement = element("td", "query-text", job.statement);
      statement.title = job.statement;
      row.appendChild(statement);
      row.insertCell().appendChild(actionButton("Stop", function () { remove("/api/jobs/", job.name); }));
    });
  }

  function refresh() {
    fetch("/api/views")
      .then(function (response) { return response.json(); })
      .then(function (body) {
        renderViews(body.views || []);
        renderJobs(body.jobs || []);
      })
      .catch(function () {});
  }

  refresh();
  setInterval(refresh, 3000);
})();
