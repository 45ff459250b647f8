/*
 * The Build a Nation shop page: buys through the game API (POST /purchase_a_<item>?player=...) and
 * shows the player's inventory as the stream processor counts it, pushed over
 * /ws/shop/inventory/{player}. Server data is only ever written with textContent.
 */
(function () {
  "use strict";

  var $ = function (id) { return document.getElementById(id); };
  var STORAGE_KEY = "kibitz.shop.player";
  var PLAYER_PATTERN = /^[A-Za-z0-9_.\-]{1,40}$/;
  var ITEMS = ["sword", "horse", "shield"];

  var elements = {
    form: $("player-form"),
    player: $("player"),
    playerError: $("player-error"),
    confirmation: $("confirmation"),
    receipts: $("receipts"),
    inventoryPlayer: $("inventory-player"),
    total: $("count-total"),
    lastPurchase: $("last-purchase"),
    curl: $("curl-example"),
    liveStatus: $("live-status"),
  };

  var state = { player: null, channel: null };

  function storedPlayer() {
    try {
      var saved = localStorage.getItem(STORAGE_KEY);
      if (saved && PLAYER_PATTERN.test(saved)) return saved;
    } catch (error) { /* storage may be disabled */ }
    return "player-1";
  }

  function setCount(element, value) {
    var text = String(Number(value) || 0);
    if (element.textContent === text) return;
    var wasEmpty = element.textContent === "–";
    element.textContent = text;
    if (!wasEmpty) {
      element.classList.remove("bump");
      void element.offsetWidth; // restart the animation
      element.classList.add("bump");
    }
  }

  function renderInventory(inventory) {
    if (!inventory || inventory.player !== state.player) return;
    var items = inventory.items || {};
    ITEMS.forEach(function (item) { setCount($("count-" + item), items[item]); });
    setCount(elements.total, inventory.total);
    elements.lastPurchase.textContent = inventory.last_purchase_ts
      ? "Latest purchase " + new Date(inventory.last_purchase_ts).toLocaleTimeString()
      : "No purchases yet.";
  }

  function follow(player) {
    state.player = player;
    try { localStorage.setItem(STORAGE_KEY, player); } catch (error) { /* ignore */ }
    elements.player.value = player;
    elements.inventoryPlayer.textContent = player;
    elements.curl.textContent = "curl '" + location.origin + "/purchase_a_sword?player=" + player + "'";
    ITEMS.concat(["total"]).forEach(function (name) { $("count-" + name).textContent = "–"; });
    if (state.channel) state.channel.close();
    state.channel = KibitzLive.connect("/ws/shop/inventory/" + encodeURIComponent(player), {
      onSnapshot: function (message) { renderInventory(message.inventory); },
      onMessage: function (message) { renderInventory(message.inventory); },
      onStatus: function (status, detail) { KibitzLive.renderStatus(elements.liveStatus, status, detail); },
    });
  }

  function say(text, tone) {
    elements.confirmation.textContent = text;
    elements.confirmation.dataset.tone = tone;
  }

  function addReceipt(purchase) {
    var item = document.createElement("li");
    item.textContent = new Date(purchase.ts).toLocaleTimeString() + " — " + purchase.player + " bought a " + purchase.item + " ";
    var id = document.createElement("code");
    id.textContent = purchase.purchase_id;
    item.appendChild(id);
    elements.receipts.insertBefore(item, elements.receipts.firstChild);
    while (elements.receipts.childNodes.length > 50) elements.receipts.removeChild(elements.receipts.lastChild);
  }

  function buy(item, button) {
    var typed = elements.player.value.trim();
    if (typed !== state.player && PLAYER_PATTERN.test(typed)) follow(typed);
    var player = state.player;
    button.disabled = true;
    fetch("/purchase_a_" + item + "?player=" + encodeURIComponent(player), {
      method: "POST",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (result) {
        if (!result.ok) throw new Error(result.body && result.body.error ? result.body.error : "the purchase failed");
        say(result.body.message + ".", "good");
        addReceipt(result.body);
      })
      .catch(function (error) { say("Not bought: " + error.message, "bad"); })
      .then(function () { button.disabled = false; });
  }

  elements.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var name = elements.player.value.trim();
    if (!PLAYER_PATTERN.test(name)) {
      elements.playerError.textContent = "Use 1 to 40 letters, digits, _, - or .";
      elements.player.setAttribute("aria-invalid", "true");
      return;
    }
    elements.playerError.textContent = "";
    elements.player.removeAttribute("aria-invalid");
    follow(name);
  });

  Array.prototype.forEach.call(document.querySelectorAll(".shop-item"), function (button) {
    button.addEventListener("click", function () { buy(button.dataset.item, button); });
  });

  follow(storedPlayer());
})();
