/* bcpgen default theme script: tick boxes kept in localStorage, Japanese
   substring search over the embedded data, figure zoom. The single file needs
   no routing: its pages follow one another and links are #fragments.
   Plain ES2017, no libraries, no network. */
(function () {
  'use strict';
  var doc = document;
  doc.documentElement.classList.add('js');
  doc.body.classList.add('js');

  /* ---- storage (file:// pages share one localStorage; may be disabled) ---- */
  var store = {
    get: function (k) { try { return window.localStorage.getItem(k); } catch (e) { return null; } },
    set: function (k, v) { try { window.localStorage.setItem(k, v); } catch (e) { /* private mode */ } },
    del: function (k) { try { window.localStorage.removeItem(k); } catch (e) { /* ignore */ } }
  };

  /* ---- tick boxes: key = data-key ("<storage_key>:<index>") ---- */
  function boxes(group) { return group.querySelectorAll('input[type=checkbox][data-key]'); }
  function count(group) {
    var all = boxes(group), n = 0;
    for (var i = 0; i < all.length; i++) { if (all[i].checked) { n++; } }
    var p = group.querySelector('.progress');
    if (p) {
      p.textContent = n + ' / ' + all.length + ' 完了';
      p.classList.toggle('done', all.length > 0 && n === all.length);
    }
  }
  var groups = doc.querySelectorAll('[data-storage]');
  Array.prototype.forEach.call(groups, function (group) {
    Array.prototype.forEach.call(boxes(group), function (box) {
      box.checked = store.get(box.getAttribute('data-key')) === '1';
      box.addEventListener('change', function () {
        var k = box.getAttribute('data-key');
        if (box.checked) { store.set(k, '1'); } else { store.del(k); }
        /* The same list may be shown twice (embedded elsewhere in one file). */
        Array.prototype.forEach.call(doc.querySelectorAll('input[data-key]'), function (other) {
          if (other !== box && other.getAttribute('data-key') === k) { other.checked = box.checked; }
        });
        Array.prototype.forEach.call(groups, count);
      });
    });
    var reset = group.querySelector('button.reset');
    if (reset) {
      reset.addEventListener('click', function () {
        if (!window.confirm('この一覧のチェックをすべて外しますか？')) { return; }
        Array.prototype.forEach.call(boxes(group), function (box) {
          box.checked = false;
          store.del(box.getAttribute('data-key'));
        });
        Array.prototype.forEach.call(groups, count);
      });
    }
    count(group);
  });

  /* ---- messages for a page without JavaScript (e.g. search unavailable) ---- */
  Array.prototype.forEach.call(doc.querySelectorAll('[data-needs-script]'), function (m) { m.remove(); });

  /* ---- search: substring match after NFKC + lower case ---- */
  function norm(s) { return (s || '').normalize('NFKC').toLowerCase(); }
  var index = null;
  function buildIndex() {
    if (index) { return index; }
    index = [];
    (window.BCP_SEARCH || []).forEach(function (page) {
      page.s.forEach(function (sec) {
        index.push({ page: page, href: sec[0], head: sec[1], text: sec[2], nhead: norm(sec[1]), ntext: norm(sec[2]) });
      });
      index.push({ page: page, href: page.u, head: '', text: '', nhead: norm(page.t), ntext: '' , title: true });
    });
    return index;
  }
  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }
  /* The words around the first hit, the hit itself marked. */
  function snippet(entry, q) {
    var span = el('span', 'hit-snippet');
    var at = entry.ntext.indexOf(q);
    if (at < 0) { return span; }
    /* Show the original words where normalising kept every position. */
    var src = entry.text.length === entry.ntext.length ? entry.text : entry.ntext;
    var start = Math.max(0, at - 30), end = Math.min(src.length, at + q.length + 50);
    var flat = function (s) { return s.replace(/\s+/g, ' '); };
    span.appendChild(doc.createTextNode((start > 0 ? '…' : '') + flat(src.slice(start, at))));
    span.appendChild(el('mark', '', src.slice(at, at + q.length)));
    span.appendChild(doc.createTextNode(flat(src.slice(at + q.length, end)) + (end < src.length ? '…' : '')));
    return span;
  }
  function search(input, out) {
    var q = norm(input.value.trim());
    out.textContent = '';
    if (!q) { return; }
    var hits = [], seenTitle = {};
    buildIndex().forEach(function (e) {
      var inHead = e.nhead.indexOf(q) >= 0, inText = e.ntext.indexOf(q) >= 0;
      if (!inHead && !inText) { return; }
      if (e.title && seenTitle[e.href]) { return; }
      seenTitle[e.href] = true;
      hits.push({ e: e, score: (e.title ? 0 : inHead ? 1 : 2) });
    });
    /* Stable: equal scores keep bundle order. */
    hits.forEach(function (h, i) { h.i = i; });
    hits.sort(function (a, b) { return a.score - b.score || a.i - b.i; });
    var max = 50;
    out.appendChild(el('p', 'search-status', hits.length + ' 件' + (hits.length > max ? '（上位 ' + max + ' 件を表示）' : '')));
    if (!hits.length) { return; }
    var ol = el('ol');
    hits.slice(0, max).forEach(function (h) {
      var e = h.e, li = el('li'), a = el('a');
      a.setAttribute('href', e.href);
      a.appendChild(el('span', 'hit-title', e.page.t + (e.head ? ' › ' + e.head : '')));
      a.appendChild(snippet(e, q));
      li.appendChild(a);
      ol.appendChild(li);
    });
    out.appendChild(ol);
  }
  Array.prototype.forEach.call(doc.querySelectorAll('input[type=search][aria-controls]'), function (input) {
    var out = doc.getElementById(input.getAttribute('aria-controls'));
    if (!out) { return; }
    var timer = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search(input, out); }, 120);
    });
    input.addEventListener('search', function () { search(input, out); });
    if (input.value) { search(input, out); }
  });

  /* ---- offline web app: only when served over http(s), only from the
     multi-page bundle (its pages name the worker); from file:// nothing runs ---- */
  var sw = doc.querySelector('meta[name=bcpgen-webapp]');
  if (sw && /^https?:$/.test(window.location.protocol) && 'serviceWorker' in navigator) {
    var link = doc.createElement('link');
    link.rel = 'manifest';
    link.href = 'manifest.webmanifest';
    doc.head.appendChild(link);
    webApp(sw.getAttribute('content'));
  }
  function askBuild(worker) {
    return new Promise(function (resolve) {
      var ch = new MessageChannel();
      ch.port1.onmessage = function (e) { resolve(e.data); };
      worker.postMessage('bcpgen-build', [ch.port2]);
    });
  }
  /* A new build waits until every page of this one is closed; meanwhile the
     reader is told what is new: the build, and each document whose 版 or 指紋 changed. */
  function announce(next) {
    var now = navigator.serviceWorker.controller;
    if (!now || doc.querySelector('.banner-update')) { return; }
    Promise.all([askBuild(now), askBuild(next)]).then(function (r) {
      var cur = r[0], nxt = r[1];
      if (!nxt || (cur && cur.version === nxt.version)) { return; }
      var old = {};
      (cur ? cur.docs : []).forEach(function (d) { old[d[0]] = d[1] + '|' + d[3]; });
      var box = el('div', 'banner banner-update');
      box.setAttribute('role', 'status');
      box.appendChild(el('strong', '', '新しい版が公開されました'));
      box.appendChild(doc.createTextNode('（' + nxt.built + ' 作成、' + nxt.edition + '、ビルド ' + nxt.version + '）。次にこの資料を開いたときに切り替わります。'));
      var ul = el('ul');
      nxt.docs.forEach(function (d) {
        if (old[d[0]] !== d[1] + '|' + d[3]) {
          ul.appendChild(el('li', '', d[0] + '：版 ' + d[1] + '（承認日 ' + d[2] + '、指紋 ' + d[3] + '）'));
        }
      });
      if (ul.children.length) { box.appendChild(ul); }
      var main = doc.getElementById('bcp-main');
      if (main) { main.insertBefore(box, main.firstChild); }
    });
  }
  function webApp(url) {
    navigator.serviceWorker.register(url).then(function (reg) {
      if (reg.waiting) { announce(reg.waiting); }
      reg.addEventListener('updatefound', function () {
        var w = reg.installing;
        if (!w) { return; }
        w.addEventListener('statechange', function () {
          if (w.state === 'installed') { announce(w); }
        });
      });
    }).catch(function () { /* no worker: the pages work online as before */ });
  }

})();
