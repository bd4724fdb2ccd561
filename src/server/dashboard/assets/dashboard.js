/* global document, fetch, uPlot */
// Tailor dashboard: draws the daily chart from /v1/estimates/daily with uPlot.
// Plain script (no build step, no inline code) so the page runs under a strict CSP.
// Everything the chart shows is also in the server-rendered daily table.
(function () {
  'use strict';

  function status(text) {
    var el = document.getElementById('daily-chart-status');
    if (el) el.textContent = text;
  }

  function rate(cell) {
    return cell.suppressed ? null : cell.conversion.estimate * 100;
  }

  function draw(target, body) {
    var days = body.days;
    var shown = days.filter(function (d) {
      return !d.holdout.suppressed || !d.policy.suppressed;
    });
    if (shown.length === 0) {
      status('No day in this range has ' + body.k + ' or more reports in a group yet; the chart will appear once one does.');
      return;
    }
    var data = [
      days.map(function (d) { return d.day * 86400; }),
      days.map(function (d) { return rate(d.holdout); }),
      days.map(function (d) { return rate(d.policy); }),
    ];
    var pct = function (u, v) { return v == null ? '–' : v.toFixed(1) + ' %'; };
    var opts = {
      width: Math.max(320, Math.min(target.clientWidth || 640, 960)),
      height: 280,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); },
      scales: { x: { time: true }, y: { range: function (u, min, max) { return [0, Math.max(1, max * 1.15)]; } } },
      axes: [{}, { label: 'Conversion (%)', values: function (u, vals) { return vals.map(function (v) { return v + ' %'; }); } }],
      series: [
        { label: 'Day (UTC)' },
        { label: 'Holdout', stroke: '#4a4a4a', width: 2, dash: [6, 4], points: { show: true }, value: pct, spanGaps: false },
        { label: 'Policy group', stroke: '#0b61a4', width: 2, points: { show: true }, value: pct, spanGaps: false },
      ],
    };
    target.textContent = '';
    new uPlot(opts, data, target);
  }

  function start() {
    var target = document.getElementById('daily-chart');
    if (!target) return;
    if (typeof uPlot !== 'function') {
      status('The chart library did not load; the daily table below has the numbers.');
      return;
    }
    fetch(target.getAttribute('data-src'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      })
      .then(function (body) { draw(target, body); })
      .catch(function (err) { status('The daily chart could not load (' + err.message + '); the daily table below has the numbers.'); });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
