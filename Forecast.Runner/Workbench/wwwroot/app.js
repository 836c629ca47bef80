// The planner's workbench: plain JavaScript, no library, everything from this server.
(() => {
  'use strict';
  const $ = (s, root = document) => root.querySelector(s);
  const $$ = (s, root = document) => Array.from(root.querySelectorAll(s));
  const session = Array.from(crypto.getRandomValues(new Uint8Array(12)), b => b.toString(16).padStart(2, '0')).join('');
  window.workbenchLatencies = [];
  const state = { strings: {}, lang: 'en', scenario: null, data: null, levers: {}, weights: {}, whatIf: null, controller: null, timer: 0, job: null };

  const t = (key, ...args) => {
    const entry = state.strings[key];
    let s = entry ? entry[state.lang] : key;
    args.forEach((a, i) => { s = s.replace('{' + i + '}', a); });
    return s;
  };
  const name = text => (text ? text[state.lang] || text.en : '');
  const pct = p => (p == null ? '–' : (100 * p).toFixed(p > 0.001 && p < 0.999 ? 1 : 2) + '%');
  const num = x => {
    if (x == null) return '–';
    const a = Math.abs(x);
    return a >= 1000 ? Math.round(x).toLocaleString('en-US') : String(Number(x.toPrecision(a >= 1 ? 3 : 2)));
  };
  const signed = (x, digits) => (x > 0 ? '+' : x < 0 ? '−' : '±') + Math.abs(x).toFixed(digits);
  const el = (tag, attrs = {}, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else if (v !== undefined && v !== null) e.setAttribute(k, v);
    }
    children.forEach(c => e.append(c));
    return e;
  };

  async function api(method, url, body, signal) {
    // The server's messages come in the page's language (it reads Accept-Language: zh or en).
    const headers = { 'Accept-Language': state.lang === 'zh' ? 'zh-CN' : 'en' };
    if (body) headers['Content-Type'] = 'application/json';
    const response = await fetch(url, { method, signal, headers, body: body ? JSON.stringify(body) : undefined });
    let data = null;
    const type = response.headers.get('Content-Type') || '';
    if (type.startsWith('application/json')) data = await response.json();
    return { status: response.status, data, response };
  }

  // ---- language ----
  function applyLanguage() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.documentElement.dataset.lang = state.lang;
    $$('[data-t]').forEach(e => { e.textContent = t(e.dataset.t); });
    $$('[data-tp]').forEach(e => { e.placeholder = t(e.dataset.tp); });
    const button = $('#lang');
    button.textContent = t('language');
    button.setAttribute('aria-label', t('languageLabel'));
    document.title = t('title');
    if (state.data) { renderScenario(); renderWhatIf(); }
    $$('#scenario option').forEach(o => { o.textContent = name(JSON.parse(o.dataset.title)); });
  }

  // ---- scenario ----
  async function loadScenario(id) {
    state.scenario = id; state.levers = {}; state.weights = {}; state.whatIf = null;
    $('#lever-status').textContent = t('running');
    const { status, data } = await api('GET', `/api/scenarios/${encodeURIComponent(id)}`);
    if (status !== 200) { $('#lever-status').textContent = t('error', data ? data.error : status); return; }
    state.data = data;
    renderScenario();
    renderWhatIf();
  }

  function targetText(target) {
    const sign = target.target.atLeast ? '≥' : '≤';
    return target.target.everyYear
      ? `${sign} ${num(target.target.value)} ${t('everyYear')} ${target.target.baseYear + 1}-${target.target.year}`
      : `${sign} ${num(target.target.value)} (${target.target.year})`;
  }

  // The target's name opens its fan chart (the CLI's fan-<indicator> chart) under the table.
  function fanButton(x) {
    const b = el('button', { type: 'button', class: 'link', text: name(x.name), 'aria-label': `${t('fanOf')}: ${name(x.name)}` });
    b.addEventListener('click', () => {
      const figure = $('#fan-figure');
      $('#fan-chart').src = `/api/scenarios/${encodeURIComponent(state.data.id)}/charts/fan/${encodeURIComponent(x.id)}.svg?lang=${state.lang}`;
      $('#fan-chart').alt = `${t('fanOf')}: ${name(x.name)}`;
      $('#fan-caption').textContent = `${t('fanOf')}: ${name(x.name)}`;
      figure.hidden = false;
      figure.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
    });
    return b;
  }

  function statusCell(status) {
    return el('td', { class: `status ${status}` , text: t({ 'on-track': 'onTrack', 'at-risk': 'atRisk', 'off-track': 'offTrack' }[status]) });
  }

  function renderScenario() {
    const d = state.data;
    $('#run-info').textContent = t('paths', Number(d.paths).toLocaleString('en-US'), d.seed) + '. ' + t('baselineNote');
    const years = [...new Set(d.targets.map(x => x.target.year))];
    $('#col-median').textContent = t('colMedian', years.length === 1 ? years[0] : '');
    const body = $('#targets tbody');
    body.replaceChildren();
    const ordered = [...d.targets.filter(x => x.headline), ...d.targets.filter(x => !x.headline)];
    for (const x of ordered) {
      const unit = name(x.unit);
      body.append(el('tr', { id: 'row-' + x.id, class: x.headline ? 'headline' : '' },
        el('th', { scope: 'row', title: x.id }, fanButton(x), unit ? el('span', { class: 'unit', text: unit }) : ''),
        el('td', { class: 'num', text: targetText(x) }),
        el('td', { class: 'num p-base' }, pct(x.probability), ' ', el('span', { class: 'ci', text: `[${pct(x.ci95[0])}, ${pct(x.ci95[1])}]` })),
        statusCell(x.status),
        el('td', { class: 'num hide-narrow' }, num(x.median), ' ', el('span', { class: 'ci', text: `(${num(x.p5)}-${num(x.p95)})` })),
        el('td', { class: 'num whatif p-whatif', 'data-id': x.id }),
        el('td', { class: 'num whatif p-diff', 'data-id': x.id })));
    }
    body.append(el('tr', { id: 'row-all_headline_targets', class: 'joint' },
      el('th', { scope: 'row', text: t('allHeadline') }), el('td'),
      el('td', { class: 'num p-base' }, pct(d.allHeadline.probability), ' ', el('span', { class: 'ci', text: `[${pct(d.allHeadline.ci95[0])}, ${pct(d.allHeadline.ci95[1])}]` })),
      el('td'), el('td', { class: 'hide-narrow' }), el('td', { class: 'num whatif p-whatif', 'data-id': 'all_headline_targets' }), el('td', { class: 'num whatif p-diff', 'data-id': 'all_headline_targets' })));
    const img = $('#headline-chart');
    img.src = `/api/scenarios/${encodeURIComponent(d.id)}/charts/headline.svg?lang=${state.lang}`;
    img.alt = t('chartsAlt');
    renderLevers();
    renderSelects();
  }

  // ---- levers ----
  const leverId = lever => 'lever-' + lever.replace(/[^A-Za-z0-9_-]/g, '_');
  const roleWord = role => t({ growth: 'roleGrowth', probability: 'roleProbability', count: 'roleCount', step: 'roleStep' }[role] || 'roleValue');

  function renderLevers() {
    const box = $('#levers');
    const open = new Set($$('details.driver[open]', box).map(e => e.dataset.driver));
    box.replaceChildren();
    for (const driver of state.data.drivers) {
      const details = el('details', { class: 'driver', 'data-driver': driver.id });
      if (open.has(driver.id)) details.open = true;
      details.append(el('summary', { text: name(driver.name) }),
        el('p', { class: 'driver-meta', text: `${driver.id} · ${roleWord(driver.role)} · ${driver.distribution}`, title: driver.note || '' }));
      for (const l of driver.levers) details.append(leverControl(l));
      box.append(details);
    }
    if ((state.data.structures || []).length > 0) {
      box.append(el('h3', { class: 'structures-title', text: t('structures') }), el('p', { class: 'help', text: t('structuresHelp') }));
      for (const s of state.data.structures) {
        const key = 'weights:' + s.id;
        const details = el('details', { class: 'driver structure', 'data-driver': key });
        if (open.has(key)) details.open = true;
        details.append(el('summary', { text: t('structuresOf', s.indicators.map(i => name(i.name)).join(' + ')) }),
          el('p', { class: 'driver-meta', text: t('weightsBasis', s.basis || '–') }), weightsControl(s));
        box.append(details);
      }
    }
    markMoved();
    filterLevers();
  }

  function leverControl(l) {
    const id = leverId(l.lever);
    const value = state.levers[l.lever] ?? l.value;
    const range = el('input', { type: 'range', id: id, min: l.min, max: l.max, step: l.step, value: value, 'data-lever': l.lever });
    const box = el('input', { type: 'number', id: id + '-n', min: l.min, max: l.max, step: 'any', value: value, 'data-lever': l.lever, 'aria-label': `${l.lever} (${t('param_' + l.parameter)})` });
    const reset = el('button', { type: 'button', class: 'secondary reset', text: t('reset'), 'aria-label': `${t('reset')} ${l.lever}` });
    const problem = el('p', { class: 'problem', id: id + '-problem', role: 'alert' });
    range.setAttribute('aria-describedby', id + '-problem ' + id + '-current');
    const wrap = el('div', { class: 'lever', 'data-lever': l.lever },
      el('label', { for: id, text: `${t('param_' + l.parameter)} (${l.lever})` }), range, box, reset,
      el('span', { class: 'current', id: id + '-current', text: t('current', num(l.value)) }), problem);
    const set = (v, from) => {
      if (!Number.isFinite(v)) return;
      state.movedAt = performance.now();
      if (from !== range) range.value = v;
      if (from !== box) box.value = Number(v.toPrecision(6));
      if (v === l.value) delete state.levers[l.lever]; else state.levers[l.lever] = v;
      markMoved();
      scheduleWhatIf();
    };
    range.addEventListener('input', () => set(Number(range.value), range));
    box.addEventListener('change', () => set(Number(box.value), box));
    reset.addEventListener('click', () => set(l.value, null));
    return wrap;
  }

  // One structure draw's weights: a slider per structure; moving one rescales the others in proportion (all of them
  // equally when the others are all 0), so they sum to 1, as the scenario file requires.
  function weightsControl(s) {
    const key = 'weights:' + s.id;
    const current = () => state.weights[s.id] || s.weights;
    const rows = s.names.map((structure, j) => {
      const id = leverId(key + '-' + j);
      const range = el('input', { type: 'range', id: id, min: 0, max: 1, step: 0.01, value: current()[j], 'data-weight': s.id, 'data-structure': j });
      const box = el('input', { type: 'number', id: id + '-n', min: 0, max: 1, step: 'any', value: Number(current()[j].toPrecision(6)), 'data-weight': s.id,
        'data-structure': j, 'aria-label': t('weightOf', structure) });
      range.setAttribute('aria-describedby', leverId(key) + '-problem ' + id + '-current');
      return { range, box, row: el('div', { class: 'weight' }, el('label', { for: id, text: t('weightOf', structure) }), range, box,
        el('span', { class: 'current', id: id + '-current', text: t('current', pct(s.weights[j])) })) };
    });
    const show = w => rows.forEach((r, j) => { r.range.value = w[j]; r.box.value = Number(w[j].toPrecision(6)); });
    const set = (j, v) => {
      if (!Number.isFinite(v)) return;
      v = Math.min(1, Math.max(0, v));
      state.movedAt = performance.now();
      const w = current().slice();
      const others = w.reduce((a, x, i) => (i === j ? a : a + x), 0);
      const next = w.map((x, i) => (i === j ? v : others > 0 ? x * (1 - v) / others : (1 - v) / (w.length - 1)));
      // The last other structure takes what rounding left, so the sum is 1.
      const last = next.length - 1 === j ? next.length - 2 : next.length - 1;
      next[last] = Math.max(0, 1 - next.reduce((a, x, i) => (i === last ? a : a + x), 0));
      if (next.every((x, i) => Math.abs(x - s.weights[i]) < 1e-12)) delete state.weights[s.id]; else state.weights[s.id] = next;
      show(current());
      markMoved();
      scheduleWhatIf();
    };
    rows.forEach((r, j) => {
      r.range.addEventListener('input', () => set(j, Number(r.range.value)));
      r.box.addEventListener('change', () => set(j, Number(r.box.value)));
    });
    const reset = el('button', { type: 'button', class: 'secondary reset', text: t('reset'), 'aria-label': `${t('reset')} ${key}` });
    reset.addEventListener('click', () => { state.movedAt = performance.now(); delete state.weights[s.id]; show(s.weights); markMoved(); scheduleWhatIf(); });
    return el('div', { class: 'lever weights', 'data-lever': key }, ...rows.map(r => r.row), reset,
      el('p', { class: 'problem', id: leverId(key) + '-problem', role: 'alert' }));
  }

  const moved = () => Object.keys(state.levers).length + Object.keys(state.weights).length > 0;

  function markMoved() {
    $$('.lever').forEach(e => e.classList.toggle('moved', e.dataset.lever in state.levers || (e.dataset.lever.startsWith('weights:') && e.dataset.lever.slice(8) in state.weights)));
    $$('details.driver').forEach(e => e.classList.toggle('moved', Object.keys(state.levers).some(k => k.startsWith(e.dataset.driver + '.'))
      || (e.dataset.driver.startsWith('weights:') && e.dataset.driver.slice(8) in state.weights)));
  }

  function filterLevers() {
    const q = $('#lever-filter').value.trim().toLowerCase();
    $$('details.driver').forEach(e => {
      const hit = !q || e.textContent.toLowerCase().includes(q);
      e.hidden = !hit;
      if (q && hit) e.open = true;
    });
  }

  function scheduleWhatIf() {
    clearTimeout(state.timer);
    state.timer = setTimeout(runWhatIf, 40);
  }

  async function runWhatIf() {
    if (state.controller) state.controller.abort();
    $$('.lever .problem').forEach(p => { p.textContent = ''; });
    $$('.lever').forEach(e => e.classList.remove('invalid'));
    if (!moved()) { state.whatIf = null; renderWhatIf(); return; }
    const controller = new AbortController();
    state.controller = controller;
    $('#lever-status').textContent = t('running');
    document.body.dataset.busy = 'true';
    try {
      const { status, data } = await api('POST', `/api/scenarios/${encodeURIComponent(state.scenario)}/whatif`, { levers: state.levers, weights: state.weights, session }, controller.signal);
      if (controller !== state.controller) return;
      if (status === 200) {
        state.whatIf = data;
        renderWhatIf();
        // Lever moved to numbers shown, as the page sees it (read by the latency benchmark).
        window.workbenchLatencies.push(performance.now() - state.movedAt);
        if (!data.allHeadline) await runJoint(controller);
      }
      else if (status === 400) showProblems(data);
      else if (status === 503) { $('#lever-status').textContent = t('busy'); setTimeout(scheduleWhatIf, 1000); }
      else if (status !== 409) $('#lever-status').textContent = t('error', data ? data.error : status);
    } catch (e) {
      if (e.name !== 'AbortError') $('#lever-status').textContent = t('error', e.message);
    } finally {
      if (controller === state.controller) { state.controller = null; delete document.body.dataset.busy; }
    }
  }

  // The row "all headline targets together" needs every headline indicator: asked for after the targets' answer.
  async function runJoint(controller) {
    const cell = $('td.p-whatif[data-id="all_headline_targets"]');
    if (cell) cell.textContent = '…';
    const { status, data } = await api('POST', `/api/scenarios/${encodeURIComponent(state.scenario)}/whatif?part=joint`, { levers: state.levers, weights: state.weights, session }, controller.signal);
    if (controller !== state.controller || status !== 200) return;
    state.whatIf = { ...state.whatIf, allHeadline: data.allHeadline };
    renderWhatIf();
  }

  function showProblems(data) {
    $('#lever-status').textContent = t('error', data.error);
    $('#lever-status').classList.add('error');
    for (const p of data.problems || []) {
      const target = $$('.lever').find(e => e.dataset.lever === p.lever) || $$('.lever').find(e => p.lever && e.dataset.lever.startsWith(p.lever + '.') && e.dataset.lever in state.levers);
      if (target) { target.classList.add('invalid'); $('.problem', target).textContent = p.message; }
    }
  }

  function renderWhatIf() {
    $('#lever-status').classList.remove('error');
    const w = state.whatIf;
    $$('td.p-whatif, td.p-diff').forEach(e => e.replaceChildren());
    if (!w) { $('#lever-status').textContent = t('noLevers'); return; }
    $('#lever-status').textContent = t('ranIn', Math.round(w.elapsedMs), Number(w.paths).toLocaleString('en-US'));
    for (const row of [...w.targets, w.allHeadline].filter(r => r)) {
      const p = $(`td.p-whatif[data-id="${row.id}"]`);
      const d = $(`td.p-diff[data-id="${row.id}"]`);
      if (!p || !d) continue;
      p.append(pct(row.whatIf.probability), ' ', el('span', { class: 'ci', text: `[${pct(row.whatIf.ci95[0])}, ${pct(row.whatIf.ci95[1])}]` }));
      if (row.unaffected) {
        d.className = 'num whatif p-diff unaffected';
        d.append(el('span', { class: 'ci', text: t('unchanged') }));
        continue;
      }
      const diff = 100 * row.difference.probability;
      d.className = 'num whatif p-diff ' + (diff > 0 ? 'up' : diff < 0 ? 'down' : '');
      d.append(t('pp', signed(diff, 1)), ' ', el('span', { class: 'ci', text: `[${signed(100 * row.difference.ci95[0], 1)}, ${signed(100 * row.difference.ci95[1], 1)}]` }));
    }
  }

  // ---- analyses ----
  function renderSelects() {
    const levers = state.data.drivers.flatMap(d => d.levers.map(l => ({ ...l, driver: d })));
    for (const s of $$('select.lever-select')) {
      const keep = s.value;
      s.replaceChildren(...(s.classList.contains('optional') ? [el('option', { value: '', text: t('none') })] : []),
        ...levers.map(l => el('option', { value: l.lever, text: `${name(l.driver.name)} · ${t('param_' + l.parameter)} (${l.lever})` })));
      if (keep) s.value = keep;
    }
    for (const s of $$('select.target-select')) {
      const keep = s.value;
      s.replaceChildren(...(s.classList.contains('with-all') ? [el('option', { value: 'all_headline_targets', text: t('allHeadline') })] : []),
        ...state.data.targets.map(x => el('option', { value: x.id, text: name(x.name) })));
      if (keep) s.value = keep;
    }
    fillRange('sweep-lever-0', 'sweep-from-0', 'sweep-to-0');
    fillRange('sweep-lever-1', 'sweep-from-1', 'sweep-to-1');
    fillRange('goal-lever', 'goal-low', 'goal-high');
  }

  function leverInfo(lever) {
    for (const d of state.data.drivers) for (const l of d.levers) if (l.lever === lever) return l;
    return null;
  }

  function fillRange(selectId, lowId, highId) {
    const l = leverInfo($('#' + selectId).value);
    $('#' + lowId).value = l ? Number(l.min.toPrecision(6)) : '';
    $('#' + highId).value = l ? Number(l.max.toPrecision(6)) : '';
  }

  async function startAnalysis(kind, body) {
    if (state.job) await api('DELETE', `/api/analyses/${state.job}`);
    $('#analysis-figures').replaceChildren();
    const status = $('#analysis-status');
    status.classList.remove('error');
    status.textContent = t('running');
    const { status: code, data } = await api('POST', `/api/scenarios/${encodeURIComponent(state.scenario)}/analyses?kind=${kind}`, { ...body, levers: state.levers, weights: state.weights, lang: state.lang });
    if (code !== 202) { status.textContent = t('error', data ? data.error : code); status.classList.add('error'); return; }
    state.job = data.job;
    const row = $('.progress-row');
    row.hidden = false;
    const bar = $('#analysis-progress');
    bar.removeAttribute('value');
    const job = data.job;
    while (state.job === job) {
      await new Promise(r => setTimeout(r, 400));
      const { status: pollStatus, data: poll } = await api('GET', `/api/analyses/${job}`);
      if (state.job !== job) return;
      if (pollStatus !== 200) { status.textContent = t('error', poll ? poll.error : pollStatus); break; }
      if (poll.progress >= 0) bar.value = poll.progress; else bar.removeAttribute('value');
      if (poll.state === 'running') continue;
      if (poll.state === 'done') {
        status.textContent = t('done') + (poll.result.value !== undefined ? ' ' + t('goalAnswer', $('#goal-lever').value, num(poll.result.value), pct(poll.result.probability), pct(poll.result.ci95[0]), pct(poll.result.ci95[1]), poll.result.status) : '');
        for (const f of poll.result.figures) {
          const img = el('img', { alt: f.caption, src: URL.createObjectURL(new Blob([f.svg], { type: 'image/svg+xml' })) });
          $('#analysis-figures').append(el('figure', { class: 'chart' }, img, el('figcaption', { text: f.caption })));
        }
      } else if (poll.state === 'failed') { status.textContent = t('error', poll.error.error); status.classList.add('error'); }
      else status.textContent = t('cancelled');
      break;
    }
    if (state.job === job) { state.job = null; row.hidden = true; }
  }

  // ---- downloads ----
  async function download(kind, button) {
    const status = $('#download-status');
    status.textContent = t('preparing', button.textContent);
    const response = await fetch(`/api/scenarios/${encodeURIComponent(state.scenario)}/download/${kind}`,
      { method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept-Language': state.lang === 'zh' ? 'zh-CN' : 'en' }, body: JSON.stringify({ levers: state.levers, weights: state.weights, lang: state.lang }) });
    if (!response.ok) { const data = await response.json(); status.textContent = t('error', data.error); return; }
    const blob = await response.blob();
    const disposition = response.headers.get('Content-Disposition') || '';
    const match = /filename="([^"]+)"/.exec(disposition);
    const a = el('a', { href: URL.createObjectURL(blob), download: match ? match[1] : kind });
    document.body.append(a);
    a.click();
    a.remove();
    status.textContent = t('done') + ' ' + (match ? match[1] : '');
  }

  // ---- start ----
  async function start() {
    const strings = await (await fetch('/strings.json')).json();
    state.strings = strings;
    state.lang = localStorage.getItem('forecast-lang') || document.documentElement.dataset.lang || 'en';
    const { data: scenarios } = await api('GET', '/api/scenarios');
    const select = $('#scenario');
    select.replaceChildren(...scenarios.map(s => el('option', { value: s.id, 'data-title': JSON.stringify(s.title), text: s.id })));
    applyLanguage();
    select.addEventListener('change', () => loadScenario(select.value));
    $('#lang').addEventListener('click', () => {
      state.lang = state.lang === 'zh' ? 'en' : 'zh';
      localStorage.setItem('forecast-lang', state.lang);
      applyLanguage();
    });
    $('#lever-filter').addEventListener('input', filterLevers);
    $('#reset-all').addEventListener('click', () => { state.levers = {}; state.weights = {}; renderLevers(); scheduleWhatIf(); });
    $('#sweep-lever-0').addEventListener('change', () => fillRange('sweep-lever-0', 'sweep-from-0', 'sweep-to-0'));
    $('#sweep-lever-1').addEventListener('change', () => fillRange('sweep-lever-1', 'sweep-from-1', 'sweep-to-1'));
    $('#goal-lever').addEventListener('change', () => fillRange('goal-lever', 'goal-low', 'goal-high'));
    $('#sweep-form').addEventListener('submit', e => {
      e.preventDefault();
      const axes = [0, 1].filter(i => $('#sweep-lever-' + i).value).map(i => ({
        lever: $('#sweep-lever-' + i).value, from: Number($('#sweep-from-' + i).value), to: Number($('#sweep-to-' + i).value), steps: Number($('#sweep-steps-' + i).value) }));
      startAnalysis('sweep', { sweep: axes });
    });
    $('#tornado-form').addEventListener('submit', e => { e.preventDefault(); startAnalysis('tornado', { target: $('#tornado-target').value }); });
    $('#goal-form').addEventListener('submit', e => {
      e.preventDefault();
      startAnalysis('goal', { target: $('#goal-target').value, probability: Number($('#goal-probability').value), lever: $('#goal-lever').value,
        low: Number($('#goal-low').value), high: Number($('#goal-high').value) });
    });
    $('#analysis-cancel').addEventListener('click', async () => {
      const job = state.job; state.job = null; $('.progress-row').hidden = true; $('#analysis-status').textContent = t('cancelled');
      if (job) await api('DELETE', `/api/analyses/${job}`);
    });
    $$('[data-download]').forEach(b => b.addEventListener('click', () => download(b.dataset.download, b)));
    if (scenarios.length > 0) await loadScenario(scenarios[0].id);
    document.body.dataset.ready = 'true';
  }

  start();
})();
