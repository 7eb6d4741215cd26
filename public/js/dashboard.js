// Draws the dashboard's charts from the page's JSON block. Every chart has a table with the same
// numbers in the page, so without this script nothing is lost. (The report's charts are drawn
// on the server: server/routes/evaluator/line-chart-svg.ts.)
(function () {
  const source = document.getElementById('dashboard-data');
  if (!source || typeof window.Chart === 'undefined') return;
  const data = JSON.parse(source.textContent || '{}');
  const Chart = window.Chart;

  // Distinct in colour, and in dash and marker for black-and-white print.
  const STYLES = [
    { color: '#0b0c0c', dash: [], point: 'circle' },
    { color: '#1d70b8', dash: [8, 4], point: 'rect' },
    { color: '#d4351c', dash: [2, 3], point: 'triangle' },
    { color: '#00703c', dash: [12, 3, 2, 3], point: 'rectRot' },
    { color: '#6f72af', dash: [4, 4], point: 'star' },
  ];
  const style = (i) => STYLES[i % STYLES.length];
  const faint = (hex) => hex + '22';
  const common = {
    // Ticks and tooltips write numbers as the page's language does ("3,5" in Italian).
    locale: document.documentElement.lang || 'en',
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: {
      legend: { position: 'bottom', labels: { usePointStyle: true, filter: (item) => !item.text.startsWith('_') } },
    },
  };
  const reference = (value, label, n) => ({
    label: '_' + label,
    data: Array(n).fill(value),
    borderColor: '#505a5f',
    borderDash: [3, 3],
    borderWidth: 1,
    pointRadius: 0,
    fill: false,
  });

  document.querySelectorAll('canvas[data-chart="trend"]').forEach((canvas) => {
    const dimension = data.dimensions[Number(canvas.dataset.index)];
    const n = data.waves.length;
    const datasets = [];
    dimension.series.forEach((series, i) => {
      const s = style(i);
      datasets.push({
        label: '_' + series.label + ' upper',
        data: series.points.map((p) => p.ciHigh),
        borderWidth: 0,
        pointRadius: 0,
        fill: false,
        spanGaps: false,
      });
      datasets.push({
        label: '_' + series.label + ' lower',
        data: series.points.map((p) => p.ciLow),
        borderWidth: 0,
        pointRadius: 0,
        backgroundColor: faint(s.color),
        fill: '-1',
        spanGaps: false,
      });
      datasets.push({
        label: series.label,
        data: series.points.map((p) => p.mean),
        borderColor: s.color,
        backgroundColor: s.color,
        borderDash: s.dash,
        pointStyle: s.point,
        pointRadius: 4,
        borderWidth: 2,
        fill: false,
        spanGaps: false,
      });
    });
    const { min, max } = dimension.scale;
    const rescale = (v) => min + ((v - 1) * (max - min)) / 4;
    datasets.push(reference(rescale(3), 'concern', n), reference(rescale(4), 'strength', n));
    new Chart(canvas, {
      type: 'line',
      data: { labels: data.waves, datasets },
      options: { ...common, scales: { y: { min, max, title: { display: true, text: data.axes.mean } } } },
    });
  });

  const rates = document.querySelector('canvas[data-chart="rates"]');
  if (rates) {
    const datasets = data.responseRates.map((r, i) => ({
      label: r.label,
      data: r.rates.map((v) => (v === null ? null : Math.round(v * 1000) / 10)),
      borderColor: style(i).color,
      backgroundColor: style(i).color,
      borderDash: style(i).dash,
      pointStyle: style(i).point,
      fill: false,
    }));
    new Chart(rates, {
      type: 'line',
      data: { labels: data.waves, datasets },
      options: { ...common, scales: { y: { min: 0, max: 100, title: { display: true, text: data.axes.rate } } } },
    });
  }

  const gap = document.querySelector('canvas[data-chart="gap"]');
  if (gap && data.gap) {
    const n = data.waves.length;
    const datasets = data.gap.dimensions.map((d, i) => ({
      label: d.label,
      data: d.g,
      borderColor: style(i).color,
      backgroundColor: style(i).color,
      borderDash: style(i).dash,
      pointStyle: style(i).point,
      fill: false,
    }));
    datasets.push(reference(0.5, 'notable gap', n), reference(-0.5, 'notable gap below', n));
    new Chart(gap, {
      type: 'line',
      data: { labels: data.waves, datasets },
      options: { ...common, scales: { y: { title: { display: true, text: data.axes.gap } } } },
    });
  }
})();
