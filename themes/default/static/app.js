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

  /* ---- wide tables: say so where they really scroll ---- */
  /* Measured by a ResizeObserver, which reads sizes when the browser lays
     the table out anyway: reading scrollWidth here would force a layout of
     the whole page before DOMContentLoaded (seconds for bcp.html on a slow
     phone), and tables in pages skipped by content-visibility are measured
     only once they come into view. */
  function markOne(w) { w.classList.toggle('scrolls', w.scrollWidth > w.clientWidth + 1); }
  var wraps = doc.querySelectorAll('.table-wrap');
  if (window.ResizeObserver) {
    var ro = new ResizeObserver(function (entries) {
      entries.forEach(function (e) { markOne(e.target); });
    });
    Array.prototype.forEach.call(wraps, function (w) { ro.observe(w); });
  } else {
    var markAll = function () { Array.prototype.forEach.call(wraps, markOne); };
    window.addEventListener('load', markAll);
    window.addEventListener('resize', markAll);
  }

  /* ---- search (every page's top bar): substring match after NFKC + lower
     case; a query of several words (half- or full-width spaces) finds the
     pages holding all of them. One result per page, ranked:
     documents before the glossary; a word in the title before one in a
     heading before one in the text; manuals, lists and procedures before
     the other reference material, before the plan's narrative; then a title
     that starts with the query; then the shorter title; then bundle order. */
  function norm(s) { return (s || '').normalize('NFKC').toLowerCase(); }
  /* NFKC turns the full-width space into a plain one. */
  function words(q) { return norm(q).split(/\s+/).filter(function (w) { return w; }); }
  var KIND_RANK = { manual: 0, list: 0, procedure: 0, form: 1, diagram: 1, guide: 1, plan: 2, glossary: 3 };
  var index = null;
  function buildIndex() {
    if (index) { return index; }
    index = (window.BCP_SEARCH || []).map(function (page, order) {
      return {
        page: page, order: order, ntitle: norm(page.t),
        rank: KIND_RANK.hasOwnProperty(page.k) ? KIND_RANK[page.k] : 1,
        secs: page.s.map(function (sec) {
          return { href: sec[0], head: sec[1], text: sec[2], nhead: norm(sec[1]), ntext: norm(sec[2]) };
        })
      };
    });
    return index;
  }
  /* The page's hit for `ws`, or null: where each word is found at best
     (0 title, 1 heading, 2 text), the weakest word deciding, and the section
     holding most of the words to link to. */
  function match(p, ws) {
    var field = 0;
    for (var i = 0; i < ws.length; i++) {
      var w = ws[i], best = p.ntitle.indexOf(w) >= 0 ? 0 : 3;
      for (var j = 0; j < p.secs.length && best > 1; j++) {
        var s = p.secs[j];
        if (s.nhead.indexOf(w) >= 0) { best = 1; } else if (best > 2 && s.ntext.indexOf(w) >= 0) { best = 2; }
      }
      if (best === 3) { return null; }
      field = Math.max(field, best);
    }
    var sec = null, most = 0;
    p.secs.forEach(function (s) {
      var n = 0;
      ws.forEach(function (w) { if (s.nhead.indexOf(w) >= 0 || s.ntext.indexOf(w) >= 0) { n += s.nhead.indexOf(w) >= 0 ? 1.5 : 1; } });
      if (n > most) { most = n; sec = s; }
    });
    return { p: p, field: field, sec: sec };
  }
  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }
  /* The words around the first hit, every query word in them marked. */
  function snippet(sec, ws) {
    var span = el('span', 'hit-snippet');
    if (!sec) { return span; }
    var first = -1;
    ws.forEach(function (w) { var at = sec.ntext.indexOf(w); if (at >= 0 && (first < 0 || at < first)) { first = at; } });
    if (first < 0) { return span; }
    /* Show the original words where normalising kept every position. */
    var src = sec.text.length === sec.ntext.length ? sec.text : sec.ntext;
    var start = Math.max(0, first - 30), end = Math.min(src.length, first + 90);
    var flat = function (t) { return t.replace(/\s+/g, ' '); };
    if (start > 0) { span.appendChild(doc.createTextNode('…')); }
    var at = start;
    while (at < end) {
      var next = -1, len = 0;
      ws.forEach(function (w) {
        var k = sec.ntext.indexOf(w, at);
        if (k >= 0 && k < end && (next < 0 || k < next || (k === next && w.length > len))) { next = k; len = w.length; }
      });
      if (next < 0) { span.appendChild(doc.createTextNode(flat(src.slice(at, end)))); break; }
      if (next > at) { span.appendChild(doc.createTextNode(flat(src.slice(at, next)))); }
      span.appendChild(el('mark', '', src.slice(next, next + len)));
      at = next + len;
    }
    if (end < src.length) { span.appendChild(doc.createTextNode('…')); }
    return span;
  }
  function rankHits(q) {
    var ws = words(q), hits = [];
    if (!ws.length) { return hits; }
    var whole = ws.join(' ');
    buildIndex().forEach(function (p) {
      var h = match(p, ws);
      if (h) {
        h.glossary = p.page.k === 'glossary' ? 1 : 0;
        h.starts = p.ntitle.indexOf(whole) === 0 || p.ntitle.indexOf(ws[0]) === 0 ? 0 : 1;
        hits.push(h);
      }
    });
    hits.sort(function (a, b) {
      return a.glossary - b.glossary || a.field - b.field || a.p.rank - b.p.rank ||
        a.starts - b.starts || a.p.page.t.length - b.p.page.t.length || a.p.order - b.p.order;
    });
    hits.ws = ws;
    return hits;
  }
  /* For the benchmark and the tests: the ranked titles of a query. */
  window.BCP_RANK = function (q) { return rankHits(q).map(function (h) { return h.p.page.t; }); };
  function search(input, out) {
    out.textContent = '';
    if (!input.value.trim()) { return; }
    if (!window.BCP_SEARCH) { out.appendChild(el('p', 'search-status', '検索データを読み込んでいます…')); return; }
    var hits = rankHits(input.value), max = 50;
    /* Which query the list answers (the tests and bench/phone.mjs wait for it). */
    out.setAttribute('data-query', input.value);
    out.appendChild(el('p', 'search-status', hits.length + ' 件' + (hits.length > max ? '（上位 ' + max + ' 件を表示）' : '')));
    if (!hits.length) { return; }
    var ol = el('ol');
    hits.slice(0, max).forEach(function (h) {
      var li = el('li'), a = el('a'), sec = h.sec;
      a.setAttribute('href', sec ? sec.href : h.p.page.u);
      a.appendChild(el('span', 'hit-title', h.p.page.t + (sec && sec.head ? ' › ' + sec.head : '')));
      a.appendChild(snippet(sec, hits.ws));
      li.appendChild(a);
      ol.appendChild(li);
    });
    out.appendChild(ol);
  }
  /* The pages load the search data only when the box is first used, so a
     page opens without parsing it (bcp.html has it inline already). */
  var loading = null;
  function loadData(then) {
    if (window.BCP_SEARCH) { then(); return; }
    var src = doc.querySelector('input[type=search][data-index]');
    if (!src) { return; }
    if (!loading) {
      loading = [];
      var sc = doc.createElement('script');
      sc.src = src.getAttribute('data-index');
      sc.onload = function () { index = null; loading.forEach(function (f) { f(); }); };
      doc.head.appendChild(sc);
    }
    loading.push(then);
  }
  Array.prototype.forEach.call(doc.querySelectorAll('input[type=search][aria-controls]'), function (input) {
    var out = doc.getElementById(input.getAttribute('aria-controls'));
    if (!out) { return; }
    var timer = null;
    var run = function () { search(input, out); };
    input.addEventListener('focus', function () { loadData(function () { if (input.value) { run(); } }); });
    var go = function () { run(); if (!window.BCP_SEARCH) { loadData(run); } };
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(go, 120);
    });
    input.addEventListener('search', go);
    if (input.value) { loadData(run); }
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
