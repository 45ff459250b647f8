/* The arena warehouse page: totals and the latest podiums, pushed by /ws/arena/warehouse. */
(function () {
  "use strict";

  var elements = {
    liveStatus: document.getElementById("live-status"),
    games: document.getElementById("games-written"),
    metaRows: document.getElementById("meta-rows"),
    podiumRows: document.getElementById("podium-rows"),
    files: document.getElementById("files-written"),
    openGames: document.getElementById("open-games"),
    deadLetters: document.getElementById("dead-letters"),
    repeatedGames: document.getElementById("repeated-games"),
    abandonedGames: document.getElementById("abandoned-games"),
    workers: document.getElementById("workers"),
    recent: document.getElementById("recent-games"),
    recentEmpty: document.getElementById("recent-empty"),
    announcer: document.getElementById("announcer"),
  };
  var lastGamesWritten = null;

  function cell(row, text, className) {
    var element = document.createElement("td");
    element.textContent = text;
    if (className) element.className = className;
    row.appendChild(element);
    return element;
  }

  function renderGame(game) {
    var section = document.createElement("section");
    section.className = "arena-game";
    var title = document.createElement("h3");
    title.textContent = game.game_token;
    var time = document.createElement("time");
    var cleaned = new Date(game.cleaned_at);
    time.dateTime = cleaned.toISOString();
    time.textContent = cleaned.toLocaleTimeString();
    title.appendChild(time);
    section.appendChild(title);

    var wrap = document.createElement("div");
    wrap.className = "table-wrap";
    var table = document.createElement("table");
    table.className = "arena-table";
    var caption = document.createElement("caption");
    caption.className = "visually-hidden";
    caption.textContent = "Podium of game " + game.game_token + ", by rank";
    table.appendChild(caption);
    var head = table.createTHead().insertRow();
    ["Rank", "Player", "Superhero", "Rounds", "Damage sent", "Damage received"].forEach(function (name) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      head.appendChild(th);
    });
    var body = table.createTBody();
    game.podium.forEach(function (row) {
      var tr = body.insertRow();
      if (row.rank === 1) tr.className = "arena-winner";
      cell(tr, row.rank === 1 ? "\u{1F3C6}\uFE0E 1" : String(row.rank), "arena-number");
      cell(tr, row.user_token);
      var hero = game.superheroes[row.user_token];
      cell(tr, hero === undefined ? "–" : "#" + hero, "arena-number");
      cell(tr, String(row.rounds), "arena-number");
      cell(tr, String(row.damage_sent), "arena-number");
      cell(tr, String(row.damage_received), "arena-number");
    });
    wrap.appendChild(table);
    section.appendChild(wrap);
    return section;
  }

  function render(warehouse) {
    var rows = warehouse.rows_written || {};
    elements.games.textContent = warehouse.games_written;
    elements.metaRows.textContent = rows.game_meta || 0;
    elements.podiumRows.textContent = rows.game_podium || 0;
    elements.files.textContent = warehouse.files_written;
    elements.openGames.textContent = warehouse.open_games;
    elements.deadLetters.textContent = warehouse.dead_letters;
    elements.repeatedGames.textContent = warehouse.set_aside.repeated_games;
    elements.abandonedGames.textContent = warehouse.set_aside.abandoned_games;
    elements.workers.textContent = warehouse.workers;
    elements.recent.replaceChildren.apply(elements.recent, warehouse.recent_games.map(renderGame));
    elements.recentEmpty.hidden = warehouse.recent_games.length > 0;
    if (lastGamesWritten !== null && warehouse.games_written > lastGamesWritten) {
      elements.announcer.textContent = (warehouse.games_written - lastGamesWritten) + " more game(s) written";
    }
    lastGamesWritten = warehouse.games_written;
  }

  KibitzLive.connect("/ws/arena/warehouse", {
    onSnapshot: function (message) { render(message.warehouse); },
    onMessage: function (message) { render(message.warehouse); },
    onStatus: function (status, detail) { KibitzLive.renderStatus(elements.liveStatus, status, detail); },
  });
})();
