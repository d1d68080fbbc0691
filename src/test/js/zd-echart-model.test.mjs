// Plain-Node checks of <zd-echart>'s model (frontend/components/zd-echart-model.js), and a heatmap rendered by
// ECharts' server-side SVG renderer from the option the element would set.
// Run: ECHARTS=/path/to/node_modules/echarts node --test src/test/js/
// (without ECHARTS, or if it cannot be loaded, the rendering test is skipped)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as m from '../../../frontend/components/zd-echart-model.js';

const BUCKETS = ['< 1 µs', '1 µs', '2 µs', '3 µs', '10 µs', '20 µs'];
const RANGES = ['< 1 µs', '1–2 µs', '2–3 µs', '3–4 µs', '10–20 µs', '20–30 µs'];
const spec = { buckets: BUCKETS, ranges: RANGES, countUnit: 'ops', scale: 'log', labelled: [0, 1, 4] };
const t0 = Date.UTC(2026, 10, 25, 12, 3, 5);

test('malformed input is dropped, never thrown', () => {
  assert.equal(m.parse('{oops', null), null);
  assert.equal(m.parse('42', null), null);
  assert.equal(m.parse(undefined, 'x'), 'x');
  assert.deepEqual(m.appendPoints(null, 'nope', 'x'), []);
  assert.deepEqual(m.appendPoints([[]], [[[t0, 1], ['bad', 2], null, [t0 + 1000, null]]], 60000), [
    [
      [t0, 1],
      [t0 + 1000, null],
    ],
  ]);
  assert.deepEqual(m.appendColumns([], [null, [t0, 'x'], ['t', [1]], [t0, [1, -2, 'a', NaN, 3]]], 1000), [
    [t0, [1, 0, 0, 0, 3]],
  ]);
  assert.doesNotThrow(() => m.heatmapOption({}, []));
  assert.doesNotThrow(() => m.cellTooltip(spec, [], null));
});

test('line points slide with the window', () => {
  let d = m.appendPoints([], [[[t0, 1]], [[t0, 5]]], 2000);
  d = m.appendPoints(d, [[[t0 + 1000, 2], [t0 + 3000, 3]], [[t0 + 3000, 6]]], 2000);
  assert.deepEqual(d, [
    [
      [t0 + 1000, 2],
      [t0 + 3000, 3],
    ],
    [[t0 + 3000, 6]],
  ]);
});

test('heatmap columns are merged by time, sorted and windowed; only non-empty cells are drawn', () => {
  let cols = m.appendColumns([], [[t0 + 1000, [0, 4, 0, 0, 0, 0]], [t0, [0, 0, 0, 0, 42, 1]]], 60000);
  cols = m.appendColumns(cols, [[t0 + 1000, [0, 5, 0, 0, 0, 0]]], 60000); // same second again: replaced
  assert.deepEqual(
    cols.map((c) => c[0]),
    [t0, t0 + 1000],
  );
  const cells = m.heatCells(cols, BUCKETS.length, 'log');
  assert.deepEqual(
    cells.map((c) => c.slice(0, 3)),
    [
      [0, 4, 42],
      [0, 5, 1],
      [1, 1, 5],
    ],
  );
  assert.ok(cells[0][3] > cells[1][3] && cells[1][3] > 0, 'log scale keeps order and shows a count of 1');
  assert.equal(m.appendColumns(cols, [[t0 + 120000, [1]]], 60000).length, 1);
});

test('tooltips and units', () => {
  const cols = [[t0, [0, 0, 0, 0, 42, 0]]];
  const time = m.formatTime(t0);
  assert.equal(m.cellTooltip(spec, cols, [0, 4, 42, 1.6]), `10–20 µs: 42 ops at ${time}`);
  assert.equal(m.formatValue(1536, 'B/s'), '1.5 KiB/s');
  assert.equal(m.formatValue(12500, 'µs'), '12.5 ms');
  assert.equal(m.formatValue(42.25, '%'), '42.3 %');
  assert.equal(m.formatValue(null, '%'), '–');
  const tip = m.axisTooltip([{ seriesName: 'web-<1>', value: [t0, 50], marker: '' }], '%');
  assert.equal(tip, `${time}<br>web-&lt;1&gt;: <b>50 %</b>`);
});

test('highlighting focuses line series only when asked', () => {
  const o = { tooltip: { trigger: 'axis' }, yAxis: { type: 'value' }, series: [{ type: 'line', name: 'a' }, { type: 'bar' }] };
  assert.equal(m.decorate(o, null, false).series[0].emphasis, undefined);
  const d = m.decorate(o, '%', true);
  assert.equal(d.series[0].emphasis.focus, 'series');
  assert.equal(d.series[0].triggerLineEvent, true);
  assert.equal(d.series[1].emphasis, undefined);
  assert.equal(typeof d.tooltip.formatter, 'function');
  assert.equal(d.yAxis.axisLabel.formatter(5), '5 %');
});

test('ECharts draws one rectangle per non-empty cell, none for empty buckets', async (t) => {
  let echarts;
  try {
    echarts = createRequire(import.meta.url)(process.env.ECHARTS || 'echarts');
  } catch (e) {
    t.skip('echarts not installed: set ECHARTS=/path/to/node_modules/echarts');
    return;
  }
  const cols = m.appendColumns(
    [],
    [
      [t0, [0, 3, 0, 0, 42, 1]],
      [t0 + 1000, [0, 0, 0, 0, 0, 0]],
      [t0 + 2000, [2, 0, 0, 0, 0, 9000]],
    ],
    600000,
  );
  for (const theme of [null, 'dark']) {
    const chart = echarts.init(null, theme, { renderer: 'svg', ssr: true, width: 600, height: 300 });
    chart.setOption(m.heatmapOption(spec, cols));
    const svg = chart.renderToSVGString();
    chart.dispose();
    // the heatmap series' cells carry their series and data index; each has a colour
    const cells = svg.match(/<path [^>]*fill="rgb[^"]*" ecmeta_series_index="0" ecmeta_data_index="\d+"/g) || [];
    if (process.env.SVG_OUT) {
      (await import('node:fs')).writeFileSync(`${process.env.SVG_OUT}/heatmap-${theme || 'light'}.svg`, svg);
    }
    assert.ok(svg.includes('<svg'), 'an SVG was rendered');
    assert.equal(cells.length, 5, 'the 5 non-empty cells are drawn, the 13 empty ones are not');
    assert.ok(svg.includes('12:03') || svg.includes(m.formatTime(t0).slice(0, 5)), 'time labels on x');
    assert.ok(svg.includes('10 µs'), 'bucket labels on y');
    assert.ok(!svg.includes('>2 µs<'), 'only the labelled buckets get a label');
  }
});
