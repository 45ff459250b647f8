/*
 * Kibitz live channel helper.
 *
 *   const channel = KibitzLive.connect("/ws/chess/dashboard", {
 *     onSnapshot(message) { ... },   // first message after every (re)connect; resynchronise from it
 *     onMessage(message)  { ... },   // every later message
 *     onStatus(state, detail) { ... } // "connecting" | "live" | "offline"
 *   });
 *   channel.close();
 *   KibitzLive.announce(document.getElementById("announcer"), "White played e4.", 4);
 *
 * Reconnects with exponential backoff and full jitter. After every (re)connect the server must send
 * {"type": "snapshot", ...} first; messages that arrive before it are dropped, so a page never applies
 * an update on top of a stale state. If no snapshot arrives within `snapshotTimeoutMs`, the socket
 * is closed and opened again.
 */
(function () {
  "use strict";

  var DEFAULTS = {
    initialDelayMs: 500,
    maxDelayMs: 15000,
    snapshotTimeoutMs: 10000,
  };

  function socketURL(path) {
    if (/^wss?:\/\//.test(path)) return path;
    var scheme = location.protocol === "https:" ? "wss:" : "ws:";
    return scheme + "//" + location.host + path;
  }

  function connect(path, handlers, options) {
    handlers = handlers || {};
    options = Object.assign({}, DEFAULTS, options || {});

    var socket = null;
    var attempt = 0;
    var closedByPage = false;
    var synchronised = false;
    var retryTimer = null;
    var snapshotTimer = null;
    var state = null;

    function setStatus(next, detail) {
      if (state === next && !detail) return;
      state = next;
      if (handlers.onStatus) {
        try { handlers.onStatus(next, detail || ""); } catch (error) { console.error(error); }
      }
    }

    if (location.protocol === "file:" || !location.host) {
      setStatus("offline", "opened from disk: no server to connect to");
      return { close: function () {}, reconnectNow: function () {}, get state() { return state; } };
    }

    function backoffDelay() {
      // Full jitter: uniform in [0, min(max, initial * 2^attempt)], with a small floor.
      var ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * Math.pow(2, attempt));
      return Math.max(150, Math.random() * ceiling);
    }

    function scheduleReconnect(reason) {
      if (closedByPage) return;
      clearTimeout(retryTimer);
      var delay = backoffDelay();
      attempt += 1;
      setStatus("offline", reason + "; retrying in " + Math.round(delay / 100) / 10 + " s");
      retryTimer = setTimeout(open, delay);
    }

    function open() {
      clearTimeout(retryTimer);
      if (closedByPage) return;
      synchronised = false;
      setStatus("connecting", attempt ? "reconnecting" : "connecting");
      var ws;
      try {
        ws = new WebSocket(socketURL(path));
      } catch (error) {
        scheduleReconnect("cannot open socket");
        return;
      }
      socket = ws;

      ws.onopen = function () {
        clearTimeout(snapshotTimer);
        snapshotTimer = setTimeout(function () {
          if (socket === ws && !synchronised) {
            try { ws.close(4000, "no snapshot"); } catch (error) { /* already closing */ }
          }
        }, options.snapshotTimeoutMs);
      };

      ws.onmessage = function (event) {
        if (socket !== ws) return;
        var message;
        try {
          message = JSON.parse(event.data);
        } catch (error) {
          console.warn("live: ignoring a message that is not JSON", event.data);
          return;
        }
        if (!message || typeof message !== "object") return;
        if (message.type === "snapshot") {
          synchronised = true;
          attempt = 0;
          clearTimeout(snapshotTimer);
          setStatus("live");
          if (handlers.onSnapshot) handlers.onSnapshot(message);
          return;
        }
        if (!synchronised) return; // wait for the snapshot before applying anything
        if (handlers.onMessage) handlers.onMessage(message);
      };

      ws.onclose = function (event) {
        if (socket !== ws) return;
        clearTimeout(snapshotTimer);
        socket = null;
        synchronised = false;
        if (!closedByPage) scheduleReconnect(event.code === 4000 ? "no snapshot from server" : "connection lost");
      };

      ws.onerror = function () { /* onclose follows and schedules the retry */ };
    }

    function reconnectNow() {
      if (closedByPage) return;
      if (socket && (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING)) return;
      attempt = 0;
      open();
    }

    // Come back quickly when the network or the tab returns.
    function onOnline() { reconnectNow(); }
    function onVisible() { if (document.visibilityState === "visible") reconnectNow(); }
    window.addEventListener("online", onOnline);
    document.addEventListener("visibilitychange", onVisible);

    open();

    return {
      close: function () {
        closedByPage = true;
        clearTimeout(retryTimer);
        clearTimeout(snapshotTimer);
        window.removeEventListener("online", onOnline);
        document.removeEventListener("visibilitychange", onVisible);
        if (socket) {
          var ws = socket;
          socket = null;
          try { ws.close(1000, "page closed channel"); } catch (error) { /* ignore */ }
        }
      },
      reconnectNow: reconnectNow,
      get state() { return state; },
    };
  }

  /** Renders a channel state into an element such as <span class="live-status">. */
  function renderStatus(element, state, detail) {
    if (!element) return;
    element.dataset.state = state;
    var words = { live: "Live", connecting: "Connecting…", offline: "Offline" };
    element.textContent = words[state] || state;
    element.title = detail || "";
  }

  /**
   * Says `text` to screen readers through a live region such as <div aria-live="polite">, keeping
   * its last `keep` lines: a burst of changes is read in order, and the region does not grow forever.
   */
  function announce(region, text, keep) {
    if (!region || !text) return;
    var line = document.createElement("p");
    line.textContent = text;
    region.appendChild(line);
    while (region.childNodes.length > keep) region.removeChild(region.firstChild);
  }

  window.KibitzLive = { connect: connect, renderStatus: renderStatus, announce: announce };
})();
