/*
 * The news view beacon. On any page, from any origin:
 *   <script src="https://NEWS-SERVICE/beacon.js" data-article="ARTICLE-GLOBAL-ID" async></script>
 * sends one view of that article, with document.referrer and the page's utm_* parameters, to POST /views on the
 * origin the script itself was loaded from. No dependencies, no cookies or storage of its own, no eval, no inline
 * code: it runs under a CSP with script-src and connect-src naming the service.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var article = script && script.getAttribute('data-article');
  if (!article || !window.URL || !window.JSON) {
    return;
  }
  var endpoint = new URL('/views', script.src).href;
  var MAX_BODY = 4096; // POST /views refuses larger bodies
  var UTM = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'];

  // Text cut to max characters, never between the halves of a surrogate pair (the endpoint refuses a lone half).
  function clip(text, max) {
    if (!text) {
      return undefined;
    }
    text = String(text).slice(0, max);
    var last = text.charCodeAt(text.length - 1);
    return last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text;
  }

  // One report to POST /views. sendBeacon sends a string as text/plain;charset=UTF-8, a CORS-safelisted type that
  // the endpoint reads as JSON, so a page on another origin needs no preflight; fetch with keepalive where it is
  // missing or refuses.
  function send(payload) {
    var body = JSON.stringify(payload);
    if (window.Blob && new Blob([body]).size > MAX_BODY) {
      return;
    }
    if (navigator.sendBeacon && navigator.sendBeacon(endpoint, body)) {
      return;
    }
    if (window.fetch) {
      fetch(endpoint, {
        method: 'POST',
        body: body,
        keepalive: true,
        mode: 'no-cors',
        credentials: 'omit',
        headers: {'Content-Type': 'text/plain;charset=UTF-8'}
      }).catch(function () {});
    }
  }

  function view() {
    var payload = {articleId: article, referrer: clip(document.referrer, 1024)};
    var params = new URL(location.href).searchParams;
    for (var i = 0; i < UTM.length; i++) {
      var value = clip(params.get(UTM[i]), 200);
      if (value) {
        payload[UTM[i]] = value;
      }
    }
    if (window.Blob && new Blob([JSON.stringify(payload)]).size > MAX_BODY) {
      payload.referrer = clip(document.referrer, 100);
    }
    send(payload);
  }

  // Engaged time. Each second the page is visible and the reader was active within the last ACTIVE ms (a key, the
  // pointer, a touch, scrolling) counts; every `every` seconds (data-heartbeat, 1 to 15, default 15) the seconds
  // counted since the last report go to POST /views as {articleId, engaged}, and what is left goes with sendBeacon
  // when the page is hidden or left. Nothing is sent for a page nobody uses.
  var every = parseInt(script.getAttribute('data-heartbeat'), 10);
  every = every >= 1 && every <= 15 ? every : 15;
  var ACTIVE = 5000;
  var lastActive = 0;
  var engaged = 0;
  var ticks = 0;
  var timer = null;

  function activity() {
    lastActive = Date.now();
  }

  function report() {
    if (engaged > 0) {
      send({articleId: article, engaged: Math.min(engaged, 15)});
      engaged = 0;
    }
    ticks = 0;
  }

  function tick() {
    if (document.visibilityState === 'visible' && Date.now() - lastActive < ACTIVE) {
      engaged++;
    }
    if (++ticks >= every) {
      report();
    }
  }

  function watch() {
    if (timer === null) {
      timer = setInterval(tick, 1000);
    }
  }

  function unwatch() {
    if (timer !== null) {
      clearInterval(timer);
      timer = null;
    }
    report();
  }

  function engage() {
    var events = ['keydown', 'mousemove', 'mousedown', 'pointerdown', 'scroll', 'wheel', 'touchstart', 'input'];
    for (var i = 0; i < events.length; i++) {
      window.addEventListener(events[i], activity, {capture: true, passive: true});
    }
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') {
        unwatch();
      } else {
        watch();
      }
    });
    window.addEventListener('pagehide', unwatch);
    window.addEventListener('pageshow', function (event) {
      if (event.persisted && document.visibilityState === 'visible') {
        watch(); // back from the back/forward cache
      }
    });
    if (document.visibilityState === 'visible') {
      watch();
    }
  }

  function start() {
    view();
    engage();
  }

  // A prerendered page counts only once it is shown.
  if (document.prerendering) {
    document.addEventListener('prerenderingchange', start, {once: true});
  } else {
    start();
  }
})();
