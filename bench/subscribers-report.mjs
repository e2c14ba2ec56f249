// Prints the results of bench/subscribers.mjs (a JSON file) as markdown tables.
import fs from 'node:fs';

const r = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const f = (x, d = 0) => (x === null || x === undefined || Number.isNaN(x) ? '–' : Number(x).toFixed(d));
const mb = (x) => f(x, 0);
const failures = Object.entries(r.openFailures).map(([k, v]) => `${k}: ${v}`).join(', ') || 'none';
const out = [];
out.push(`Opened ${r.opened} of ${r.n} subscribers (${r.batch} at a time, each \`connection_init\` then \`subscribe\`) in ${f(r.openSeconds, 1)} s; failures: ${failures}. Closed by the service during the run: ${r.closedDuringRun}.`);
out.push('');
out.push('| memory of the service | before the subscribers | after | difference | per subscriber |');
out.push('| --- | ---: | ---: | ---: | ---: |');
out.push(`| heap used after a full GC (MB) | ${mb(r.before.heapUsedMB)} | ${mb(r.after.heapUsedMB)} | ${mb(r.after.heapUsedMB - r.before.heapUsedMB)} | ${f(r.heapKBPerSubscriber, 1)} KB |`);
out.push(`| heap committed (MB) | ${mb(r.before.heapCommittedMB)} | ${mb(r.after.heapCommittedMB)} | ${mb(r.after.heapCommittedMB - r.before.heapCommittedMB)} | |`);
out.push(`| resident set size (MB) | ${mb(r.before.rssMB)} | ${mb(r.after.rssMB)} | ${mb(r.after.rssMB - r.before.rssMB)} | ${f(r.rssKBPerSubscriber, 1)} KB |`);
out.push(`| threads | ${r.before.threads} | ${r.after.threads} | | |`);
out.push('');
out.push('| publish | received | mutation (ms) | delay after the mutation\'s answer p50 / p95 / p99 / max (ms) | after the request was sent p50 / p99 / max (ms) | HTTP reads meanwhile p50 / p99 (ms), requests/s | CPU until the last arrived: service / client (ms) | load average |');
out.push('| ---: | ---: | ---: | --- | --- | --- | --- | --- |');
for (const p of r.publishes) {
  const a = p.fromAnswer, s = p.fromSent, h = p.reads;
  const bad = h && (h.non2xx || h.socketErrors) ? ` (${h.non2xx} non-2xx${h.socketErrors ? ', ' + h.socketErrors : ''})` : '';
  const reads = h ? `${f(h.p50, 1)} / ${f(h.p99, 1)}, ${f(h.rps)}${bad}` : 'none';
  const cpu = p.cpu ? `${f(p.cpu.serviceMs)} / ${f(p.cpu.clientMs)}` : '';
  out.push(`| ${p.k} | ${p.received} of ${p.of} | ${f(p.mutationMs)} | ${f(a.p50)} / ${f(a.p95)} / ${f(a.p99)} / ${f(a.max)} | ${f(s.p50)} / ${f(s.p99)} / ${f(s.max)} | ${reads} | ${cpu} | ${p.loadavg} |`);
}
const b = r.readsBaseline;
out.push('');
out.push(`${b ? `HTTP reads: \`wrk -t1 -c4 -d${r.readSeconds}s --latency\` of GET \`/graphql?query={ latest(first: 10) { edges { node { headline url } } } }\`, started 3 s before each publish; without subscribers (before they were opened) p50 ${f(b.p50, 1)} ms, p99 ${f(b.p99, 1)} ms, ${f(b.rps)} requests/s.` : 'No HTTP reads (SUBS_READ_SECONDS=0).'} CPU is the service's (its process, from /proc) and the client process's, from sending \`publishArticle\` until the last subscriber had the article (or 10 s), reads included. A delay is measured in the client process from the answer to \`publishArticle\` (or from sending it) to the arrival of the \`next\` message on each connection, so it includes the one Node process reading ${r.opened} messages; negative values mean the event arrived before the mutation's answer. Resident memory ${mb(r.end.rssMB)} MB at the end; the client process ${mb(r.clientRssMB)} MB.`);
console.log(out.join('\n'));
