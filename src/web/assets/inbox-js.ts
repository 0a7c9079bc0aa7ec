/**
 * The web inbox's one script, shipped as a string so it needs no build step and is in dist/
 * wherever the package is installed. Plain ES2017 for any current browser; it holds no words
 * (they come from the page's data-texts, texts.ts) and no inline handlers (the pages' CSP
 * forbids inline script). On `/` it lists the mail and keeps the list current by long-polling
 * `GET /api/messages?wait=25`; on a message page it wires the delete button. Deleting asks in the page, not with
 * confirm(), which browsers may suppress.
 */
export const INBOX_JS = `'use strict';
(function () {
  var body = document.body;
  var T = JSON.parse(body.dataset.texts || '{}');
  var lang = body.dataset.lang || 'en';
  var WAIT = 25;
  function say(key, vars) {
    return (T[key] || key).replace(/\\{(\\w+)\\}/g, function (all, name) { return vars && name in vars ? String(vars[name]) : all; });
  }
  function send(method, url) {
    return fetch(url, { method: method, headers: { 'X-L7lab': '1' } });
  }
  function size(n) {
    if (n < 1024) return n + ' B';
    if (n < 1048576) return (n / 1024).toFixed(1) + ' KB';
    return (n / 1048576).toFixed(1) + ' MB';
  }
  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
    return td;
  }
  function render(list) {
    var table = document.getElementById('list');
    var tbody = table.querySelector('tbody');
    var status = document.getElementById('status');
    tbody.textContent = '';
    list.messages.forEach(function (m) {
      var row = document.createElement('tr');
      row.className = 'message';
      row.dataset.id = m.id;
      cell(row, new Date(m.date).toLocaleString(lang));
      cell(row, m.from);
      cell(row, m.to);
      var link = document.createElement('a');
      link.href = '/messages/' + encodeURIComponent(m.id) + '?lang=' + lang;
      link.textContent = m.subject || say('noSubject');
      cell(row, '').appendChild(link);
      cell(row, size(m.size));
      tbody.appendChild(row);
    });
    table.hidden = list.total === 0;
    status.textContent = list.total === 0 ? say('empty') : '';
    document.getElementById('count').textContent = list.total === 0 ? '' : say('count', { n: list.total });
  }
  function later(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }
  async function json(url) {
    var r = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!r.ok) throw new Error(url + ': ' + r.status);
    return r.json();
  }
  async function watch() {
    for (;;) {
      try {
        var list = await json('/api/messages?limit=500');
        render(list);
        var newest = list.messages[0];
        // Wait for mail newer than the newest shown (or any, when there is none).
        var since = newest ? '&since=' + encodeURIComponent(new Date(Date.parse(newest.date) + 1).toISOString()) : '';
        await json('/api/messages?limit=1&wait=' + WAIT + since);
      } catch (e) {
        await later(2000);
      }
    }
  }
  // A delete button asks once in the page (its label becomes the question), then acts on a
  // second click; a click elsewhere or 5 s of nothing disarms it.
  function armed(button, question, act) {
    var label = button.textContent;
    var timer = null;
    function disarm() {
      button.classList.remove('armed');
      button.textContent = label;
      clearTimeout(timer);
    }
    button.addEventListener('click', function (event) {
      event.stopPropagation();
      if (!button.classList.contains('armed')) {
        button.classList.add('armed');
        button.textContent = say(question);
        timer = setTimeout(disarm, 5000);
        return;
      }
      disarm();
      act();
    });
    document.addEventListener('click', disarm);
  }
  function inbox() {
    var all = document.getElementById('delete-all');
    armed(all, 'confirmAll', async function () {
      await send('DELETE', '/api/messages');
      render(await json('/api/messages?limit=500'));
    });
    watch();
  }
  function message() {
    var button = document.getElementById('delete-one');
    if (!button) return;
    armed(button, 'confirmOne', async function () {
      var r = await send('DELETE', '/api/messages/' + encodeURIComponent(button.dataset.id));
      await r.text();
      if (r.ok) window.location.href = '/?lang=' + lang;
    });
  }
  if (body.dataset.page === 'inbox') inbox();
  else if (body.dataset.page === 'message') message();
})();
`;
