/*
 * Shared by the chess board and the chess dashboard: FEN placement parsing, piece names and glyphs,
 * a board view (64 labelled squares), status wording and spoken move text. Data from the server is
 * only ever written with textContent or attributes, never as HTML.
 */
(function () {
  "use strict";

  var FILES = "abcdefgh";
  var START_FEN = "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1";
  var PIECE_NAMES = { k: "king", q: "queen", r: "rook", b: "bishop", n: "knight", p: "pawn" };
  // Filled glyphs for both sides (coloured by CSS); U+FE0E asks for text, not emoji, presentation.
  var GLYPHS = { k: "\u265A\uFE0E", q: "\u265B\uFE0E", r: "\u265C\uFE0E", b: "\u265D\uFE0E", n: "\u265E\uFE0E", p: "\u265F\uFE0E" };

  function squareName(fileIndex, rankIndex) {
    return FILES[fileIndex] + String(rankIndex + 1);
  }

  /** Map of square name → {color: "white"|"black", type: "k"|"q"|...} from a FEN (or its first field). */
  function parsePlacement(fen) {
    var placement = String(fen || START_FEN).split(" ")[0];
    var rows = placement.split("/");
    var board = {};
    if (rows.length !== 8) return board;
    for (var row = 0; row < 8; row++) {
      var rankIndex = 7 - row;
      var fileIndex = 0;
      var text = rows[row];
      for (var i = 0; i < text.length && fileIndex < 8; i++) {
        var ch = text[i];
        if (ch >= "1" && ch <= "8") {
          fileIndex += Number(ch);
        } else {
          var lower = ch.toLowerCase();
          if (PIECE_NAMES[lower]) {
            board[squareName(fileIndex, rankIndex)] = { color: ch === lower ? "black" : "white", type: lower };
          }
          fileIndex += 1;
        }
      }
    }
    return board;
  }

  function other(color) { return color === "white" ? "black" : "white"; }

  function capitalise(text) { return text ? text.charAt(0).toUpperCase() + text.slice(1) : text; }

  function kingSquare(board, color) {
    for (var square in board) {
      if (board[square].type === "k" && board[square].color === color) return square;
    }
    return null;
  }

  /** "Nxf3+" → "knight takes f3, check". */
  function spokenSAN(san) {
    if (!san) return "";
    var text = String(san).replace(/[!?]+$/, "");
    var suffix = "";
    if (/#$/.test(text)) suffix = ", checkmate";
    else if (/\+$/.test(text)) suffix = ", check";
    text = text.replace(/[+#]$/, "");
    if (/^(O-O-O|0-0-0)$/.test(text)) return "castles queenside" + suffix;
    if (/^(O-O|0-0)$/.test(text)) return "castles kingside" + suffix;
    var match = /^([KQRBN])?([a-h]?[1-8]?)(x)?([a-h][1-8])(?:=?([QRBN]))?$/.exec(text);
    if (!match) return String(san);
    var piece = PIECE_NAMES[(match[1] || "P").toLowerCase()];
    var words = piece;
    if (match[2]) words = match[1] ? piece + " from " + match[2] : match[2] + " pawn";
    words += match[3] ? " takes " + match[4] : " to " + match[4];
    if (match[5]) words += ", promotes to " + PIECE_NAMES[match[5].toLowerCase()];
    return words + suffix;
  }

  var DRAW_REASONS = {
    stalemate: "Draw by stalemate",
    threefold_repetition: "Draw by threefold repetition",
    fifty_move_rule: "Draw by the fifty-move rule",
    insufficient_material: "Draw by insufficient material",
    agreement: "Draw by agreement",
  };

  function winnerOf(result) {
    if (result === "1-0") return "white";
    if (result === "0-1") return "black";
    return null;
  }

  /** Short human summary of a finished game, e.g. "Checkmate — White wins". */
  function endText(game) {
    var winner = winnerOf(game.result);
    var reason = game.reason;
    if (reason === "checkmate") return "Checkmate — " + capitalise(winner || "nobody") + " wins";
    if (reason === "resignation") {
      return winner ? capitalise(other(winner)) + " resigned — " + capitalise(winner) + " wins" : "Resigned";
    }
    if (reason === "abandoned") return "Abandoned — nobody moved for too long";
    if (DRAW_REASONS[reason]) return DRAW_REASONS[reason];
    if (game.result === "1/2-1/2") return "Draw";
    if (winner) return capitalise(winner) + " wins";
    return "Game over";
  }

  /**
   * Status line for a game from the point of view of `myColor` (null for a spectator).
   * Returns {text, tone} where tone is "normal" | "check" | "ended" | "waiting".
   */
  function statusText(game, myColor, options) {
    options = options || {};
    if (!game) return { text: "Start a new game to play.", tone: "normal" };
    if (game.status === "ended") {
      var text = endText(game);
      if (game.result) text += " (" + game.result.replace(/-/g, "\u2011") + ")"; // no line break inside 0-1
      return { text: text, tone: "ended" };
    }
    var turn = game.turn;
    var opponentName = game[other(myColor || "white")];
    if (game.mode === "friend" && (!game.white || !game.black)) {
      if (myColor) return { text: "Waiting for a friend to join — share the link.", tone: "waiting" };
      return { text: "Waiting for a second player.", tone: "waiting" };
    }
    var prefix = game.check ? "Check! " : "";
    if (myColor && turn === myColor) {
      return { text: prefix + "Your move (" + turn + ").", tone: game.check ? "check" : "normal" };
    }
    if (myColor && game.mode === "ai") {
      return { text: prefix + (options.busy ? "The computer is thinking…" : "Computer to move."), tone: game.check ? "check" : "waiting" };
    }
    if (myColor) {
      return { text: prefix + "Waiting for " + (opponentName || "your opponent") + " (" + turn + ").", tone: game.check ? "check" : "waiting" };
    }
    return { text: prefix + capitalise(turn) + " to move.", tone: game.check ? "check" : "normal" };
  }

  function playerLabel(game, color) {
    var name = game && game[color];
    if (game && game.mode === "ai" && !name) return "Computer";
    if (game && game.mode === "friend" && !name) return "Waiting for a player…";
    return name || "—";
  }

  /**
   * A board of 64 squares inside `element`. Squares carry data-square, role="gridcell" and an
   * aria-label such as "e4 white knight"; last move and check are drawn with shapes (outlines,
   * corner marks, a ring) as well as colour.
   */
  function BoardView(element, options) {
    options = options || {};
    this.element = element;
    this.orientation = options.orientation || "white";
    this.squares = {};
    this.board = {};
    this.marks = { from: null, to: null, check: null };
    this.hints = { selected: null, targets: [] };
    element.classList.add("board");
    element.setAttribute("role", "grid");
    for (var rankIndex = 0; rankIndex < 8; rankIndex++) {
      for (var fileIndex = 0; fileIndex < 8; fileIndex++) {
        var name = squareName(fileIndex, rankIndex);
        var square = document.createElement("div");
        square.className = "sq " + ((fileIndex + rankIndex) % 2 === 0 ? "dark" : "light");
        square.dataset.square = name;
        square.setAttribute("role", "gridcell");
        square.tabIndex = -1;
        var piece = document.createElement("span");
        piece.className = "piece";
        piece.setAttribute("aria-hidden", "true");
        square.appendChild(piece);
        this.squares[name] = square;
      }
    }
    this.layout();
  }

  BoardView.prototype.layout = function () {
    var element = this.element;
    while (element.firstChild) element.removeChild(element.firstChild);
    var white = this.orientation === "white";
    for (var row = 0; row < 8; row++) {
      var rowElement = document.createElement("div");
      rowElement.className = "board-row";
      rowElement.setAttribute("role", "row");
      var rankIndex = white ? 7 - row : row;
      for (var column = 0; column < 8; column++) {
        var fileIndex = white ? column : 7 - column;
        var square = this.squares[squareName(fileIndex, rankIndex)];
        var oldCoords = square.querySelectorAll(".coord");
        for (var i = 0; i < oldCoords.length; i++) square.removeChild(oldCoords[i]);
        if (column === 0) {
          var rank = document.createElement("span");
          rank.className = "coord coord-rank";
          rank.setAttribute("aria-hidden", "true");
          rank.textContent = String(rankIndex + 1);
          square.appendChild(rank);
        }
        if (row === 7) {
          var file = document.createElement("span");
          file.className = "coord coord-file";
          file.setAttribute("aria-hidden", "true");
          file.textContent = FILES[fileIndex];
          square.appendChild(file);
        }
        rowElement.appendChild(square);
      }
      element.appendChild(rowElement);
    }
    element.dataset.orientation = this.orientation;
  };

  BoardView.prototype.setOrientation = function (color) {
    if (color === this.orientation) return;
    this.orientation = color;
    this.layout();
  };

  BoardView.prototype.setPosition = function (fen) {
    this.board = parsePlacement(fen);
    this.refresh();
  };

  BoardView.prototype.setBoard = function (board) {
    this.board = board;
    this.refresh();
  };

  /** marks: {from, to, check} square names or null. */
  BoardView.prototype.setMarks = function (marks) {
    this.marks = Object.assign({ from: null, to: null, check: null }, marks || {});
    this.refresh();
  };

  /** hints: {selected, targets: [square...]} */
  BoardView.prototype.setHints = function (hints) {
    this.hints = Object.assign({ selected: null, targets: [] }, hints || {});
    this.refresh();
  };

  BoardView.prototype.refresh = function () {
    for (var name in this.squares) {
      var square = this.squares[name];
      var piece = this.board[name];
      var glyph = square.firstChild;
      if (piece) {
        glyph.textContent = GLYPHS[piece.type];
        glyph.className = "piece piece-" + piece.color + " piece-" + PIECE_NAMES[piece.type];
        square.dataset.piece = (piece.color === "white" ? "w" : "b") + piece.type.toUpperCase();
      } else {
        glyph.textContent = "";
        glyph.className = "piece";
        delete square.dataset.piece;
      }
      var isTarget = this.hints.targets.indexOf(name) !== -1;
      square.classList.toggle("last-from", name === this.marks.from);
      square.classList.toggle("last-to", name === this.marks.to);
      square.classList.toggle("in-check", name === this.marks.check);
      square.classList.toggle("selected", name === this.hints.selected);
      square.classList.toggle("target", isTarget && !piece);
      square.classList.toggle("target-capture", isTarget && !!piece);

      var label = name + (piece ? " " + piece.color + " " + PIECE_NAMES[piece.type] : " empty");
      if (name === this.marks.check) label += ", in check";
      if (name === this.marks.from) label += ", last move from here";
      if (name === this.marks.to) label += ", last move to here";
      if (name === this.hints.selected) label += ", selected";
      if (isTarget) label += piece ? ", can capture" : ", legal move";
      square.setAttribute("aria-label", label);
      if (name === this.hints.selected || isTarget) square.setAttribute("aria-selected", name === this.hints.selected ? "true" : "false");
      else square.removeAttribute("aria-selected");
    }
  };

  /** Square next to `name` in screen direction (dx right, dy up), honouring orientation. */
  BoardView.prototype.neighbour = function (name, dx, dy) {
    if (this.orientation === "black") { dx = -dx; dy = -dy; }
    var fileIndex = FILES.indexOf(name[0]) + dx;
    var rankIndex = Number(name[1]) - 1 + dy;
    if (fileIndex < 0 || fileIndex > 7 || rankIndex < 0 || rankIndex > 7) return null;
    return squareName(fileIndex, rankIndex);
  };

  /** Marks for a game: last move and the checked king. */
  function marksFor(game, board) {
    if (!game) return {};
    var last = game.last_move || null;
    if (!last && game.moves && game.moves.length) {
      var move = game.moves[game.moves.length - 1];
      last = { from: move.from, to: move.to };
    }
    return {
      from: last ? last.from : null,
      to: last ? last.to : null,
      check: game.check ? kingSquare(board, game.turn) : null,
    };
  }

  /** Fills an <ol> with numbered move pairs; each half-move is a span with data-ply and data-uci. */
  function renderMoveList(list, moves, options) {
    options = options || {};
    while (list.firstChild) list.removeChild(list.firstChild);
    var item = null;
    (moves || []).forEach(function (move, index) {
      var ply = move.ply || index + 1;
      var color = move.color || (ply % 2 === 1 ? "white" : "black");
      if (color === "white" || !item) {
        item = document.createElement("li");
        var number = document.createElement("span");
        number.className = "move-number";
        number.textContent = Math.ceil(ply / 2) + ".";
        item.appendChild(number);
        if (color === "black") {
          var gap = document.createElement("span");
          gap.className = "move move-gap";
          gap.textContent = "…";
          item.appendChild(gap);
        }
        list.appendChild(item);
      }
      var span = document.createElement("span");
      span.className = "move move-" + color + (move.by === "ai" ? " move-ai" : "");
      span.dataset.ply = String(ply);
      if (move.uci) span.dataset.uci = move.uci;
      span.textContent = move.san || move.uci || "?";
      span.title = capitalise(color) + (move.by === "ai" ? " (computer)" : "") + ": " + spokenSAN(move.san || "");
      if (index === moves.length - 1) span.classList.add("move-last");
      item.appendChild(span);
    });
    if (options.scroll !== false && list.parentElement) {
      list.parentElement.scrollTop = list.parentElement.scrollHeight;
    }
  }

  window.KibitzChess = {
    FILES: FILES,
    START_FEN: START_FEN,
    PIECE_NAMES: PIECE_NAMES,
    GLYPHS: GLYPHS,
    parsePlacement: parsePlacement,
    kingSquare: kingSquare,
    other: other,
    capitalise: capitalise,
    spokenSAN: spokenSAN,
    endText: endText,
    statusText: statusText,
    playerLabel: playerLabel,
    marksFor: marksFor,
    renderMoveList: renderMoveList,
    BoardView: BoardView,
  };
})();
