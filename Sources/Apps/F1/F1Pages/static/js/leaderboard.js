/*
 * The F1 leaderboard page. Standings arrive over /ws/f1/leaderboard (a snapshot first, then the
 * whole standings after every change); nothing is polled. The supported driver is remembered in
 * localStorage and marked with a star, bold text, an outline bar and aria-current, never by colour
 * alone. Server data is only ever written with textContent.
 */
(function () {
  "use strict";

  var $ = function (id) { return document.getElementById(id); };
  var STORAGE_KEY = "kibitz.f1.driver";
  var MODE_KEY = "kibitz.f1.time-mode";

  var elements = {
    liveStatus: $("live-status"),
    lap: $("lap-counter"),
    raceTime: $("race-time"),
    clock: $("clock"),
    raceId: $("race-id"),
    select: $("driver-select"),
    forget: $("forget-driver"),
    followTitle: $("follow-title"),
    followSummary: $("follow-summary"),
    body: $("standings-body"),
    empty: $("standings-empty"),
    timeColumn: $("time-column"),
    announcer: $("announcer"),
  };

  var state = {
    standings: [],
    race: null,
    driver: readStorage(STORAGE_KEY),
    mode: readStorage(MODE_KEY) === "interval" ? "interval" : "gap",
    positions: {},
    followedPosition: null,
    raceClock: null, // {elapsed, at}: race time and when it was received, to run the race clock between updates
  };

  function readStorage(key) {
    try { return localStorage.getItem(key) || ""; } catch (error) { return ""; }
  }

  function writeStorage(key, value) {
    try {
      if (value) localStorage.setItem(key, value);
      else localStorage.removeItem(key);
    } catch (error) { /* storage may be disabled */ }
  }

  function announce(text) {
    KibitzLive.announce(elements.announcer, text, 3);
  }

  function lapTime(ms) {
    if (ms === null || ms === undefined || !isFinite(ms)) return "–";
    var minutes = Math.floor(ms / 60000);
    var seconds = (ms % 60000) / 1000;
    return minutes + ":" + (seconds < 10 ? "0" : "") + seconds.toFixed(3);
  }

  function raceTime(ms) {
    if (ms === null || ms === undefined || !isFinite(ms)) return "–";
    var total = Math.max(0, Math.floor(ms / 1000));
    var hours = Math.floor(total / 3600);
    var minutes = Math.floor((total % 3600) / 60);
    var seconds = total % 60;
    return (hours ? hours + ":" + (minutes < 10 ? "0" : "") : "") + minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
  }

  function timeText(car) {
    if (car.status === "retired") return "DNF";
    if (car.position === 1) return "Leader";
    if (state.mode === "gap" && car.laps_behind > 0) return "+" + car.laps_behind + (car.laps_behind === 1 ? " lap" : " laps");
    var ms = state.mode === "gap" ? car.gap_to_leader_ms : car.interval_ms;
    if (ms === null || ms === undefined) return "–";
    return "+" + (ms / 1000).toFixed(3);
  }

  function cell(row, text, className) {
    var td = document.createElement("td");
    if (className) td.className = className;
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function driverCell(row, car, followed) {
    var td = document.createElement("td");
    var star = document.createElement("span");
    star.className = "f1-star";
    star.setAttribute("aria-hidden", "true");
    star.textContent = followed ? "\u2605" : "";
    td.appendChild(star);
    var name = document.createElement("span");
    name.className = "f1-name";
    name.textContent = car.driver;
    td.appendChild(name);
    if (car.code) {
      var code = document.createElement("span");
      code.className = "f1-code";
      code.textContent = car.code;
      td.appendChild(code);
    }
    if (followed) {
      var tag = document.createElement("span");
      tag.className = "f1-tag";
      tag.textContent = "Your driver";
      td.appendChild(tag);
    }
    row.appendChild(td);
  }

  function tyreCell(row, tyre) {
    var td = document.createElement("td");
    if (tyre) {
      var badge = document.createElement("span");
      badge.className = "f1-tyre f1-tyre-" + String(tyre).toLowerCase().replace(/[^a-z]/g, "");
      badge.textContent = String(tyre).charAt(0).toUpperCase();
      badge.title = tyre;
      td.appendChild(badge);
      var words = document.createElement("span");
      words.className = "visually-hidden";
      words.textContent = " " + tyre;
      td.appendChild(words);
    } else {
      td.textContent = "–";
    }
    row.appendChild(td);
  }

  function renderTable() {
    var standings = state.standings;
    var fragment = document.createDocumentFragment();
    var previous = state.positions;
    var positions = {};
    standings.forEach(function (car) {
      var followed = car.driver === state.driver;
      var row = document.createElement("tr");
      row.dataset.driver = car.driver;
      row.dataset.position = String(car.position);
      if (followed) {
        row.className = "f1-followed";
        row.setAttribute("aria-current", "true");
      }
      var before = previous[car.driver];
      if (before && before > car.position) row.classList.add("f1-moved-up");
      if (before && before < car.position) row.classList.add("f1-moved-down");
      positions[car.driver] = car.position;
      cell(row, String(car.position), "f1-position");
      driverCell(row, car, followed);
      cell(row, car.team || "–", "f1-team");
      cell(row, timeText(car), "f1-number f1-time");
      cell(row, lapTime(car.last_lap_ms), "f1-number");
      cell(row, lapTime(car.best_lap_ms), "f1-number");
      tyreCell(row, car.tyre);
      cell(row, car.pit_stops === undefined || car.pit_stops === null ? "–" : String(car.pit_stops), "f1-number");
      var status = car.status || "running";
      cell(row, status, "f1-status-" + status.replace(/[^a-z]/g, ""));
      fragment.appendChild(row);
    });
    state.positions = positions;
    elements.body.replaceChildren(fragment);
    elements.empty.hidden = standings.length > 0;
    elements.timeColumn.textContent = state.mode === "gap" ? "Gap" : "Interval";
  }

  function renderDrivers() {
    var names = state.standings.map(function (car) { return car.driver; });
    if (state.driver && names.indexOf(state.driver) === -1) names.push(state.driver);
    names.sort();
    var current = Array.prototype.map.call(elements.select.options, function (option) { return option.value; }).slice(1);
    if (current.join("\n") !== names.join("\n")) {
      while (elements.select.options.length > 1) elements.select.remove(1);
      names.forEach(function (name) {
        var option = document.createElement("option");
        option.value = name;
        option.textContent = name;
        elements.select.appendChild(option);
      });
    }
    elements.select.value = state.driver;
  }

  function renderFollow() {
    var car = state.standings.filter(function (entry) { return entry.driver === state.driver; })[0];
    elements.followTitle.textContent = state.driver ? "You support " + state.driver : "Which driver do you support?";
    elements.forget.hidden = !state.driver;
    if (!state.driver) {
      elements.followSummary.textContent = "Pick a driver and their row is starred and set in bold.";
    } else if (!car) {
      elements.followSummary.textContent = state.driver + " is not in this race's timing yet.";
    } else {
      elements.followSummary.textContent =
        "P" + car.position + (car.team ? " for " + car.team : "") + ", lap " + car.lap + ", " + timeText(car) + ".";
      if (state.followedPosition !== null && state.followedPosition !== car.position) {
        announce(state.driver + (car.position < state.followedPosition ? " up to P" : " down to P") + car.position);
      }
      state.followedPosition = car.position;
    }
  }

  function renderRace() {
    var race = state.race || {};
    var leader = state.standings[0];
    var lap = race.lap !== undefined ? race.lap : leader ? leader.lap : null;
    var total = race.total_laps || (leader && leader.total_laps);
    if (lap === null || lap === undefined) {
      elements.lap.textContent = "–";
    } else if (race.finished) {
      elements.lap.textContent = "Finished (" + lap + (total ? "/" + total : "") + ")";
    } else {
      elements.lap.textContent = Math.min(lap + 1, total || lap + 1) + (total ? " / " + total : "");
    }
    elements.raceId.textContent = race.race_id || "–";
    state.raceClock = race.elapsed_ms !== undefined && race.elapsed_ms !== null && !race.finished
      ? { elapsed: race.elapsed_ms, at: Date.now(), speed: estimateSpeed(race) }
      : race.elapsed_ms !== undefined && race.elapsed_ms !== null ? { elapsed: race.elapsed_ms, at: null } : null;
    tick();
  }

  // The simulator may run faster than real time; the race clock between updates follows the feed's pace.
  var lastSample = null;
  function estimateSpeed(race) {
    var sample = { elapsed: race.elapsed_ms, ts: race.updated_ts };
    var speed = 1;
    if (lastSample && sample.ts > lastSample.ts && sample.elapsed >= lastSample.elapsed) {
      speed = Math.min(1000, Math.max(0.1, (sample.elapsed - lastSample.elapsed) / (sample.ts - lastSample.ts)));
    } else if (lastSample && lastSample.speed) {
      speed = lastSample.speed;
    }
    sample.speed = speed;
    if (!lastSample || sample.ts - lastSample.ts > 1500 || sample.elapsed < lastSample.elapsed) lastSample = sample;
    else lastSample.speed = speed;
    return speed;
  }

  function tick() {
    elements.clock.textContent = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
    var clock = state.raceClock;
    if (!clock) {
      elements.raceTime.textContent = "–";
    } else if (clock.at === null) {
      elements.raceTime.textContent = raceTime(clock.elapsed);
    } else {
      // Between updates, run on no further than two seconds of race time past the latest state.
      var ahead = Math.min((Date.now() - clock.at) * (clock.speed || 1), 2000 * (clock.speed || 1));
      elements.raceTime.textContent = raceTime(clock.elapsed + ahead);
    }
  }

  function apply(message) {
    if (!message || !Array.isArray(message.standings)) return;
    state.standings = message.standings;
    state.race = message.race || null;
    renderTable();
    renderDrivers();
    renderFollow();
    renderRace();
    document.body.dataset.updatedAt = String(Date.now());
  }

  elements.select.addEventListener("change", function () {
    state.driver = elements.select.value;
    state.followedPosition = null;
    writeStorage(STORAGE_KEY, state.driver);
    renderTable();
    renderFollow();
  });

  elements.forget.addEventListener("click", function () {
    state.driver = "";
    writeStorage(STORAGE_KEY, "");
    renderTable();
    renderDrivers();
    renderFollow();
    elements.select.focus();
  });

  Array.prototype.forEach.call(document.querySelectorAll('input[name="time-mode"]'), function (input) {
    input.checked = input.value === state.mode;
    input.addEventListener("change", function () {
      if (!input.checked) return;
      state.mode = input.value;
      writeStorage(MODE_KEY, state.mode);
      renderTable();
      renderFollow();
    });
  });

  renderFollow();
  renderTable();
  setInterval(tick, 250);
  tick();

  KibitzLive.connect("/ws/f1/leaderboard", {
    onSnapshot: apply,
    onMessage: apply,
    onStatus: function (status, detail) { KibitzLive.renderStatus(elements.liveStatus, status, detail); },
  });
})();
