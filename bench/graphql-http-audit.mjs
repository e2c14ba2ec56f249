// Runs the GraphQL-over-HTTP audit suite of the graphql-http package against a running service and prints every
// audit that is not "ok", then a summary. Exit status 1 when any audit is a notice, warning or error.
import { serverAudits } from 'graphql-http';

const url = process.argv[2] ?? 'http://localhost:8080/graphql';
const results = [];
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  results.push(await audit.fn());
}
const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
for (const result of results) {
  counts[result.status] = (counts[result.status] ?? 0) + 1;
  if (result.status !== 'ok') {
    console.log(`${result.status.toUpperCase()} ${result.id} ${result.name}: ${result.reason}`);
  }
}
console.log(`${results.length} audits against ${url}: ${counts.ok} ok, ${counts.notice} notice, ${counts.warn} warning, ${counts.error} error`);
process.exit(counts.ok === results.length ? 0 : 1);
