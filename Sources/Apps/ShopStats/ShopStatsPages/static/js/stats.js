/*
 * Shop statistics page: renders the snapshot of /ws/shop/stats and every later push.
 * Totals are of the closed one-minute windows; charts show the last hour of them.
 */
(function () {
  "use strict";

  function $(id) { return document.getElementById(id); }

  var elements = {
    liveStatus: $("live-status"),
    views: $("total-views"),
    adds: $("total-adds"),
    removals: $("total-removals"),
    purchases: $("total-purchases"),
    revenue: $("total-revenue"),
    conversion: $("total-conversion"),
    abandonment: $("total-abandonment"),
    lastMinute: $("last-minute-events"),
    ratesSummary: $("rates-summary"),
    ratesChart: $("rates-chart"),
    revenueChart: $("revenue-chart"),
  };
  var charts = { rates: null, revenue: null };
  var money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  function percent(ratio) {
    return ratio === null || ratio === undefined ? "—" : (100 * ratio).toFixed(1) + " %";
  }

  function minuteLabel(start) {
    var date = new Date(start);
    return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function render(stats) {
    var totals = stats.totals || {};
    var minutes = stats.minutes || [];
    elements.views.textContent = totals.productview || 0;
    elements.adds.textContent = totals.addtobasket || 0;
    elements.removals.textContent = totals.removefrombasket || 0;
    elements.purchases.textContent = totals.purchase || 0;
    elements.revenue.textContent = money.format(totals.revenue || 0);
    elements.conversion.textContent = percent(totals.conversion);
    elements.abandonment.textContent = percent(totals.basket_abandonment);
    var last = minutes[minutes.length - 1];
    elements.lastMinute.textContent = last ? last.events : 0;
    elements.ratesSummary.textContent = last
      ? minutes.length + " closed minutes; the last, " + minuteLabel(last.window_start) + ", had " + last.events + " events."
      : "No closed minute yet.";
    renderCharts(minutes);
  }

  function renderCharts(minutes) {
    if (!window.Chart) return;
    var labels = minutes.map(function (minute) { return minuteLabel(minute.window_start); });
    var series = function (key) { return minutes.map(function (minute) { return minute[key] || 0; }); };
    var rates = [
      { label: "Product views", data: series("productview"), borderColor: "#2f5bd3" },
      { label: "Added to basket", data: series("addtobasket"), borderColor: "#b7791f", borderDash: [6, 3] },
      { label: "Removed from basket", data: series("removefrombasket"), borderColor: "#c53030", borderDash: [2, 3] },
      { label: "Purchases", data: series("purchase"), borderColor: "#2f855a", borderWidth: 3 },
    ];
    var revenue = [
      { type: "bar", label: "Revenue", data: series("revenue"), backgroundColor: "rgba(47, 133, 90, .45)", yAxisID: "y" },
      {
        type: "line", label: "Conversion (%)", yAxisID: "percent", borderColor: "#2f5bd3",
        data: minutes.map(function (minute) { return minute.conversion === null ? null : 100 * minute.conversion; }),
      },
    ];
    if (!charts.rates) {
      charts.rates = new window.Chart(elements.ratesChart.getContext("2d"), {
        type: "line",
        data: { labels: labels, datasets: rates },
        options: { animation: false, responsive: true, scales: { y: { beginAtZero: true } } },
      });
      charts.revenue = new window.Chart(elements.revenueChart.getContext("2d"), {
        data: { labels: labels, datasets: revenue },
        options: {
          animation: false, responsive: true,
          scales: { y: { beginAtZero: true }, percent: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false } } },
        },
      });
      return;
    }
    charts.rates.data.labels = labels;
    rates.forEach(function (dataset, index) { charts.rates.data.datasets[index].data = dataset.data; });
    charts.rates.update();
    charts.revenue.data.labels = labels;
    revenue.forEach(function (dataset, index) { charts.revenue.data.datasets[index].data = dataset.data; });
    charts.revenue.update();
  }

  KibitzLive.connect("/ws/shop/stats", {
    onSnapshot: function (message) { render(message.stats || {}); },
    onMessage: function (message) { if (message.type === "stats") render(message.stats || {}); },
    onStatus: function (status, detail) { KibitzLive.renderStatus(elements.liveStatus, status, detail); },
  });
})();
