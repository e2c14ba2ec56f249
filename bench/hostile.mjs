// Probes of the hostile-review items (issue 18) against a running service, over real HTTP and WebSocket. Started by
// bench/hostile.sh, which starts the service and passes its address, JWT secret, process id, log file and the port of
// the purge webhook this script serves. Writes one JSON row per probe to HOSTILE_OUT; `node hostile.mjs table A.json
// [B.json]` prints them as a markdown table (two files: a before and an after column). About 2.5 minutes a run.
import WebSocket from 'ws';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { execFileSync } from 'node:child_process';

if (process.argv[2] === 'table') {
  printTable(process.argv.slice(3));
  process.exit(0);
}
if (process.argv[2] === 'add') {
  const [file, key, item, probe, observed] = process.argv.slice(3);
  const rows = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : [];
  rows.push({ key, item, probe, observed });
  fs.writeFileSync(file, JSON.stringify(rows, null, 1));
  process.exit(0);
}

const BASE = process.env.HOSTILE_URL;
const WS_URL = BASE.replace(/^http/, 'ws') + '/graphql-ws';
const SECRET = process.env.HOSTILE_SECRET;
const PID = process.env.HOSTILE_PID;
const LOG = process.env.HOSTILE_LOG;
const OUT = process.env.HOSTILE_OUT;
const WEBHOOK_PORT = Number(process.env.HOSTILE_WEBHOOK_PORT);
const SLOW_MESSAGES = Number(process.env.HOSTILE_SLOW_MESSAGES || 600);
const rows = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (x) => Math.round(x);

function record(key, item, probe, observed) {
  rows.push({ key, item, probe, observed });
  console.log(`[${key}] ${observed}`);
  fs.writeFileSync(OUT, JSON.stringify(rows, null, 1));
}

// ---- tokens, signed as the service's secret verifies them (HS256)
const b64u = (x) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');
function jwt(claims) {
  const head = b64u({ alg: 'HS256', typ: 'JWT' }) + '.' + b64u(claims);
  return head + '.' + crypto.createHmac('sha256', SECRET).update(head).digest('base64url');
}
function token(sub, roles, validSeconds = 600) {
  const now = Math.floor(Date.now() / 1000);
  return jwt({ sub, roles, iat: now - 600, exp: now + validSeconds });
}
const EDITOR = token('probe-editor', ['EDITOR']);

// ---- HTTP
async function request(path, { method = 'POST', body, token: tok, headers = {}, raw = false } = {}) {
  const t0 = performance.now();
  const h = { ...headers };
  if (body !== undefined && !h['Content-Type']) h['Content-Type'] = 'application/json';
  if (tok) h.Authorization = 'Bearer ' + tok;
  try {
    const res = await fetch(BASE + path, { method, headers: h, redirect: 'manual',
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body) });
    const text = await res.text();
    let json;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, headers: res.headers, text, json, ms: performance.now() - t0 };
  } catch (e) {
    return { status: 0, headers: new Headers(), text: String(e), json: undefined, ms: performance.now() - t0 };
  }
}
const gql = (query, variables, opts = {}) => request('/graphql', { ...opts, body: { query, variables } });
function gqlGet(query, variables, opts = {}) {
  const qs = new URLSearchParams({ query, ...(variables ? { variables: JSON.stringify(variables) } : {}) });
  return request('/graphql?' + qs, { ...opts, method: 'GET' });
}
function codes(r) {
  if (!r.json) return r.status === 0 ? 'no answer' : `HTTP ${r.status}`;
  const errs = r.json.errors || [];
  if (!errs.length) return 'ok';
  return [...new Set(errs.map((e) => e.extensions?.code || e.extensions?.classification || 'no code'))].join('+');
}
function tally(list) {
  const m = {};
  for (const x of list) m[x] = (m[x] || 0) + 1;
  return Object.entries(m).map(([k, v]) => `${k} ${v}`).join(', ');
}
function pct(values, p) {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((s.length * p) / 100) - 1)];
}

// ---- the JVM's heap, after a full collection (jcmd on the service's process)
function heapMB(collect = true) {
  try {
    if (collect) execFileSync('jcmd', [PID, 'GC.run'], { stdio: 'ignore', timeout: 60000 });
    const out = execFileSync('jcmd', [PID, 'GC.heap_info'], { encoding: 'utf8', timeout: 60000 });
    let kb = 0;
    for (const line of out.split('\n')) {
      if (/heap|generation/i.test(line) && !/Metaspace|class space/.test(line)) {
        const m = line.match(/used (\d+)K/);
        if (m) kb += Number(m[1]);
      }
    }
    return round(kb / 1024);
  } catch {
    return NaN;
  }
}
const logLines = () => (LOG && fs.existsSync(LOG) ? fs.readFileSync(LOG, 'utf8').split('\n').length : 0);
const alive = () => { try { process.kill(Number(PID), 0); return true; } catch { return false; } };

// ---- WebSocket (graphql-transport-ws)
function wsOpen({ headers = {}, init = {} } = {}) {
  return new Promise((resolve) => {
    const ws = new WebSocket(WS_URL, 'graphql-transport-ws', { headers });
    ws.msgs = [];
    ws.closed = null;
    const timer = setTimeout(() => resolve({ ws, ok: false, why: 'no ack in 5 s' }), 5000);
    ws.on('unexpected-response', (_req, res) => { clearTimeout(timer); resolve({ ws, ok: false, why: `HTTP ${res.statusCode}` }); });
    ws.on('error', (e) => { clearTimeout(timer); resolve({ ws, ok: false, why: String(e.message || e) }); });
    ws.on('close', (code) => { ws.closed = code; clearTimeout(timer); resolve({ ws, ok: false, why: `closed ${code}` }); });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: init })));
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString());
      ws.msgs.push(m);
      if (m.type === 'connection_ack') { clearTimeout(timer); resolve({ ws, ok: true }); }
      if (m.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
    });
  });
}
function wsAsk(ws, id, query, variables, timeout = 5000) {
  return new Promise((resolve) => {
    if (ws.readyState !== WebSocket.OPEN) return resolve({ closed: ws.closed });
    const onMsg = (data) => {
      const m = JSON.parse(data.toString());
      if (m.id === id && (m.type === 'next' || m.type === 'error')) done(m);
    };
    const onClose = (code) => done({ closed: code });
    const timer = setTimeout(() => done({ timeout: true }), timeout);
    function done(v) { clearTimeout(timer); ws.off('message', onMsg); ws.off('close', onClose); resolve(v); }
    ws.on('message', onMsg);
    ws.on('close', onClose);
    ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
  });
}
function wsResult(m) {
  if (m.closed !== undefined && m.closed !== null) return `connection closed ${m.closed}`;
  if (m.closed === null) return 'connection closed';
  if (m.timeout) return 'no answer in 5 s';
  const errs = m.type === 'error' ? m.payload : m.payload?.errors || [];
  if (errs?.length) return errs.map((e) => (e.extensions?.code ? `code ${e.extensions.code}` : `no code (classification ${e.extensions?.classification})`)).join('+');
  return 'data';
}

// ---- the newsroom
const CREATE = `mutation($input: CreateArticleInput!) { createArticle(input: $input) { __typename
  ... on ArticlePayload { article { id slug version } } ... on ValidationFailed { errors { field code } } } }`;
const versioned = (name, type) => `mutation($input: ${type}!) { ${name}(input: $input) { __typename
  ... on ArticlePayload { article { id version status } } ... on ValidationFailed { errors { field code } } } }`;
const PUBLISH = versioned('publishArticle', 'ArticleVersionInput');
const ARCHIVE = versioned('archiveArticle', 'ArticleVersionInput');
const SCHEDULE = versioned('scheduleArticle', 'ScheduleArticleInput');
const ARTICLE = 'query($s: String!) { article(slug: $s) { id headline } }';
const run = Date.now().toString(36);
const word = (n) => 'zq' + crypto.createHash('sha256').update(run + n).digest('hex').replace(/[0-9]/g, '').slice(0, 10);

async function createArticle(slug, { headline = `Probe ${slug}`, body = 'Isi berita percobaan.', tok = EDITOR } = {}) {
  const r = await gql(CREATE, { input: { headline, slug, summary: 'Ringkasan percobaan.', section: 'berita',
    reporters: ['anindya-paramitha'], body: [{ type: 'PARAGRAPH', text: body }] } }, { token: tok });
  return r.json?.data?.createArticle?.article;
}
async function publish(a) {
  const r = await gql(PUBLISH, { input: { id: a.id, version: a.version } }, { token: EDITOR });
  return r.json?.data?.publishArticle?.article || a;
}

const LATEST_BODY = '{ latest(first: 100) { edges { node { id slug headline summary body { type text } } } } }';
const HEAVY = '{ latest(first: 100) { edges { node { headline views related(first: 5) { headline } } } } }';
const CHEAP_SLUG = 'pbsi-umumkan-17-pemain-untuk-piala-uber';

// ================================================================== the probes
async function pages() {
  const g = await request('/graphiql?path=.evil.test/graphql', { method: 'GET' });
  const loc = g.headers.get('location');
  record('8', '8 GraphiQL `path=` to another origin', 'GET /graphiql?path=.evil.test/graphql',
    `HTTP ${g.status}${loc ? `, Location: ${loc}` : ''}${g.status === 200 && g.text.includes('path') ? ', page served with the parameter' : ''}`);
  const csp = [];
  for (const p of ['/dashboard', '/graphiql?path=/graphql']) {
    const r = await request(p, { method: 'GET' });
    csp.push(`${p}: HTTP ${r.status}, CSP ${r.headers.get('content-security-policy') ? 'present' : 'absent'}`);
  }
  record('L5', 'LOW no Content-Security-Policy', 'GET /dashboard, /graphiql', csp.join('; '));
}

async function malformed() {
  const before = logLines();
  const results = [];
  for (const body of ['null', '[]', '"x"', '42', '{"query":1}', '{"query":"{ sections { slug } }","variables":"x"}', '{']) {
    const r = await request('/graphql', { body, raw: true });
    results.push(`\`${body.length > 12 ? body.slice(0, 10) + '…' : body}\` ${r.status}`);
  }
  for (let i = 0; i < 13; i++) await request('/graphql', { body: 'null', raw: true });
  await sleep(300);
  const lines = logLines() - before;
  record('6', '6 `-d null` and other malformed bodies', 'POST /graphql with 7 malformed JSON bodies, then `null` 13 more times (20 `null`s in all)',
    `${results.join(', ')}; ${lines} log lines for the 20 requests`);
  const a = await request('/graphql', { body: { query: '{ sections { slug } }' }, headers: { Accept: 'application/json;q=0, text/html' } });
  record('L3', 'LOW `Accept: application/json;q=0, text/html`', 'POST /graphql with that Accept',
    `HTTP ${a.status} ${a.headers.get('content-type') || ''}`);
}

async function transports() {
  const sub = await gql('subscription { articlePublished { id } }');
  const pop = await gql('subscription { popularChanged { window } }');
  record('11a', '11 subscription over plain POST', 'POST `subscription { articlePublished }` and `popularChanged` without a token',
    `articlePublished: HTTP ${sub.status} ${sub.json?.errors ? codes(sub) : sub.text.slice(0, 70)}; popularChanged: HTTP ${pop.status} ${pop.json?.errors ? codes(pop) : pop.text.slice(0, 70)}`);
  const o = await wsOpen();
  let wsErr = 'connection refused';
  if (o.ok) {
    wsErr = wsResult(await wsAsk(o.ws, 'bad', '{ nope }')) + ' (unknown field); ' +
      wsResult(await wsAsk(o.ws, 'auth', '{ drafts { totalCount } }')) + ' (editors\' field, no token); ' +
      wsResult(await wsAsk(o.ws, 'sub', 'subscription { popularChanged { window } }')) + ' (editors\' subscription, no token)';
    o.ws.terminate();
  }
  const sseCodes = async (query) => {
  const sse = await request('/graphql', { body: { query }, headers: { Accept: 'text/event-stream' } });
  const events = sse.text.split('\n').filter((l) => l.startsWith('data:')).map((l) => { try { return JSON.parse(l.slice(5)); } catch { return {}; } });
  const sseErrs = events.flatMap((e) => e.errors || (Array.isArray(e) ? e : []));
  const sseCode = sseErrs.length ? sseErrs.map((e) => e.extensions?.code || `no code (classification ${e.extensions?.classification})`).join('+')
    : sse.json ? codes(sse) : sse.text.slice(0, 60);
  return `HTTP ${sse.status} ${sse.headers.get('content-type')?.split(';')[0] || ''}, ${sseCode}${sseErrs[0]?.message ? ` ("${sseErrs[0].message.slice(0, 50)}")` : ''}`;
  };
  record('11b', '11 errors over WebSocket and SSE carry `extensions.code`', 'WS subscribe `{ nope }`, `{ drafts }`, `subscription { popularChanged }` without a token; SSE POST of `subscription { nope }` and of `subscription { popularChanged }`',
    `WS: ${wsErr}; SSE \`nope\`: ${await sseCodes('subscription { nope }')}; SSE popularChanged: ${await sseCodes('subscription { popularChanged { window } }')}`);
  const d = await gql('{ __schema { directives { name } } }');
  const names = d.json?.data?.__schema?.directives?.map((x) => x.name) || [];
  const df = await gql('{ latest(first: 1) { edges { node { id ... @defer { headline } } } } }');
  const deferred = df.json?.data?.latest?.edges?.[0]?.node;
  record('11c', '11 `@defer` advertised and ignored', 'introspection of directives; POST a query with `... @defer { headline }`',
    `${names.includes('defer') ? 'advertised' : 'not advertised'}; the query: HTTP ${df.status} ${codes(df)}${df.json?.errors?.[0]?.extensions?.unsupported ? ` (unsupported: ${df.json.errors[0].extensions.unsupported})` : ''}${deferred?.headline ? ', headline sent at once (not deferred)' : ''}`);
}

async function aliases() {
  const q = '{ ' + Array.from({ length: 500 }, (_, i) => `a${i}: latest(first: 1) { totalCount }`).join(' ') + ' }';
  const r = await gql(q);
  const data = r.json?.data ? Object.keys(r.json.data).length : 0;
  record('12', '12 500 aliased `totalCount`s', 'POST 500 × `latest(first: 1) { totalCount }`',
    `HTTP ${r.status}, ${codes(r)}, ${data} counts answered, ${round(r.ms)} ms`);
}

async function tokenClaims() {
  const nul = token('probe\u0000editor', ['EDITOR']);
  const a = await createArticle(`probe-nul-${run}`, { tok: nul }).catch(() => undefined);
  const r = await gql(CREATE, { input: { headline: 'x', section: 'berita' } }, { token: nul });
  const drafts = async (roles) => codes(await gql('{ drafts(first: 1) { totalCount } }', undefined, { token: jwt({ sub: 'probe', roles, iat: Math.floor(Date.now() / 1000) - 60, exp: Math.floor(Date.now() / 1000) + 600 }) }));
  record('L1', 'LOW token claims', '`sub` with NUL: createArticle; roles `["edıtor"]` (dotless ı), `"admin"` (a string): `drafts`',
    `NUL sub: ${codes(r)}${a ? ' (article written)' : ''}; ["edıtor"]: ${await drafts(['edıtor'])}; "admin": ${await drafts('admin')}`);
}

async function views() {
  const id = (await gql('{ latest(first: 1) { edges { node { id } } } }')).json?.data?.latest?.edges?.[0]?.node?.id;
  const send = async (visitorId) => (await request('/views', { body: `{"articleId":"${id}","visitorId":"${visitorId}"}`, raw: true,
    headers: { 'Content-Type': 'text/plain', 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36' } })).status;
  record('L6', 'LOW `POST /views` visitorId with NUL / lone surrogate', 'two beacons',
    `NUL: HTTP ${await send('probe\\u0000x')}, lone surrogate: HTTP ${await send('probe\\ud800x')}`);
}

// 1: a token in the upgrade request's Authorization header, 45 s past its expiry (inside the minute of clock
// allowance) when the connection opens; asked again once it is 66 s past.
async function expiredOnWebSocketStart() {
  const now = Math.floor(Date.now() / 1000);
  const exp = now - 45;
  const tok = jwt({ sub: 'probe-expired', roles: ['EDITOR'], iat: now - 600, exp });
  const o = await wsOpen({ headers: { Authorization: 'Bearer ' + tok } });
  const first = o.ok ? wsResult(await wsAsk(o.ws, 'd0', '{ drafts(first: 1) { totalCount } }')) : o.why;
  return { o, exp, first };
}
async function expiredOnWebSocketFinish({ o, exp, first }) {
  const wait = (exp + 66) * 1000 - Date.now();
  if (wait > 0) await sleep(wait);
  let later = o.ok ? wsResult(await wsAsk(o.ws, 'd1', '{ drafts(first: 1) { totalCount } }')) : o.why;
  let write = o.ok ? await wsAsk(o.ws, 'c1', CREATE, { input: { headline: `Probe expired ${run}`, section: 'berita' } }) : {};
  const written = write.payload?.data?.createArticle?.article ? ' (article written)' : '';
  record('1', '1 expired editor token on a WebSocket', 'token in the upgrade `Authorization` header, connection opened 45 s after `exp` (inside the 60 s allowance); `drafts` then, and `drafts` + `createArticle` at 66 s after `exp`',
    `at open: ${first}; at +66 s: drafts ${later}, createArticle ${o.ok ? wsResult(write) : o.why}${written}`);
  o.ws?.terminate();
}

// 7: cached answers after writes, at the origin (Varnish: VarnishEdgeIT)
async function staleAnswers() {
  const slugA = `probe-stale-${run}`;
  const headWord = word('h');
  const bodyWord = word('b');
  const n0 = await gqlGet(ARTICLE, { s: slugA });
  const SEARCH = 'query($q: String!) { search(query: $q) { totalCount edges { node { snippet article { slug } } } } }';
  const sm = await gqlGet(SEARCH, { q: bodyWord });
  let a = await createArticle(slugA, { headline: `Probe ${headWord} terbit`, body: `Warga ${bodyWord} membersihkan rumah.` });
  a = await publish(a);
  await sleep(300);
  const n1 = await gqlGet(ARTICLE, { s: slugA });
  const found = (r) => (r.json?.data?.article ? 'article' : r.json?.data ? 'null' : codes(r));
  record('7a', '7 `null` answer outlives a publish', 'GET `article(slug:)` of an unknown slug, create and publish it, GET again after 0.3 s',
    `first: ${found(n0)} (\`Cache-Control: ${n0.headers.get('cache-control')}\`, keys \`${n0.headers.get('surrogate-key') || n0.headers.get('xkey') || '-'}\`); after publish: ${found(n1)}`);

  const s0 = await gqlGet(SEARCH, { q: bodyWord });
  const h = await gql(SEARCH, { q: headWord });
  const hs = h.json?.data?.search?.edges?.[0]?.node?.snippet;
  record('L7', 'LOW headline-only search hit', 'search a word that is only in the headline',
    `${h.json?.data?.search?.totalCount ?? codes(h)} hit(s), snippet ${hs === undefined ? '-' : hs === '' ? 'empty' : `${hs.includes('<mark>') ? 'marks the word' : 'without the word'}: "${hs.slice(0, 60)}"`}`);
  const arch = await gql(ARCHIVE, { input: { id: a.id, version: a.version } }, { token: EDITOR });
  await sleep(300);
  const s1 = await gqlGet(SEARCH, { q: bodyWord });
  const sres = (r) => { const s = r.json?.data?.search; return s ? `totalCount ${s.totalCount}${s.edges[0] ? `, snippet with the word: ${s.edges[0].node.snippet.includes(bodyWord)}` : ''}` : codes(r); };
  record('7b', '7 cached `search` outlives a publish and an archive', 'GET `search` of a word of an article before it exists, publish it, GET (0.3 s later); archive it, GET again (0.3 s later)',
    `before publish: ${sres(sm)} (keys \`${sm.headers.get('surrogate-key') || '-'}\`); after publish: ${sres(s0)} (keys \`${s0.headers.get('surrogate-key') || '-'}\`); archive ${arch.json?.data?.archiveArticle?.__typename || codes(arch)}; after: ${sres(s1)}`);

  const slugC = `probe-due-${run}`;
  const c0 = await gqlGet(ARTICLE, { s: slugC });
  const c = await createArticle(slugC);
  const at = new Date(Date.now() + 3000).toISOString();
  const sch = await gql(SCHEDULE, { input: { id: c.id, version: c.version, publishAt: at } }, { token: EDITOR });
  await sleep(5000);
  const c1 = await gqlGet(ARTICLE, { s: slugC });
  record('7c', '7 scheduled article falls due', 'GET `article(slug:)` of a draft (null), schedule it 3 s ahead, GET at +5 s',
    `first: ${found(c0)}; schedule ${sch.json?.data?.scheduleArticle?.__typename || codes(sch)}; at +5 s: ${found(c1)}`);
}

// 9: purges to a webhook that never answers: three publishes, then an archive
async function purges(hook) {
  let e = await createArticle(`probe-purge-e-${run}`);
  e = await publish(e);
  const page = await gqlGet(ARTICLE, { s: `probe-purge-e-${run}` });
  const keys = (page.headers.get('surrogate-key') || '').split(' ').filter((k) => k.startsWith('article-'));
  await sleep(1500);
  hook.slow = true;
  hook.arrivals = [];
  const drafts = [];
  for (let i = 0; i < 3; i++) drafts.push(await createArticle(`probe-purge-${i}-${run}`));
  const t0 = Date.now();
  for (const d of drafts) await publish(d);
  const tArchive = Date.now();
  await gql(ARCHIVE, { input: { id: e.id, version: e.version } }, { token: EDITOR });
  const isArchive = (a) => a.t >= tArchive && (keys.length ? keys.some((k) => a.body.includes(k)) : true);
  const deadline = tArchive + 40000;
  while (Date.now() < deadline && !hook.arrivals.some(isArchive)) await sleep(100);
  const hit = hook.arrivals.find(isArchive);
  record('9', '9 purges behind a webhook that times out', 'webhook never answers (5 s timeout, 4 attempts); 3 publishes, then an archive',
    `archive's purge first sent ${hit ? `${((hit.t - tArchive) / 1000).toFixed(1)} s` : 'not within 40 s'} after the mutation; ` +
    `${hook.arrivals.filter((a) => a.t < tArchive + 5000).length} webhook requests in the first 5 s, at most ${hook.maxInFlight} in flight` +
    ` (publishes took ${((tArchive - t0) / 1000).toFixed(1)} s)`);
  hook.slow = false;
}

async function search() {
  const Q = 'query { search(query: "\\"di yang\\"", section: "teknologi") { totalCount edges { node { snippet } } } }';
  const articles = (await gql('{ latest(first: 1) { totalCount } }')).json?.data?.latest?.totalCount;
  const solo = await gql(Q);
  const out = [];
  const stop = Date.now() + 8000;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (Date.now() < stop) out.push(await gql(Q));
  }));
  const ms = out.map((r) => r.ms);
  record('5', '5 search denied to everyone', `\`search(query: "\\"di yang\\"", section: "teknologi")\`: once, then 16 clients for 8 s (${articles?.toLocaleString('en')} articles)`,
    `alone ${round(solo.ms)} ms; 16 clients: ${out.length} answers, ${tally(out.map(codes))}; p50 ${round(pct(ms, 50))} ms, p99 ${round(pct(ms, 99))} ms`);
}

async function overload() {
  const heavy = [];
  const cheap = [];
  const stop = Date.now() + 10000;
  const workers = Array.from({ length: 24 }, async () => {
    while (Date.now() < stop) heavy.push(await gql(HEAVY));
  });
  workers.push((async () => {
    while (Date.now() < stop) { cheap.push(await gql(ARTICLE, { s: CHEAP_SLUG })); await sleep(50); }
  })());
  await Promise.all(workers);
  const after = await gql(ARTICLE, { s: CHEAP_SLUG });
  const busy = heavy.find((r) => codes(r).includes('BUSY'));
  record('3', '3 overload reported as an outage', '24 clients sending `latest(first: 100) { headline views related(first: 5) }` for 10 s, one client reading an article page every 50 ms',
    `heavy: ${heavy.length} answers, ${tally(heavy.map((r) => `${codes(r)}/${r.status}`))}${busy ? ` (BUSY: Retry-After ${busy.headers.get('retry-after') ?? 'absent'})` : ''}; ` +
    `article page: ${cheap.length} answers, ${tally(cheap.map(codes))}, p50 ${round(pct(cheap.map((r) => r.ms), 50))} ms, p99 ${round(pct(cheap.map((r) => r.ms), 99))} ms; right after: ${codes(after)}`);
}

async function persisted() {
  const h0 = heapMB();
  const register = async (n, size, tag) => {
    const out = [];
    let i = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (i < n) {
        const k = i++;
        const head = `query Probe${tag}${k} { __typename }\n#`;
        const doc = head + crypto.createHash('sha256').update(`${run}${tag}${k}`).digest('hex').repeat(Math.ceil(size / 64)).slice(0, size - head.length);
        const hash = crypto.createHash('sha256').update(doc).digest('hex');
        out.push(await request('/graphql', { body: { query: doc, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } } }));
      }
    }));
    return out;
  };
  const big = await register(300, 240000, 'b');
  const mid = await register(600, 45000, 'm');
  const h1 = heapMB();
  const l = await gql('{ latest(first: 20) { edges { node { slug headline } } } }');
  const t = (list) => tally(list.map((r) => (r.status === 200 ? codes(r) : `HTTP ${r.status}`)));
  record('4', '4 persisted-query store bounded by entries, not bytes', 'register 300 documents of 240,000 characters and 600 of 45,000 (APQ over POST, 4 at a time)',
    `240k: ${t(big)}; 45k: ${t(mid)}; heap after full GC ${h0} -> ${h1} MB; latest-20 then ${round(l.ms)} ms`);
}

async function connections() {
  const opened = [];
  for (let i = 0; i < 40; i++) opened.push(wsOpen());
  const res = await Promise.all(opened);
  record('2a', '2 connections per client address', '40 anonymous WebSocket connections from one address',
    `${res.filter((r) => r.ok).length} accepted, refused: ${tally(res.filter((r) => !r.ok).map((r) => r.why)) || 'none'}`);
  res.forEach((r) => r.ws.terminate());
  await sleep(1000);

  const h0 = heapMB();
  const o = await wsOpen();
  if (!o.ok) return record('2b', '2 slow reader', '', `connection refused: ${o.why}`);
  const ws = o.ws;
  ws._socket.pause();
  for (let i = 0; i < SLOW_MESSAGES; i++) ws.send(JSON.stringify({ id: 'q' + i, type: 'subscribe', payload: { query: LATEST_BODY } }));
  await sleep(6000);
  const p1 = await gql(ARTICLE, { s: CHEAP_SLUG });
  await sleep(8000);
  const p2 = await gql(ARTICLE, { s: CHEAP_SLUG });
  const h1 = heapMB(false);
  const h1gc = heapMB();
  let received = 0;
  let bytes = 0;
  const codesSeen = [];
  ws.on('message', (data) => {
    received++;
    bytes += data.length;
    const m = JSON.parse(data.toString());
    if (m.type === 'error') codesSeen.push(m.payload?.[0]?.extensions?.code || 'no code');
    if (m.type === 'next' && m.payload?.errors) codesSeen.push(m.payload.errors[0].extensions?.code || 'no code');
  });
  const closed = new Promise((r) => ws.on('close', (code) => r(code)));
  ws._socket.resume();
  const code = await Promise.race([closed, sleep(15000).then(() => 'still open after 15 s')]);
  ws.terminate();
  await sleep(1000);
  const h2 = heapMB();
  record('2b', '2 a client that stops reading', `one anonymous connection sends ${SLOW_MESSAGES} \`latest(first: 100) { … body }\` and reads nothing for 14 s, then reads`,
    `heap ${h0} -> ${h1} MB (${h1gc} after full GC) while it does not read; article page during it ${round(p1.ms)} ms, ${round(p2.ms)} ms (${codes(p2)}); ` +
    `on reading: ${received} messages (${round(bytes / 1e6)} MB)${codesSeen.length ? `, errors ${tally(codesSeen)}` : ''}, connection ${typeof code === 'number' ? `closed ${code}` : code}; heap after it ends ${h2} MB; service ${alive() ? 'alive' : 'gone'}`);
}

// ================================================================== main
const hook = { slow: false, arrivals: [], inFlight: 0, maxInFlight: 0 };
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    hook.arrivals.push({ t: Date.now(), body });
    if (!hook.slow) return res.end('ok');
    hook.inFlight++;
    hook.maxInFlight = Math.max(hook.maxInFlight, hook.inFlight);
    req.socket.on('close', () => hook.inFlight--);
  });
});
await new Promise((r) => server.listen(WEBHOOK_PORT, '127.0.0.1', r));

const steps = [
  ['pages', pages], ['malformed', malformed], ['transports', transports], ['aliases', aliases], ['tokens', tokenClaims],
  ['views', views],
];
for (const [name, f] of steps) {
  try { await f(); } catch (e) { console.error(name, e); }
}
const expired = await expiredOnWebSocketStart();
try { await staleAnswers(); } catch (e) { console.error('stale', e); }
try { await expiredOnWebSocketFinish(expired); } catch (e) { console.error('expired', e); }
for (const [name, f] of [['purges', () => purges(hook)], ['search', search], ['overload', overload], ['persisted', persisted], ['connections', connections]]) {
  try { await f(); } catch (e) { console.error(name, e); }
}
server.closeAllConnections?.();
server.close();
process.exit(0);

// ================================================================== the table
function printTable(files) {
  const runs = files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
  const keys = [];
  for (const r of runs) for (const row of r) if (!keys.includes(row.key)) keys.push(row.key);
  const order = (k) => (k.startsWith('L') ? 100 + Number(k.slice(1)) : parseFloat(k));
  keys.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const esc = (s) => String(s ?? '-').replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const head = files.length === 2 ? ['item', 'probe', 'before', 'after'] : ['item', 'probe', 'observed'];
  console.log(`| ${head.join(' | ')} |`);
  console.log(`| ${head.map(() => '---').join(' | ')} |`);
  for (const k of keys) {
    const found = runs.map((r) => r.find((row) => row.key === k));
    const any = found.find(Boolean);
    console.log(`| ${esc(any.item)} | ${esc(any.probe)} | ${found.map((f) => esc(f?.observed)).join(' | ')} |`);
  }
}
