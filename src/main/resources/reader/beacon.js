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

  // Further reports (a heartbeat of engaged time while the page is visible) go here, each through send().

  // A prerendered page counts only once it is shown.
  if (document.prerendering) {
    document.addEventListener('prerenderingchange', view, {once: true});
  } else {
    view();
  }
})();
