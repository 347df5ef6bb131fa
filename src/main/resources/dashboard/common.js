'use strict';
/*
 * Shared helpers of the dashboard pages. Everything that comes from a sweep (names, parameter
 * values, messages, metric names) is put into the page as text (textContent, text nodes), never
 * as markup; ECharts tooltips get it through escapeHtml.
 */
const HS = (() => {
  const STATE_COLORS = {
    Succeeded: '#2e7d32',
    Failed: '#c62828',
    EarlyStopped: '#ef6c00',
    Stopped: '#757575',
    Running: '#1565c0',
    Pending: '#90a4ae',
  };
  const FINISHED = ['Succeeded', 'Failed', 'EarlyStopped', 'Stopped'];
  const FINAL_PHASES = ['Succeeded', 'Failed', 'Invalid'];

  /** A new element whose text (if any) is set as text. */
  function el(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    if (className) {
      e.className = className;
    }
    return e;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  /** For the only places that take HTML: ECharts tooltip formatters. */
  function escapeHtml(value) {
    return String(value).replace(/[&<>"'`]/g, (c) => ({
      '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;',
    })[c]);
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(body.message || ('HTTP ' + response.status));
    }
    return body;
  }

  function formatNumber(v) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      return '';
    }
    if (Number.isInteger(v)) {
      return String(v);
    }
    const a = Math.abs(v);
    return a !== 0 && (a < 1e-4 || a >= 1e7) ? v.toExponential(4) : String(Number(v.toPrecision(6)));
  }

  function formatSeconds(s) {
    if (typeof s !== 'number' || !Number.isFinite(s)) {
      return '';
    }
    if (s < 60) {
      return (s < 10 ? s.toFixed(1) : Math.round(s)) + 's';
    }
    if (s < 3600) {
      return Math.floor(s / 60) + 'm' + String(Math.round(s % 60)).padStart(2, '0') + 's';
    }
    if (s < 86400) {
      return Math.floor(s / 3600) + 'h' + String(Math.floor((s % 3600) / 60)).padStart(2, '0') + 'm';
    }
    return Math.floor(s / 86400) + 'd' + Math.floor((s % 86400) / 3600) + 'h';
  }

  /** Age from the server's own clock, so a skewed browser clock does not matter. */
  function age(fromIso, serverNowIso) {
    const from = Date.parse(fromIso);
    const now = Date.parse(serverNowIso);
    if (Number.isNaN(from) || Number.isNaN(now)) {
      return '';
    }
    const s = Math.max(0, (now - from) / 1000);
    return s < 60 ? Math.round(s) + 's' : formatSeconds(s).replace(/(\d+[dhm])\d+[hms]$/, '$1');
  }

  /** A time as the browser's local date and time, to the second. */
  function clock(iso) {
    const t = Date.parse(iso);
    return Number.isNaN(t) ? String(iso || '') : new Date(t).toLocaleString();
  }

  function badge(state) {
    return el('span', state, 'badge ' + String(state).replace(/[^A-Za-z]/g, ''));
  }

  function setStatus(text) {
    const node = document.getElementById('status');
    if (node) {
      node.textContent = text;
    }
  }

  /** Runs {@code fn} now and then every {@code ms}; a failure is shown and retried. */
  function poll(fn, ms) {
    const run = async () => {
      try {
        await fn();
        setStatus('');
      } catch (e) {
        setStatus('update failed: ' + e.message);
      }
      setTimeout(run, ms);
    };
    run();
  }

  function sweepHref(namespace, name) {
    return 'sweep.html?' + new URLSearchParams({ namespace: namespace, name: name }).toString();
  }

  return {
    STATE_COLORS, FINISHED, FINAL_PHASES, el, clear, escapeHtml, getJson, formatNumber,
    formatSeconds, age, clock, badge, setStatus, poll, sweepHref,
  };
})();
