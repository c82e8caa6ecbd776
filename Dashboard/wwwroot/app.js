'use strict';
// The operators' dashboard: one EventSource for live samples, the page drawn from the last samples kept.
(() => {
  const intent = { 'X-Dashboard-Request': '1' };
  const palette = ['#2b6cb0', '#c05621', '#2f855a', '#9b2c2c', '#6b46c1', '#b7791f'];
  const state = { samples: [], source: null, found: null, order: 'calls', logs: null, logLines: [], paused: false, reminders: null };
  const maxLogLines = 1000;
  const reminderRefresh = 5000;
  const $ = (id) => document.getElementById(id);

  const number = (value, digits = 1) => value == null ? '–' : Number(value).toFixed(digits);
  const bytes = (value) => value >= 1 << 30 ? `${(value / (1 << 30)).toFixed(2)} GiB` : `${(value / (1 << 20)).toFixed(1)} MiB`;

  function cell(row, text) {
    const td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
  }

  function fill(tableId, rows) {
    const body = $(tableId).tBodies[0];
    body.replaceChildren(...rows.map((values) => {
      const row = document.createElement('tr');
      values.forEach((value) => cell(row, value));
      return row;
    }));
  }

  function chart(svgId, series) {
    const svg = $(svgId);
    const max = Math.max(1, ...series.flatMap((line) => line.values));
    svg.replaceChildren(...series.map((line, index) => {
      const polyline = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
      // A single sample is drawn as a level line: one point alone draws nothing.
      const values = line.values.length === 1 ? [line.values[0], line.values[0]] : line.values;
      const step = values.length > 1 ? 400 / (values.length - 1) : 0;
      polyline.setAttribute('points', values.map((value, i) => `${(i * step).toFixed(1)},${(78 - (value / max) * 76).toFixed(1)}`).join(' '));
      polyline.setAttribute('stroke', palette[index % palette.length]);
      const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
      title.textContent = line.name;
      polyline.appendChild(title);
      return polyline;
    }));
  }

  function drawOverview(sample) {
    const active = sample.members.filter((member) => member.status === 'Active').length;
    $('tile-silos').textContent = `${active}`;
    $('tile-activations').textContent = `${sample.activations}`;
    $('tile-calls').textContent = number(sample.calls.perSecond);
    $('tile-errors').textContent = sample.calls.perSecond > 0 ? `${number(100 * sample.calls.errorsPerSecond / sample.calls.perSecond, 2)} %` : '–';
    $('tile-p50').textContent = sample.calls.p50Milliseconds == null ? '–' : `${number(sample.calls.p50Milliseconds, 2)} ms`;
    $('tile-p99').textContent = sample.calls.p99Milliseconds == null ? '–' : `${number(sample.calls.p99Milliseconds, 2)} ms`;
    chart('chart-calls', [{ name: 'calls/s', values: state.samples.map((s) => s.calls.perSecond) }]);
    const key = { calls: (m) => m.calls.perSecond, errors: (m) => m.calls.errorsPerSecond, latency: (m) => m.calls.p99Milliseconds ?? 0 }[state.order];
    const methods = [...sample.methods].sort((a, b) => key(b) - key(a)).slice(0, 15);
    fill('methods', methods.map((m) => [m.grainType, `${m.interface.split('.').pop()}.${m.method}`, number(m.calls.perSecond), number(m.calls.errorsPerSecond, 2), number(m.calls.p50Milliseconds, 2), number(m.calls.p99Milliseconds, 2)]));
  }

  function drawSilos(sample) {
    fill('silo-table', sample.silos.map((s) => s.error
      ? [s.silo, `${s.status} (${s.error})`, '–', '–', '–', '–', '–', '–', '–', '–', '–', '–']
      : [s.silo, s.status, number(s.cpuPercent), bytes(s.workingSetBytes), bytes(s.gcHeapBytes), number(s.gcPausePercent, 2), number(s.gen2CollectionsPerMinute), `${s.threadPoolThreads}`, `${s.threadPoolQueue}`, `${s.connections}`, `${s.activations}`, number(s.calls.perSecond)]));
    fill('members', sample.members.map((m) => [m.silo, m.name, m.hostName, m.status, new Date(m.startedAt).toLocaleString(), new Date(m.lastAliveAt).toLocaleTimeString()]));
    const silos = [...new Set(state.samples.flatMap((s) => s.silos.map((silo) => silo.silo)))];
    chart('chart-cpu', silos.map((name) => ({ name, values: state.samples.map((s) => s.silos.find((silo) => silo.silo === name)?.cpuPercent ?? 0) })));
    const changes = [];
    state.samples.forEach((s, i) => s.members.forEach((m) => {
      const before = i > 0 ? state.samples[i - 1].members.find((p) => p.silo === m.silo) : null;
      if (i === 0 || !before || before.status !== m.status) {
        changes.push(`${new Date(s.at).toLocaleTimeString()} ${m.silo} ${before ? `${before.status} → ` : ''}${m.status}`);
      }
    }));
    $('status-history').replaceChildren(...changes.slice(-30).reverse().map((text) => Object.assign(document.createElement('li'), { textContent: text })));
  }

  function drawGrains(sample) {
    fill('grain-types', sample.grainTypes.map((t) => {
      const counts = Object.entries(t.activationsBySilo);
      return [t.grainType, `${counts.reduce((sum, [, n]) => sum + n, 0)}`, counts.map(([silo, n]) => `${silo}: ${n}`).join(', '), number(t.calls.perSecond), number(t.calls.errorsPerSecond, 2), number(t.calls.p99Milliseconds, 2)];
    }));
  }

  function drawStorage(sample) {
    fill('storage-table', sample.storage.map((s) => [s.provider, s.operation, number(s.operations.perSecond), number(s.operations.errorsPerSecond, 2), number(s.conflictsPerSecond, 2), number(s.operations.p50Milliseconds, 2), number(s.operations.p99Milliseconds, 2)]));
  }

  function draw() {
    const sample = state.samples[state.samples.length - 1];
    if (!sample) {
      return;
    }
    drawOverview(sample);
    drawSilos(sample);
    drawGrains(sample);
    drawStorage(sample);
    $('status').textContent = `Updated ${new Date(sample.at).toLocaleTimeString()}`;
  }

  function drawLogs() {
    const rows = state.logLines.slice().reverse().map((line) => {
      const row = document.createElement('tr');
      row.className = `level-${line.entry.level.toLowerCase()}`;
      [new Date(line.entry.timestamp).toLocaleTimeString(), line.source, line.entry.level, line.entry.category.split('.').pop()].forEach((text) => cell(row, text));
      const message = document.createElement('td');
      message.textContent = line.entry.message;
      if (line.entry.exception) {
        const details = document.createElement('pre');
        details.textContent = line.entry.exception;
        message.appendChild(details);
      }
      message.title = `${line.entry.category}${line.entry.traceId ? ` · trace ${line.entry.traceId}` : ''}`;
      row.appendChild(message);
      return row;
    });
    $('log-table').tBodies[0].replaceChildren(...rows);
  }

  // Open only while the page is shown: the silos collect lines only while someone reads them.
  function watchLogs() {
    state.logs?.close();
    state.logLines = [];
    drawLogs();
    const query = new URLSearchParams({ level: $('log-level').value });
    if ($('log-text').value) {
      query.set('q', $('log-text').value);
    }
    const source = new EventSource(`api/logs/stream?${query}`);
    state.logs = source;
    source.addEventListener('logs', (event) => {
      const batch = JSON.parse(event.data);
      const unanswered = batch.unanswered.length ? ` · no answer from ${batch.unanswered.join(', ')}` : '';
      const missed = batch.missed ? ` · ${batch.missed} lines were logged too fast to keep` : '';
      $('log-status').textContent = `${state.paused ? 'Paused' : 'Live'}${unanswered}${missed}`;
      if (!state.paused && batch.lines.length) {
        state.logLines = state.logLines.concat(batch.lines).slice(-maxLogLines);
        drawLogs();
      }
    });
    source.onerror = () => { $('log-status').textContent = 'Reconnecting…'; };
  }

  // Read only while the page is shown: listing asks every partition that holds reminders.
  async function loadReminders() {
    const query = new URLSearchParams();
    if ($('reminder-text').value) {
      query.set('q', $('reminder-text').value);
    }
    const response = await fetch(`api/reminders?${query}`);
    const body = await response.json();
    if (!response.ok) {
      $('reminder-status').textContent = body.detail;
      return;
    }
    const unanswered = body.unanswered ? ` · ${body.unanswered} partitions did not answer` : '';
    const shown = body.reminders.length < body.matching ? `${body.reminders.length} of ${body.matching}` : `${body.matching}`;
    $('reminder-status').textContent = `${shown} reminders in ${body.partitions} partitions${unanswered} · updated ${new Date().toLocaleTimeString()}`;
    fill('reminder-table', body.reminders.map((r) => [r.grainId, r.reminderName, r.period, new Date(r.nextTickTime).toLocaleString(),
      r.lastTickTime ? new Date(r.lastTickTime).toLocaleString() : '–', `${r.ticks}`, r.failures ? `${r.failures} (${r.lastError})` : '0', r.silo]));
  }

  function watchReminders() {
    stopReminders();
    loadReminders();
    state.reminders = setInterval(loadReminders, reminderRefresh);
  }

  function stopReminders() {
    clearInterval(state.reminders);
    state.reminders = null;
  }

  function stopLogs() {
    state.logs?.close();
    state.logs = null;
  }

  function show(page) {
    document.querySelectorAll('.page').forEach((section) => { section.hidden = section.id !== page; });
    document.querySelectorAll('#nav a').forEach((link) => link.classList.toggle('active', link.dataset.page === page));
    if (page === 'logs') {
      if (!state.logs) {
        watchLogs();
      }
    } else {
      stopLogs();
    }
    if (page === 'reminders') {
      if (!state.reminders) {
        watchReminders();
      }
    } else {
      stopReminders();
    }
  }

  function route() {
    const page = (location.hash || '#overview').slice(1);
    show(['overview', 'silos', 'grains', 'reminders', 'storage', 'logs'].includes(page) ? page : 'overview');
  }

  function connect() {
    state.source?.close();
    const source = new EventSource('api/stream');
    state.source = source;
    source.addEventListener('history', (event) => { state.samples = JSON.parse(event.data); draw(); });
    source.addEventListener('sample', (event) => {
      state.samples.push(JSON.parse(event.data));
      state.samples = state.samples.slice(-100);
      draw();
    });
    source.onerror = async () => {
      $('status').textContent = 'Reconnecting…';
      const session = await (await fetch('session')).json();
      if (!session.allowed) {
        source.close();
        signInPage(session);
      }
    };
  }

  function signInPage(session) {
    stopLogs();
    stopReminders();
    $('nav').hidden = true;
    $('sign-out').hidden = true;
    document.querySelectorAll('.page').forEach((section) => { section.hidden = true; });
    $('sign-in').hidden = false;
    $('sign-in-form').hidden = !session.operatorSignIn;
    $('sign-in-help').textContent = session.operatorSignIn
      ? 'Enter the operator token, or sign in to the API host as an administrator and reload.'
      : 'Sign in to the API host as an administrator and reload; or set Dashboard:OperatorToken on this process to sign in here.';
  }

  function dashboardPage() {
    $('sign-in').hidden = true;
    $('nav').hidden = false;
    $('sign-out').hidden = false;
    route();
    connect();
  }

  async function start() {
    const session = await (await fetch('session')).json();
    if (session.allowed) {
      dashboardPage();
    } else {
      signInPage(session);
    }
  }

  $('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const response = await fetch('session', { method: 'POST', headers: { ...intent, 'Content-Type': 'application/json' }, body: JSON.stringify({ token: $('token').value }) });
    $('token').value = '';
    if (response.ok) {
      $('sign-in-error').textContent = '';
      dashboardPage();
    } else {
      $('sign-in-error').textContent = (await response.json()).detail;
    }
  });

  $('sign-out').addEventListener('click', async () => {
    state.source?.close();
    stopLogs();
    stopReminders();
    await fetch('session', { method: 'DELETE', headers: intent });
    start();
  });

  $('method-order').addEventListener('change', (event) => { state.order = event.target.value; draw(); });

  $('lookup-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const type = $('lookup-type').value.trim();
    const key = $('lookup-key').value;
    const response = await fetch(`api/grains/${encodeURIComponent(type)}/${encodeURIComponent(key)}`);
    const body = await response.json();
    state.found = response.ok && body.silo ? body : null;
    $('deactivate').hidden = !state.found;
    $('show-state').hidden = !state.found;
    $('grain-state').replaceChildren();
    $('lookup-result').textContent = !response.ok ? body.detail
      : body.silo ? `${body.grainType}/${body.key} is active on ${body.silo}.`
      : `${body.grainType}/${body.key} is not active on any of the ${body.silosAsked} silos asked${body.silosUnanswered ? ` (${body.silosUnanswered} did not answer)` : ''}.`;
  });

  $('show-state').addEventListener('click', async () => {
    const found = state.found;
    const response = await fetch(`api/grains/${encodeURIComponent(found.grainType)}/${encodeURIComponent(found.key)}/state`);
    const body = await response.json();
    if (!response.ok) {
      $('grain-state').replaceChildren(Object.assign(document.createElement('p'), { className: 'error', textContent: body.detail }));
      return;
    }
    const parts = body.states.length ? body.states.flatMap((s) => [
      Object.assign(document.createElement('h3'), { textContent: `${s.stateName} (${s.storageName}${s.eTag ? `, version ${s.eTag}` : ''}${s.recordExists ? '' : ', not written yet'}${s.truncated ? ', cut' : ''})` }),
      Object.assign(document.createElement('pre'), { className: 'state', textContent: s.json }),
    ]) : [Object.assign(document.createElement('p'), { textContent: `${body.grainType} keeps no persistent state.` })];
    $('grain-state').replaceChildren(...parts);
  });

  $('reminder-filter').addEventListener('submit', (event) => { event.preventDefault(); watchReminders(); });
  $('log-filter').addEventListener('submit', (event) => { event.preventDefault(); watchLogs(); });
  $('log-level').addEventListener('change', watchLogs);
  $('log-pause').addEventListener('click', () => {
    state.paused = !state.paused;
    $('log-pause').textContent = state.paused ? 'Resume' : 'Pause';
  });

  $('deactivate').addEventListener('click', async () => {
    const found = state.found;
    const response = await fetch(`api/grains/${encodeURIComponent(found.grainType)}/${encodeURIComponent(found.key)}/deactivate`, { method: 'POST', headers: intent });
    const body = await response.json();
    $('deactivate').hidden = true;
    $('show-state').hidden = true;
    $('lookup-result').textContent = response.ok ? `${body.grainType}/${body.key} was deactivated on ${body.silo}.` : body.detail;
  });

  window.addEventListener('hashchange', route);
  start();
})();
