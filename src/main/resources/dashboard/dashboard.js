/*
 * The editors' popularity dashboard. Reads everything through /graphql with the editor's token (kept in
 * sessionStorage for this browser session only) and stays live through the subscriptions readersNow, popularChanged,
 * articlePublished and analyticsAlerts over /graphql-ws (graphql-transport-ws); alerts that arrive while the page is
 * open are highlighted. Numbers and dates are id-ID, times in WIB.
 */
(function () {
  'use strict';

  var TOKEN_KEY = 'news.dashboard.token';
  var LANG_KEY = 'news.dashboard.lang';
  var ZONE = 'Asia/Jakarta';

  var TEXT = {
    id: {
      skip: 'Lewati ke isi', title: 'Dasbor Popularitas', signOut: 'Keluar', signInTitle: 'Masuk sebagai editor',
      signInHelp: 'Tempel token editor (JWT dengan peran EDITOR). Token hanya disimpan selama sesi peramban ini.',
      tokenLabel: 'Token editor', signIn: 'Masuk', devToken: 'Ambil token pengembang', window: 'Rentang',
      LAST_HOUR: '1 jam terakhir', LAST_24_HOURS: '24 jam terakhir', TODAY: 'Hari ini', LAST_7_DAYS: '7 hari terakhir',
      LAST_30_DAYS: '30 hari terakhir', section: 'Rubrik', allSections: 'Semua rubrik',
      noData: 'Belum ada data untuk pilihan ini.', chartTitle: 'Tayangan dari waktu ke waktu', wholeSite: 'Seluruh situs',
      range: 'Jangka', rangeDay: '24 jam (per jam)', rangeMonth: '30 hari (per hari)', trending: 'Sedang naik: tayangan per jam',
      noTrending: 'Tidak ada artikel yang sedang naik.', published: 'Baru terbit',
      noPublished: 'Belum ada artikel baru sejak halaman dibuka.', perSection: 'Tayangan per rubrik',
      perReporter: 'Tayangan per wartawan', reporter: 'Wartawan', views: 'Tayangan', change: 'Perubahan',
      readers: 'Pembaca', readersUnit: 'pembaca',
      readersHelp: 'Pembaca unik: setiap pembaca dihitung sekali dalam rentang (pembaca anonim sekali per hari). Per artikel tepat; per rubrik, wartawan dan situs berupa perkiraan (±3,3%).',
      ingestion: 'Penghitungan tayangan (semua server)', accepted: 'Dihitung', duplicates: 'Duplikat',
      lateDuplicates: 'Duplikat terlambat',
      bots: 'Bot', rejected: 'Ditolak', rateLimited: 'Melebihi batas', pendingKeys: 'Menunggu ditulis',
      lastFlushAt: 'Terakhir ditulis', viewsUnit: 'tayangan', isNew: 'baru', up: 'naik', down: 'turun', same: 'tetap',
      chart: 'Grafik', updated: 'Terakhir diperbarui', live: '● Langsung', connecting: '○ Menyambung…',
      offline: '○ Terputus, mencoba lagi…', site: 'Seluruh situs', sectionScope: 'Rubrik', reporterScope: 'Wartawan',
      articleScope: 'Artikel', noToken: 'Tempel token terlebih dahulu.',
      badToken: 'Token tidak sah: bukan JWT. Tempel token editor yang lengkap.',
      expiredToken: 'Token sudah kedaluwarsa. Minta token baru lalu masuk lagi.',
      refused: 'Token ditolak server', noRole: 'Token ini tidak memiliki peran EDITOR.',
      serverDown: 'Server tidak dapat dihubungi. Periksa koneksi atau coba lagi sebentar lagi.',
      serverError: 'Server menjawab dengan galat', devTokenMissing: 'Token pengembang tidak tersedia di server ini.',
      signedOut: 'Anda sudah keluar.', time: 'Waktu', by: 'oleh', emptyChart: 'Tidak ada tayangan dalam jangka ini.',
      readersNow: 'Pembaca sekarang', readersNowHelp: 'Pengunjung berbeda dengan tayangan atau detak keterlibatan dalam 5 menit terakhir, seluruh situs.',
      sources: 'Sumber', source: 'Sumber', share: 'Porsi', INTERNAL: 'Internal', SEARCH: 'Mesin pencari',
      SOCIAL: 'Media sosial', NEWSLETTER: 'Nawala', CAMPAIGN: 'Kampanye', DIRECT: 'Langsung', OTHER: 'Lainnya',
      alerts: 'Peringatan: berita melonjak', noAlerts: 'Belum ada peringatan.', SPIKE: 'Lonjakan',
      STILL_RISING: 'Terus naik', BACK_RISING: 'Naik lagi', perMinute: 'pembaca/menit', threshold: 'ambang',
      alertsHelp: 'Artikel baru yang pembaca per menitnya melewati ambang dari puncak rubriknya (lihat dokumentasi). Yang datang selagi halaman terbuka disorot.',
      detail: 'Rincian', articleView: 'Rincian artikel', close: 'Tutup', engaged: 'Waktu baca aktif',
      engagedUnit: 'detik', averageEngaged: 'Rata-rata per pembaca', seconds: 'dtk', minutes: 'mnt',
      articleHelp: 'Tayangan terhitung, pembaca unik (tepat, tiap pembaca sekali dalam jangka), detik halaman terlihat dan dipakai pembaca, dan tayangan per sumber, per titik waktu.',
      engagedSeconds: 'Detik aktif',
      popular: 'Populer', choices: 'Pilihan', trendingUnit: 'tayangan (2 jam)',
      trendingHelp: 'Diurutkan menurut tayangan per jam pada jam ini dan jam sebelumnya dibanding rata-rata per jam 24 jam sebelum itu (hanya artikel dengan minimal 20 tayangan dalam dua jam itu). Angkanya: tayangan jam ini dan jam sebelumnya.',
      csv: 'Unduh CSV', csvHelp: 'Tabel ini sebagai CSV, dibuat di peramban dari data yang sudah dimuat di halaman (tanpa permintaan baru).',
      axisTime: 'Waktu (WIB)', axisCount: 'Tayangan & pembaca', axisEngaged: 'Detik baca aktif',
      partialHour: 'Jam terakhir (mulai {time} WIB) masih berjalan: angkanya belum lengkap.',
      partialDay: 'Hari terakhir ({time}) masih berjalan: angkanya belum lengkap.', partialMark: 'berjalan',
      rank: 'Peringkat', previousRank: 'Peringkat sebelumnya', headline: 'Judul', url: 'Alamat', publishedAt: 'Terbit',
      previousViews: 'Tayangan rentang sebelumnya', category: 'Kode', count: 'Jumlah', kind: 'Jenis', raisedAt: 'Waktu',
      partial: 'Belum lengkap', yes: 'ya', no: 'tidak', slug: 'Slug', name: 'Nama'
    },
    en: {
      skip: 'Skip to content', title: 'Popularity Dashboard', signOut: 'Sign out', signInTitle: 'Sign in as an editor',
      signInHelp: 'Paste an editor\'s token (a JWT with the EDITOR role). It is kept for this browser session only.',
      tokenLabel: 'Editor token', signIn: 'Sign in', devToken: 'Get a developer token', window: 'Window',
      LAST_HOUR: 'Last hour', LAST_24_HOURS: 'Last 24 hours', TODAY: 'Today', LAST_7_DAYS: 'Last 7 days',
      LAST_30_DAYS: 'Last 30 days', section: 'Section', allSections: 'All sections',
      noData: 'No data for this choice yet.', chartTitle: 'Views over time', wholeSite: 'Whole site',
      range: 'Range', rangeDay: '24 hours (hourly)', rangeMonth: '30 days (daily)', trending: 'Trending: views per hour',
      noTrending: 'Nothing is trending.', published: 'Just published',
      noPublished: 'No new articles since the page was opened.', perSection: 'Views per section',
      perReporter: 'Views per reporter', reporter: 'Reporter', views: 'Views', change: 'Change',
      readers: 'Readers', readersUnit: 'readers',
      readersHelp: 'Unique readers: each reader once in the period (anonymous readers once per day). Exact per article; per section, reporter and site an estimate (±3.3%).',
      ingestion: 'View accounting (all servers)', accepted: 'Counted', duplicates: 'Duplicates',
      lateDuplicates: 'Late duplicates',
      bots: 'Bots', rejected: 'Rejected', rateLimited: 'Rate-limited', pendingKeys: 'Waiting to be written',
      lastFlushAt: 'Last written', viewsUnit: 'views', isNew: 'new', up: 'up', down: 'down', same: 'same',
      chart: 'Chart', updated: 'Last updated', live: '● Live', connecting: '○ Connecting…',
      offline: '○ Disconnected, retrying…', site: 'Whole site', sectionScope: 'Section', reporterScope: 'Reporter',
      articleScope: 'Article', noToken: 'Paste a token first.',
      badToken: 'Invalid token: not a JWT. Paste the whole editor token.',
      expiredToken: 'The token has expired. Get a new one and sign in again.',
      refused: 'The server refused the token', noRole: 'This token does not have the EDITOR role.',
      serverDown: 'The server cannot be reached. Check the connection or try again shortly.',
      serverError: 'The server answered with an error', devTokenMissing: 'No developer token on this server.',
      signedOut: 'You are signed out.', time: 'Time', by: 'by', emptyChart: 'No views in this range.',
      readersNow: 'Readers now', readersNowHelp: 'Distinct visitors with a view or an engagement heartbeat in the last 5 minutes, whole site.',
      sources: 'Sources', source: 'Source', share: 'Share', INTERNAL: 'Internal', SEARCH: 'Search',
      SOCIAL: 'Social', NEWSLETTER: 'Newsletter', CAMPAIGN: 'Campaign', DIRECT: 'Direct', OTHER: 'Other',
      alerts: 'Alerts: stories taking off', noAlerts: 'No alerts yet.', SPIKE: 'Spike',
      STILL_RISING: 'Still rising', BACK_RISING: 'Back rising', perMinute: 'readers/min', threshold: 'threshold',
      alertsHelp: 'Recent articles whose readers per minute passed a threshold from their section\'s peaks (see the documentation). Those that arrive while the page is open are highlighted.',
      detail: 'Details', articleView: 'Article details', close: 'Close', engaged: 'Engaged time',
      engagedUnit: 'seconds', averageEngaged: 'Average per reader', seconds: 's', minutes: 'min',
      articleHelp: 'Counted views, unique readers (exact, each reader once in the range), seconds the page was visible and in use, and views per source, per point in time.',
      engagedSeconds: 'Engaged seconds',
      popular: 'Popular', choices: 'Choices', trendingUnit: 'views (2 hours)',
      trendingHelp: 'Ranked by views per hour in the current and the previous hour against the hourly average of the 24 hours before (only articles with at least 20 views in those two hours). The number: views in the current and the previous hour.',
      csv: 'Download CSV', csvHelp: 'This table as CSV, made in the browser from the data already loaded on the page (no new request).',
      axisTime: 'Time (WIB)', axisCount: 'Views & readers', axisEngaged: 'Engaged seconds',
      partialHour: 'The last hour (from {time} WIB) is still running: its numbers are not complete.',
      partialDay: 'The last day ({time}) is still running: its numbers are not complete.', partialMark: 'partial',
      rank: 'Rank', previousRank: 'Previous rank', headline: 'Headline', url: 'Address', publishedAt: 'Published',
      previousViews: 'Views in the window before', category: 'Code', count: 'Count', kind: 'Kind', raisedAt: 'Time',
      partial: 'Partial', yes: 'yes', no: 'no', slug: 'Slug', name: 'Name'
    }
  };

  var ALERT = 'id kind readersPerMinute threshold raisedAt article { id headline url }';
  var RANKED = 'rank views readers previousRank article { id slug headline url publishedAt section { slug name } reporters { slug name } }';
  var PANELS = 'query DashboardPanels($window: PopularityWindow!, $section: String, $scope: AnalyticsScope, ' +
    '$bucket: TimeBucket!, $from: DateTime!, $to: DateTime!) { ' +
    'trending(section: $section, first: 5) { ' + RANKED + ' } ' +
    'analytics { viewsOverTime(scope: $scope, bucket: $bucket, from: $from, to: $to) { start views readers partial } ' +
    'sectionTotals(window: $window) { section { slug name } views previousViews change readers } ' +
    'reporterTotals(window: $window, first: 10) { reporter { slug name } views previousViews change readers } ' +
    'sources(window: $window) { category views share } alerts(first: 10) { ' + ALERT + ' } ' +
    'ingestion(window: $window) { accepted duplicates lateDuplicates bots rejected rateLimited pendingKeys lastFlushAt } } }';
  var POPULAR = 'query DashboardPopular($window: PopularityWindow!, $section: String) { ' +
    'popular(window: $window, section: $section, first: 10) { ' + RANKED + ' } }';
  var ARTICLE_VIEW = 'query DashboardArticle($article: ID!, $bucket: TimeBucket!, $from: DateTime!, $to: DateTime!) { ' +
    'analytics { articleOverTime(article: $article, bucket: $bucket, from: $from, to: $to) { articleId article { headline url } ' +
    'views readers engagedSeconds averageEngagedSeconds sources { category views share } ' +
    'points { start views readers engagedSeconds partial sources { category views } } } } }';
  var CATEGORIES = ['INTERNAL', 'SEARCH', 'SOCIAL', 'NEWSLETTER', 'CAMPAIGN', 'DIRECT', 'OTHER'];
  var SECTIONS = 'query DashboardSections { sections { slug name children { slug name children { slug name } } } }';
  var CHECK = 'query SignInCheck { analytics { __typename } }';
  var LIVE_POPULAR = 'subscription LivePopular($window: PopularityWindow!, $section: String) { ' +
    'popularChanged(window: $window, section: $section, first: 10) { computedAt popular { ' + RANKED + ' } } }';
  var LIVE_PUBLISHED = 'subscription LivePublished($section: String) { articlePublished(section: $section) { ' +
    'id headline url publishedAt section { name } } }';
  var LIVE_ALERTS = 'subscription LiveAlerts { analyticsAlerts { ' + ALERT + ' } }';
  var LIVE_READERS = 'subscription LiveReaders { readersNow { readers computedAt } }';

  var state = {
    token: sessionStorage.getItem(TOKEN_KEY),
    lang: localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'id',
    window: 'LAST_7_DAYS', section: '', scope: { kind: 'site' }, range: 'DAY',
    socket: null, retry: 0, subId: 0, panelsPending: null, chart: null, sectionsLoaded: false,
    alerts: [], freshAlerts: {}, article: null, articleChart: null, liveKey: '', published: [], csvUrls: {},
    popularAsked: 0, panelsAsked: 0
  };

  var $ = function (id) { return document.getElementById(id); };
  var number = new Intl.NumberFormat('id-ID');
  var percent = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  var share = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1 });
  var dateTime = new Intl.DateTimeFormat('id-ID', { timeZone: ZONE, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  var timeOnly = new Intl.DateTimeFormat('id-ID', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit' });
  var hourLabel = new Intl.DateTimeFormat('id-ID', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' });
  var dayLabel = new Intl.DateTimeFormat('id-ID', { timeZone: ZONE, day: 'numeric', month: 'short' });

  function t(key) { return TEXT[state.lang][key] || key; }
  function wib(iso) { return iso ? dateTime.format(new Date(iso)) + ' WIB' : ''; }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { node.textContent = attrs[k]; } else if (k === 'onclick') { node.addEventListener('click', attrs[k]); } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return node;
  }

  function show(text, kind) {
    var box = $('message');
    box.textContent = text;
    box.className = 'message' + (kind === 'info' ? ' info' : '');
    box.hidden = !text;
  }

  function applyLanguage() {
    document.documentElement.lang = state.lang;
    document.querySelectorAll('[data-i18n]').forEach(function (node) { node.textContent = t(node.getAttribute('data-i18n')); });
    document.querySelectorAll('[data-i18n-title]').forEach(function (node) { node.title = t(node.getAttribute('data-i18n-title')); });
    document.querySelectorAll('[data-i18n-label]').forEach(function (node) { node.setAttribute('aria-label', t(node.getAttribute('data-i18n-label'))); });
    $('lang').textContent = state.lang === 'id' ? 'English' : 'Bahasa Indonesia';
    document.title = t('title') + ' · News GraphQL';
    setLive(state.liveKey);
  }

  /** The connection status in the bar, kept as a key so that a language switch translates it. */
  function setLive(key) {
    state.liveKey = key || '';
    $('live').textContent = key ? t(key) : '';
  }

  // ---- CSV ---------------------------------------------------------------------------------------------------

  function csvField(value) {
    var text = value == null ? '' : String(value);
    return /[",\r\n;]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /**
   * The table's CSV behind its download link: made here from the data the page loaded (no request), raw numbers and
   * ISO-8601 times in UTC, headers in the page's language, UTF-8 with a byte order mark so that spreadsheets read it.
   */
  function setCsv(key, header, rows) {
    var link = $('csv-' + key);
    if (!link) { return; }
    var text = [header].concat(rows).map(function (row) { return row.map(csvField).join(','); }).join('\r\n') + '\r\n';
    // The previous file is let go a minute later, not now: a download clicked just before this update may still be
    // reading it (revoked at once, that download would fail).
    var previous = state.csvUrls[key];
    if (previous) { setTimeout(function () { URL.revokeObjectURL(previous); }, 60000); }
    state.csvUrls[key] = URL.createObjectURL(new Blob(['\ufeff' + text], { type: 'text/csv;charset=utf-8' }));
    link.href = state.csvUrls[key];
    link.setAttribute('download', key + (key === 'chart' || key === 'article' ? '' : '-' + state.window.toLowerCase()) + '.csv');
    link.setAttribute('data-rows', String(rows.length));
  }

  // ---- Token -------------------------------------------------------------------------------------------------

  /** Refuses what is certainly not a usable token before anything is sent: not a JWT, or expired. */
  function tokenProblem(token) {
    var parts = token.split('.');
    if (parts.length !== 3) { return t('badToken'); }
    try {
      var claims = JSON.parse(atob(parts[1].replace(/-/g, '+').replace(/_/g, '/')));
      if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) { return t('expiredToken'); }
    } catch (e) {
      return t('badToken');
    }
    return null;
  }

  function gql(query, variables) {
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/graphql-response+json, application/json' };
    if (state.token) { headers.Authorization = 'Bearer ' + state.token; }
    return fetch('/graphql', { method: 'POST', headers: headers, body: JSON.stringify({ query: query, variables: variables || {} }) })
      .catch(function () { throw { kind: 'down' }; })
      .then(function (response) {
        if (!response.ok && response.status >= 500) { throw { kind: 'server', status: response.status }; }
        return response.json().catch(function () { throw { kind: 'server', status: response.status }; });
      })
      .then(function (body) {
        var errors = body.errors || [];
        for (var i = 0; i < errors.length; i++) {
          var type = errors[i].extensions && errors[i].extensions.classification;
          if (type === 'UNAUTHORIZED' || type === 'FORBIDDEN') { throw { kind: type, message: errors[i].message }; }
        }
        if (errors.length && !body.data) { throw { kind: 'server', message: errors[0].message }; }
        return body.data || {};
      });
  }

  function failed(error) {
    if (error && (error.kind === 'UNAUTHORIZED' || error.kind === 'FORBIDDEN')) {
      signOut(error.kind === 'FORBIDDEN' ? t('noRole') : t('refused') + ': ' + (error.message || ''));
    } else if (error && error.kind === 'down') {
      show(t('serverDown'));
    } else {
      show(t('serverError') + (error && error.message ? ': ' + error.message : (error && error.status ? ' (' + error.status + ')' : '')));
    }
  }

  function signIn(token) {
    token = (token || '').trim();
    if (!token) { show(t('noToken')); return; }
    var problem = tokenProblem(token);
    if (problem) { show(problem); $('token').focus(); return; }
    state.token = token;
    // One question that reads no data: does the server accept this token for the editors' analytics?
    gql(CHECK).then(function () {
      sessionStorage.setItem(TOKEN_KEY, token);
      show('');
      openBoard();
    }, function (error) {
      state.token = null;
      failed(error);
    });
  }

  function signOut(reason) {
    state.token = null;
    sessionStorage.removeItem(TOKEN_KEY);
    closeSocket();
    $('board').hidden = true;
    $('signin').hidden = false;
    $('signout').hidden = true;
    setLive('');
    $('token').value = '';
    show(reason || t('signedOut'), reason ? 'error' : 'info');
  }

  function devToken() {
    fetch('/dev/token?sub=dashboard&roles=EDITOR', { method: 'POST' })
      .then(function (response) {
        if (!response.ok) { throw { kind: 'missing' }; }
        return response.text();
      })
      .then(function (text) { $('token').value = text.trim(); signIn(text); },
        function (error) { show(error && error.kind === 'missing' ? t('devTokenMissing') : t('serverDown')); });
  }

  // ---- Board -------------------------------------------------------------------------------------------------

  function openBoard() {
    $('signin').hidden = true;
    $('board').hidden = false;
    $('signout').hidden = false;
    loadSections();
    reload();
    connect();
  }

  function loadSections() {
    if (state.sectionsLoaded) { return; }
    gql(SECTIONS).then(function (data) {
      var select = $('section');
      (function add(list, depth) {
        (list || []).forEach(function (s) {
          select.appendChild(el('option', { value: s.slug, text: '\u00a0\u00a0'.repeat(depth) + s.name }));
          add(s.children, depth + 1);
        });
      })(data.sections, 0);
      select.value = state.section;
      state.sectionsLoaded = true;
    }, failed);
  }

  /** A new window or section: the list, the panels and the live subscription follow it. */
  function reload() {
    // Answers may arrive out of order (a cached list before one computed first): only the latest choice's is shown.
    var asked = ++state.popularAsked;
    gql(POPULAR, { window: state.window, section: state.section || null })
      .then(function (data) {
        if (asked !== state.popularAsked) { return; }
        renderRanked($('popular'), $('popular-empty'), data.popular || []);
        stamp();
      }, failed);
    loadPanels();
    resubscribe();
  }

  function chartRange() {
    var to = new Date();
    var from = new Date(to.getTime() - (state.range === 'DAY' ? 24 * 3600e3 : 30 * 24 * 3600e3));
    return { bucket: state.range === 'DAY' ? 'HOUR' : 'DAY', from: from.toISOString(), to: to.toISOString() };
  }

  function scopeInput() {
    var s = state.scope;
    if (s.kind === 'section') { return { section: s.key }; }
    if (s.kind === 'reporter') { return { reporter: s.key }; }
    if (s.kind === 'article') { return { article: s.key }; }
    return null;
  }

  function loadPanels() {
    var range = chartRange();
    var asked = ++state.panelsAsked;
    return gql(PANELS, {
      window: state.window, section: state.section || null, scope: scopeInput(),
      bucket: range.bucket, from: range.from, to: range.to
    }).then(function (data) {
      if (asked !== state.panelsAsked) { return; }
      renderRanked($('trending'), $('trending-empty'), data.trending || []);
      var a = data.analytics;
      if (!a) { return; }
      renderChart(a.viewsOverTime);
      renderTotals($('section-totals'), a.sectionTotals, 'section');
      renderTotals($('reporter-totals'), a.reporterTotals, 'reporter');
      renderSources(a.sources);
      mergeAlerts(a.alerts || []);
      renderIngestion(a.ingestion);
      stamp();
    }, failed).then(loadArticle);
  }

  // ---- Article view ------------------------------------------------------------------------------------------

  function detailButton(id, headline) {
    return el('button', {
      type: 'button', 'class': 'linkish detail-link', 'data-article': id, 'aria-label': t('detail') + ': ' + headline,
      text: t('detail'), onclick: function () { openArticle(id, headline); }
    });
  }

  function openArticle(id, headline) {
    state.article = { id: id, headline: headline };
    $('article-view').hidden = false;
    $('article-name').textContent = headline;
    loadArticle().then(function () { $('article-title').scrollIntoView({ block: 'nearest' }); });
  }

  function closeArticle() {
    state.article = null;
    $('article-view').hidden = true;
    if (state.articleChart) { state.articleChart.destroy(); state.articleChart = null; }
  }

  /** The open article over the chart's range (24 hours hourly, 30 days daily). */
  function loadArticle() {
    if (!state.article) { return Promise.resolve(); }
    var range = chartRange();
    var id = state.article.id;
    return gql(ARTICLE_VIEW, { article: id, bucket: range.bucket, from: range.from, to: range.to }).then(function (data) {
      if (!state.article || state.article.id !== id) { return; }
      renderArticle(data.analytics.articleOverTime);
    }, failed);
  }

  function duration(seconds) {
    var m = Math.floor(seconds / 60);
    var s = Math.round(seconds % 60);
    return m ? number.format(m) + ' ' + t('minutes') + ' ' + s + ' ' + t('seconds') : number.format(s) + ' ' + t('seconds');
  }

  function renderArticle(view) {
    var box = $('article-view');
    box.setAttribute('data-article', view.articleId);
    box.setAttribute('data-views', String(view.views));
    box.setAttribute('data-readers', String(view.readers));
    box.setAttribute('data-engaged', String(view.engagedSeconds));
    if (view.article) {
      state.article.headline = view.article.headline;
      $('article-name').replaceChildren(el('a', { 'class': 'headline', href: view.article.url, text: view.article.headline }));
    }
    var tiles = [['views', number.format(view.views)], ['readers', number.format(view.readers)],
      ['engaged', duration(view.engagedSeconds)],
      ['averageEngaged', view.averageEngagedSeconds == null ? '–' : duration(view.averageEngagedSeconds)]];
    view.sources.forEach(function (s) { if (s.views) { tiles.push([s.category, number.format(s.views) + ' · ' + share.format(s.share)]); } });
    $('article-totals').replaceChildren.apply($('article-totals'), tiles.map(function (tile) {
      return el('div', { 'data-key': tile[0] }, [el('dt', { text: t(tile[0]) }), el('dd', { text: tile[1] })]);
    }));
    var label = state.range === 'DAY' ? hourLabel : dayLabel;
    var head = $('article-table').querySelector('thead');
    head.replaceChildren(el('tr', {}, [el('th', { text: t('time') }), el('th', { 'class': 'num', text: t('views') }),
      el('th', { 'class': 'num', text: t('readers') }), el('th', { 'class': 'num', text: t('engagedSeconds') })]
      .concat(CATEGORIES.map(function (c) { return el('th', { 'class': 'num', text: t(c) }); }))));
    var body = $('article-table').querySelector('tbody');
    body.replaceChildren.apply(body, view.points.slice().reverse().map(function (p) {
      var bySource = {};
      p.sources.forEach(function (s) { bySource[s.category] = s.views; });
      return el('tr', { 'data-start': p.start, 'class': p.partial ? 'partial' : '' }, [el('th', { text: pointLabel(p, label) }),
        el('td', { 'class': 'num', text: number.format(p.views) }), el('td', { 'class': 'num', text: number.format(p.readers) }),
        el('td', { 'class': 'num', text: number.format(p.engagedSeconds) })]
        .concat(CATEGORIES.map(function (c) { return el('td', { 'class': 'num', text: number.format(bySource[c] || 0) }); })));
    }));
    setCsv('article', [t('time'), t('views'), t('readers'), t('engagedSeconds')].concat(CATEGORIES.map(t)).concat([t('partial')]),
      view.points.map(function (p) {
        var bySource = {};
        p.sources.forEach(function (s) { bySource[s.category] = s.views; });
        return [p.start, p.views, p.readers, p.engagedSeconds].concat(CATEGORIES.map(function (c) { return bySource[c] || 0; }))
          .concat([p.partial ? t('yes') : t('no')]);
      }));
    var chart = $('article-chart');
    markPartial(chart, $('article-partial'), view.points, label);
    var xs = view.points.map(function (p) { return Date.parse(p.start) / 1000; });
    var options = {
      width: Math.max(280, chart.clientWidth || 600), height: 220,
      scales: { x: { time: true }, s: {} },
      hooks: { draw: [shadePartial(view.points)] },
      axes: [
        { label: t('axisTime'), values: function (u, splits) { return splits.map(function (v) { return label.format(new Date(v * 1000)); }); } },
        { label: t('axisCount'), values: function (u, splits) { return splits.map(function (v) { return number.format(v); }); }, size: 60 },
        { label: t('axisEngaged'), scale: 's', side: 1, grid: { show: false }, size: 60,
          values: function (u, splits) { return splits.map(function (v) { return number.format(v); }); } }
      ],
      series: [{ label: t('time'), value: function (u, v) { return v == null ? '' : label.format(new Date(v * 1000)) + ' WIB'; } },
        { label: t('views'), stroke: '#b3122e', width: 2, points: { show: true, size: 5 } },
        { label: t('readers'), stroke: '#1d5fa8', width: 2, dash: [6, 4], points: { show: true, size: 4 } },
        { label: t('engagedSeconds'), scale: 's', stroke: '#0b7a3b', width: 2, points: { show: true, size: 4 } }]
    };
    if (state.articleChart) { state.articleChart.destroy(); }
    chart.replaceChildren();
    state.articleChart = new uPlot(options, [xs, view.points.map(function (p) { return p.views; }),
      view.points.map(function (p) { return p.readers; }), view.points.map(function (p) { return p.engagedSeconds; })], chart);
    chart.setAttribute('data-axes', t('axisTime') + ' | ' + t('axisCount') + ' | ' + t('axisEngaged'));
  }

  /** Panels follow a push, at most once a second. */
  function refreshPanelsSoon() {
    if (state.panelsPending) { return; }
    state.panelsPending = setTimeout(function () { state.panelsPending = null; loadPanels(); }, 1000);
  }

  function stamp() {
    $('updated').textContent = t('updated') + ': ' + timeOnly.format(new Date()) + ' WIB';
  }

  function movement(item) {
    if (item.previousRank == null) { return el('span', { 'class': 'move new', text: t('isNew') }); }
    var d = item.previousRank - item.rank;
    if (d > 0) { return el('span', { 'class': 'move up', title: t('up'), text: '▲ ' + d }); }
    if (d < 0) { return el('span', { 'class': 'move down', title: t('down'), text: '▼ ' + (-d) }); }
    return el('span', { 'class': 'move same', title: t('same'), text: '=' });
  }

  function chartButton(label, kind, key, name) {
    return el('button', {
      type: 'button', 'class': 'linkish chart-link', 'data-kind': kind, 'data-key': key,
      'aria-label': t('chart') + ': ' + name, text: label,
      onclick: function () { chooseScope(kind, key, name); }
    });
  }

  function renderRanked(list, empty, items) {
    var isPopular = list.id === 'popular';
    list.replaceChildren.apply(list, items.map(function (item) {
      var a = item.article;
      var reporters = a.reporters.map(function (r) { return r.name; }).join(', ');
      return el('li', { 'data-article': a.id }, [
        el('span', { 'class': 'rank', text: String(item.rank) }),
        isPopular ? movement(item) : el('span', { 'class': 'move' }),
        el('div', {}, [
          el('a', { 'class': 'headline', href: a.url, text: a.headline }),
          el('div', { 'class': 'meta' }, [
            (a.section ? a.section.name + ' · ' : '') + (reporters ? t('by') + ' ' + reporters + ' · ' : '') + wib(a.publishedAt) + ' ',
            chartButton(t('chart'), 'article', a.id, a.headline), ' ',
            detailButton(a.id, a.headline)
          ])
        ]),
        el('div', { 'class': 'views' }, [el('b', { 'class': 'count', text: number.format(item.views) }), ' ' + t(isPopular ? 'viewsUnit' : 'trendingUnit'),
          el('div', { 'class': 'readers', title: t('readersHelp') }, [
            el('b', { 'class': 'reader-count', text: number.format(item.readers) }), ' ' + t('readersUnit')])])
      ]);
    }));
    empty.hidden = items.length > 0;
    setCsv(list.id, [t('rank')].concat(isPopular ? [t('previousRank')] : [])
      .concat([t('headline'), t('url'), t('section'), t('reporter'), t('publishedAt'), isPopular ? t('views') : t('trendingUnit'), t('readers')]),
    items.map(function (item) {
      var a = item.article;
      return [item.rank].concat(isPopular ? [item.previousRank] : []).concat([a.headline, location.origin + a.url,
        a.section ? a.section.name : '', a.reporters.map(function (r) { return r.name; }).join('; '), a.publishedAt, item.views, item.readers]);
    }));
  }

  function renderTotals(body, rows, kind) {
    body.replaceChildren.apply(body, (rows || []).map(function (row) {
      var who = row[kind];
      var change = row.change == null
        ? (row.views > 0 ? el('span', { 'class': 'move new', text: t('isNew') }) : el('span', { 'class': 'move same', text: '–' }))
        : el('span', { 'class': 'move ' + (row.change > 0 ? 'up' : row.change < 0 ? 'down' : 'same'), text: percent.format(row.change) });
      return el('tr', {}, [
        el('td', {}, [chartButton(who.name, kind, who.slug, who.name)]),
        el('td', { 'class': 'num', text: number.format(row.views) }),
        el('td', { 'class': 'num readers', text: number.format(row.readers) }),
        el('td', { 'class': 'num' }, [change])
      ]);
    }));
    setCsv(kind === 'section' ? 'sections' : 'reporters',
      [t('slug'), t(kind === 'section' ? 'section' : 'reporter'), t('views'), t('previousViews'), t('change'), t('readers')],
      (rows || []).map(function (row) {
        return [row[kind].slug, row[kind].name, row.views, row.previousViews, row.change, row.readers];
      }));
  }

  /** Counted views per source category in the chosen window, the whole site. */
  function renderSources(rows) {
    $('sources-title').textContent = t('sources') + ' · ' + t(state.window);
    $('sources').setAttribute('data-window', state.window);
    var body = $('source-totals');
    body.replaceChildren.apply(body, (rows || []).map(function (row) {
      return el('tr', { 'data-category': row.category }, [
        el('td', { text: t(row.category) }),
        el('td', { 'class': 'num', text: number.format(row.views) }),
        el('td', { 'class': 'num', text: share.format(row.share) })
      ]);
    }));
    setCsv('sources', [t('source'), t('category'), t('views'), t('share')], (rows || []).map(function (row) {
      return [t(row.category), row.category, row.views, row.share];
    }));
  }

  /** Keeps the newest ten alerts, the listed and the pushed ones, newest first. */
  function mergeAlerts(alerts) {
    var byId = {};
    state.alerts.concat(alerts).forEach(function (a) { byId[a.id] = a; });
    state.alerts = Object.keys(byId).map(function (id) { return byId[id]; })
      .sort(function (a, b) { return Number(b.id) - Number(a.id); }).slice(0, 10);
    renderAlerts();
  }

  /** The alerts; those pushed while the page is open are highlighted. */
  function renderAlerts() {
    var list = $('alerts');
    list.replaceChildren.apply(list, state.alerts.map(function (alert) {
      var a = alert.article;
      return el('li', { 'class': 'alert' + (state.freshAlerts[alert.id] ? ' fresh' : ''), 'data-alert': alert.id, 'data-kind': alert.kind }, [
        el('span', { 'class': 'kind ' + alert.kind.toLowerCase(), text: t(alert.kind) }),
        el('div', {}, [
          a ? el('a', { 'class': 'headline', href: a.url, text: a.headline }) : el('span', { text: '–' }),
          el('div', { 'class': 'meta' }, [number.format(Math.round(alert.readersPerMinute)) + ' ' + t('perMinute') +
            ' (' + t('threshold') + ' ' + number.format(Math.round(alert.threshold)) + ') · ' + wib(alert.raisedAt) + ' ',
            a ? detailButton(a.id, a.headline) : null])
        ])
      ]);
    }));
    $('alerts-empty').hidden = state.alerts.length > 0;
    setCsv('alerts', [t('kind'), t('headline'), t('url'), t('perMinute'), t('threshold'), t('raisedAt')],
      state.alerts.map(function (alert) {
        var a = alert.article;
        return [alert.kind, a ? a.headline : '', a ? location.origin + a.url : '', alert.readersPerMinute, alert.threshold, alert.raisedAt];
      }));
  }

  function renderIngestion(stats) {
    // The counts are of the window chosen on the page, all instances; pendingKeys and lastFlushAt are this server's.
    $('ingestion-title').textContent = t('ingestion') + ' · ' + t(state.window);
    $('ingestion').setAttribute('data-window', state.window);
    var keys = ['accepted', 'duplicates', 'lateDuplicates', 'bots', 'rejected', 'rateLimited', 'pendingKeys'];
    var items = keys.map(function (k) {
      return el('div', { 'data-key': k }, [el('dt', { text: t(k) }), el('dd', { text: number.format(stats[k]) })]);
    });
    items.push(el('div', { 'data-key': 'lastFlushAt' }, [el('dt', { text: t('lastFlushAt') }),
      el('dd', { style: 'font-size:14px', text: stats.lastFlushAt ? timeOnly.format(new Date(stats.lastFlushAt)) + ' WIB' : '–' })]));
    $('ingestion').replaceChildren.apply($('ingestion'), items);
    setCsv('ingestion', [t('ingestion'), t('count')], keys.map(function (k) { return [t(k), stats[k]]; })
      .concat([[t('lastFlushAt'), stats.lastFlushAt || '']]));
  }

  function chooseScope(kind, key, name) {
    state.scope = kind === 'site' ? { kind: 'site' } : { kind: kind, key: key, name: name };
    loadPanels();
    $('chart-title').scrollIntoView({ block: 'nearest' });
  }

  function scopeLabel() {
    var s = state.scope;
    if (s.kind === 'site') { return t('site'); }
    return t(s.kind + 'Scope') + ' · ' + s.name;
  }

  /** A point's time; the bucket still running is marked as such. */
  function pointLabel(p, label) {
    return label.format(new Date(p.start)) + (p.partial ? ' (' + t('partialMark') + ')' : '');
  }

  /** Says under a chart that its last bucket is still running, and marks the chart with it. */
  function markPartial(box, note, points, label) {
    var last = points.length ? points[points.length - 1] : null;
    var partial = last && last.partial ? last : null;
    box.setAttribute('data-partial', partial ? partial.start : '');
    note.hidden = !partial;
    note.textContent = partial
      ? t(state.range === 'DAY' ? 'partialHour' : 'partialDay').replace('{time}', label.format(new Date(partial.start))) : '';
  }

  /** Shades the plot from the start of a running bucket to the right edge, labelled as partial. */
  function shadePartial(points) {
    return function (u) {
      var last = points.length ? points[points.length - 1] : null;
      if (!last || !last.partial) { return; }
      var ctx = u.ctx;
      var left = Math.max(u.bbox.left, u.valToPos(Date.parse(last.start) / 1000, 'x', true));
      var right = u.bbox.left + u.bbox.width;
      ctx.save();
      ctx.fillStyle = 'rgba(120, 120, 120, 0.12)';
      ctx.fillRect(left, u.bbox.top, Math.max(2, right - left), u.bbox.height);
      ctx.fillStyle = '#5b6475';
      ctx.font = Math.round(11 * devicePixelRatio) + 'px system-ui, sans-serif';
      ctx.textAlign = 'right';
      ctx.fillText(t('partialMark'), right - 4, u.bbox.top + 14 * devicePixelRatio);
      ctx.restore();
    };
  }

  function renderChart(points) {
    var box = $('chart');
    var xs = points.map(function (p) { return Date.parse(p.start) / 1000; });
    var ys = points.map(function (p) { return p.views; });
    var rs = points.map(function (p) { return p.readers; });
    var total = ys.reduce(function (a, b) { return a + b; }, 0);
    box.setAttribute('data-points', String(points.length));
    box.setAttribute('data-total', String(total));
    box.setAttribute('data-readers', String(rs.reduce(function (a, b) { return a + b; }, 0)));
    box.setAttribute('data-scope', state.scope.kind + ':' + (state.scope.key || ''));
    $('chart-scope').textContent = scopeLabel();
    var label = state.range === 'DAY' ? hourLabel : dayLabel;
    var rows = points.map(function (p) {
      return el('tr', p.partial ? { 'class': 'partial' } : {}, [el('th', { text: pointLabel(p, label) }), el('td', { text: number.format(p.views) }),
        el('td', { 'class': 'readers', text: number.format(p.readers) })]);
    });
    markPartial(box, $('chart-partial'), points, label);
    setCsv('chart', [t('time'), t('views'), t('readers'), t('partial')], points.map(function (p) {
      return [p.start, p.views, p.readers, p.partial ? t('yes') : t('no')];
    }));
    var head = $('chart-table').querySelector('thead');
    head.replaceChildren(el('tr', {}, [el('th', { text: t('time') }), el('th', { text: t('views') }), el('th', { text: t('readers') })]));
    $('chart-table').querySelector('tbody').replaceChildren.apply($('chart-table').querySelector('tbody'), rows);
    var width = Math.max(280, box.clientWidth || 600);
    var options = {
      width: width, height: 240,
      scales: { x: { time: true } },
      hooks: { draw: [shadePartial(points)] },
      axes: [
        { label: t('axisTime'), values: function (u, splits) { return splits.map(function (s) { return label.format(new Date(s * 1000)); }); } },
        { label: t('axisCount'), values: function (u, splits) { return splits.map(function (s) { return number.format(s); }); }, size: 60 }
      ],
      series: [{ label: t('time'), value: function (u, v) { return v == null ? '' : label.format(new Date(v * 1000)) + ' WIB'; } },
        { label: t('views'), stroke: '#b3122e', fill: 'rgba(179,18,46,0.12)', width: 2, points: { show: true, size: 5 },
          value: function (u, v) { return v == null ? '' : number.format(v); } },
        { label: t('readers'), stroke: '#1d5fa8', width: 2, dash: [6, 4], points: { show: true, size: 4 },
          value: function (u, v) { return v == null ? '' : number.format(v); } }]
    };
    if (state.chart) { state.chart.destroy(); }
    box.replaceChildren();
    state.chart = new uPlot(options, [xs, ys, rs], box);
    box.setAttribute('data-axes', t('axisTime') + ' | ' + t('axisCount'));
    if (!total) { box.appendChild(el('p', { 'class': 'empty', text: t('emptyChart') })); }
  }

  function renderPublishedCsv() {
    setCsv('published', [t('headline'), t('url'), t('section'), t('publishedAt')], state.published.map(function (a) {
      return [a.headline, location.origin + a.url, a.section ? a.section.name : '', a.publishedAt];
    }));
  }

  // ---- Live --------------------------------------------------------------------------------------------------

  function connect() {
    closeSocket();
    var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/graphql-ws';
    var socket = new WebSocket(url, 'graphql-transport-ws');
    state.socket = socket;
    setLive('connecting');
    socket.onopen = function () {
      socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: 'Bearer ' + state.token } }));
    };
    socket.onmessage = function (event) {
      var message = JSON.parse(event.data);
      if (message.type === 'connection_ack') {
        state.retry = 0;
        setLive('live');
        subscribe();
      } else if (message.type === 'ping') {
        socket.send(JSON.stringify({ type: 'pong' }));
      } else if (message.type === 'next') {
        received(message);
      } else if (message.type === 'complete' && message.id === state.popularId) {
        // The server ends an editor's subscription when the token expires; asking again tells why.
        send({ id: state.publishedId, type: 'complete' });
        send({ id: state.alertsId, type: 'complete' });
        send({ id: state.readersId, type: 'complete' });
        subscribe();
      } else if (message.type === 'error') {
        var errors = message.payload || [];
        var type = errors[0] && errors[0].extensions && errors[0].extensions.classification;
        failed({ kind: type === 'UNAUTHORIZED' || type === 'FORBIDDEN' ? type : 'server', message: errors[0] && errors[0].message });
      }
    };
    socket.onclose = function () {
      if (state.socket !== socket || !state.token) { return; }
      state.socket = null;
      setLive('offline');
      var delay = Math.min(30000, 1000 * Math.pow(2, state.retry++));
      setTimeout(function () { if (state.token && !state.socket) { connect(); } }, delay);
    };
  }

  function closeSocket() {
    var socket = state.socket;
    state.socket = null;
    if (socket) { socket.close(); }
  }

  function send(message) {
    if (state.socket && state.socket.readyState === WebSocket.OPEN) { state.socket.send(JSON.stringify(message)); }
  }

  function subscribe() {
    state.subId += 1;
    state.popularId = 'popular-' + state.subId;
    state.publishedId = 'published-' + state.subId;
    state.alertsId = 'alerts-' + state.subId;
    state.readersId = 'readers-' + state.subId;
    send({ id: state.readersId, type: 'subscribe', payload: { query: LIVE_READERS } });
    send({ id: state.alertsId, type: 'subscribe', payload: { query: LIVE_ALERTS } });
    send({ id: state.popularId, type: 'subscribe', payload: { query: LIVE_POPULAR, variables: { window: state.window, section: state.section || null } } });
    send({ id: state.publishedId, type: 'subscribe', payload: { query: LIVE_PUBLISHED, variables: { section: state.section || null } } });
  }

  function resubscribe() {
    if (!state.socket || state.socket.readyState !== WebSocket.OPEN || !state.popularId) { return; }
    send({ id: state.popularId, type: 'complete' });
    send({ id: state.publishedId, type: 'complete' });
    send({ id: state.alertsId, type: 'complete' });
    send({ id: state.readersId, type: 'complete' });
    subscribe();
  }

  function received(message) {
    var data = message.payload && message.payload.data;
    var errors = message.payload && message.payload.errors;
    if (errors && errors.length && !data) {
      var type = errors[0].extensions && errors[0].extensions.classification;
      failed({ kind: type === 'UNAUTHORIZED' || type === 'FORBIDDEN' ? type : 'server', message: errors[0].message });
      return;
    }
    if (message.id === state.popularId && data && data.popularChanged) {
      renderRanked($('popular'), $('popular-empty'), data.popularChanged.popular);
      stamp();
      refreshPanelsSoon();
    } else if (message.id === state.publishedId && data && data.articlePublished) {
      var a = data.articlePublished;
      state.published.unshift(a);
      renderPublishedCsv();
      $('published').prepend(el('li', { 'data-article': a.id }, [el('a', { 'class': 'headline', href: a.url, text: a.headline }),
        el('div', { 'class': 'meta' }, [(a.section ? a.section.name + ' · ' : '') + wib(a.publishedAt) + ' ', detailButton(a.id, a.headline)])]));
      $('published-empty').hidden = true;
      stamp();
    } else if (message.id === state.readersId && data && data.readersNow) {
      // Pushed when the figure changes (counted in PostgreSQL every live interval), so no polling.
      $('readers-now').textContent = number.format(data.readersNow.readers);
      $('readers-now').setAttribute('data-readers', String(data.readersNow.readers));
      $('readers-now').setAttribute('data-computed-at', data.readersNow.computedAt);
    } else if (message.id === state.alertsId && data && data.analyticsAlerts) {
      state.freshAlerts[data.analyticsAlerts.id] = true;
      mergeAlerts([data.analyticsAlerts]);
      stamp();
    }
  }

  // ---- Wiring ------------------------------------------------------------------------------------------------

  $('signin-form').addEventListener('submit', function (event) { event.preventDefault(); signIn($('token').value); });
  $('devtoken').addEventListener('click', devToken);
  $('signout').addEventListener('click', function () { signOut(); });
  $('lang').addEventListener('click', function () {
    state.lang = state.lang === 'id' ? 'en' : 'id';
    localStorage.setItem(LANG_KEY, state.lang);
    applyLanguage();
    if (!$('board').hidden) { reload(); }
  });
  $('window').addEventListener('change', function () { state.window = this.value; reload(); });
  $('section').addEventListener('change', function () { state.section = this.value; $('published').replaceChildren(); $('published-empty').hidden = false; state.published = []; renderPublishedCsv(); reload(); });
  $('chart-range').addEventListener('change', function () { state.range = this.value; loadPanels(); });
  $('chart-site').addEventListener('click', function () { chooseScope('site'); });
  $('article-close').addEventListener('click', closeArticle);

  window.addEventListener('resize', function () {
    if (state.chart) { state.chart.setSize({ width: Math.max(280, $('chart').clientWidth), height: 240 }); }
  });

  applyLanguage();
  if (state.token) {
    var problem = tokenProblem(state.token);
    if (problem) { signOut(problem); } else { openBoard(); }
  }
})();
