// A hand-written SVG chart: wall time and peak RSS of the bulk read against the sandbox scale, connector and floor,
// two panels with logarithmic axes. No chart library: a few lines, circles and labels.

const WIDTH = 920;
const HEIGHT = 360;
const PANEL = { width: 360, height: 250, top: 50, left: [70, 530] };
const SERIES = [
  { key: 'connector', label: 'connector (source-metabase read)', color: '#1f6feb', dash: '' },
  { key: 'floor', label: 'floor (node:https + JSON.parse, sequential)', color: '#d9480f', dash: '6 4' },
];

const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Round tick values (1, 2, 5 x 10^n) covering [min, max]. */
function logTicks(min, max) {
  const ticks = [];
  for (let exp = Math.floor(Math.log10(min)); exp <= Math.ceil(Math.log10(max)); exp++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** exp;
      if (v >= min / 1.0001 && v <= max * 1.0001) ticks.push(v);
    }
  }
  return ticks;
}

const formatValue = (v) => (v >= 10 ? v.toFixed(0) : v.toFixed(2).replace(/0$/, ''));

function panel({ left, title, unit, points, value }) {
  const scales = points.map((p) => p.scale);
  const values = points.flatMap((p) => SERIES.map((s) => value(p[s.key]))).filter((v) => v > 0);
  const [yMin, yMax] = [Math.min(...values) / 1.5, Math.max(...values) * 1.5];
  const [xMin, xMax] = [Math.min(...scales), Math.max(...scales)];
  const x = (scale) =>
    left +
    (xMax === xMin
      ? PANEL.width / 2
      : ((Math.log10(scale) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin))) * PANEL.width);
  const y = (v) =>
    PANEL.top +
    PANEL.height -
    ((Math.log10(v) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * PANEL.height;
  const bottom = PANEL.top + PANEL.height;
  const parts = [
    `<text x="${left + PANEL.width / 2}" y="${PANEL.top - 16}" text-anchor="middle" font-weight="bold">${escape(title)}</text>`,
    `<rect x="${left}" y="${PANEL.top}" width="${PANEL.width}" height="${PANEL.height}" fill="none" stroke="#888"/>`,
  ];
  for (const tick of logTicks(yMin, yMax)) {
    parts.push(
      `<line x1="${left}" x2="${left + PANEL.width}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#e5e5e5"/>`,
    );
    parts.push(
      `<text x="${left - 6}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end" font-size="11">${formatValue(tick)}</text>`,
    );
  }
  for (const scale of scales) {
    parts.push(
      `<line x1="${x(scale).toFixed(1)}" x2="${x(scale).toFixed(1)}" y1="${bottom}" y2="${bottom + 5}" stroke="#888"/>`,
    );
    parts.push(
      `<text x="${x(scale).toFixed(1)}" y="${bottom + 18}" text-anchor="middle" font-size="11">${scale}</text>`,
    );
  }
  parts.push(
    `<text x="${left + PANEL.width / 2}" y="${bottom + 36}" text-anchor="middle" font-size="12">sandbox scale (log)</text>`,
  );
  parts.push(
    `<text transform="translate(${left - 48} ${PANEL.top + PANEL.height / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escape(unit)} (log)</text>`,
  );
  for (const series of SERIES) {
    const xy = points
      .filter((p) => value(p[series.key]) > 0)
      .map((p) => [x(p.scale), y(value(p[series.key])), value(p[series.key])]);
    const path = xy.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
    parts.push(
      `<polyline points="${path}" fill="none" stroke="${series.color}" stroke-width="2" stroke-dasharray="${series.dash}"/>`,
    );
    for (const [px, py, v] of xy) {
      parts.push(`<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="3.5" fill="${series.color}"/>`);
      // Floor labels above and to the left of their point, connector labels below and to the right: no overlap.
      const floor = series.key === 'floor';
      const [dx, dy, anchor] = floor ? [-6, -7, 'end'] : [6, 15, 'start'];
      parts.push(
        `<text x="${(px + dx).toFixed(1)}" y="${(py + dy).toFixed(1)}" text-anchor="${anchor}" font-size="10" fill="${series.color}">${formatValue(v)}</text>`,
      );
    }
  }
  return parts.join('\n');
}

/**
 * @param {{ scale: number, connector: { medianSeconds: number, medianPeakRssMb: number },
 *   floor: { medianSeconds: number, medianPeakRssMb: number } }[]} points
 * @param {string} subtitle
 */
export function scaleChartSvg(points, subtitle) {
  const legend = SERIES.map(
    (s, i) =>
      `<line x1="${80 + i * 400}" x2="${110 + i * 400}" y1="${HEIGHT - 12}" y2="${HEIGHT - 12}" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}"/>` +
      `<text x="${116 + i * 400}" y="${HEIGHT - 8}" font-size="12">${escape(s.label)}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="13">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="16" text-anchor="middle" font-size="12" fill="#555">${escape(subtitle)}</text>`,
    panel({
      left: PANEL.left[0],
      title: 'Wall time, nine bulk streams',
      unit: 'seconds',
      points,
      value: (s) => s?.medianSeconds,
    }),
    panel({
      left: PANEL.left[1],
      title: 'Peak RSS, nine bulk streams',
      unit: 'MB',
      points,
      value: (s) => s?.medianPeakRssMb,
    }),
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}
