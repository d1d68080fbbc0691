/**
 * The DOM-free part of <zd-echart>: parsing, windowed data, heatmap cells, formatting and the ECharts options
 * derived from them. Kept apart so that it runs under plain Node (src/test/js/zd-echart-model.test.mjs).
 * Nothing here throws on malformed input: bad values are dropped.
 */

/** JSON.parse that returns the fallback instead of throwing. */
export function parse(json, fallback) {
  if (json === null || json === undefined || json === '') {
    return fallback;
  }
  if (typeof json === 'object') {
    return json;
  }
  try {
    const v = JSON.parse(json);
    return v === null || typeof v !== 'object' ? fallback : v;
  } catch (e) {
    return fallback;
  }
}

const finite = (v) => typeof v === 'number' && Number.isFinite(v);

/**
 * Appends points per series ([[t, v], ...] each) to data (mutated copy returned) and drops those older than window
 * ms before the newest. Points whose time is not a number are dropped; null values are kept (gaps).
 */
export function appendPoints(data, points, window) {
  const out = Array.isArray(data) ? data.map((d) => (Array.isArray(d) ? d : [])) : [];
  let latest = -Infinity;
  (Array.isArray(points) ? points : []).forEach((list, i) => {
    if (!out[i]) {
      out[i] = [];
    }
    (Array.isArray(list) ? list : []).forEach((p) => {
      if (Array.isArray(p) && finite(p[0])) {
        out[i].push(p);
        latest = Math.max(latest, p[0]);
      }
    });
  });
  if (finite(window) && window > 0 && latest > -Infinity) {
    const cutoff = latest - window;
    return out.map((d) => d.filter((p) => p[0] >= cutoff));
  }
  return out;
}

/**
 * Merges heatmap columns ([t, [count per bucket]]) into a time-sorted list, a column of the same time replacing the
 * older one, and keeps those within window ms of the newest.
 */
export function appendColumns(columns, incoming, window) {
  const byTime = new Map((Array.isArray(columns) ? columns : []).map((c) => [c[0], c]));
  (Array.isArray(incoming) ? incoming : []).forEach((c) => {
    if (Array.isArray(c) && finite(c[0]) && Array.isArray(c[1])) {
      byTime.set(c[0], [c[0], c[1].map((n) => (finite(n) && n > 0 ? n : 0))]);
    }
  });
  let out = [...byTime.values()].sort((a, b) => a[0] - b[0]);
  if (finite(window) && window > 0 && out.length) {
    const cutoff = out[out.length - 1][0] - window;
    out = out.filter((c) => c[0] >= cutoff);
  }
  return out;
}

/** The scale applied to counts before colouring, so that sparse buckets still show beside busy ones. */
export function scaled(count, scale) {
  if (scale === 'linear') {
    return count;
  }
  if (scale === 'sqrt') {
    return Math.sqrt(count);
  }
  return Math.log10(1 + count);
}

export function unscaled(value, scale) {
  if (scale === 'linear') {
    return value;
  }
  if (scale === 'sqrt') {
    return value * value;
  }
  return Math.pow(10, value) - 1;
}

/** Non-empty cells as [column index, bucket index, count, scaled count]; empty buckets get no cell (transparent). */
export function heatCells(columns, buckets, scale) {
  const cells = [];
  columns.forEach((c, x) => {
    const counts = c[1];
    for (let y = 0; y < counts.length && y < buckets; y++) {
      if (counts[y] > 0) {
        cells.push([x, y, counts[y], scaled(counts[y], scale)]);
      }
    }
  });
  return cells;
}

const pad = (n) => String(n).padStart(2, '0');

/** HH:mm:ss in the browser's time zone. */
export function formatTime(t) {
  const d = new Date(t);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function trim(v) {
  const a = Math.abs(v);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : 2;
  return String(Number(v.toFixed(digits)));
}

/** A value with its unit: bytes and µs are scaled to readable units, % and others appended. */
export function formatValue(v, unit) {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
    return '–';
  }
  if (!finite(v)) {
    return String(v);
  }
  const u = unit || '';
  if (u === 'B' || u === 'B/s') {
    const steps = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0;
    let x = v;
    while (Math.abs(x) >= 1024 && i < steps.length - 1) {
      x /= 1024;
      i++;
    }
    return `${trim(x)} ${steps[i]}${u === 'B/s' ? '/s' : ''}`;
  }
  if (u === 'µs' || u === 'us') {
    if (Math.abs(v) >= 1e6) {
      return `${trim(v / 1e6)} s`;
    }
    if (Math.abs(v) >= 1e3) {
      return `${trim(v / 1e3)} ms`;
    }
    return `${trim(v)} µs`;
  }
  if (u === '%') {
    return `${trim(v)} %`;
  }
  return u ? `${trim(v)} ${u}` : trim(v);
}

const esc = (s) =>
  String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** The axis tooltip of line charts: time, then each series' value with the unit. */
export function axisTooltip(params, unit) {
  const list = Array.isArray(params) ? params : [params];
  if (!list.length || !list[0]) {
    return '';
  }
  const first = list[0];
  const t = Array.isArray(first.value) ? first.value[0] : first.axisValue;
  const head = finite(t) ? formatTime(t) : esc(first.axisValueLabel || '');
  const rows = list.map((p) => {
    const v = Array.isArray(p.value) ? p.value[1] : p.value;
    return `${p.marker || ''}${esc(p.seriesName)}: <b>${esc(formatValue(v, unit))}</b>`;
  });
  return [head, ...rows].join('<br>');
}

/** The item tooltip of a heatmap cell: "10–20 ms: 42 ops at 12:03:05". */
export function cellTooltip(spec, columns, value) {
  if (!Array.isArray(value)) {
    return '';
  }
  const [x, y, count] = value;
  const col = columns[x];
  const range = (spec.ranges && spec.ranges[y]) || (spec.buckets && spec.buckets[y]) || String(y);
  const unit = spec.countUnit ? ` ${spec.countUnit}` : '';
  return `${esc(range)}: ${count}${esc(unit)}${col ? ` at ${formatTime(col[0])}` : ''}`;
}

/** The full ECharts option of a heatmap spec with its current columns. */
export function heatmapOption(spec, columns) {
  const buckets = Array.isArray(spec.buckets) ? spec.buckets : [];
  const cells = heatCells(columns, buckets.length, spec.scale);
  const maxCount = cells.reduce((m, c) => Math.max(m, c[2]), 0);
  const labelled = new Set(Array.isArray(spec.labelled) ? spec.labelled : buckets.map((b, i) => i));
  return {
    animation: false,
    backgroundColor: 'transparent',
    title: spec.title ? { text: spec.title, left: 0, top: 0, textStyle: { fontSize: 13, fontWeight: 'normal' } } : undefined,
    grid: { left: 64, right: 72, top: spec.title ? 32 : 12, bottom: 28 },
    tooltip: {
      trigger: 'item',
      formatter: (p) => cellTooltip(spec, columns, p && p.value),
    },
    xAxis: {
      type: 'category',
      data: columns.map((c) => c[0]),
      axisLabel: { formatter: (v) => formatTime(Number(v)), hideOverlap: true },
      splitArea: { show: false },
    },
    yAxis: {
      type: 'category',
      data: buckets,
      name: spec.axisName || '',
      axisLabel: { interval: (i) => labelled.has(i) },
      axisTick: { interval: (i) => labelled.has(i) },
      splitArea: { show: false },
    },
    visualMap: {
      type: 'continuous',
      dimension: 3,
      min: 0,
      max: Math.max(scaled(maxCount, spec.scale), scaled(1, spec.scale)),
      calculable: false,
      orient: 'vertical',
      right: 0,
      top: 'middle',
      itemHeight: 120,
      text: [String(maxCount), '1'],
      formatter: (v) => String(Math.round(unscaled(v, spec.scale))),
      inRange: { color: ['#c6dbef', '#6baed6', '#2171b5', '#fd8d3c', '#d7301f'] },
    },
    series: [
      {
        name: spec.name || 'heatmap',
        type: 'heatmap',
        data: cells,
        encode: { x: 0, y: 1, tooltip: 2 },
        progressive: 0,
        emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } },
      },
    ],
  };
}

/**
 * Adds what the element provides on top of a line/bar option from Java: transparent background (so that Lumo's
 * colours show), the unit-aware axis tooltip and y labels, and series emphasis for highlighting.
 */
export function decorate(option, unit, focus) {
  const o = { ...option };
  if (o.backgroundColor === undefined) {
    o.backgroundColor = 'transparent';
  }
  if (unit && o.tooltip && o.tooltip.trigger === 'axis' && !o.tooltip.formatter) {
    o.tooltip = { ...o.tooltip, formatter: (p) => axisTooltip(p, unit) };
  }
  if (unit && o.yAxis && !Array.isArray(o.yAxis) && !(o.yAxis.axisLabel && o.yAxis.axisLabel.formatter)) {
    o.yAxis = { ...o.yAxis, axisLabel: { ...(o.yAxis.axisLabel || {}), formatter: (v) => formatValue(v, unit) } };
  }
  if (focus && Array.isArray(o.series)) {
    o.series = o.series.map((s) =>
      s && s.type === 'line'
        ? { ...s, triggerLineEvent: true, emphasis: { focus: 'series', ...(s.emphasis || {}) } }
        : s,
    );
  }
  return o;
}
