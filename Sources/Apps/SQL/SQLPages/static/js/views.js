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
    "CREATE VIEW IF NOT EXISTS moves_per_minute AS",
    "SELECT window_start, window_end, COUNT(*) AS moves",
    "FROM TABLE(TUMBLE(TABLE chess_moves, DESCRIPTOR(rt), INTERVAL '1' MINUTE))",
    "GROUP BY window_start, window_end;",
    "",
    "CREATE VIEW IF NOT EXISTS moves_by_piece AS",
    "SELECT piece, COUNT(*) AS moves FROM chess_moves GROUP BY piece;",
  ].join("\n");

  document.getElementById("example-button").addEventListener("click", function () {
    text.value = EXAMPLE;
    clearError();
    text.focus();
  });

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined && content !== null) node.textContent = content;
    return node;
  }

  var count = new Intl.NumberFormat();

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

  /* The offset in the editor of a 1-based line and column. */
  function offsetOf(line, column) {
    var lines = text.value.split("\n");
    var offset = 0;
    for (var index = 0; index < line - 1 && index < lines.length; index++) offset += lines[index].length + 1;
    return Math.min(text.value.length, offset + Math.max(0, column - 1));
  }

  /* Puts the caret at line, column of the editor, where the error is, and scrolls it into view. */
  function select(line, column) {
    var offset = offsetOf(line, column);
    text.focus();
    text.setSelectionRange(offset, Math.min(text.value.length, offset + 1));
    var lineHeight = parseFloat(getComputedStyle(text).lineHeight) || 20;
    text.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }

  /* The error, the line it is on with a caret under its column, and that nothing was created. */
  function showError(body) {
    var box = element("div", "sql-error-box");
    box.id = "sql-error";
    box.setAttribute("role", "alert");
    box.appendChild(element("p", "sql-error-message", body.error || "The statement was refused."));
    if (body.line) {
      // The parser's messages say where already; the others (an unknown column) get it here.
      var where = "line " + body.line + ", column " + body.column;
      if ((body.error || "").toLowerCase().indexOf(where) < 0) {
        box.appendChild(element("p", "sql-error-where", "At " + where + ":"));
      }
      var source = text.value.split("\n")[body.line - 1];
      if (source !== undefined) {
        var caret = new Array(Math.max(0, body.column - 1) + 1).join(" ") + "^";
        box.appendChild(element("pre", "sql-error-source", source + "\n" + caret)).setAttribute("aria-hidden", "true");
      }
    }
    box.appendChild(element("p", "hint", "Nothing was created: a script runs whole or not at all."));
    result.appendChild(box);
    text.setAttribute("aria-invalid", "true");
    text.setAttribute("aria-describedby", "sql-error sql-help");
    if (body.line) select(body.line, body.column);
  }

  function clearError() {
    text.removeAttribute("aria-invalid");
    text.setAttribute("aria-describedby", "sql-help");
  }

  text.addEventListener("input", clearError);
  text.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  function showResults(results) {
    if (results.length === 0) result.appendChild(element("p", "hint", "The script held no statement."));
    results.forEach(function (item) {
      var paragraph = element("p", "sql-outcome" + (item.kind === "unchanged" ? " unchanged" : ""));
      paragraph.appendChild(element("span", null, item.message));
      if (item.kind === "view_created" || item.kind === "query_started") {
        var link = element("a", null, "Open " + item.name);
        link.href = "/views/" + encodeURIComponent(item.name);
        paragraph.appendChild(link);
      }
      result.appendChild(paragraph);
      if (item.kind === "rows") result.appendChild(textTable(item.columns, item.rows));
      if (item.kind === "plan") result.appendChild(element("pre", null, item.plan));
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!text.value.trim()) {
      result.textContent = "";
      result.appendChild(element("p", "hint", "Write a statement first, or load the chess example."));
      text.focus();
      return;
    }
    runButton.disabled = true;
    result.textContent = "";
    result.appendChild(element("p", "hint", "Running…"));
    clearError();
    fetch("/api/sql", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sql: text.value }),
    })
      .then(function (response) {
        return response.json()
          .catch(function () { return { error: "The server answered " + response.status + " without a reason." }; })
          .then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (answer) {
        result.textContent = "";
        if (answer.ok) {
          showResults(answer.body.results || []);
          refresh();
        } else {
          showError(answer.body);
        }
      })
      .catch(function (error) {
        result.textContent = "";
        showError({ error: "The server did not answer: " + error.message });
      })
      .finally(function () { runButton.disabled = false; });
  });

  function status(item) {
    if (item.status === "failed") return { text: "failed", className: "badge badge-bad", title: item.error || "" };
    if (item.finished) return { text: "finished", className: "badge", title: "Every source was read to its end." };
    if (!item.caught_up) return { text: "catching up", className: "badge badge-accent", title: "Reading the topic's backlog." };
    return { text: "running", className: "badge badge-good", title: "Up to date with its topics." };
  }

  function statusCell(item) {
    var state = status(item);
    var cell = element("td", "status-cell");
    var badge = cell.appendChild(element("span", state.className, state.text));
    badge.title = state.title;
    if (item.status === "failed" && item.error) cell.appendChild(element("span", "hint failure-reason", " " + item.error));
    return cell;
  }

  function labelled(cell, label) {
    cell.setAttribute("data-label", label);
    return cell;
  }

  function actionButton(label, name, onClick) {
    var button = element("button", "button button-small button-danger", label);
    button.type = "button";
    button.setAttribute("aria-label", label + " " + name);
    button.addEventListener("click", onClick);
    return button;
  }

  function remove(path, name, verb) {
    if (!window.confirm(verb + " " + name + "?")) return;
    fetch(path + encodeURIComponent(name), { method: "DELETE" })
      .then(function (response) { return response.json(); })
      .then(function (body) { if (body.error) window.alert(body.error); lastList = null; refresh(); });
  }

  function queryCell(statement) {
    var cell = element("td", "query-text", statement.replace(/\s+/g, " "));
    cell.title = statement;
    return cell;
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
      nameCell.className = "name-cell";
      var link = element("a", "view-link", view.name);
      link.href = "/views/" + encodeURIComponent(view.name);
      nameCell.appendChild(link);
      if (view.kind === "temporary") nameCell.appendChild(element("span", "badge", "temporary"));
      row.appendChild(statusCell(view));
      row.appendChild(labelled(element("td", "number", count.format(view.row_count)), "Rows"));
      row.appendChild(labelled(element("td", "number", count.format(view.counters.rows_in)), "Rows read"));
      row.appendChild(queryCell(view.statement));
      var actions = row.insertCell();
      actions.className = "actions";
      actions.appendChild(actionButton("Drop", view.name, function () { remove("/api/views/", view.name, "Drop view"); }));
    });
  }

  function renderJobs(jobs) {
    document.getElementById("jobs-section").hidden = jobs.length === 0;
    var body = document.getElementById("jobs-table").tBodies[0];
    body.textContent = "";
    jobs.forEach(function (job) {
      var row = body.insertRow();
      var nameCell = row.insertCell();
      nameCell.className = "name-cell view-link";
      nameCell.textContent = job.name;
      row.appendChild(statusCell(job));
      row.appendChild(labelled(element("td", "number", count.format(job.counters.rows_in)), "Rows read"));
      row.appendChild(queryCell(job.statement));
      var actions = row.insertCell();
      actions.className = "actions";
      actions.appendChild(actionButton("Stop", job.name, function () { remove("/api/jobs/", job.name, "Stop job"); }));
    });
  }

  /* Redraws the lists only when they changed, so focus and hover stay put between refreshes. */
  var lastList = null;
  /* What did not come back after a restart: the statements kept in the catalog file, or the file
     itself when it could not be read. */
  function renderCatalogWarning(unrestored, catalogError) {
    var banner = document.getElementById("catalog-warning");
    banner.textContent = "";
    banner.hidden = unrestored.length === 0 && !catalogError;
    if (catalogError) banner.appendChild(element("p", null, catalogError));
    if (unrestored.length > 0) {
      banner.appendChild(element("p", null, unrestored.length === 1
        ? "A statement of the catalog did not come back at the last start; it is kept in the catalog file:"
        : unrestored.length + " statements of the catalog did not come back at the last start; they are kept in the catalog file:"));
      var list = element("ul");
      unrestored.forEach(function (item) {
        var entry = element("li");
        entry.appendChild(element("code", null, item.name));
        entry.appendChild(document.createTextNode(": " + item.error));
        list.appendChild(entry);
      });
      banner.appendChild(list);
    }
  }

  function refresh() {
    fetch("/api/views")
      .then(function (response) { return response.text(); })
      .then(function (answer) {
        if (answer === lastList) return;
        lastList = answer;
        var body = JSON.parse(answer);
        renderViews(body.views || []);
        renderJobs(body.jobs || []);
        renderCatalogWarning(body.unrestored || [], body.catalog_error);
      })
      .catch(function () {});
  }

  refresh();
  setInterval(refresh, 3000);
})();
