/*
 * The chess dashboard: counters, moves per minute, results, recent moves, and one followed game.
 * Everything after the first paint arrives over WebSockets (/ws/chess/dashboard and, for the followed
 * game, /ws/chess/games/{id}); nothing is polled.
 */
(function () {
  "use strict";

  var C = window.KibitzChess;
  var $ = function (id) { return document.getElementById(id); };
  var MAX_ROWS = 25;

  var elements = {
    main: $("main"),
    banner: $("connection-banner"),
    liveStatus: $("live-status"),
    activeGames: $("active-games"),
    completedToday: $("completed-today"),
    movesLastMinute: $("moves-last-minute"),
    updatedAt: $("updated-at"),
    chart: $("moves-chart"),
    chartSummary: $("chart-summary"),
    recentMoves: $("recent-moves"),
    recentEmpty: $("recent-empty"),
    recentGames: $("recent-games"),
    resultWhite: $("result-white"),
    resultBlack: $("result-black"),
    resultDraw: $("result-draw"),
    followEmpty: $("follow-empty"),
    followBody: $("follow-body"),
    followStatus: $("follow-status"),
    followWhite: $("follow-white"),
    followBlack: $("follow-black"),
    followGameStatus: $("follow-game-status"),
    followMoves: $("follow-moves"),
    followOpen: $("follow-open"),
    announcer: $("announcer"),
  };

  var state = {
    stats: null,
    pending: null,
    renderTimer: null,
    seenMoves: {},
    firstRender: true,
    chart: null,
    followId: null,
    followLive: null,
    followGame: null,
    followVersion: -1,
  };

  var followView = new C.BoardView($("follow-board"));

  function announce(text) {
    KibitzLive.announce(elements.announcer, text, 4);
  }

  function showBanner(text) {
    elements.banner.textContent = text;
    elements.banner.hidden = !text;
  }

  function number(value) {
    var n = Number(value);
    return isFinite(n) ? n : 0;
  }

  function setCounter(element, value) {
    var text = String(number(value));
    if (element.textContent !== text) {
      element.textContent = text;
      if (!state.firstRender) {
        element.classList.remove("bump");
        void element.offsetWidth; // restart the animation
        element.classList.add("bump");
      }
    }
  }

  function toDate(value) {
    if (value === null || value === undefined) return null;
    if (typeof value === "number") return new Date(value);
    if (/^\d+$/.test(String(value))) return new Date(Number(value));
    var parsed = Date.parse(value);
    return isNaN(parsed) ? null : new Date(parsed);
  }

  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function clock(date, seconds) {
    if (!date) return "";
    return pad(date.getHours()) + ":" + pad(date.getMinutes()) + (seconds ? ":" + pad(date.getSeconds()) : "");
  }

  // ---------------------------------------------------------------- stats

  function scheduleRender(stats) {
    state.pending = stats;
    if (state.renderTimer) return;
    state.renderTimer = setTimeout(function () {
      state.renderTimer = null;
      var next = state.pending;
      state.pending = null;
      if (next) renderStats(next);
    }, 40);
  }

  function renderStats(stats) {
    state.stats = stats;
    setCounter(elements.activeGames, stats.active_games);
    setCounter(elements.completedToday, stats.completed_today);
    setCounter(elements.movesLastMinute, stats.moves_last_minute);
    elements.updatedAt.textContent = "Updated " + clock(new Date(), true);
    renderResults(stats.result_counts || {});
    renderChart(stats.moves_per_minute || []);
    renderRecent(stats.recent_moves || []);
    state.firstRender = false;
  }

  function renderResults(counts) {
    var white = number(counts["1-0"]);
    var black = number(counts["0-1"]);
    var draw = number(counts["1/2-1/2"]);
    var total = Math.max(1, white + black + draw);
    [[elements.resultWhite, white], [elements.resultBlack, black], [elements.resultDraw, draw]].forEach(function (pair) {
      setCounter(pair[0], pair[1]);
      var bar = pair[0].parentElement.querySelector(".bar span");
      bar.style.width = (100 * pair[1] / total).toFixed(1) + "%";
    });
  }

  /** 60 one-minute buckets ending at the current minute; missing minutes count zero. */
  function minuteSeries(points) {
    var counts = {};
    var latest = 0;
    points.forEach(function (point) {
      var date = toDate(point.minute);
      if (!date) return;
      var minute = Math.floor(date.getTime() / 60000) * 60000;
      counts[minute] = (counts[minute] || 0) + number(point.count);
      latest = Math.max(latest, minute);
    });
    var end = Math.max(Math.floor(Date.now() / 60000) * 60000, latest);
    var labels = [];
    var values = [];
    for (var i = 59; i >= 0; i--) {
      var t = end - i * 60000;
      labels.push(clock(new Date(t), false));
      values.push(counts[t] || 0);
    }
    return { labels: labels, values: values };
  }

  function renderChart(points) {
    var series = minuteSeries(points);
    var total = series.values.reduce(function (a, b) { return a + b; }, 0);
    var peak = Math.max.apply(null, series.values);
    elements.chartSummary.textContent = total + " moves in the last hour; busiest minute " + peak +
      "; this minute " + series.values[series.values.length - 1] + ".";
    if (window.Chart) {
      if (!state.chart) {
        var style = getComputedStyle(document.documentElement);
        var accent = style.getPropertyValue("--accent").trim() || "#2f5bd3";
        var muted = style.getPropertyValue("--muted").trim() || "#5b6475";
        var grid = style.getPropertyValue("--border").trim() || "#d8dce4";
        state.chart = new window.Chart(elements.chart.getContext("2d"), {
          type: "line",
          data: {
            labels: series.labels,
            datasets: [{
              label: "Moves per minute",
              data: series.values,
              borderColor: accent,
              backgroundColor: accent + "33",
              fill: true,
              tension: 0.25,
              pointRadius: 0,
              pointHitRadius: 8,
              borderWidth: 2,
            }],
          },
          options: {
            animation: false,
            responsive: true,
            maintainAspectRatio: false,
            interaction: { mode: "index", intersect: false },
            plugins: { legend: { display: false } },
            scales: {
              x: { ticks: { color: muted, maxTicksLimit: 7, maxRotation: 0 }, grid: { display: false } },
              y: { beginAtZero: true, ticks: { color: muted, precision: 0 }, grid: { color: grid } },
            },
          },
        });
      } else {
        state.chart.data.labels = series.labels;
        state.chart.data.datasets[0].data = series.values;
        state.chart.update("none");
      }
    } else {
      drawFallbackChart(series);
    }
  }

  /** A plain canvas line when Chart.js could not be loaded. */
  function drawFallbackChart(series) {
    var canvas = elements.chart;
    var box = canvas.parentElement.getBoundingClientRect();
    var ratio = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, box.width * ratio);
    canvas.height = Math.max(1, box.height * ratio);
    canvas.style.width = box.width + "px";
    canvas.style.height = box.height + "px";
    var context = canvas.getContext("2d");
    context.scale(ratio, ratio);
    var width = box.width;
    var height = box.height;
    var style = getComputedStyle(document.documentElement);
    var peak = Math.max(1, Math.max.apply(null, series.values));
    var left = 28, bottom = 20, top = 10;
    context.clearRect(0, 0, width, height);
    context.fillStyle = style.getPropertyValue("--muted").trim() || "#666";
    context.font = "11px sans-serif";
    context.fillText(String(peak), 2, top + 8);
    context.fillText("0", 2, height - bottom);
    context.fillText(series.labels[0], left, height - 4);
    context.fillText(series.labels[series.labels.length - 1], width - 34, height - 4);
    context.strokeStyle = style.getPropertyValue("--accent").trim() || "#2f5bd3";
    context.lineWidth = 2;
    context.beginPath();
    series.values.forEach(function (value, index) {
      var x = left + (width - left - 4) * index / (series.values.length - 1);
      var y = height - bottom - (height - bottom - top) * value / peak;
      if (index === 0) context.moveTo(x, y); else context.lineTo(x, y);
    });
    context.stroke();
  }

  function moveKey(move) { return move.game_id + "#" + move.ply; }

  function renderRecent(moves) {
    var sorted = moves.slice().sort(function (a, b) {
      var ta = number(toDate(a.ts) ? toDate(a.ts).getTime() : 0);
      var tb = number(toDate(b.ts) ? toDate(b.ts).getTime() : 0);
      return tb - ta || number(b.ply) - number(a.ply);
    }).slice(0, MAX_ROWS);

    var body = elements.recentMoves;
    var fragment = document.createDocumentFragment();
    var seen = {};
    sorted.forEach(function (move) {
      var key = moveKey(move);
      var row = document.createElement("tr");
      row.dataset.gameId = String(move.game_id);
      row.dataset.ply = String(move.ply);
      if (move.uci) row.dataset.uci = move.uci;
      if (!state.firstRender && !state.seenMoves[key]) row.classList.add("fresh");
      if (move.game_id === state.followId) row.classList.add("followed");
      seen[key] = true;

      cell(row, clock(toDate(move.ts), true));
      var gameCell = document.createElement("td");
      gameCell.appendChild(gameButton(move.game_id));
      row.appendChild(gameCell);
      cell(row, String(move.ply));
      cell(row, move.color || "");
      cell(row, move.san || "", "san");
      cell(row, move.uci || "");
      cell(row, move.by === "ai" ? "computer" : "player");
      fragment.appendChild(row);
    });
    while (body.firstChild) body.removeChild(body.firstChild);
    body.appendChild(fragment);
    state.seenMoves = seen;
    elements.recentEmpty.hidden = sorted.length > 0;

    var games = [];
    sorted.forEach(function (move) { if (games.indexOf(move.game_id) === -1) games.push(move.game_id); });
    while (elements.recentGames.firstChild) elements.recentGames.removeChild(elements.recentGames.firstChild);
    games.slice(0, 8).forEach(function (gameId) {
      var item = document.createElement("li");
      item.appendChild(gameButton(gameId));
      elements.recentGames.appendChild(item);
    });
  }

  function cell(row, text, className) {
    var td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
  }

  function gameButton(gameId) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "game-link";
    button.dataset.gameId = String(gameId);
    button.textContent = String(gameId);
    button.title = "Follow game " + gameId;
    button.setAttribute("aria-pressed", String(gameId === state.followId));
    return button;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".game-link");
    if (button) follow(button.dataset.gameId);
  });

  // ---------------------------------------------------------------- the followed game

  function follow(gameId) {
    if (!gameId) return;
    if (state.followLive) state.followLive.close();
    state.followId = gameId;
    state.followGame = null;
    state.followVersion = -1;
    try { history.replaceState(null, "", "#game=" + encodeURIComponent(gameId)); } catch (error) { /* ignore */ }
    elements.followEmpty.hidden = true;
    elements.followBody.hidden = false;
    elements.followStatus.hidden = false;
    elements.followOpen.href = "/chess/games/" + encodeURIComponent(gameId);
    elements.followWhite.textContent = "…";
    elements.followBlack.textContent = "…";
    elements.followGameStatus.textContent = "Connecting to game " + gameId + "…";
    followView.setPosition(C.START_FEN);
    followView.setMarks({});
    markFollowed();
    state.followLive = KibitzLive.connect("/ws/chess/games/" + encodeURIComponent(gameId), {
      onSnapshot: function (message) { applyFollowed(message.game); },
      onMessage: function (message) { if (message.type === "game") applyFollowed(message.game); },
      onStatus: function (status, detail) { KibitzLive.renderStatus(elements.followStatus, status, detail); },
    });
    announce("Following game " + gameId + ".");
  }

  function markFollowed() {
    Array.prototype.forEach.call(document.querySelectorAll(".game-link"), function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.gameId === state.followId));
    });
    Array.prototype.forEach.call(elements.recentMoves.rows, function (row) {
      row.classList.toggle("followed", row.dataset.gameId === state.followId);
    });
  }

  function applyFollowed(game) {
    if (!game || (game.game_id && game.game_id !== state.followId)) return;
    var version = (game.moves ? game.moves.length : 0) * 2 + (game.status === "ended" ? 1 : 0);
    if (version < state.followVersion) return;
    var previous = state.followGame;
    state.followGame = game;
    state.followVersion = version;
    var board = C.parsePlacement(game.fen);
    followView.setBoard(board);
    followView.setMarks(C.marksFor(game, board));
    elements.followWhite.textContent = C.playerLabel(game, "white");
    elements.followBlack.textContent = C.playerLabel(game, "black");
    var status = C.statusText(game, null);
    elements.followGameStatus.textContent = status.text;
    elements.followGameStatus.dataset.tone = status.tone;
    C.renderMoveList(elements.followMoves, game.moves || []);
    if (previous && game.moves && previous.moves && game.moves.length > previous.moves.length) {
      var move = game.moves[game.moves.length - 1];
      announce(C.capitalise(move.color) + " played " + C.spokenSAN(move.san) + ".");
    }
    if (previous && previous.status !== "ended" && game.status === "ended") announce(C.endText(game) + ".");
  }

  $("follow-stop").addEventListener("click", function () {
    if (state.followLive) state.followLive.close();
    state.followLive = null;
    state.followId = null;
    state.followGame = null;
    elements.followBody.hidden = true;
    elements.followStatus.hidden = true;
    elements.followEmpty.hidden = false;
    try { history.replaceState(null, "", location.pathname); } catch (error) { /* ignore */ }
    markFollowed();
  });

  // ---------------------------------------------------------------- start

  function setLive(status, detail) {
    KibitzLive.renderStatus(elements.liveStatus, status, detail);
    elements.main.dataset.live = status;
    if (status === "live") showBanner("");
    else if (status === "offline") {
      showBanner(location.protocol === "file:"
        ? "Opened from disk: the dashboard needs the Kibitz server. Run `kibitz serve` and open http://127.0.0.1:8080/chess/dashboard."
        : "Live updates are paused: can't reach the Kibitz server. Reconnecting by itself" + (detail ? " (" + detail + ")." : "."));
    }
  }

  // ---------------------------------------------------------------- live model
  // The channel sends the statistics once ("snapshot", again whenever this page fell behind) and
  // then every change of the server's views, each with its new value: the page keeps the
  // statistics and applies each change to them, so the server never recomputes the whole.
  var live = { stats: null, perSecond: {} };

  function applySnapshot(stats) {
    live.stats = stats;
    live.perSecond = {};
    (stats.moves_per_second || []).forEach(function (entry) { live.perSecond[entry.second] = number(entry.count); });
    scheduleRender(stats);
  }

  function todayUTC() { return new Date().toISOString().slice(0, 10); }

  /** Moves of the seconds within the last minute, by this browser's clock, as the server counts them. */
  function movesLastMinute() {
    var now = Math.floor(Date.now() / 1000);
    var total = 0;
    Object.keys(live.perSecond).forEach(function (second) {
      if (second > now - 60 && second <= now) total += live.perSecond[second];
    });
    return total;
  }

  /** A second's new count: its minute's bar grows by the difference. A forgotten second (null) was
   *  only pruned, an hour on; its moves stay in the chart. A second older than the snapshot's is
   *  only remembered, since what it held before is unknown here. */
  function applySecond(second, count) {
    if (count === null || count === undefined) { delete live.perSecond[second]; return; }
    var known = Object.prototype.hasOwnProperty.call(live.perSecond, second);
    var earliest = Math.min.apply(null, Object.keys(live.perSecond).map(Number).concat([second]));
    var delta = number(count) - (live.perSecond[second] || 0);
    live.perSecond[second] = number(count);
    if (!known && second < earliest) return;
    var minute = Math.floor(second / 60) * 60000;
    var points = live.stats.moves_per_minute || [];
    var point = points.find(function (entry) { return entry.minute === minute; });
    if (point) point.count = number(point.count) + delta;
    else points.push({ minute: minute, count: delta });
    var oldest = minute - 60 * 60000;
    live.stats.moves_per_minute = points.filter(function (entry) { return entry.minute > oldest; });
  }

  function applyChange(message) {
    var stats = live.stats;
    if (!stats) return;
    switch (message.type) {
      case "move":
        var key = moveKey(message.move);
        var moves = (stats.recent_moves || []).filter(function (move) { return moveKey(move) !== key; });
        moves.unshift(message.move);
        stats.recent_moves = moves.slice(0, 50);
        break;
      case "active_games": stats.active_games = message.count; break;
      case "completed": if (message.day === todayUTC()) stats.completed_today = message.count; break;
      case "result":
        stats.result_counts = Object.assign({}, stats.result_counts);
        stats.result_counts[message.result] = message.count;
        break;
      case "second": applySecond(message.second, message.count); break;
      default: return;
    }
    stats.moves_last_minute = movesLastMinute();
    scheduleRender(stats);
  }

  KibitzLive.connect("/ws/chess/dashboard", {
    onSnapshot: function (message) { if (message.stats) applySnapshot(message.stats); },
    onMessage: applyChange,
    onStatus: setLive,
  });

  // Time passes without moves too: the last minute and the chart's hour move on.
  setInterval(function () {
    if (!live.stats) return;
    live.stats.moves_last_minute = movesLastMinute();
    scheduleRender(live.stats);
  }, 5000);

  // One request for a quick first paint; every later change comes over the socket.
  if (location.protocol !== "file:") {
    fetch("/api/chess/stats", { headers: { Accept: "application/json" }, cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (stats) { if (stats && !live.stats) applySnapshot(stats); })
      .catch(function () { /* the socket status already says offline */ });
  }
  renderChart([]);

  var hash = /^#game=(.+)$/.exec(location.hash);
  if (hash) follow(decodeURIComponent(hash[1]));
})();
