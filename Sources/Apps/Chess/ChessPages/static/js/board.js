/*
 * The chess board page: /chess (new game) and /chess/games/{id} (play, join or watch).
 * The server holds the game; this page shows it, sends moves, and follows the game's WebSocket.
 */
(function () {
  "use strict";

  var C = window.KibitzChess;
  var $ = function (id) { return document.getElementById(id); };

  var elements = {
    board: $("board"),
    boardWrap: $("board-wrap"),
    boardColumn: $("board-column"),
    status: $("game-status"),
    banner: $("connection-banner"),
    liveStatus: $("live-status"),
    announcer: $("announcer"),
    newGame: $("new-game"),
    newGameForm: $("new-game-form"),
    newGameError: $("new-game-error"),
    newGameCancel: $("new-game-cancel"),
    startGame: $("start-game"),
    level: $("level"),
    levelField: $("level-field"),
    playerName: $("player-name"),
    joinPanel: $("join-panel"),
    joinForm: $("join-form"),
    joinName: $("join-name"),
    joinError: $("join-error"),
    gamePanel: $("game-panel"),
    gameIdLabel: $("game-id-label"),
    shareBox: $("share-box"),
    shareLabel: $("share-label"),
    shareLink: $("share-link"),
    moveForm: $("move-form"),
    moveInput: $("move-input"),
    moveSubmit: $("move-submit"),
    moveError: $("move-error"),
    moveList: $("move-list"),
    moveListEmpty: $("move-list-empty"),
    resign: $("resign"),
    flip: $("flip"),
    copyFeedback: $("copy-feedback"),
    fenText: $("fen-text"),
    pgnText: $("pgn-text"),
    promotionDialog: $("promotion-dialog"),
  };

  var view = new C.BoardView(elements.board);

  var state = {
    gameId: null,
    game: null,
    version: -1,
    token: null,
    myColor: null,
    flipped: false,
    selected: null,
    busy: false,
    live: null,
    provisional: null, // {board, from, to} shown while a move is in flight
    offline: false,
  };

  // ---------------------------------------------------------------- helpers

  function storageKey(gameId) { return "kibitz.chess.player." + gameId; }

  function loadSeat(gameId) {
    try {
      var stored = JSON.parse(sessionStorage.getItem(storageKey(gameId)) || "null");
      if (stored && stored.token && (stored.color === "white" || stored.color === "black")) return stored;
    } catch (error) { /* storage unavailable or corrupt */ }
    return null;
  }

  function saveSeat(gameId, token, color) {
    try { sessionStorage.setItem(storageKey(gameId), JSON.stringify({ token: token, color: color })); } catch (error) { /* private mode */ }
  }

  function rememberName(name) {
    try { localStorage.setItem("kibitz.chess.name", name); } catch (error) { /* ignore */ }
  }

  function recallName() {
    try { return localStorage.getItem("kibitz.chess.name") || ""; } catch (error) { return ""; }
  }

  function ApiError(status, message, offline) {
    this.status = status;
    this.message = message;
    this.offline = !!offline;
  }

  /** fetch JSON; rejects with ApiError {status, message, offline}. */
  function api(method, path, body) {
    if (location.protocol === "file:") {
      return Promise.reject(new ApiError(0, "This page was opened from disk; start `kibitz serve` and open it from the server.", true));
    }
    var headers = { "Accept": "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (state.token) headers["X-Player-Token"] = state.token;
    return fetch(path, {
      method: method,
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    }).then(function (response) {
      setOffline(false);
      return response.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (error) { data = null; }
        if (!response.ok) {
          var message = (data && (data.error || data.reason || data.message)) || text || response.statusText;
          throw new ApiError(response.status, String(message));
        }
        return data;
      });
    }, function () {
      setOffline(true);
      throw new ApiError(0, "Can't reach the Kibitz server.", true);
    });
  }

  function setOffline(offline, text) {
    state.offline = offline;
    if (offline) {
      elements.banner.className = "banner banner-warn";
      elements.banner.textContent = text || (location.protocol === "file:"
        ? "Opened from disk: this board needs the Kibitz server. Run `kibitz serve` and open http://127.0.0.1:8080/chess."
        : "Can't reach the Kibitz server. Is `kibitz serve` running? The page reconnects by itself.");
      elements.banner.hidden = false;
    } else if (!text) {
      elements.banner.hidden = true;
    }
  }

  function showBanner(text, tone) {
    elements.banner.className = "banner banner-" + (tone || "warn");
    elements.banner.textContent = text;
    elements.banner.hidden = false;
  }

  function announce(text) {
    KibitzLive.announce(elements.announcer, text, 6);
  }

  function gameVersion(game) {
    return (game.moves ? game.moves.length : 0) * 2 + (game.status === "ended" ? 1 : 0);
  }

  function legalMoves() {
    return (state.game && state.game.legal_moves) || [];
  }

  function canMove() {
    var game = state.game;
    return !!(game && game.status === "active" && state.myColor && game.turn === state.myColor && !state.busy &&
      !(game.mode === "friend" && (!game.white || !game.black)));
  }

  function movesFrom(square) {
    return legalMoves().filter(function (uci) { return uci.slice(0, 2) === square; });
  }

  function targetsFrom(square) {
    var seen = {};
    return movesFrom(square).map(function (uci) { return uci.slice(2, 4); })
      .filter(function (to) { return seen[to] ? false : (seen[to] = true); });
  }

  function gameURL(gameId) { return "/chess/games/" + encodeURIComponent(gameId); }

  // ---------------------------------------------------------------- rendering

  function render() {
    var game = state.game;
    var orientation = state.myColor === "black" ? "black" : "white";
    if (state.flipped) orientation = C.other(orientation);
    view.setOrientation(orientation);
    elements.boardColumn.dataset.orientation = orientation;
    elements.board.setAttribute("aria-label", "Chess board, " + orientation + " at the bottom");

    var board;
    var marks;
    if (state.provisional) {
      board = state.provisional.board;
      marks = { from: state.provisional.from, to: state.provisional.to, check: null };
    } else {
      board = C.parsePlacement(game ? game.fen : C.START_FEN);
      marks = C.marksFor(game, board);
    }
    view.setBoard(board);
    view.setMarks(marks);

    var interactive = canMove();
    var movable = {};
    if (interactive) legalMoves().forEach(function (uci) { movable[uci.slice(0, 2)] = true; });
    for (var name in view.squares) {
      if (movable[name]) view.squares[name].dataset.movable = "true";
      else delete view.squares[name].dataset.movable;
    }
    if (!interactive || (state.selected && !movable[state.selected])) state.selected = null;
    view.setHints({ selected: state.selected, targets: state.selected ? targetsFrom(state.selected) : [] });

    elements.board.classList.toggle("interactive", interactive);
    elements.board.dataset.interactive = String(interactive);
    elements.board.dataset.status = game ? game.status : "none";
    elements.board.dataset.turn = game ? game.turn : "";
    elements.board.dataset.myColor = state.myColor || "";
    elements.board.dataset.ply = String(game && game.moves ? game.moves.length : 0);
    elements.board.dataset.busy = String(state.busy);
    if (game) elements.board.dataset.gameId = game.game_id;
    elements.boardWrap.classList.toggle("busy", state.busy);

    ["white", "black"].forEach(function (color) {
      $("player-" + color + "-name").textContent = game ? C.playerLabel(game, color) : C.capitalise(color);
      var tags = [];
      var computer = game && game.mode === "ai" && (state.myColor ? color !== state.myColor : isComputerSide(game, color));
      if (computer) {
        var name = String(game[color] || "");
        tags.push(name.indexOf(String(game.level)) === -1 ? "computer, level " + game.level : "computer");
      }
      if (state.myColor === color) tags.push("you");
      $("player-" + color + "-tag").textContent = tags.length ? "(" + tags.join(", ") + ")" : "";
      $("player-" + color + "-turn").hidden = !(game && game.status === "active" && game.turn === color);
    });

    var status = C.statusText(game, state.myColor, { busy: state.busy });
    elements.status.textContent = status.text;
    elements.status.dataset.tone = status.tone;
    document.title = (game ? status.text.replace(/\.$/, "") + " — " : "") + "Chess — Kibitz";

    elements.gamePanel.hidden = !game;
    if (game) {
      elements.gameIdLabel.textContent = "Game " + game.game_id;
      elements.gameIdLabel.title = game.game_id;
      C.renderMoveList(elements.moveList, game.moves || []);
      elements.moveListEmpty.hidden = !!(game.moves && game.moves.length);
      elements.fenText.value = game.fen || "";
      elements.pgnText.value = game.pgn || "";
      var playing = !!state.myColor && game.status === "active";
      elements.resign.hidden = !playing;
      elements.moveInput.disabled = !playing;
      elements.moveSubmit.disabled = !interactive;
      elements.moveForm.hidden = !playing;
      elements.moveError.hidden = !playing;
      $("game-title").textContent = game.status === "ended"
        ? (state.myColor ? "Game over (you played " + state.myColor + ")" : "Game over")
        : (state.myColor ? "Playing " + state.myColor : "Watching");
      renderShare(game);
      renderJoin(game);
    }
  }

  function isComputerSide(game, color) {
    var name = game[color];
    return !name || /computer|kibitz|engine|ai/i.test(name);
  }

  function renderShare(game) {
    if (game.mode !== "friend" || game.status !== "active") { elements.shareBox.hidden = true; return; }
    var open = !game.white || !game.black;
    var base = location.origin + gameURL(game.game_id);
    elements.shareBox.hidden = false;
    if (open && state.myColor) {
      elements.shareLabel.textContent = "Share this link with a friend to play";
      elements.shareLink.value = base + "?join=1";
    } else {
      elements.shareLabel.textContent = "Share this link to let others watch";
      elements.shareLink.value = base;
    }
  }

  function renderJoin(game) {
    var open = game.mode === "friend" && game.status === "active" && (!game.white || !game.black);
    elements.joinPanel.hidden = !(open && !state.myColor);
  }

  // ---------------------------------------------------------------- applying server state

  function applyGame(game, source) {
    if (!game || typeof game !== "object") return;
    if (state.gameId && game.game_id && game.game_id !== state.gameId) return;
    var version = gameVersion(game);
    if (version < state.version) return; // an older state arriving late
    var previous = state.game;
    // Keep showing a move in flight until a state that includes it arrives.
    if (!state.busy || version > state.version) state.provisional = null;
    state.game = game;
    state.version = version;
    if (previous) announceChanges(previous, game);
    else if (source === "initial" && game.status === "ended") announce(C.endText(game));
    render();
  }

  function announceChanges(previous, game) {
    var before = previous.moves ? previous.moves.length : 0;
    var moves = game.moves || [];
    moves.slice(Math.max(before, moves.length - 4)).forEach(function (move) {
      var who = move.color === state.myColor ? "You" : C.capitalise(move.color) + (move.by === "ai" ? " (computer)" : "");
      announce(who + " played " + C.spokenSAN(move.san) + ".");
    });
    if (previous.status !== "ended" && game.status === "ended") announce(C.endText(game) + ".");
    if (previous.mode === "friend" && (!previous.white || !previous.black) && game.white && game.black) {
      announce("Both players are here. " + C.capitalise(game.turn) + " to move.");
    }
  }

  function connectLive(gameId) {
    if (state.live) state.live.close();
    state.live = KibitzLive.connect("/ws/chess/games/" + encodeURIComponent(gameId), {
      onSnapshot: function (message) { applyGame(message.game, "snapshot"); },
      onMessage: function (message) { if (message.type === "game") applyGame(message.game, "push"); },
      onStatus: function (status, detail) {
        KibitzLive.renderStatus(elements.liveStatus, status, detail);
      },
    });
  }

  function openGame(gameId, options) {
    options = options || {};
    state.gameId = gameId;
    state.version = -1;
    state.game = null;
    state.selected = null;
    state.flipped = false;
    var seat = loadSeat(gameId);
    state.token = seat ? seat.token : null;
    state.myColor = seat ? seat.color : null;
    elements.newGame.hidden = true;
    elements.newGameCancel.hidden = false;
    if (options.game) applyGame(options.game, "created");
    else render();
    if (!options.game) {
      api("GET", "/api/chess/games/" + encodeURIComponent(gameId)).then(function (data) {
        applyGame(data && data.game, "initial");
        maybeFocusJoin();
      }, function (error) {
        if (error.status === 404) {
          showBanner("There is no game with id " + gameId + ". Start a new one.", "bad");
          elements.newGame.hidden = false;
          if (state.live) { state.live.close(); state.live = null; }
        } else if (!error.offline) {
          showBanner("Could not load the game: " + error.message, "bad");
        }
      });
    }
    connectLive(gameId);
  }

  function maybeFocusJoin() {
    if (new URLSearchParams(location.search).get("join") && !elements.joinPanel.hidden) {
      elements.joinName.value = elements.joinName.value || recallName();
      elements.joinName.focus();
    }
  }

  // ---------------------------------------------------------------- moves

  /** Board after moving from → to, for immediate feedback while the server answers. */
  function provisionalBoard(uci) {
    var board = Object.assign({}, C.parsePlacement(state.game.fen));
    var from = uci.slice(0, 2);
    var to = uci.slice(2, 4);
    var piece = board[from];
    if (!piece) return null;
    var moved = { color: piece.color, type: uci.length > 4 ? uci[4] : piece.type };
    if (piece.type === "p" && from[0] !== to[0] && !board[to]) delete board[to[0] + from[1]]; // en passant
    if (piece.type === "k" && Math.abs(C.FILES.indexOf(from[0]) - C.FILES.indexOf(to[0])) === 2) {
      var rank = from[1];
      var kingside = to[0] === "g";
      var rookFrom = (kingside ? "h" : "a") + rank;
      var rookTo = (kingside ? "f" : "d") + rank;
      if (board[rookFrom]) { board[rookTo] = board[rookFrom]; delete board[rookFrom]; }
    }
    delete board[from];
    board[to] = moved;
    return { board: board, from: from, to: to };
  }

  function capitalised(text) { return C.capitalise(String(text)); }

  function describeError(error) {
    if (error.offline) return error.message;
    if (error.status === 422) return /^illegal/i.test(error.message) ? capitalised(error.message) : "Illegal move: " + error.message;
    if (error.status === 403) return "Not your move: " + error.message;
    if (error.status === 409) return "The game is over.";
    if (error.status === 404) return "This game no longer exists.";
    return error.message || "Something went wrong.";
  }

  function sendMove(move, options) {
    options = options || {};
    if (!state.game || state.busy) return Promise.resolve(false);
    elements.moveError.textContent = "";
    var gameId = state.game.game_id;
    if (options.uci) state.provisional = provisionalBoard(options.uci);
    state.busy = true;
    state.selected = null;
    render();
    return api("POST", "/api/chess/games/" + encodeURIComponent(gameId) + "/moves", { move: move })
      .then(function (data) {
        state.busy = false;
        state.provisional = null;
        applyGame(data && data.game, "move");
        render();
        return true;
      }, function (error) {
        state.busy = false;
        state.provisional = null;
        elements.moveError.textContent = describeError(error); // role="alert" reads it out
        render();
        if (error.status === 409 || error.status === 403) refresh();
        return false;
      });
  }

  function refresh() {
    if (!state.gameId) return;
    api("GET", "/api/chess/games/" + encodeURIComponent(state.gameId)).then(function (data) {
      applyGame(data && data.game, "refresh");
    }, function () {});
  }

  /** Moves from → to, asking for the promotion piece when the move is a promotion. */
  function tryMove(from, to) {
    var candidates = movesFrom(from).filter(function (uci) { return uci.slice(2, 4) === to; });
    if (!candidates.length) return Promise.resolve(false);
    if (candidates.length === 1 && candidates[0].length === 4) return sendMove(candidates[0], { uci: candidates[0] });
    return choosePromotion().then(function (piece) {
      if (!piece) { render(); return false; }
      var uci = from + to + piece;
      if (candidates.indexOf(uci) === -1) uci = candidates[0];
      return sendMove(uci, { uci: uci });
    });
  }

  function choosePromotion() {
    var dialog = elements.promotionDialog;
    var color = state.myColor || (state.game && state.game.turn) || "white";
    var buttons = dialog.querySelectorAll("[data-promotion]");
    Array.prototype.forEach.call(buttons, function (button) {
      var glyph = button.querySelector(".piece");
      glyph.textContent = C.GLYPHS[button.dataset.promotion];
      glyph.className = "piece piece-" + color;
    });
    return new Promise(function (resolve) {
      function finish(choice) {
        dialog.removeEventListener("click", onClick);
        dialog.removeEventListener("close", onClose);
        if (dialog.open) dialog.close();
        resolve(choice);
      }
      function onClick(event) {
        var button = event.target.closest("[data-promotion]");
        if (button) finish(button.dataset.promotion);
        else if (event.target.id === "promotion-cancel") finish(null);
      }
      function onClose() { finish(null); }
      dialog.addEventListener("click", onClick);
      dialog.addEventListener("close", onClose);
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
      var first = dialog.querySelector("[data-promotion='q']");
      if (first) first.focus();
    });
  }

  function activateSquare(square) {
    if (!canMove()) {
      if (state.game && state.game.status === "active" && state.myColor && state.game.turn !== state.myColor) {
        announce("It is not your move yet.");
      }
      return;
    }
    if (state.selected && state.selected !== square && targetsFrom(state.selected).indexOf(square) !== -1) {
      tryMove(state.selected, square);
      return;
    }
    if (state.selected === square) state.selected = null;
    else if (movesFrom(square).length) state.selected = square;
    else state.selected = null;
    render();
    if (state.selected) {
      var targets = targetsFrom(state.selected);
      announce(state.selected + " selected, " + targets.length + " legal " + (targets.length === 1 ? "move" : "moves") + ".");
    }
  }

  // ---------------------------------------------------------------- pointer: click-click and drag-and-drop

  var drag = null;       // {from, pointerId, startX, startY, ghost, active}
  var suppressClick = false;

  function squareAt(x, y) {
    var element = document.elementFromPoint(x, y);
    var square = element && element.closest ? element.closest("[data-square]") : null;
    return square && elements.board.contains(square) ? square.dataset.square : null;
  }

  elements.board.addEventListener("pointerdown", function (event) {
    if (event.button !== 0 || !canMove()) return;
    var square = event.target.closest("[data-square]");
    if (!square || !movesFrom(square.dataset.square).length) return;
    drag = { from: square.dataset.square, pointerId: event.pointerId, startX: event.clientX, startY: event.clientY, ghost: null, active: false };
  });

  elements.board.addEventListener("pointermove", function (event) {
    if (!drag || event.pointerId !== drag.pointerId) return;
    var dx = event.clientX - drag.startX;
    var dy = event.clientY - drag.startY;
    if (!drag.active) {
      if (dx * dx + dy * dy < 36) return;
      drag.active = true;
      try { elements.board.setPointerCapture(event.pointerId); } catch (error) { /* ignore */ }
      state.selected = drag.from;
      render();
      var origin = view.squares[drag.from];
      origin.classList.add("drag-origin");
      var glyph = origin.querySelector(".piece");
      var ghost = document.createElement("div");
      ghost.className = "drag-ghost " + glyph.className;
      ghost.textContent = glyph.textContent;
      var size = origin.getBoundingClientRect().width;
      ghost.style.width = size + "px";
      ghost.style.height = size + "px";
      ghost.style.fontSize = (size * 0.85) + "px";
      document.body.appendChild(ghost);
      drag.ghost = ghost;
    }
    drag.ghost.style.left = event.clientX + "px";
    drag.ghost.style.top = event.clientY + "px";
    event.preventDefault();
  });

  function endDrag(event, cancelled) {
    if (!drag || event.pointerId !== drag.pointerId) return;
    var finished = drag;
    drag = null;
    if (!finished.active) return; // a plain click: the click handler does the work
    suppressClick = true;
    setTimeout(function () { suppressClick = false; }, 0);
    if (finished.ghost) finished.ghost.remove();
    var origin = view.squares[finished.from];
    origin.classList.remove("drag-origin");
    var target = cancelled ? null : squareAt(event.clientX, event.clientY);
    if (target && target !== finished.from && targetsFrom(finished.from).indexOf(target) !== -1) {
      tryMove(finished.from, target);
    } else {
      render(); // stays selected, so a click on a target still works
    }
  }

  elements.board.addEventListener("pointerup", function (event) { endDrag(event, false); });
  elements.board.addEventListener("pointercancel", function (event) { endDrag(event, true); });

  elements.board.addEventListener("click", function (event) {
    if (suppressClick) { suppressClick = false; return; }
    var square = event.target.closest("[data-square]");
    if (square) activateSquare(square.dataset.square);
  });

  // ---------------------------------------------------------------- keyboard on the board (roving focus)

  var focusSquare = "e2";

  function setFocusSquare(name, focus) {
    if (!name) return;
    if (view.squares[focusSquare]) view.squares[focusSquare].tabIndex = -1;
    focusSquare = name;
    view.squares[name].tabIndex = 0;
    if (focus) view.squares[name].focus();
  }
  setFocusSquare("e2", false);

  elements.board.addEventListener("keydown", function (event) {
    var square = event.target.closest("[data-square]");
    if (!square) return;
    var name = square.dataset.square;
    var moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    if (moves[event.key]) {
      event.preventDefault();
      setFocusSquare(view.neighbour(name, moves[event.key][0], moves[event.key][1]) || name, true);
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      activateSquare(name);
    } else if (event.key === "Escape") {
      state.selected = null;
      render();
    }
  });
  elements.board.addEventListener("focusin", function (event) {
    var square = event.target.closest("[data-square]");
    if (square) setFocusSquare(square.dataset.square, false);
  });

  // ---------------------------------------------------------------- typed moves

  elements.moveForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = elements.moveInput.value.trim();
    if (!text) { elements.moveError.textContent = "Type a move such as e4, Nf3 or e2e4."; return; }
    if (!canMove()) { elements.moveError.textContent = state.busy ? "Wait for the reply." : "It is not your move."; return; }
    var uci = text.toLowerCase();
    var chosen;
    if (/^[a-h][1-8][a-h][1-8]$/.test(uci)) {
      var promotions = legalMoves().filter(function (move) { return move.length === 5 && move.slice(0, 4) === uci; });
      if (promotions.length) {
        chosen = choosePromotion().then(function (piece) { return piece ? sendMove(uci + piece, { uci: uci + piece }) : false; });
      }
    }
    if (!chosen) {
      var isUci = /^[a-h][1-8][a-h][1-8][qrbn]?$/.test(uci) && legalMoves().indexOf(uci) !== -1;
      chosen = sendMove(isUci ? uci : text, isUci ? { uci: uci } : {});
    }
    chosen.then(function (ok) {
      if (ok) elements.moveInput.value = "";
      elements.moveInput.focus();
    });
  });

  // ---------------------------------------------------------------- new game, join, resign, flip, copy

  function selectedValue(name) {
    var checked = elements.newGameForm.querySelector("input[name='" + name + "']:checked");
    return checked ? checked.value : null;
  }

  function updateModeFields() {
    elements.levelField.hidden = selectedValue("mode") !== "ai";
  }
  elements.newGameForm.addEventListener("change", updateModeFields);

  elements.newGameForm.addEventListener("submit", function (event) {
    event.preventDefault();
    elements.newGameError.textContent = "";
    var name = elements.playerName.value.trim();
    rememberName(name);
    var body = {
      mode: selectedValue("mode") || "ai",
      level: Number(elements.level.value) || 1,
      color: selectedValue("color") || "white",
      name: name || "Anonymous",
    };
    elements.startGame.disabled = true;
    var previousToken = state.token;
    state.token = null;
    api("POST", "/api/chess/games", body).then(function (data) {
      elements.startGame.disabled = false;
      if (!data || !data.game || !data.player_token) throw new ApiError(0, "The server's answer had no game.");
      saveSeat(data.game.game_id, data.player_token, data.color);
      elements.banner.hidden = true;
      try { history.pushState({ gameId: data.game.game_id }, "", gameURL(data.game.game_id)); } catch (error) { /* file:// */ }
      openGame(data.game.game_id, { game: data.game });
      announce("New game started. You play " + data.color + ".");
      var first = view.squares[data.color === "white" ? "e2" : "e7"];
      if (first) setFocusSquare(first.dataset.square, false);
    }).catch(function (error) {
      state.token = previousToken;
      elements.startGame.disabled = false;
      elements.newGameError.textContent = "Could not start a game: " + (error.message || error);
    });
  });

  $("new-game-open").addEventListener("click", function () {
    elements.newGame.hidden = false;
    elements.playerName.focus();
  });
  elements.newGameCancel.addEventListener("click", function () {
    elements.newGame.hidden = true;
  });

  elements.joinForm.addEventListener("submit", function (event) {
    event.preventDefault();
    elements.joinError.textContent = "";
    var name = elements.joinName.value.trim();
    rememberName(name);
    var gameId = state.gameId;
    api("POST", "/api/chess/games/" + encodeURIComponent(gameId) + "/join", { name: name || "Anonymous" }).then(function (data) {
      saveSeat(gameId, data.player_token, data.color);
      state.token = data.player_token;
      state.myColor = data.color;
      try { history.replaceState({ gameId: gameId }, "", gameURL(gameId)); } catch (error) { /* ignore */ }
      applyGame(data.game, "join");
      render();
      announce("You joined as " + data.color + ".");
    }, function (error) {
      elements.joinError.textContent = error.status === 409 || error.status === 403
        ? "This game already has two players; you are watching."
        : "Could not join: " + error.message;
      refresh();
    });
  });

  var resignTimer = null;
  elements.resign.addEventListener("click", function () {
    if (!state.game || !state.myColor) return;
    if (elements.resign.dataset.confirm !== "true") {
      elements.resign.dataset.confirm = "true";
      elements.resign.textContent = "Really resign?";
      clearTimeout(resignTimer);
      resignTimer = setTimeout(resetResign, 4000);
      return;
    }
    resetResign();
    api("POST", "/api/chess/games/" + encodeURIComponent(state.game.game_id) + "/resign", {}).then(function (data) {
      applyGame(data && data.game, "resign");
    }, function (error) {
      elements.moveError.textContent = describeError(error);
    });
  });
  function resetResign() {
    clearTimeout(resignTimer);
    elements.resign.dataset.confirm = "false";
    elements.resign.textContent = "Resign";
  }

  elements.flip.addEventListener("click", function () {
    state.flipped = !state.flipped;
    render();
    announce("Board flipped: " + view.orientation + " at the bottom.");
  });

  function copyText(text, what) {
    function done(ok) {
      var message = ok ? what + " copied." : "Copy " + what + " from the box below.";
      elements.copyFeedback.textContent = message;
      announce(message);
      if (!ok) {
        var details = document.querySelector(".export-box");
        if (details) details.open = true;
      }
      setTimeout(function () { elements.copyFeedback.textContent = ""; }, 3000);
    }
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      area.remove();
      done(ok);
    }
    if (!text) { done(false); return; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }

  $("copy-pgn").addEventListener("click", function () { copyText(state.game && state.game.pgn, "PGN"); });
  $("copy-fen").addEventListener("click", function () { copyText(state.game && state.game.fen, "FEN"); });
  $("copy-link").addEventListener("click", function () { copyText(elements.shareLink.value, "Link"); });

  // ---------------------------------------------------------------- routing

  function gameIdFromLocation() {
    var match = /^\/chess\/games\/([^\/?#]+)\/?$/.exec(location.pathname);
    if (match) return decodeURIComponent(match[1]);
    var query = new URLSearchParams(location.search).get("game");
    return query || null;
  }

  function route() {
    var gameId = gameIdFromLocation();
    if (gameId) {
      openGame(gameId);
    } else {
      if (state.live) { state.live.close(); state.live = null; }
      state.gameId = null;
      state.game = null;
      state.version = -1;
      state.token = null;
      state.myColor = null;
      elements.newGame.hidden = false;
      elements.newGameCancel.hidden = true;
      elements.joinPanel.hidden = true;
      render();
      elements.liveStatus.dataset.state = "idle";
      elements.liveStatus.textContent = "No game open";
      elements.liveStatus.title = "";
    }
  }

  window.addEventListener("popstate", route);

  elements.playerName.value = recallName();
  elements.joinName.value = recallName();
  updateModeFields();
  if (location.protocol === "file:") setOffline(true);
  else api("GET", "/api/chess/stats").catch(function () { /* sets the offline banner if unreachable */ });
  route();
})();
