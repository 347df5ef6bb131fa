'use strict';
/* The sweeps page: one row per sweep the operator watches, refreshed every 3 seconds. */
(() => {
  const body = document.querySelector('#sweeps tbody');

  function progress(s) {
    const td = HS.el('td');
    const bar = HS.el('span', null, 'bar');
    const fill = HS.el('span');
    fill.style.width = (s.total > 0 ? Math.min(100, (100 * s.done) / s.total) : 0) + '%';
    bar.append(fill);
    td.append(bar, s.done + '/' + s.total);
    if (s.running > 0) {
      td.append(HS.el('span', ' (' + s.running + ' running)', 'muted'));
    }
    return td;
  }

  function row(s, now) {
    const tr = HS.el('tr');
    tr.dataset.namespace = s.namespace;
    tr.dataset.name = s.name;
    tr.append(HS.el('td', s.namespace));
    const name = HS.el('td');
    const link = HS.el('a', s.name);
    link.href = HS.sweepHref(s.namespace, s.name);
    name.append(link);
    tr.append(name);
    const phase = HS.el('td');
    phase.append(HS.badge(s.phase));
    if (s.reason) {
      phase.append(' ', HS.el('span', s.reason, 'muted'));
    }
    tr.append(phase);
    tr.append(progress(s));
    const best = HS.el('td');
    if (s.bestValue !== undefined && s.bestValue !== null) {
      best.append(s.metric + ' = ' + HS.formatNumber(s.bestValue) + ' ');
      best.append(HS.el('span', '(trial ' + s.bestTrial + ')', 'muted'));
    } else {
      best.append(HS.el('span', '–', 'muted'));
    }
    tr.append(best);
    tr.append(HS.el('td', HS.age(s.created, now)));
    return tr;
  }

  async function refresh() {
    const data = await HS.getJson('api/sweeps');
    HS.clear(body);
    if (data.sweeps.length === 0) {
      const tr = HS.el('tr');
      const td = HS.el('td', 'No sweeps yet: kubectl apply a HyperparameterSweep.', 'muted');
      td.colSpan = 6;
      tr.append(td);
      body.append(tr);
    }
    for (const s of data.sweeps) {
      body.append(row(s, data.serverTime));
    }
    document.getElementById('updated').textContent =
      data.sweeps.length + ' sweep(s), updated ' + new Date().toLocaleTimeString();
    document.body.dataset.loaded = 'true';
  }

  HS.poll(refresh, 3000);
})();
