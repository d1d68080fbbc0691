import * as echarts from 'echarts';
import { appendColumns, appendPoints, decorate, heatmapOption, parse } from './zd-echart-model.js';

/**
 * <zd-echart>: a thin custom element over Apache ECharts, driven from Java (io.zonedeck.base.ui.component.EChart).
 * - setOption(json, notMerge): a full line/bar option; append(json): {window: ms, points: [[[t, v], ...] per series]}
 *   appends points per series and drops those older than the window (the server sends only new points)
 * - setHeatmap(json): {buckets, ranges, labelled, countUnit, scale, title, name}; appendHeatmap(json):
 *   {window, columns: [[t, [count per bucket]], ...]}
 * - highlight(seriesName) / downplay(); fires zd-series-hover {series|null} and zd-series-click {series} when the
 *   attribute series-events is set
 * - resize-aware; follows Lumo's theme="dark" on <html> live (re-created with the other theme, data kept)
 * - test hooks: data-updates, data-points (line points), data-heat-cells (non-zero heatmap cells), data-theme,
 *   data-highlight, data-error (the last input that was refused)
 * Malformed input never throws into the page: it is dropped and noted in data-error.
 */
class ZdEChart extends HTMLElement {
  constructor() {
    super();
    this._mode = 'line';
    this._option = null;
    this._data = [];
    this._heat = null;
    this._columns = [];
    this._updates = 0;
    this._highlighted = null;
    this._hovered = null;
  }

  connectedCallback() {
    if (!this.style.display) {
      this.style.display = 'block';
    }
    this._init();
    this._resizeObserver = new ResizeObserver(() => this._chart && this._chart.resize());
    this._resizeObserver.observe(this);
    this._themeObserver = new MutationObserver(() => {
      if (this._chart && this._dark() !== this._chartDark) {
        this._init();
      }
    });
    this._themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['theme'] });
  }

  disconnectedCallback() {
    if (this._resizeObserver) {
      this._resizeObserver.disconnect();
    }
    if (this._themeObserver) {
      this._themeObserver.disconnect();
    }
    this._dispose();
  }

  _dark() {
    return (document.documentElement.getAttribute('theme') || '').split(/\s+/).includes('dark');
  }

  _dispose() {
    if (this._chart) {
      this._chart.dispose();
      this._chart = null;
    }
  }

  /** (Re)creates the chart with the page's current theme and draws the data held so far. */
  _init() {
    this._dispose();
    this._chartDark = this._dark();
    this.setAttribute('data-theme', this._chartDark ? 'dark' : 'light');
    this._chart = echarts.init(this, this._chartDark ? 'dark' : null, { renderer: 'canvas' });
    this._chart.on('mouseover', (p) => p && p.seriesName && this._hover(p.seriesName));
    this._chart.on('mouseout', () => this._hover(null));
    this._chart.on('globalout', () => this._hover(null));
    this._chart.on('click', (p) => p && p.seriesName && this._fire('zd-series-click', p.seriesName));
    this._render(true);
    if (this._highlighted) {
      this._dispatchHighlight();
    }
  }

  _hover(name) {
    if (name !== this._hovered) {
      this._hovered = name;
      this._fire('zd-series-hover', name);
    }
  }

  _fire(type, series) {
    if (this.hasAttribute('series-events')) {
      this.dispatchEvent(new CustomEvent(type, { detail: { series } }));
    }
  }

  /** Sets the chart's option from what is held; never lets ECharts' exceptions out. */
  _render(full) {
    if (!this._chart) {
      return;
    }
    try {
      if (this._mode === 'heatmap') {
        this._chart.setOption(heatmapOption(this._heat || {}, this._columns), true);
      } else if (this._option) {
        const option = { ...this._option };
        option.series = (option.series || []).map((s, i) => ({ ...s, data: this._data[i] || [] }));
        const focus = this.hasAttribute('series-focus');
        const decorated = decorate(option, this.getAttribute('unit'), focus);
        if (full || focus !== this._focusApplied) {
          this._focusApplied = focus;
          this._chart.setOption(decorated, true);
        } else {
          this._chart.setOption({ series: decorated.series.map((s) => ({ data: s.data })) });
        }
      }
    } catch (e) {
      this._refused(e);
    }
  }

  _refused(e) {
    this.setAttribute('data-error', String((e && e.message) || e).slice(0, 200));
    console.warn('zd-echart: input refused', e);
  }

  setOption(json, notMerge) {
    const option = parse(json, null);
    if (!option) {
      this._refused('option is not a JSON object');
      return;
    }
    this._mode = 'line';
    this._option = notMerge || !this._option ? option : { ...this._option, ...option };
    this._data = (Array.isArray(this._option.series) ? this._option.series : []).map((s) =>
      s && Array.isArray(s.data) ? s.data.slice() : [],
    );
    this._render(true);
    this._touch();
  }

  append(json) {
    const update = parse(json, null);
    if (!update) {
      this._refused('append: not a JSON object');
      return;
    }
    this._data = appendPoints(this._data, update.points, update.window);
    this._render(false);
    this._touch();
  }

  setHeatmap(json) {
    const spec = parse(json, null);
    if (!spec || !Array.isArray(spec.buckets)) {
      this._refused('heatmap: buckets missing');
      return;
    }
    this._mode = 'heatmap';
    this._heat = spec;
    this._columns = [];
    this._render(true);
    this._touch();
  }

  appendHeatmap(json) {
    const update = parse(json, null);
    if (!update || this._mode !== 'heatmap') {
      this._refused('appendHeatmap: not a heatmap or not a JSON object');
      return;
    }
    this._columns = appendColumns(this._columns, update.columns, update.window);
    this._render(true);
    this._touch();
  }

  highlight(seriesName) {
    if (this._mode === 'line' && this.hasAttribute('series-focus') !== !!this._focusApplied) {
      this._render(true);
    }
    if (this._highlighted && this._chart) {
      this._chart.dispatchAction({ type: 'downplay' });
    }
    this._highlighted = seriesName || null;
    this.setAttribute('data-highlight', this._highlighted || '');
    this._dispatchHighlight();
  }

  downplay() {
    this._highlighted = null;
    this.setAttribute('data-highlight', '');
    if (this._chart) {
      this._chart.dispatchAction({ type: 'downplay' });
    }
  }

  _dispatchHighlight() {
    if (this._chart && this._highlighted) {
      this._chart.dispatchAction({ type: 'highlight', seriesName: this._highlighted });
    }
  }

  _touch() {
    this._updates++;
    this.setAttribute('data-updates', String(this._updates));
    this.setAttribute('data-points', String(this._data.reduce((n, d) => n + d.length, 0)));
    let cells = 0;
    this._columns.forEach((c) => c[1].forEach((n) => (cells += n > 0 ? 1 : 0)));
    this.setAttribute('data-heat-cells', String(cells));
  }
}

if (!customElements.get('zd-echart')) {
  customElements.define('zd-echart', ZdEChart);
}
