// The review queue: facts needing review, one at a time, decided with the
// keyboard. Everything the server sends is put in the page as text (never as
// HTML), so nothing in a document can run here.
'use strict';

(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  if (document.body.dataset.page !== 'queue') return;

  const list = document.getElementById('queue-list');
  const panel = document.getElementById('fact-panel');
  const remaining = document.getElementById('remaining');
  const statusLine = document.getElementById('status');
  const filters = document.getElementById('filters');

  let facts = [];        // the queue as last loaded
  let total = 0;
  let queueLoads = 0;    // the latest loadQueue call; an older answer is stale
  let current = -1;      // index into facts
  let detail = null;     // the current fact with its page context
  const undoStack = [];  // {id, revision} of decisions made here, latest last

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === 'class') node.className = value;
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function say(message, kind) {
    statusLine.textContent = message;
    statusLine.className = 'status ' + (kind || '');
  }

  function shown(value) {
    if (value === null || value === undefined) return '—';
    if (Array.isArray(value)) return value.join('; ');
    return String(value);
  }

  function query() {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(filters)) if (value) params.set(key, value);
    params.set('limit', '500');
    return params;
  }

  async function api(url, options) {
    const response = await fetch(url, Object.assign({ credentials: 'same-origin' }, options || {}));
    let body = null;
    try { body = await response.json(); } catch (e) { body = { error: response.statusText }; }
    return { ok: response.ok, status: response.status, body };
  }

  async function loadQueue(keepId) {
    const load = ++queueLoads;
    const { ok, body } = await api('/api/queue?' + query().toString());
    // The filters changed while this was under way: a newer load shows the queue.
    if (load !== queueLoads) return;
    if (!ok) { say(body.error || 'the queue could not be loaded', 'error'); return; }
    facts = body.facts;
    total = body.total;
    renderList();
    let index = keepId ? facts.findIndex((f) => f.id === keepId) : -1;
    if (index < 0) index = Math.min(Math.max(current, 0), facts.length - 1);
    select(index);
  }

  function renderList() {
    remaining.textContent = total === 0 ? 'Nothing left to review here.'
      : total + (total === 1 ? ' fact' : ' facts') + ' left to review' +
        (facts.length < total ? ' (first ' + facts.length + ' listed)' : '');
    list.replaceChildren(...facts.map((f, i) => {
      const item = el('li', { class: 'queue-item', dataset: { fact: f.id }, tabindex: '-1' },
        el('span', { class: 'kind' }, f.kind),
        el('span', { class: 'confidence' }, f.confidence.toFixed(2)),
        el('span', { class: 'snippet' }, f.quote.replace(/\s+/g, ' ').slice(0, 90)),
        el('span', { class: 'where' }, f.document + ' p. ' + f.page),
        f.reasons.length ? el('span', { class: 'reasons' }, f.reasons.join(', ')) : null);
      item.addEventListener('click', () => select(i));
      return item;
    }));
  }

  async function select(index) {
    current = index;
    for (const item of list.children) item.classList.remove('current');
    if (index < 0 || index >= facts.length) {
      detail = null;
      panel.replaceChildren(el('p', { class: 'empty' }, 'No fact selected.'));
      return;
    }
    const item = list.children[index];
    item.classList.add('current');
    item.scrollIntoView({ block: 'nearest' });
    const id = facts[index].id;
    const { ok, body } = await api('/api/facts/' + id);
    if (current !== index) return;  // the reviewer moved on meanwhile
    if (!ok) { say(body.error || 'the fact could not be loaded', 'error'); return; }
    detail = body;
    renderDetail();
  }

  function renderImage(fact) {
    if (!fact.image) return el('p', {}, 'No page image.');
    const frame = el('div', { class: 'page-image' });
    const img = el('img', { src: fact.image, alt: 'page ' + fact.page });
    frame.append(img);
    const info = fact.page_info;
    if (info && info.width > 0 && info.height > 0) {
      for (const b of fact.boxes) {
        const box = el('div', { class: 'box chosen source-' + b.source, title: b.source + ' ' + b.confidence.toFixed(2) });
        box.style.left = (b.x0 / info.width * 100) + '%';
        box.style.top = (b.y0 / info.height * 100) + '%';
        box.style.width = ((b.x1 - b.x0) / info.width * 100) + '%';
        box.style.height = ((b.y1 - b.y0) / info.height * 100) + '%';
        frame.append(box);
      }
      // Show the quote: crop the view to the boxes' neighbourhood.
      if (fact.boxes.length) {
        const top = Math.min(...fact.boxes.map((b) => b.y0)) / info.height;
        frame.dataset.focus = top.toFixed(3);
      }
    }
    const scroller = el('div', { class: 'image-scroller' }, frame);
    img.addEventListener('load', () => {
      const focus = parseFloat(frame.dataset.focus || '0');
      scroller.scrollTop = Math.max(0, focus * frame.clientHeight - scroller.clientHeight / 3);
    });
    return scroller;
  }

  function renderContext(fact) {
    const text = el('p', { class: 'context' });
    for (const piece of fact.context || []) {
      let node = document.createTextNode(piece.text);
      if (piece.repair >= 0) {
        const r = fact.repairs[piece.repair];
        node = el('mark', { class: 'repair', title: r.pass + ': was “' + r.before + '”, confidence ' + r.confidence.toFixed(2) }, piece.text);
      }
      if (piece.quote) node = el('span', { class: 'quote' }, node);
      text.append(node);
    }
    return text;
  }

  function renderRepairs(fact) {
    const inQuote = (fact.repairs || []).filter((r) => r.in_quote);
    if (!inQuote.length) return null;
    return el('section', { class: 'repairs' }, el('h3', {}, 'Repairs in the quote'),
      el('ul', {}, ...inQuote.map((r) => el('li', {},
        el('strong', {}, r.after), ' was “', r.before, '” (', r.pass + (r.detail ? ', ' + r.detail : ''),
        ', confidence ', r.confidence.toFixed(2), ')',
        r.alternatives.length ? el('span', { class: 'alternatives' }, ' alternatives: ' + r.alternatives.join(' · ')) : null))));
  }

  function renderFields(fact) {
    const rows = Object.entries(fact.fields).map(([name, value]) =>
      el('tr', {}, el('th', {}, name), el('td', { dataset: { field: name } }, shown(value))));
    return el('table', { class: 'fields' }, el('tbody', {}, ...rows));
  }

  function renderLog(fact) {
    if (!fact.log.length) return null;
    return el('details', { class: 'log' }, el('summary', {}, 'Review history (' + fact.log.length + ')'),
      el('ul', {}, ...fact.log.map((e) => el('li', {}, e.at + '  ' + e.field + ': ' + shown(e.before) + ' → ' + shown(e.after)))));
  }

  function renderEditForm(fact) {
    // The script checks the fields itself (novalidate) so that it can say what is wrong.
    const form = el('form', { class: 'edit', id: 'edit-form', hidden: '', novalidate: '' });
    for (const f of fact.editable) {
      const attrs = { name: f.name, value: f.value, 'data-type': f.type, autocomplete: 'off' };
      if (f.type === 'number') { attrs.inputmode = 'decimal'; attrs.pattern = '-?[0-9]+(\\.[0-9]+)?'; attrs.title = 'a number like 8803 or 99.69'; }
      if (f.type === 'date') { attrs.pattern = '[0-9]{4}-[0-9]{2}-[0-9]{2}'; attrs.placeholder = 'YYYY-MM-DD'; }
      if (f.type === 'list') attrs.placeholder = 'separated by ;';
      form.append(el('label', {}, el('span', {}, f.name), el('input', attrs), el('span', { class: 'field-error', dataset: { for: f.name } })));
    }
    form.append(el('div', { class: 'buttons' },
      el('button', { type: 'submit' }, 'Save correction (Enter)'),
      el('button', { type: 'button', class: 'cancel' }, 'Cancel (Esc)')));
    form.addEventListener('submit', (event) => { event.preventDefault(); submitCorrection(form); });
    form.querySelector('.cancel').addEventListener('click', closeEdit);
    form.addEventListener('keydown', (event) => { if (event.key === 'Escape') { event.preventDefault(); closeEdit(); } });
    return form;
  }

  function renderDetail() {
    const f = detail;
    const reasons = f.reasons.length ? el('p', { class: 'reasons' }, 'Why: ' + f.reasons.join(', ')) : null;
    const header = el('header', {},
      el('h2', {}, f.kind + ' ', el('small', {}, '#' + f.id)),
      el('p', { class: 'where' }, el('a', { href: '/documents/' + f.document_id }, f.document), ', ',
        el('a', { href: f.page_url || '#' }, 'page ' + f.page),
        f.page_info ? ' (' + f.page_info.route + ', quality ' + Math.round(f.page_info.quality * 100) + '%)' : '',
        ' · confidence ' + f.confidence.toFixed(2) + ' · ' + f.review + ' · rule ' + f.rule),
      reasons);
    const actions = el('p', { class: 'actions' },
      button('Accept', 'a', () => decide('accept')),
      button('Edit', 'e', openEdit),
      button('Reject', 'r', () => decide('reject')),
      button('Undo', 'u', undo));
    panel.replaceChildren(header, actions, renderImage(f), renderContext(f), renderRepairs(f) || '',
      renderFields(f), renderEditForm(f), renderLog(f) || '');
  }

  function button(label, key, action) {
    const b = el('button', { type: 'button', class: 'action-' + label.toLowerCase() }, label + ' (' + key + ')');
    b.addEventListener('click', action);
    return b;
  }

  function openEdit() {
    const form = document.getElementById('edit-form');
    if (!form) return;
    form.hidden = false;
    const first = form.querySelector('input[name="value"]') || form.querySelector('input');
    if (first) { first.focus(); first.select(); }
  }

  function closeEdit() {
    const form = document.getElementById('edit-form');
    if (form) form.hidden = true;
    panel.focus();
  }

  async function post(id, decision) {
    return api('/api/facts/' + id, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(decision),
    });
  }

  // After a decision the fact leaves the queue; the next one is shown.
  async function after(result, verb) {
    if (result.ok) {
      undoStack.push({ id: result.body.fact.id, revision: result.body.fact.revision });
      say('Fact ' + result.body.fact.id + ' ' + verb + '. Press u to undo.', 'ok');
      await loadQueue();
      return true;
    }
    if (result.status === 409) {
      say(result.body.error + ' The fact is shown as it is now.', 'error');
      await loadQueue(detail && detail.id);
      return false;
    }
    say(result.body.error || 'the decision was not saved', 'error');
    return false;
  }

  async function decide(action) {
    if (!detail) return;
    const result = await post(detail.id, { action, revision: detail.revision });
    await after(result, action === 'accept' ? 'accepted' : 'rejected');
  }

  function validate(input) {
    const value = input.value.trim();
    if (value === '') return '';
    if (input.dataset.type === 'number' && !/^-?[0-9]+(\.[0-9]+)?$/.test(value))
      return 'a number like 8803 or 99.69: no thousands separators, a point for decimals';
    if (input.dataset.type === 'date') {
      const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
      const d = m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
      if (!m || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return 'a date YYYY-MM-DD that exists';
    }
    return '';
  }

  async function submitCorrection(form) {
    const fields = {};
    let invalid = false;
    for (const input of form.querySelectorAll('input')) {
      const original = detail.editable.find((f) => f.name === input.name);
      const message = validate(input);
      form.querySelector('.field-error[data-for="' + input.name + '"]').textContent = message;
      if (message) invalid = true;
      if (original && input.value.trim() !== original.value) fields[input.name] = input.value.trim();
    }
    if (invalid) { say('Fix the marked fields first.', 'error'); return; }
    if (!Object.keys(fields).length) { say('Nothing changed: press a to accept as it is.', 'error'); return; }
    const result = await post(detail.id, { action: 'correct', revision: detail.revision, fields });
    if (!result.ok && result.body.fields) {
      for (const [name, message] of Object.entries(result.body.fields)) {
        const slot = form.querySelector('.field-error[data-for="' + name + '"]');
        if (slot) slot.textContent = message;
      }
    }
    await after(result, 'corrected');
  }

  async function undo() {
    const last = undoStack.pop();
    if (!last) { say('Nothing to undo.', ''); return; }
    const result = await post(last.id, { action: 'undo', revision: last.revision });
    if (!result.ok) { say(result.body.error || 'the undo failed', 'error'); return; }
    say('Undid the last decision on fact ' + last.id + '.', 'ok');
    await loadQueue(last.id);
  }

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement) return;
    const keys = {
      a: () => decide('accept'),
      r: () => decide('reject'),
      e: openEdit,
      u: undo,
      j: () => select(Math.min(current + 1, facts.length - 1)),
      k: () => select(Math.max(current - 1, 0)),
    };
    const action = keys[event.key];
    if (action) { event.preventDefault(); action(); }
  });

  filters.addEventListener('submit', (event) => { event.preventDefault(); current = 0; loadQueue(); });
  panel.tabIndex = -1;
  loadQueue();
})();
