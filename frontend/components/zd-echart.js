import * as echarts from 'echarts';

/**
 * <zd-echart>: a thin custom element over Apache ECharts, driven from Java (io.zonedeck.base.ui.component.EChart).
 * - setOption(json, notMerge): full option
 * - append(json): {window: ms, points: [[[t, v], ...] per series]} appends points per series and drops those
 *   older than the window (so the server sends only new points)
 * - resize-aware; follows the Lumo light/dark theme; counts updates in data-updates for tests.
 */
class ZdEChart extends HTMLElement {
  constructor() {
    super();
    this._option = null;
    this._data = [];
    this._updates = 0;
  }

  connectedCallback() {
    if (!this.style.display) {
      this.style.display = 'block';
    }
    const dark = (document.documentElement.getAttribute('theme') || '').includes('dark');
    this._chart = echarts.init(this, dark ? 'dark' : null, { renderer: 'canvas' });
    this._resizeObserver = new ResizeObserver(() => this._chart && this._chart.resize());
    this._resizeObserver.observe(this);
    if (this._option) {
      this._chart.setOption(this._option, true);
    }
  }

  disconnectedCallback() {
    if (this._resizeObserver) {
      this._resizeObserver.disconnect();
    }
    if (this._chart) {
      this._chart.dispose();
      this._chart = null;
    }
  }

  setOption(json, notMerge) {
    const option = JSON.parse(json);
    this._option = option;
    this._data = (option.series || []).map((s) => (Array.isArray(s.data) ? s.data.slice() : []));
    if (this._chart) {
      this._chart.setOption(option, !!notMerge);
    }
    this._touch();
  }

  append(json) {
    const update = JSON.parse(json);
    const points = update.points || [];
    let latest = -Infinity;
    points.forEach((list, i) => {
      if (!this._data[i]) {
        this._data[i] = [];
      }
      this._data[i].push(...list);
      list.forEach((p) => (latest = Math.max(latest, p[0])));
    });
    if (update.window && latest > -Infinity) {
      const cutoff = latest - update.window;
      this._data = this._data.map((d) => d.filter((p) => p[0] >= cutoff));
    }
    const series = this._data.map((d) => ({ data: d }));
    if (this._option) {
      this._option.series = (this._option.series || []).map((s, i) => ({ ...s, data: this._data[i] || [] }));
    }
    if (this._chart) {
      this._chart.setOption({ series });
    }
    this._touch();
  }

  _touch() {
    this._updates++;
    this.setAttribute('data-updates', String(this._updates));
    this.setAttribute('data-points', String(this._data.reduce((n, d) => n + d.length, 0)));
  }
}

customElements.define('zd-echart', ZdEChart);
