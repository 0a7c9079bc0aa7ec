/**
 * The web inbox's one script, shipped as a string so it needs no build step and is in dist/
 * wherever the package is installed. Plain ES2017 for any current browser; it holds no words
 * (they come from the page's data-texts, texts.ts) and no inline handlers (the pages' CSP
 * forbids inline script). On `/` it lists the mail and keeps the list current by long-polling
 * `GET /api/messages?wait=25` with If-None-Match (answered when the listing changes, 304 when
 * not); on a message page it wires the delete button. Deleting asks in the page (a second
 * click), not with confirm(), which browsers may suppress.
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
  var LIST = '/api/messages?limit=500';
  var shown = null;
  // The listing shown, by its ETag; the long poll answers when it changes, 304 when it has not.
  async function refresh(wait) {
    var headers = { Accept: 'application/json' };
    if (wait && shown) headers['If-None-Match'] = shown;
    var r = await fetch(LIST + (wait ? '&wait=' + WAIT : ''), { headers: headers });
    if (r.status === 304) return;
    if (!r.ok) throw new Error(LIST + ': ' + r.status);
    var list = await r.json();
    shown = r.headers.get('ETag');
    render(list);
  }
  async function watch() {
    for (;;) {
      try {
        // Without a listing to compare with yet, a plain GET; then the long poll.
        var had = shown !== null;
        await refresh(had);
        if (!had && shown === null) await later(2000);
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
      await refresh(false);
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
