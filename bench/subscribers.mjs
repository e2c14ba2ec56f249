// Subscribers per instance (issue 22): opens SUBSCRIBERS WebSocket connections (graphql-transport-ws) to a running
// service, each subscribed to articlePublished, measures the service's heap (after a full collection) and resident
// memory before and after, then publishes PUBLISHES articles as an editor and times when each subscriber receives
// each one, while wrk runs HTTP reads. Started by bench/subscribers.sh, which starts the service and passes its
// address, process id and an editor's token. Prints one JSON object (the results) on stdout; progress on stderr.
import WebSocket from 'ws';
import fs from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';

const BASE = process.env.SUBS_URL;
const WS_URL = BASE.replace(/^http/, 'ws') + '/graphql-ws';
const PID = process.env.SUBS_PID;
const TOKEN = process.env.SUBS_TOKEN;
const N = Number(process.env.SUBSCRIBERS || 10000);
const BATCH = Number(process.env.SUBS_BATCH || 250);
const PUBLISHES = Number(process.env.SUBS_PUBLISHES || 3);
const PAUSE_MS = Number(process.env.SUBS_PAUSE_MS || 5000);
const READ_SECONDS = Number(process.env.SUBS_READ_SECONDS || 10);
const READ_LEAD_MS = Number(process.env.SUBS_READ_LEAD_MS || 3000);
const READ_PATH = '/graphql?query=' + encodeURIComponent('{ latest(first: 10) { edges { node { headline url } } } }');
const SUBSCRIPTION = 'subscription { articlePublished { id headline url } }';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.error(new Date().toISOString().slice(11, 19), ...a);
const now = () => performance.now();
function pct(values, p) {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((s.length * p) / 100) - 1))];
}

// ---- the service's memory: heap used after a full collection (jcmd), resident set size (/proc)
function heapMB() {
  execFileSync('jcmd', [PID, 'GC.run'], { stdio: 'ignore', timeout: 120000 });
  const out = execFileSync('jcmd', [PID, 'GC.heap_info'], { encoding: 'utf8', timeout: 60000 });
  // G1: " garbage-first heap   total reserved 1048576K, committed 262144K, used 71234K"
  const m = out.match(/heap\s+total.*?committed (\d+)K, used (\d+)K/);
  if (m) return { usedMB: Number(m[2]) / 1024, committedMB: Number(m[1]) / 1024 };
  // ZGC: " ZHeap           used 812M, capacity 1360M, max capacity 2048M"
  const z = out.match(/ZHeap\s+used (\d+)M, capacity (\d+)M/);
  if (!z) throw new Error('no heap line in: ' + out);
  return { usedMB: Number(z[1]), committedMB: Number(z[2]) };
}
const rssMB = () => Number(fs.readFileSync(`/proc/${PID}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)[1]) / 1024;
// CPU time of the service so far (user + system, ms), from /proc: clock ticks of 10 ms (USER_HZ 100 on Linux)
const serviceCpuMs = () => {
  const fields = fs.readFileSync(`/proc/${PID}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const clientCpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const threads = () => Number(fs.readFileSync(`/proc/${PID}/status`, 'utf8').match(/Threads:\s+(\d+)/)[1]);
function memory() {
  const heap = heapMB();
  return { heapUsedMB: heap.usedMB, heapCommittedMB: heap.committedMB, rssMB: rssMB(), threads: threads() };
}

// ---- HTTP
async function gql(query, variables) {
  const res = await fetch(BASE + '/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + TOKEN },
    body: JSON.stringify({ query, variables }),
  });
  const json = await res.json();
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return json.data;
}

// ---- HTTP reads meanwhile: wrk, its latency distribution
function wrk(seconds) {
  return new Promise((resolve) => {
    if (seconds <= 0) { resolve(null); return; }
    const p = spawn('wrk', ['-t1', '-c4', `-d${seconds}s`, '--latency', BASE + READ_PATH]);
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('close', () => resolve(parseWrk(out)));
  });
}
function parseWrk(out) {
  const ms = (v, u) => Number(v) * ({ us: 0.001, ms: 1, s: 1000, m: 60000 }[u] ?? NaN);
  const at = (p) => { const m = out.match(new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s|m)`)); return m ? ms(m[1], m[2]) : null; };
  const rps = out.match(/Requests\/sec:\s+([\d.]+)/);
  const reqs = out.match(/(\d+) requests in/);
  const non2xx = out.match(/Non-2xx or 3xx responses: (\d+)/);
  const errs = out.match(/Socket errors: (.*)/);
  return { p50: at(50), p90: at(90), p99: at(99), requests: reqs ? Number(reqs[1]) : 0,
    rps: rps ? Number(rps[1]) : 0, non2xx: non2xx ? Number(non2xx[1]) : 0, socketErrors: errs ? errs[1].trim() : '' };
}

// ---- subscribers
const clients = [];
const failures = {};
const fail = (why) => (failures[why] = (failures[why] || 0) + 1);
let closedLater = 0;
let expecting = null; // { id, times: Map<client index, ms> }

function open(i) {
  return new Promise((resolve) => {
    const ws = new WebSocket(WS_URL, 'graphql-transport-ws', { perMessageDeflate: false });
    let acked = false;
    const timer = setTimeout(() => { fail('no ack in 30 s'); ws.terminate(); resolve(null); }, 30000);
    ws.on('unexpected-response', (_req, res) => { clearTimeout(timer); fail(`HTTP ${res.statusCode}`); resolve(null); });
    ws.on('error', (e) => { if (!acked) { clearTimeout(timer); fail(String(e.code || e.message)); resolve(null); } });
    ws.on('close', (code) => {
      if (!acked) { clearTimeout(timer); fail(`closed ${code}`); resolve(null); } else closedLater++;
    });
    ws.on('open', () => ws.send('{"type":"connection_init","payload":{}}'));
    ws.on('message', (data) => {
      const t = now();
      const m = JSON.parse(data.toString());
      if (m.type === 'next') {
        const a = m.payload?.data?.articlePublished;
        if (expecting && a && a.id === expecting.id && !expecting.times.has(i)) expecting.times.set(i, t);
      } else if (m.type === 'connection_ack') {
        acked = true;
        clearTimeout(timer);
        ws.send(JSON.stringify({ id: 's', type: 'subscribe', payload: { query: SUBSCRIPTION } }));
        resolve(ws);
      } else if (m.type === 'ping') {
        ws.send('{"type":"pong"}');
      } else if (m.type === 'error') {
        fail('subscription error ' + JSON.stringify(m.payload).slice(0, 120));
      }
    });
  });
}

const result = { n: N, batch: BATCH, readSeconds: READ_SECONDS };
const reporter = (await gql('{ latest(first: 1) { edges { node { reporters { slug } } } } }'))
  .latest.edges[0].node.reporters[0].slug;

log('HTTP reads without subscribers (baseline)');
result.readsBaseline = await wrk(READ_SECONDS);
await sleep(1000);
result.before = memory();
log('before', JSON.stringify(result.before));

log(`opening ${N} subscribers, ${BATCH} at a time`);
const t0 = now();
for (let i = 0; i < N; i += BATCH) {
  const batch = [];
  for (let j = i; j < Math.min(N, i + BATCH); j++) batch.push(open(j));
  for (const ws of await Promise.all(batch)) if (ws) clients.push(ws);
  if ((i / BATCH) % 8 === 0) log(`  ${clients.length} open, ${Object.values(failures).reduce((a, b) => a + b, 0)} failed`);
}
result.openSeconds = (now() - t0) / 1000;
result.opened = clients.length;
result.openFailures = { ...failures };
log(`${clients.length} open in ${result.openSeconds.toFixed(1)} s; failures ${JSON.stringify(failures)}`);
await sleep(3000); // the last subscribe messages are executed
result.after = memory();
log('after', JSON.stringify(result.after));
const per = (a, b) => ((b - a) * 1024 * 1024) / Math.max(1, clients.length) / 1024; // KB per subscriber
result.heapKBPerSubscriber = per(result.before.heapUsedMB, result.after.heapUsedMB);
result.rssKBPerSubscriber = per(result.before.rssMB, result.after.rssMB);

result.publishes = [];
for (let k = 1; k <= PUBLISHES; k++) {
  await sleep(PAUSE_MS);
  const created = await gql(
    'mutation($input: CreateArticleInput!) { createArticle(input: $input) { __typename ... on ArticlePayload { article { id version } } ... on ValidationFailed { errors { field code message } } } }',
    { input: { headline: `Uji pelanggan langsung ${k} ${Date.now()}`, section: 'berita', reporters: [reporter],
      body: [{ type: 'PARAGRAPH', text: 'Isi berita uji untuk pelanggan langsung.' }] } });
  if (created.createArticle.__typename !== 'ArticlePayload') throw new Error(JSON.stringify(created));
  const { id, version } = created.createArticle.article;
  const reads = wrk(READ_SECONDS);
  await sleep(READ_LEAD_MS);
  expecting = { id, times: new Map() };
  const sent = now();
  const cpuBefore = { service: serviceCpuMs(), client: clientCpuMs() };
  const published = await gql(
    'mutation($input: ArticleVersionInput!) { publishArticle(input: $input) { __typename ... on ArticlePayload { article { id status } } } }',
    { input: { id, version } });
  const answered = now();
  if (published.publishArticle.__typename !== 'ArticlePayload') throw new Error(JSON.stringify(published));
  // wait until every open subscriber has it, or 10 s
  while (expecting.times.size < clients.length && now() - answered < 10000) await sleep(5);
  const cpu = { serviceMs: serviceCpuMs() - cpuBefore.service, clientMs: clientCpuMs() - cpuBefore.client };
  const times = [...expecting.times.values()];
  const fromAnswer = times.map((t) => t - answered);
  const fromSent = times.map((t) => t - sent);
  const row = {
    k, id, mutationMs: answered - sent, received: times.length, of: clients.length, cpu,
    fromAnswer: { p50: pct(fromAnswer, 50), p95: pct(fromAnswer, 95), p99: pct(fromAnswer, 99), max: Math.max(...fromAnswer), min: Math.min(...fromAnswer) },
    fromSent: { p50: pct(fromSent, 50), p95: pct(fromSent, 95), p99: pct(fromSent, 99), max: Math.max(...fromSent) },
  };
  row.reads = await reads;
  row.loadavg = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  result.publishes.push(row);
  log(`publish ${k}: ${row.received}/${row.of}, from answer p50 ${row.fromAnswer.p50.toFixed(0)} p99 ${row.fromAnswer.p99.toFixed(0)} max ${row.fromAnswer.max.toFixed(0)} ms; reads p99 ${row.reads?.p99} ms; CPU service ${cpu.serviceMs} ms, client ${cpu.clientMs.toFixed(0)} ms`);
}
expecting = null;
result.closedDuringRun = closedLater;
result.end = { rssMB: rssMB(), threads: threads() };
result.clientRssMB = process.memoryUsage().rss / 1024 / 1024;
for (const ws of clients) ws.terminate();
console.log(JSON.stringify(result));
process.exit(0);
