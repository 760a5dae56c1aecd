/*
 * Review console for AI draft findings (index.html) and its sign-in page (login.html).
 * The API is described in the topology module's review web package. Everything the server sends is
 * untrusted (draft text is model output): it reaches the page through textContent and
 * createElement only, never as markup.
 */
'use strict';

(function () {
  const URGENCY_RANK = { URGENT: 0, UNCERTAIN: 1, ROUTINE: 2 };
  const PRIORITY_RANK = { STAT: 0, URGENT: 1, ROUTINE: 2 };
  const DECISIONS = ['ACCEPT', 'EDIT', 'REJECT'];
  const RETRY_DELAYS_MS = [1000, 2000, 4000];
  const AGE_REFRESH_MS = 30000;
  const STREAM_RESTART_MS = 5000;
  const SESSION_RETRY_MS = 5000;
  const AGE_LIMITS_MS = { '1h': 3600000, '24h': 86400000 };
  const SIMULATED_TEXT = 'SIMULATED: simulator output, not a finding';

  const byId = (id) => document.getElementById(id);

  // ---------------------------------------------------------------- sign-in page

  function startLoginPage() {
    const failed = new URLSearchParams(window.location.search).get('failed') === '1';
    byId('login-error').hidden = !failed;
  }

  // ---------------------------------------------------------------- console state

  /** items: sopInstanceUid -> Item; action: the decision being sent, or last sent, for the open item. */
  const state = {
    session: null,
    items: new Map(),
    cursorSop: null,
    openSop: null,
    openItem: null,
    imageUrl: null,
    imageRetries: 0,
    notice: '',
    action: null,
    status: null,
  };

  function startConsole() {
    byId('sign-out').addEventListener('click', signOut);
    for (const id of ['filter-modality', 'filter-urgency', 'filter-age', 'filter-status']) {
      byId(id).addEventListener('change', renderWorklist);
    }
    byId('worklist').addEventListener('click', (event) => {
      const row = event.target.closest('tr[data-sop]');
      if (row) openItem(row.dataset.sop, false);
    });
    byId('detail-close').addEventListener('click', closeDetail);
    byId('detail-image').addEventListener('load', imageLoaded);
    byId('detail-image').addEventListener('error', imageFailed);
    byId('action-accept').addEventListener('click', () => decide('ACCEPT', null));
    byId('action-reject').addEventListener('click', () => decide('REJECT', null));
    byId('action-edit').addEventListener('click', openEditor);
    byId('edit-save').addEventListener('click', saveEdit);
    byId('edit-cancel').addEventListener('click', closeEditor);
    byId('action-retry').addEventListener('click', retryAction);
    document.addEventListener('keydown', onKey);
    window.setInterval(renderAll, AGE_REFRESH_MS);

    loadSession();
    openStream();
    renderAll();
  }

  // ---------------------------------------------------------------- session

  async function loadSession() {
    let response;
    try {
      response = await fetch('/api/session', { headers: { Accept: 'application/json' } });
    } catch (networkError) {
      window.setTimeout(loadSession, SESSION_RETRY_MS);
      return;
    }
    if (response.status === 401) {
      window.location.assign('/login');
      return;
    }
    const session = response.ok ? await readJson(response) : null;
    if (!session) {
      window.setTimeout(loadSession, SESSION_RETRY_MS);
      return;
    }
    state.session = session;
    if (typeof session.disclaimer === 'string' && session.disclaimer.trim() !== '') {
      byId('disclaimer').textContent = session.disclaimer;
    }
    byId('reviewer').textContent = session.reviewer || 'unknown';
    byId('sign-out').hidden = session.identity !== 'login';
    renderDetail();
  }

  async function signOut() {
    const button = byId('sign-out');
    button.disabled = true;
    try {
      const response = await fetch('/logout', { method: 'POST', headers: { 'X-Triage-Request': '1' } });
      if (response.ok || response.status === 401) {
        window.location.assign('/login');
        return;
      }
    } catch (networkError) {
      // Stay signed in on the page; the button can be pressed again.
    }
    button.disabled = false;
  }

  /** After the stream gave up: false (and off to /login) when the session has ended. */
  async function stillSignedIn() {
    try {
      const response = await fetch('/api/session', { headers: { Accept: 'application/json' } });
      if (response.status === 401) {
        window.location.assign('/login');
        return false;
      }
    } catch (networkError) {
      // The server is unreachable: keep trying the stream.
    }
    return true;
  }

  // ---------------------------------------------------------------- live stream

  function openStream() {
    const source = new EventSource('/api/stream');
    source.addEventListener('snapshot', (event) => {
      const data = parseEventData(event);
      if (!data) return;
      replaceAll(Array.isArray(data.items) ? data.items : []);
      setConnection('live');
    });
    source.addEventListener('item', (event) => {
      const item = parseEventData(event);
      if (item) upsert(item, 'stream');
    });
    source.addEventListener('error', () => {
      setConnection('reconnecting');
      if (source.readyState === EventSource.CLOSED) {
        // The browser stopped retrying (an error status or not a stream): start a new one.
        window.setTimeout(async () => {
          if (await stillSignedIn()) openStream();
        }, STREAM_RESTART_MS);
      }
    });
  }

  function parseEventData(event) {
    try {
      return JSON.parse(event.data);
    } catch (malformed) {
      console.error('review console: unreadable ' + event.type + ' event from the server');
      return null;
    }
  }

  function setConnection(connection) {
    const indicator = byId('connection');
    indicator.dataset.state = connection;
    indicator.textContent = connection;
  }

  // ---------------------------------------------------------------- the item list

  function isItem(item) {
    return item !== null && typeof item === 'object' && typeof item.sopInstanceUid === 'string'
        && item.sopInstanceUid !== '';
  }

  function replaceAll(items) {
    state.items = new Map();
    for (const item of items) {
      if (isItem(item)) state.items.set(item.sopInstanceUid, item);
    }
    renderAll();
  }

  /**
   * origin "stream" and "conflict" carry the server's current item; "response" is the item as the
   * decision left it, which may already have been replaced by a newer draft from the stream.
   */
  function upsert(item, origin) {
    if (!isItem(item)) return;
    const current = state.items.get(item.sopInstanceUid);
    if (current && !replaces(item, current, origin)) return;
    state.items.set(item.sopInstanceUid, item);
    renderAll();
  }

  function replaces(incoming, current, origin) {
    if (incoming.eventId === current.eventId) {
      return !(current.decision && !incoming.decision); // a decision is never undone
    }
    return origin !== 'response' || draftedAt(incoming) >= draftedAt(current);
  }

  function draftedAt(item) {
    const latency = item.latency || {};
    return Number(latency.draftedAt ?? latency.createdAt ?? 0);
  }

  function rank(ranks, value) {
    return Object.prototype.hasOwnProperty.call(ranks, value) ? ranks[value] : Object.keys(ranks).length;
  }

  /** Pending before decided; then urgency, priority, longest waiting first. */
  function compareItems(a, b) {
    return (Number(Boolean(a.decision)) - Number(Boolean(b.decision)))
        || (rank(URGENCY_RANK, a.urgency) - rank(URGENCY_RANK, b.urgency))
        || (rank(PRIORITY_RANK, a.priority) - rank(PRIORITY_RANK, b.priority))
        || (draftedAt(a) - draftedAt(b))
        || a.sopInstanceUid.localeCompare(b.sopInstanceUid);
  }

  function filterValues() {
    return {
      modality: byId('filter-modality').value,
      urgency: byId('filter-urgency').value,
      age: byId('filter-age').value,
      status: byId('filter-status').value,
    };
  }

  function passesFilters(item, filters, now) {
    if (filters.modality !== 'all' && item.modality !== filters.modality) return false;
    if (filters.urgency !== 'all' && item.urgency !== filters.urgency) return false;
    if (filters.status === 'pending' && item.decision) return false;
    if (filters.status === 'decided' && !item.decision) return false;
    const limit = AGE_LIMITS_MS[filters.age];
    return limit === undefined || now - draftedAt(item) <= limit;
  }

  // ---------------------------------------------------------------- rendering: worklist

  function renderAll() {
    renderWorklist();
    renderDetail();
  }

  function renderWorklist() {
    renderModalityOptions();
    const filters = filterValues();
    const now = Date.now();
    const visible = Array.from(state.items.values())
        .filter((item) => passesFilters(item, filters, now))
        .sort(compareItems);

    const body = byId('worklist');
    const focusedSop = document.activeElement && body.contains(document.activeElement)
        ? document.activeElement.dataset.sop : null;
    body.replaceChildren(...visible.map((item) => buildRow(item, now)));
    byId('worklist-empty').hidden = visible.length > 0;
    byId('pending-count').textContent = String(
        Array.from(state.items.values()).filter((item) => !item.decision).length);
    markRows();
    if (focusedSop) {
      const row = rowFor(focusedSop);
      if (row) row.focus({ preventScroll: true });
    }
  }

  function renderModalityOptions() {
    const select = byId('filter-modality');
    const chosen = select.value;
    const modalities = new Set();
    for (const item of state.items.values()) {
      if (typeof item.modality === 'string' && item.modality !== '') modalities.add(item.modality);
    }
    if (chosen !== 'all') modalities.add(chosen);
    const wanted = ['all', ...Array.from(modalities).sort()];
    const present = Array.from(select.options, (option) => option.value);
    if (wanted.join('\u0000') === present.join('\u0000')) return;
    select.replaceChildren(...wanted.map((value) => {
      const option = el('option', null, value === 'all' ? 'All' : value);
      option.value = value;
      return option;
    }));
    select.value = chosen;
  }

  function buildRow(item, now) {
    const row = el('tr', item.decision ? 'decided' : null);
    row.dataset.sop = item.sopInstanceUid;
    row.dataset.urgency = item.urgency || '';
    row.dataset.decision = item.decision && DECISIONS.includes(item.decision.decision) ? item.decision.decision : '';
    row.tabIndex = -1;

    row.append(
        cell(urgencyBadge(item.urgency)),
        cell(item.priority || '—'),
        cell(item.modality || '—'),
        cell(findingsText(item)),
        agedCell(draftedAt(item), now),
        cell(...statusBadges(item)));
    return row;
  }

  function cell(...content) {
    const td = el('td');
    for (const part of content) td.append(typeof part === 'string' ? document.createTextNode(part) : part);
    return td;
  }

  function agedCell(millis, now) {
    const td = el('td', null, ago(millis, now));
    td.title = timeText(millis);
    return td;
  }

  function urgencyBadge(urgency) {
    const known = Object.prototype.hasOwnProperty.call(URGENCY_RANK, urgency);
    return el('span', 'badge urgency ' + (known ? 'urgency-' + urgency : 'urgency-unknown'), urgency || 'unknown');
  }

  function simulatedBadge(text) {
    const badge = el('span', 'badge simulated', text);
    badge.title = SIMULATED_TEXT;
    return badge;
  }

  function statusBadges(item) {
    const badges = [];
    if (item.provenance && item.provenance.simulated) badges.push(simulatedBadge('SIMULATED'));
    badges.push(item.decision ? decisionBadge(item.decision) : el('span', 'badge pending', 'pending'));
    return badges;
  }

  function decisionBadge(decision) {
    const kind = DECISIONS.includes(decision.decision) ? decision.decision : 'unknown';
    return el('span', 'badge decision-' + kind, (decision.decision || 'decided') + ' by ' + (decision.reviewer || 'unknown'));
  }

  function findingsText(item) {
    const findings = Array.isArray(item.criticalFindings) ? item.criticalFindings : [];
    return findings.length ? findings.join(', ') : 'none';
  }

  function rowFor(sop) {
    return Array.from(byId('worklist').rows).find((row) => row.dataset.sop === sop) || null;
  }

  /** The keyboard cursor and the open item, on the rows; one row is reachable with Tab. */
  function markRows() {
    const rows = Array.from(byId('worklist').rows);
    const cursor = rows.find((row) => row.dataset.sop === state.cursorSop) || rows[0];
    for (const row of rows) {
      row.classList.toggle('cursor', row.dataset.sop === state.cursorSop);
      row.classList.toggle('open', row.dataset.sop === state.openSop);
      if (row.dataset.sop === state.openSop) {
        row.setAttribute('aria-current', 'true');
      } else {
        row.removeAttribute('aria-current');
      }
      row.tabIndex = row === cursor ? 0 : -1;
    }
  }

  // ---------------------------------------------------------------- keyboard

  function onKey(event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    const tag = target && target.tagName ? target.tagName : '';
    const typing = ['INPUT', 'TEXTAREA', 'SELECT'].includes(tag) || (target && target.isContentEditable);
    if (typing) return;
    if (event.key === 'j' || event.key === 'k') {
      event.preventDefault();
      moveCursor(event.key === 'j' ? 1 : -1);
    } else if (event.key === 'Enter' && !['BUTTON', 'A', 'SUMMARY'].includes(tag)) {
      const row = target && target.closest ? target.closest('tr[data-sop]') : null;
      const sop = row ? row.dataset.sop : state.cursorSop;
      if (!sop) return;
      event.preventDefault();
      openItem(sop, true);
    }
  }

  function moveCursor(step) {
    const rows = Array.from(byId('worklist').rows);
    if (!rows.length) return;
    const at = rows.findIndex((row) => row.dataset.sop === state.cursorSop);
    const next = at < 0 ? (step > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + step));
    state.cursorSop = rows[next].dataset.sop;
    markRows();
    rows[next].focus();
    rows[next].scrollIntoView({ block: 'nearest' });
  }

  // ---------------------------------------------------------------- rendering: detail

  function openItem(sop, moveFocus) {
    const item = state.items.get(sop);
    if (!item) return;
    if (state.openSop !== sop) {
      state.openItem = null;
      state.notice = '';
      closeEditor();
      if (state.action && !state.action.inFlight) state.action = null;
    }
    state.openSop = sop;
    state.cursorSop = sop;
    markRows();
    renderDetail();
    if (moveFocus) byId('detail-heading').focus();
  }

  function closeDetail() {
    const sop = state.openSop;
    state.openSop = null;
    state.openItem = null;
    state.notice = '';
    closeEditor();
    if (state.action && !state.action.inFlight) state.action = null;
    markRows();
    renderDetail();
    const row = sop ? rowFor(sop) : null;
    if (row) row.focus();
  }

  function renderDetail() {
    const detail = byId('detail');
    if (!state.openSop) {
      detail.hidden = true;
      return;
    }
    const latest = state.items.get(state.openSop);
    const previous = state.openItem;
    const item = latest || previous;
    if (!item) {
      detail.hidden = true;
      return;
    }
    detail.hidden = false;
    if (!latest) {
      state.notice = 'This draft is no longer in the worklist.';
    } else if (previous && previous.eventId !== latest.eventId) {
      state.notice = 'A newer draft replaced the one you had open: review this one.';
      closeEditor();
    }
    state.openItem = item;
    const notice = byId('detail-notice');
    notice.textContent = state.notice;
    notice.hidden = state.notice === '';

    byId('detail-heading').textContent = (item.modality || 'Imaging') + ' draft';
    renderSummary(item);
    byId('detail-simulated').hidden = !(item.provenance && item.provenance.simulated);
    byId('detail-disclaimer').textContent = item.disclaimer
        || (state.session && state.session.disclaimer) || byId('disclaimer').textContent;
    showImage(item.image);
    byId('detail-text').textContent = typeof item.draftText === 'string' ? item.draftText : '';
    renderFindings(item);
    renderFacts(byId('detail-provenance'), provenanceFacts(item));
    renderFacts(byId('detail-latency'), latencyFacts(item));
    renderDecision(item, Boolean(latest));
    renderActionState();
  }

  function renderSummary(item) {
    const parts = [urgencyBadge(item.urgency)];
    parts.push(document.createTextNode(
        'Priority ' + (item.priority || '—') + ' · ' + (item.modality || '—')
        + ' · drafted ' + ago(draftedAt(item), Date.now())));
    byId('detail-summary').replaceChildren(...parts);
  }

  function renderFindings(item) {
    const findings = Array.isArray(item.criticalFindings) ? item.criticalFindings : [];
    const list = byId('detail-findings');
    if (!findings.length) {
      list.replaceChildren(el('li', null, 'none reported'));
      return;
    }
    list.replaceChildren(...findings.map((finding) => el('li', null, String(finding))));
  }

  function provenanceFacts(item) {
    const p = item.provenance || {};
    return [
      ['Model', (p.modelName || '—') + ' version ' + (p.modelVersion || '—')],
      ['Prompt', p.promptId || '—'],
      ['Prompt SHA-256', shortHash(p.promptSha256)],
      ['Input SHA-256', shortHash(p.inputSha256)],
      ['Preprocessing', p.preprocessingVersion || '—'],
      ['Pipeline', p.pipelineVersion || '—'],
      ['Simulated', p.simulated ? 'yes: ' + SIMULATED_TEXT : 'no'],
      ['Study UID', item.studyInstanceUid || '—'],
      ['SOP instance UID', item.sopInstanceUid],
      ['Event', item.eventId || '—'],
    ];
  }

  function latencyFacts(item) {
    const l = item.latency || {};
    return [
      ['Feed to pipeline', millisText(l.feedToPipelineMs)],
      ['Preprocess', millisText(l.preprocessMs)],
      ['Inference', millisText(l.inferenceMs)],
      ['End to end', millisText(l.endToEndMs)],
      ['Drafted at', timeText(draftedAt(item))],
    ];
  }

  /** facts: [label, text or {text, title}] pairs. */
  function renderFacts(list, facts) {
    const nodes = [];
    for (const [label, value] of facts) {
      nodes.push(el('dt', null, label));
      const dd = el('dd', null, typeof value === 'string' ? value : value.text);
      if (typeof value !== 'string' && value.title) dd.title = value.title;
      nodes.push(dd);
    }
    list.replaceChildren(...nodes);
  }

  function shortHash(hash) {
    if (typeof hash !== 'string' || hash === '') return '—';
    return hash.length > 12 ? { text: hash.slice(0, 12) + '…', title: hash } : { text: hash, title: hash };
  }

  function renderDecision(item, current) {
    const box = byId('decision');
    const decided = Boolean(item.decision);
    byId('actions').hidden = decided || !current;
    box.hidden = !decided;
    if (!decided) {
      box.replaceChildren();
      return;
    }
    const d = item.decision;
    const parts = [
      el('h3', null, 'Decision'),
      decisionBadge(d),
      document.createTextNode(' ' + timeText(Number(d.decidedAt)) + ' (' + ago(Number(d.decidedAt), Date.now()) + ')'),
    ];
    if (typeof d.editedText === 'string') {
      parts.push(el('h3', null, 'Edited text'), el('p', 'draft-text', d.editedText));
    }
    box.replaceChildren(...parts);
  }

  // ---------------------------------------------------------------- image

  function showImage(url) {
    if (url === state.imageUrl) return;
    state.imageUrl = url;
    state.imageRetries = 0;
    const image = byId('detail-image');
    const status = byId('image-status');
    status.hidden = true;
    if (typeof url !== 'string' || !url.startsWith('/api/images/')) {
      image.removeAttribute('src');
      image.hidden = true;
      status.textContent = 'image unavailable';
      status.hidden = false;
      return;
    }
    image.hidden = false;
    image.src = url;
  }

  function imageLoaded() {
    byId('detail-image').hidden = false;
    byId('image-status').hidden = true;
  }

  /**
   * The img element does not expose the error body: ask once more for the server's reason. A busy
   * server (503: too many images rendering) is asked again a few times before giving up.
   */
  async function imageFailed() {
    const url = state.imageUrl;
    const image = byId('detail-image');
    image.hidden = true;
    let reason = '';
    let status = 0;
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' } });
      status = response.status;
      const body = response.ok ? null : await readJson(response);
      if (body && typeof body.error === 'string') reason = body.error;
    } catch (networkError) {
      // No reason to show beyond "unavailable".
    }
    if (state.imageUrl !== url) return;
    const retries = state.imageRetries || 0;
    if ((status === 503 || status === 200) && retries < 5) {
      state.imageRetries = retries + 1;
      setTimeout(() => {
        if (state.imageUrl !== url) return;
        image.removeAttribute('src');
        image.hidden = false;
        image.src = url;
      }, 1000 * (retries + 1));
      return;
    }
    const line = byId('image-status');
    line.textContent = reason ? 'image unavailable: ' + reason : 'image unavailable';
    line.hidden = false;
  }

  // ---------------------------------------------------------------- decisions

  function openEditor() {
    const item = state.openItem;
    if (!item || item.decision || busy()) return;
    const text = byId('edit-text');
    text.value = typeof item.draftText === 'string' ? item.draftText : '';
    byId('editor').hidden = false;
    text.focus();
  }

  function closeEditor() {
    byId('editor').hidden = true;
    byId('edit-text').value = '';
  }

  function saveEdit() {
    const text = byId('edit-text').value;
    if (text.trim() === '') {
      setActionStatus('The edited text must not be blank.', true, null);
      byId('edit-text').focus();
      return;
    }
    decide('EDIT', text);
  }

  function busy() {
    return Boolean(state.action && state.action.inFlight);
  }

  /** One click, one decisionId: retries of this action (automatic or by the reviewer) reuse it. */
  function decide(decision, editedText) {
    const item = state.openItem;
    if (!item || item.decision || busy()) return;
    state.action = {
      request: {
        decisionId: uuidV4(),
        sopInstanceUid: item.sopInstanceUid,
        eventId: item.eventId,
        decision: decision,
        editedText: decision === 'EDIT' ? editedText : null,
      },
      inFlight: false,
    };
    submit(state.action);
  }

  function retryAction() {
    if (state.action && !state.action.inFlight && state.action.canRetry) submit(state.action);
  }

  async function submit(action) {
    action.inFlight = true;
    action.canRetry = false;
    setActionStatus('Recording ' + action.request.decision + '…', false, action);
    for (let attempt = 0; ; attempt += 1) {
      const result = await postDecision(action.request);
      if (!result.retryable || attempt >= RETRY_DELAYS_MS.length) {
        finish(action, result);
        return;
      }
      const delay = RETRY_DELAYS_MS[attempt];
      setActionStatus(result.error + ': trying again in ' + delay / 1000 + ' s', false, action);
      await new Promise((resolve) => window.setTimeout(resolve, delay));
    }
  }

  async function postDecision(request) {
    let response;
    try {
      response = await fetch('/api/decisions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Triage-Request': '1' },
        body: JSON.stringify(request),
      });
    } catch (networkError) {
      return { status: 0, retryable: true, body: null, error: 'The server could not be reached' };
    }
    const body = await readJson(response);
    const error = body && typeof body.error === 'string' ? body.error : 'HTTP ' + response.status;
    return { status: response.status, retryable: response.status === 503, body: body, error: error };
  }

  function finish(action, result) {
    action.inFlight = false;
    const body = result.body || {};
    let message;
    let failed = true;
    if (result.status === 200) {
      // Recorded, whether or not the answer carries the item (it may have left the worklist).
      failed = false;
      message = body.outcome === 'ALREADY_RECORDED' ? 'Already recorded.' : 'Recorded.';
      closeEditor();
      if (isItem(body.item)) upsert(body.item, 'response');
    } else if (result.status === 409) {
      message = 'Not recorded: ' + result.error;
      if (isItem(body.item)) upsert(body.item, 'conflict');
    } else if (result.status === 401) {
      message = 'Not recorded: you are signed out. Sign in again.';
      if (state.session && state.session.identity === 'login') window.location.assign('/login');
    } else if (result.status === 0 || result.status >= 500) {
      message = 'Not recorded: ' + result.error + '. Retry sends the same decision again.';
      action.canRetry = true;
    } else {
      message = 'Not recorded: ' + result.error;
    }
    setActionStatus(message, failed, action);
  }

  /** The status line belongs to one item (the action's, else the open one) and shows with it only. */
  function setActionStatus(text, isError, action) {
    const sop = action ? action.request.sopInstanceUid : state.openSop;
    state.status = { text: text, isError: isError, sop: sop };
    renderActionState();
  }

  function renderActionState() {
    const status = state.status && state.status.sop === state.openSop ? state.status : null;
    const line = byId('action-status');
    line.textContent = status ? status.text : '';
    line.classList.toggle('error', Boolean(status && status.isError));
    const inFlight = busy();
    for (const id of ['action-accept', 'action-edit', 'action-reject', 'edit-save', 'action-retry']) {
      byId(id).disabled = inFlight;
    }
    const action = state.action;
    byId('action-retry').hidden = !(action && action.canRetry && !action.inFlight
        && action.request.sopInstanceUid === state.openSop);
  }

  // ---------------------------------------------------------------- helpers

  /** RFC 4122 version 4 from crypto.getRandomValues (crypto.randomUUID needs a secure origin). */
  function uuidV4() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-'
        + hex.slice(16, 20) + '-' + hex.slice(20);
  }

  async function readJson(response) {
    try {
      return await response.json();
    } catch (notJson) {
      return null;
    }
  }

  function el(tag, className, text) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined && text !== null) element.textContent = String(text);
    return element;
  }

  function millisText(value) {
    return Number.isFinite(value) ? value + ' ms' : '—';
  }

  function timeText(millis) {
    if (!Number.isFinite(millis) || millis <= 0) return '—';
    const d = new Date(millis);
    const two = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + ' '
        + two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds());
  }

  function ago(millis, now) {
    if (!Number.isFinite(millis) || millis <= 0) return '—';
    const seconds = Math.max(0, Math.round((now - millis) / 1000));
    if (seconds < 60) return 'just now';
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) return minutes + ' min ago';
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return hours + ' h ago';
    return Math.floor(hours / 24) + ' d ago';
  }

  // Last, once every declaration above is initialised.
  if (document.body.dataset.page === 'login') {
    startLoginPage();
  } else {
    startConsole();
  }
})();
