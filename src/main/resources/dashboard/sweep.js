'use strict';
/*
 * The sweep page: summary, best-so-far chart, learning curves, parallel coordinates, the sortable
 * trial table, conditions, the operator's own events and the spec. Refreshed every 3 seconds;
 * charts and the table are redrawn only when the trials changed.
 */
(() => {
  const query = new URLSearchParams(window.location.search);
  const namespace = query.get('namespace') || '';
  const name = query.get('name') || '';
  const url = 'api/namespaces/' + encodeURIComponent(namespace) + '/sweeps/' + encodeURIComponent(name);
  const esc = HS.escapeHtml;
  const charts = {};
  let trialsKey = null;
  let sort = { key: 'number', dir: 1 };
  let current = null;

  document.getElementById('title').textContent = namespace + '/' + name;
  document.title = 'hypersweep: ' + name;

  function chart(id) {
    if (!charts[id]) {
      charts[id] = echarts.init(document.getElementById(id));
      window.addEventListener('resize', () => charts[id].resize());
    }
    return charts[id];
  }

  function finished(d) {
    return d.trials.filter((t) => HS.FINISHED.includes(t.state));
  }

  function lastCurveValue(t) {
    return t.curve.length > 0 ? t.curve[t.curve.length - 1][1] : null;
  }

  /** A trial's value in the charts: its objective, else where its curve ended, else none. */
  function valueOf(t) {
    if (typeof t.objective === 'number') {
      return t.objective;
    }
    return lastCurveValue(t);
  }

  /** Trials without a value are drawn at the worst value shown, so they are seen, not hidden. */
  function worstValue(d, values) {
    if (values.length === 0) {
      return 0;
    }
    return d.goal === 'minimize' ? Math.max(...values) : Math.min(...values);
  }

  function tooltipLines(lines) {
    return lines.map(esc).join('<br>');
  }

  function trialTooltip(d, t) {
    const lines = ['trial ' + t.number + ' · ' + t.state];
    lines.push(d.metric + ' = ' + (typeof t.objective === 'number' ? HS.formatNumber(t.objective) : 'no value'));
    if (t.objective == null && lastCurveValue(t) !== null) {
      lines.push('last intermediate value ' + HS.formatNumber(lastCurveValue(t)));
    }
    for (const [k, v] of Object.entries(t.parameters)) {
      lines.push(k + ' = ' + v);
    }
    if (t.reason && t.reason !== 'Completed') {
      lines.push(t.reason);
    }
    return tooltipLines(lines);
  }

  function byNumber(d) {
    const map = new Map();
    d.trials.forEach((t) => map.set(t.number, t));
    return map;
  }

  function bestOption(d) {
    const done = finished(d);
    const values = done.map(valueOf).filter((v) => v !== null);
    const worst = worstValue(d, values);
    const maximize = d.goal !== 'minimize';
    const line = [];
    let best = null;
    for (const t of done) {
      if (t.state === 'Succeeded' && typeof t.objective === 'number') {
        if (best === null || (maximize ? t.objective > best : t.objective < best)) {
          best = t.objective;
        }
      }
      if (best !== null) {
        line.push([t.number, best]);
      }
    }
    const series = [{
      id: 'best', name: 'best so far', type: 'line', step: 'end', data: line, symbol: 'none',
      lineStyle: { color: '#102a43', width: 2 }, itemStyle: { color: '#102a43' }, z: 1,
      tooltip: { show: false },
    }];
    for (const state of HS.FINISHED) {
      const data = done.filter((t) => t.state === state).map((t) => {
        const v = valueOf(t);
        return { value: [t.number, v === null ? worst : v], trial: t.number, symbol: v === null ? 'triangle' : 'circle' };
      });
      series.push({
        id: 'state-' + state, name: state, type: 'scatter', data: data, symbolSize: 9,
        itemStyle: { color: HS.STATE_COLORS[state] }, z: 2,
      });
    }
    const trials = byNumber(d);
    return {
      animation: false,
      grid: { left: 60, right: 20, top: 40, bottom: 40 },
      legend: { top: 0 },
      tooltip: { trigger: 'item', formatter: (p) => (p.data && p.data.trial ? trialTooltip(d, trials.get(p.data.trial)) : '') },
      xAxis: { type: 'value', name: 'trial', nameLocation: 'middle', nameGap: 25, minInterval: 1 },
      yAxis: { type: 'value', name: d.metric, scale: true },
      series: series,
    };
  }

  function curvesOption(d) {
    const withCurves = d.trials.filter((t) => t.curve.length > 0);
    const series = withCurves.map((t) => ({
      id: 'curve-' + t.number, name: 'trial ' + t.number, type: 'line', data: t.curve,
      showSymbol: false, trial: t.number,
      lineStyle: { color: HS.STATE_COLORS[t.state] || '#90a4ae', width: 1.5, opacity: 0.8 },
      itemStyle: { color: HS.STATE_COLORS[t.state] || '#90a4ae' },
      emphasis: { focus: 'series' },
    }));
    const stops = withCurves
      .filter((t) => t.state === 'EarlyStopped')
      .map((t) => {
        const at = typeof t.stoppedAtStep === 'number' ? t.stoppedAtStep : t.curve[t.curve.length - 1][0];
        const upTo = t.curve.filter((p) => p[0] <= at);
        const point = upTo.length > 0 ? upTo[upTo.length - 1] : t.curve[t.curve.length - 1];
        return { value: [at, point[1]], trial: t.number };
      });
    series.push({
      id: 'stopped-at', name: 'stopped here', type: 'scatter', data: stops, symbol: 'diamond',
      symbolSize: 11, itemStyle: { color: HS.STATE_COLORS.EarlyStopped, borderColor: '#000', borderWidth: 1 }, z: 5,
    });
    const trials = byNumber(d);
    return {
      animation: false,
      grid: { left: 60, right: 20, top: 30, bottom: 40 },
      title: withCurves.length === 0
        ? { text: 'No intermediate values recorded', left: 'center', top: 'middle', textStyle: { color: '#66788a', fontSize: 13 } }
        : undefined,
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const t = trials.get(p.data && p.data.trial ? p.data.trial : Number(String(p.seriesId).slice(6)));
          if (!t) {
            return '';
          }
          const step = Array.isArray(p.value) ? p.value : p.data.value;
          const head = p.seriesId === 'stopped-at' ? 'stopped at step ' + step[0] : 'step ' + step[0];
          return tooltipLines(['trial ' + t.number + ' · ' + t.state, head, d.metric + ' = ' + HS.formatNumber(step[1])]);
        },
      },
      xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 25 },
      yAxis: { type: 'value', name: d.metric, scale: true },
      series: series,
    };
  }

  function numeric(values) {
    return values.length > 0 && values.every((v) => v !== '' && Number.isFinite(Number(v)));
  }

  /**
   * Explicit axis bounds: ECharts sizes a parallel axis from one series only, and here each state
   * is its own series.
   */
  function extent(numbers, log) {
    if (numbers.length === 0) {
      return {};
    }
    const lo = Math.min(...numbers);
    const hi = Math.max(...numbers);
    if (log) {
      return { min: Math.pow(10, Math.floor(Math.log10(lo))), max: Math.pow(10, Math.ceil(Math.log10(hi))) };
    }
    const pad = hi > lo ? (hi - lo) * 0.05 : Math.abs(lo) * 0.05 || 1;
    const round = (v) => Number(v.toPrecision(3));
    return { min: round(lo - pad), max: round(hi + pad) };
  }

  function parallelOption(d) {
    const done = finished(d);
    const axes = d.parameters.map((p, i) => {
      const seen = [...new Set(done.map((t) => t.parameters[p.name]).filter((v) => v !== undefined))];
      if (p.axis === 'category' || !numeric(seen)) {
        const sorted = numeric(seen) ? seen.sort((a, b) => Number(a) - Number(b)) : seen.sort();
        return { dim: i, name: p.name, type: 'category', data: sorted };
      }
      const numbers = seen.map(Number);
      const log = p.axis === 'log' && numbers.every((v) => v > 0);
      return Object.assign({ dim: i, name: p.name, type: log ? 'log' : 'value' }, extent(numbers, log));
    });
    const values = done.map(valueOf).filter((v) => v !== null);
    const worst = worstValue(d, values);
    axes.push(Object.assign({ dim: axes.length, name: d.metric, type: 'value', nameTextStyle: { fontWeight: 'bold' } },
      extent(values.concat([worst]), false)));
    const series = HS.FINISHED.map((state) => ({
      id: 'parallel-' + state, name: state, type: 'parallel',
      lineStyle: { color: HS.STATE_COLORS[state], width: 1.5, opacity: 0.7 },
      emphasis: { lineStyle: { width: 3, opacity: 1 } },
      data: done.filter((t) => t.state === state).map((t) => {
        const row = d.parameters.map((p, i) => {
          const v = t.parameters[p.name];
          return axes[i].type === 'category' ? (v === undefined ? '' : v) : Number(v);
        });
        const v = valueOf(t);
        row.push(v === null ? worst : v);
        return { value: row, trial: t.number };
      }),
    }));
    const trials = byNumber(d);
    return {
      animation: false,
      legend: { top: 0 },
      parallel: { left: 70, right: 90, top: 60, bottom: 30 },
      parallelAxis: axes,
      tooltip: { trigger: 'item', formatter: (p) => (p.data && p.data.trial ? trialTooltip(d, trials.get(p.data.trial)) : '') },
      series: series,
    };
  }

  function columns(d) {
    const metricNames = [...new Set(d.trials.flatMap((t) => Object.keys(t.metrics)))]
      .filter((m) => m !== d.metric).sort();
    return [
      { key: 'number', label: '#', get: (t) => t.number, num: true },
      ...d.parameters.map((p) => ({ key: 'p:' + p.name, label: p.name, get: (t) => t.parameters[p.name], param: true })),
      { key: 'state', label: 'state', get: (t) => t.state, badge: true },
      { key: 'objective', label: d.metric, get: (t) => t.objective, num: true },
      ...metricNames.map((m) => ({ key: 'm:' + m, label: m, get: (t) => t.metrics[m], num: true })),
      { key: 'duration', label: 'duration', get: (t) => t.durationSeconds, num: true, seconds: true },
      { key: 'reason', label: 'reason', get: (t) => t.reason },
      { key: 'message', label: 'message', get: (t) => t.message, wrap: true },
    ];
  }

  function compare(a, b) {
    const missingA = a === undefined || a === null || a === '';
    const missingB = b === undefined || b === null || b === '';
    if (missingA || missingB) {
      return missingA === missingB ? 0 : missingA ? 1 : -1;
    }
    const na = typeof a === 'number' ? a : Number(a);
    const nb = typeof b === 'number' ? b : Number(b);
    if (Number.isFinite(na) && Number.isFinite(nb)) {
      return na - nb;
    }
    return String(a).localeCompare(String(b));
  }

  function renderTable(d) {
    const table = document.getElementById('trials');
    const cols = columns(d);
    if (!cols.some((c) => c.key === sort.key)) {
      sort = { key: 'number', dir: 1 };
    }
    const head = table.tHead;
    HS.clear(head);
    const hr = HS.el('tr');
    for (const c of cols) {
      const th = HS.el('th');
      th.dataset.key = c.key;
      const button = HS.el('button', c.label);
      button.type = 'button';
      button.addEventListener('click', () => {
        sort = sort.key === c.key ? { key: c.key, dir: -sort.dir } : { key: c.key, dir: 1 };
        renderTable(current);
      });
      th.append(button);
      if (sort.key === c.key) {
        th.setAttribute('aria-sort', sort.dir > 0 ? 'ascending' : 'descending');
      }
      hr.append(th);
    }
    head.append(hr);
    const col = cols.find((c) => c.key === sort.key);
    // Missing values stay last in both directions; ties keep trial order.
    const rows = [...d.trials].sort((a, b) => {
      const va = col.get(a);
      const vb = col.get(b);
      const missing = (v) => v === undefined || v === null || v === '';
      if (missing(va) || missing(vb)) {
        return compare(va, vb) || a.number - b.number;
      }
      return sort.dir * compare(va, vb) || a.number - b.number;
    });
    const body = table.tBodies[0];
    HS.clear(body);
    for (const t of rows) {
      const tr = HS.el('tr');
      tr.dataset.trial = t.number;
      if (d.bestTrial === t.number) {
        tr.className = 'best';
      }
      for (const c of cols) {
        const v = c.get(t);
        const td = HS.el('td');
        td.dataset.key = c.key;
        if (c.badge) {
          td.append(HS.badge(v));
        } else if (c.seconds) {
          td.textContent = HS.formatSeconds(v);
        } else if (c.num) {
          td.textContent = HS.formatNumber(v);
        } else {
          td.textContent = v === undefined || v === null ? '' : String(v);
        }
        if (c.num) {
          td.classList.add('num');
        }
        if (c.wrap) {
          td.classList.add('wrap');
        }
        tr.append(td);
      }
      body.append(tr);
    }
  }

  function item(label, value) {
    const div = HS.el('div');
    div.append(HS.el('span', label, 'label'));
    if (value instanceof Node) {
      div.append(value);
    } else {
      div.append(value === undefined || value === null || value === '' ? '–' : String(value));
    }
    return div;
  }

  function renderSummary(d) {
    const box = document.getElementById('summary');
    HS.clear(box);
    const phase = HS.el('span');
    phase.append(HS.badge(d.phase));
    if (d.reason) {
      phase.append(' ' + d.reason);
    }
    box.append(item('phase', phase));
    box.append(item('progress', d.done + '/' + d.total + (d.running > 0 ? ' (' + d.running + ' running)' : '')));
    box.append(item('best ' + d.metric + ' (' + d.goal + ')',
      d.bestValue !== undefined && d.bestValue !== null ? HS.formatNumber(d.bestValue) + ' (trial ' + d.bestTrial + ')' : null));
    const c = d.counts;
    box.append(item('trials', c.Succeeded + ' succeeded, ' + c.Failed + ' failed, ' + c.EarlyStopped + ' early-stopped'
      + (c.Stopped ? ', ' + c.Stopped + ' stopped' : '')));
    if (d.archivedTrials) {
      box.append(item('archived', d.archivedTrials + ' older finished trials are archived in ConfigMaps ('
        + d.archive.join(', ') + ') and not shown below'));
    }
    box.append(item('algorithm', d.algorithm || 'random'));
    box.append(item('early termination', d.earlyTermination || 'none'));
    box.append(item('age', HS.age(d.created, d.serverTime)));
    box.append(item('trial time', HS.formatSeconds(d.trialSeconds)
      + (d.trialSecondsSaved ? ' (saved ' + HS.formatSeconds(d.trialSecondsSaved) + ')' : '')));
    if (d.message) {
      const m = item('message', d.message);
      m.className = 'message';
      box.append(m);
    }
  }

  function renderRows(tableId, rows, cells) {
    const body = document.querySelector('#' + tableId + ' tbody');
    HS.clear(body);
    for (const r of rows) {
      const tr = HS.el('tr');
      cells(r).forEach((text, i, all) => tr.append(HS.el('td', text, i === all.length - 1 ? 'wrap' : null)));
      body.append(tr);
    }
  }

  function render(d) {
    current = d;
    renderSummary(d);
    // The last column (the message) wraps, so it goes last.
    renderRows('conditions', d.conditions, (c) => [c.type, c.status, c.reason || '', (c.lastTransitionTime ? HS.age(c.lastTransitionTime, d.serverTime) + ' ago' : ''), c.message || '']);
    document.getElementById('events-note').textContent =
      'This operator\'s own events for this sweep since it started at ' + HS.clock(d.eventsSince)
      + ' (the last 100); kubectl get events shows what the API server kept.';
    renderRows('events', [...d.events].reverse(), (e) => [HS.clock(e.time), e.type, e.reason, e.message || '']);
    document.getElementById('spec').textContent = d.specYaml;
    const key = JSON.stringify([d.trials, d.bestTrial]);
    if (key !== trialsKey) {
      trialsKey = key;
      chart('best-chart').setOption(bestOption(d), { notMerge: true });
      chart('curves-chart').setOption(curvesOption(d), { notMerge: true });
      chart('parallel-chart').setOption(parallelOption(d), { notMerge: true });
      renderTable(d);
    }
    document.body.dataset.loaded = 'true';
    document.body.dataset.phase = d.phase;
  }

  HS.poll(async () => render(await HS.getJson(url)), 3000);
})();
