// The unit dashboard's charts (Chart.js) and their PNG download: the data comes from the
// page (json_script "dashboard-data"); without JavaScript the tables say the same.
(function () {
  "use strict";
  const source = document.getElementById("dashboard-data");
  if (!source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const colours = ["#1f5fa8", "#b3261e", "#8a5a00", "#2e7d32", "#6a1b9a"];
  const base = { responsive: true, maintainAspectRatio: false, animation: false };

  const trend = document.getElementById("trend-chart");
  if (trend) {
    const datasets = [{ label: data.trend.label, data: data.trend.data, borderColor: colours[0], backgroundColor: colours[0], spanGaps: true }];
    data.trend.targets.forEach(function (line, index) {
      datasets.push({ label: line.label, data: line.data, borderColor: colours[(index + 1) % colours.length], borderDash: [6, 4], pointRadius: 0, fill: false });
    });
    new Chart(trend, { type: "line", data: { labels: data.trend.labels, datasets: datasets }, options: base });
  }
  const ranking = document.getElementById("ranking-chart");
  if (ranking && data.ranking.data.length) {
    new Chart(ranking, {
      type: "bar",
      data: { labels: data.ranking.labels, datasets: [{ label: data.trend.label, data: data.ranking.data, backgroundColor: colours[0] }] },
      options: Object.assign({ indexAxis: "y", plugins: { legend: { display: false } } }, base),
    });
  }
  document.querySelectorAll("button[data-png]").forEach(function (button) {
    const canvas = document.getElementById(button.dataset.png);
    if (!canvas) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      canvas.toBlob(function (blob) {
        const link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = button.dataset.filename;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      }, "image/png");
    });
  });
})();
