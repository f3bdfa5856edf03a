// Indicator charts (Chart.js) and their PNG download, on the unit dashboard and the public
// page. Each <canvas data-chart="ID" data-kind="trend|ranking" [data-key="CODE"]> draws the
// JSON of the json_script element ID (its entry CODE when given); without JavaScript the
// tables beside the charts say the same. When htmx swaps the dashboard in place (another
// indicator, year or boundaries), the new part is drawn again.
(function () {
  "use strict";
  const colours = ["#1f5fa8", "#b3261e", "#8a5a00", "#2e7d32", "#6a1b9a"];
  // A new options object per chart: Chart.js writes its resolved scales and plugins into the
  // object it is given, and a shared one would hand the trend's axes to the ranking.
  function base() { return { responsive: true, maintainAspectRatio: false, animation: false }; }

  function trendChart(canvas, trend) {
    const datasets = [{ label: trend.label, data: trend.data, borderColor: colours[0], backgroundColor: colours[0], spanGaps: true }];
    trend.targets.forEach(function (line, index) {
      datasets.push({ label: line.label, data: line.data, borderColor: colours[(index + 1) % colours.length], borderDash: [6, 4], pointRadius: 0, fill: false });
    });
    new Chart(canvas, { type: "line", data: { labels: trend.labels, datasets: datasets }, options: base() });
  }

  function rankingChart(canvas, data) {
    if (!data.ranking.data.length) return;
    new Chart(canvas, {
      type: "bar",
      data: { labels: data.ranking.labels, datasets: [{ label: data.trend.label, data: data.ranking.data, backgroundColor: colours[0] }] },
      options: Object.assign(base(), { indexAxis: "y", plugins: { legend: { display: false } } }),
    });
  }

  function download(button) {
    const canvas = document.getElementById(button.dataset.png);
    if (!canvas) return;
    canvas.toBlob(function (blob) {
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = button.dataset.filename;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    }, "image/png");
  }

  function draw(root) {
    if (typeof Chart === "undefined") return;
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      const source = document.getElementById(canvas.dataset.chart);
      if (!source) return;
      let data = JSON.parse(source.textContent);
      if (canvas.dataset.key) data = data[canvas.dataset.key];
      if (!data) return;
      const old = Chart.getChart(canvas);
      if (old) old.destroy();
      if (canvas.dataset.kind === "ranking") rankingChart(canvas, data);
      else trendChart(canvas, data.trend);
    });
    root.querySelectorAll("button[data-png]").forEach(function (button) {
      if (!document.getElementById(button.dataset.png)) return;
      button.hidden = false;
    });
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest("button[data-png]");
    if (button) download(button);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    const swapped = event.detail.elt;
    draw(swapped.isConnected ? swapped : document.getElementById("dashboard") || document);
  });
  document.addEventListener("htmx:historyRestore", function () { draw(document); });
  draw(document);
})();
