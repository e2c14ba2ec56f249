// The drill of deploy/run-local.sh's set-up (deploy/drill.sh starts it and then runs this file with Node 20 or newer).
// Writes (with an ADMIN token, which section changes need) go to HAProxy, reads come through Varnish, as a newsroom's clients would:
//   1. publish, headline edit, section rename and archive: each visible through Varnish within 2 s, with Varnish
//      purged by the instances themselves (news.edge.purge.varnish), no relay;
//   2. an answer asked with an editor's token is never stored by Varnish;
//   3. one instance stopped (SIGTERM) while views and public reads run: every view answered as counted is stored,
//      and no public read fails.
// Prints one line per check and a summary; exits 1 if any check fails.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const VARNISH = process.env.DRILL_VARNISH ?? 'http://127.0.0.1:6081';
const HAPROXY = process.env.DRILL_HAPROXY ?? 'http://127.0.0.1:8080';
const SECRET = process.env.DRILL_SECRET;
const WORK = process.env.DRILL_WORK ?? '/tmp/news-deploy';
const PG_PORT = process.env.DRILL_PG_PORT ?? '5440';
const LOAD_SECONDS = Number(process.env.DRILL_LOAD_SECONDS ?? 20);
const VISIBLE_WITHIN_MS = 2000;

const results = [];
function check(name, ok, detail) {
    results.push({ name, ok, detail });
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
}

function b64url(value) {
    return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

function editorToken() {
    const now = Math.floor(Date.now() / 1000);
    const head = b64url({ alg: 'HS256', typ: 'JWT' });
    const body = b64url({ sub: 'drill', roles: ['ADMIN'], iat: now - 60, exp: now + 1800 });
    const signature = createHmac('sha256', SECRET).update(`${head}.${body}`).digest('base64url');
    return `${head}.${body}.${signature}`;
}

const TOKEN = editorToken();

async function write(query, variables) {
    const response = await fetch(`${HAPROXY}/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ query, variables }),
    });
    const answer = await response.json();
    if (answer.errors) {
        throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(answer.errors)}`);
    }
    return answer.data;
}

async function readThroughVarnish(query, variables, headers = {}) {
    const url = `${VARNISH}/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify(variables))}`;
    const response = await fetch(url, { headers });
    const text = await response.text();
    return { status: response.status, cache: response.headers.get('x-cache'), body: text ? JSON.parse(text) : null };
}

const ARTICLE_FIELDS = 'mutation($input: %T!) { %M(input: $input) { __typename ... on ArticlePayload { article { id slug version } } ... on ValidationFailed { errors { field code message } } } }';

async function articleMutation(mutation, type, input) {
    const data = await write(ARTICLE_FIELDS.replace('%T', type).replace('%M', mutation), { input });
    const result = data[mutation];
    if (result.__typename !== 'ArticlePayload') {
        throw new Error(`${mutation}: ${JSON.stringify(result)}`);
    }
    return result.article;
}

// Reads the page through Varnish until `seen` holds for its answer; the first read is cached beforehand by the caller.
async function visibleWithin(name, query, variables, seen) {
    const start = Date.now();
    let last;
    while (Date.now() - start < 10_000) {
        last = await readThroughVarnish(query, variables);
        if (seen(last.body)) {
            const ms = Date.now() - start;
            check(name, ms <= VISIBLE_WITHIN_MS, `${ms} ms after the write's answer (bound ${VISIBLE_WITHIN_MS} ms)`);
            return ms;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    check(name, false, `not visible after 10 s; last answer ${JSON.stringify(last?.body).slice(0, 200)}`);
    return null;
}

// Asks twice, so the answer is in Varnish (the second read a HIT), before the write that must replace it.
async function cached(query, variables) {
    await readThroughVarnish(query, variables);
    const second = await readThroughVarnish(query, variables);
    return second.cache;
}

const PAGE = 'query Page($slug: String!) { article(slug: $slug) { id headline section { name } } }';

async function purgeChecks() {
    const tag = randomUUID().slice(0, 8);
    const section = (await write(
        'mutation($input: CreateSectionInput!) { createSection(input: $input) { __typename ... on SectionPayload { section { id slug } } } }',
        { input: { name: `Latihan ${tag}`, slug: `latihan-${tag}`, parent: 'berita' } })).createSection.section;
    const reporter = (await write(
        'mutation($input: CreateReporterInput!) { createReporter(input: $input) { __typename ... on ReporterPayload { reporter { slug } } } }',
        { input: { name: `Penulis ${tag}`, slug: `penulis-${tag}` } })).createReporter.reporter;
    let draft = await articleMutation('createArticle', 'CreateArticleInput', {
        headline: `Latihan tepi ${tag}`,
        section: section.slug,
        reporters: [reporter.slug],
        body: [{ type: 'PARAGRAPH', text: 'Paragraf latihan.' }],
    });
    const variables = { slug: draft.slug };

    // Publish: the null answer cached before is purged.
    const before = await cached(PAGE, variables);
    draft = await articleMutation('publishArticle', 'ArticleVersionInput', { id: draft.id, version: draft.version });
    await visibleWithin(`publish (null answer was ${before})`, PAGE, variables, (body) => body?.data?.article != null);

    // Headline edit.
    await cached(PAGE, variables);
    const headline = `Judul baru ${tag}`;
    draft = await articleMutation('updateArticle', 'UpdateArticleInput', { id: draft.id, version: draft.version, headline });
    await visibleWithin('headline edit', PAGE, variables, (body) => body?.data?.article?.headline === headline);

    // Section rename.
    await cached(PAGE, variables);
    const name = `Latihan baru ${tag}`;
    await write(
        'mutation($input: RenameSectionInput!) { renameSection(input: $input) { __typename } }',
        { input: { id: section.id, name } });
    await visibleWithin('section rename', PAGE, variables, (body) => body?.data?.article?.section?.name === name);

    // Archive.
    await cached(PAGE, variables);
    await articleMutation('archiveArticle', 'ArticleVersionInput', { id: draft.id, version: draft.version });
    await visibleWithin('archive', PAGE, variables, (body) => body?.data?.article === null);
    return section.slug;
}

async function privateAnswers() {
    const query = '{ drafts(first: 3) { totalCount edges { node { headline } } } }';
    const withToken = { Authorization: `Bearer ${TOKEN}` };
    const first = await readThroughVarnish(query, {}, withToken);
    const second = await readThroughVarnish(query, {}, withToken);
    const anonymous = await readThroughVarnish(query, {});
    const leaked = anonymous.body?.data?.drafts != null;
    check('a token answer is not stored',
        first.cache !== 'HIT' && second.cache !== 'HIT' && !leaked,
        `with token: ${first.cache}, ${second.cache}; same URL without token: ${leaked ? 'drafts served' : 'no drafts'} (status ${anonymous.status})`);
}

function sql(statement) {
    return execFileSync('psql', ['-X', '-q', '-t', '-A', '-h', '127.0.0.1', '-p', PG_PORT, '-U', 'postgres', '-d', 'postgres', '-c', statement])
        .toString().trim();
}

async function stopOneUnderLoad() {
    const list = await (await fetch(`${VARNISH}/graphql?query=${encodeURIComponent('{ latest(first: 1) { edges { node { id } } } }')}`)).json();
    const articleId = list.data.latest.edges[0].node.id;
    const databaseId = Number(Buffer.from(articleId, 'base64url').toString().split(':').pop());
    const storedBefore = Number(sql(`select coalesce(sum(views), 0) from article_views_hourly where article_id = ${databaseId}`) || 0);

    let counted = 0;
    let viewErrors = 0;
    let reads = 0;
    let readFailures = 0;
    const failures = [];
    const viewFailures = [];
    let running = true;
    const viewer = async () => {
        while (running) {
            try {
                const response = await fetch(`${HAPROXY}/graphql`, {
                    method: 'POST',
                    headers: { 'Content-Type': 'application/json' },
                    body: JSON.stringify({
                        query: 'mutation($input: RecordViewInput!) { recordView(input: $input) { counted } }',
                        variables: { input: { articleId, visitorId: randomUUID() } },
                    }),
                });
                const answer = await response.json();
                if (answer.data?.recordView?.counted) counted++;
                else {
                    viewErrors++;
                    if (viewFailures.length < 3) viewFailures.push(`${response.status} ${JSON.stringify(answer).slice(0, 120)}`);
                }
            } catch (error) {
                viewErrors++;
                if (viewFailures.length < 3) viewFailures.push(String(error.cause ?? error));
            }
        }
    };
    const reader = async (n) => {
        while (running) {
            // Straight to HAProxy, each read a different page size, so no cache answers for the instances.
            const first = 1 + ((reads + n) % 20);
            const query = `{ latest(first: ${first}) { edges { node { headline } } } }`;
            try {
                const response = await fetch(`${HAPROXY}/graphql?query=${encodeURIComponent(query)}`);
                const body = await response.json();
                reads++;
                if (response.status !== 200 || body.errors) {
                    readFailures++;
                    if (failures.length < 5) failures.push(`${response.status} ${JSON.stringify(body.errors ?? '').slice(0, 120)}`);
                }
            } catch (error) {
                reads++;
                readFailures++;
                if (failures.length < 5) failures.push(String(error));
            }
        }
    };
    const workers = [viewer(), viewer(), viewer(), reader(0), reader(7), reader(13)];
    await new Promise((resolve) => setTimeout(resolve, (LOAD_SECONDS * 1000) / 2));
    const pid = Number(readFileSync(`${WORK}/news-2.pid`, 'utf8'));
    process.kill(pid, 'SIGTERM');
    const stoppedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, (LOAD_SECONDS * 1000) / 2));
    running = false;
    await Promise.all(workers);
    // The two instances left flush every second or so; the stopped one flushed on its way out.
    let stored = 0;
    for (let i = 0; i < 30; i++) {
        stored = Number(sql(`select coalesce(sum(views), 0) from article_views_hourly where article_id = ${databaseId}`)) - storedBefore;
        if (stored >= counted) break;
        await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    let exited = false;
    try {
        process.kill(pid, 0);
    } catch {
        exited = true;
    }
    check('stopping one instance under load loses no counted view', stored === counted,
        `${counted} views answered counted, ${stored} stored (${viewErrors} not counted or failed${viewFailures.length ? ': ' + viewFailures.join('; ') : ''}; instance 2 ${exited ? 'exited' : 'still running'} ${Math.round((Date.now() - stoppedAt) / 1000)} s after SIGTERM)`);
    check('stopping one instance under load fails no public read', readFailures === 0,
        `${reads} GET reads through HAProxy, ${readFailures} failed${failures.length ? ': ' + failures.join('; ') : ''}`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const PORTS = [8081, 8082, 8083];

function instancePid(i) {
    return Number(readFileSync(`${WORK}/news-${i}.pid`, 'utf8'));
}

async function healthy(port) {
    try {
        return (await fetch(`http://127.0.0.1:${port}/actuator/health`)).status === 200;
    } catch {
        return false;
    }
}

// Waits until instance i runs as another process than `old` (run-local.sh starts a stopped instance again) and is UP.
async function backAgain(i, old) {
    const start = Date.now();
    while (Date.now() - start < 300_000) {
        let pid = old;
        try {
            pid = instancePid(i);
        } catch {}
        if (pid !== old && (await healthy(8080 + i))) return Date.now() - start;
        await sleep(500);
    }
    throw new Error(`instance ${i} did not come back within 300 s`);
}

async function byHashOnly(port, hash) {
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });
    const response = await fetch(`http://127.0.0.1:${port}/graphql?extensions=${encodeURIComponent(extensions)}`);
    return response.json();
}

// A hash registered on one instance answers by hash alone on the other two, and on all three after all restarted;
// then 100,000 registrations leave the store within its bounds.
async function persistedQueries() {
    const text = `query Drill${randomUUID().replaceAll('-', '')} { latest(first: 2) { edges { node { headline } } } }`;
    const hash = createHash('sha256').update(text).digest('hex');
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });
    const registered = await (await fetch(
        `http://127.0.0.1:8081/graphql?query=${encodeURIComponent(text)}&extensions=${encodeURIComponent(extensions)}`)).json();
    const others = [await byHashOnly(8082, hash), await byHashOnly(8083, hash)];
    const answered = (answer) => answer?.data?.latest?.edges?.length === 2 && !answer.errors;
    check('a hash registered on one instance answers by hash on the other two',
        answered(registered) && others.every(answered),
        `registered on 8081: ${answered(registered)}; by hash on 8082, 8083: ${others.map((a) => (answered(a) ? 'data' : JSON.stringify(a).slice(0, 100))).join(', ')}`);

    const old = [1, 2, 3].map(instancePid);
    old.forEach((pid) => process.kill(pid, 'SIGTERM'));
    const back = [];
    for (const i of [1, 2, 3]) back.push(await backAgain(i, old[i - 1]));
    const after = [];
    for (const port of PORTS) after.push(await byHashOnly(port, hash));
    check('... and on all three after all three restarted', after.every(answered),
        `all three stopped at once, back in ${back.map((ms) => Math.round(ms / 1000)).join(', ')} s; by hash: ${after.map((a) => (answered(a) ? 'data' : JSON.stringify(a).slice(0, 100))).join(', ')}`);

    const total = Number(process.env.DRILL_REGISTRATIONS ?? 100_000);
    let next = 0;
    let ok = 0;
    let failed = 0;
    const start = Date.now();
    const register = async () => {
        while (next < total) {
            const n = next++;
            const query = `query R${n} { __typename }`;
            const sha256Hash = createHash('sha256').update(query).digest('hex');
            try {
                const response = await fetch(`${HAPROXY}/graphql`, {
                    method: 'POST',
                    headers: { 'Content-Type': 'application/json' },
                    body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
                });
                const answer = await response.json();
                if (answer.data?.__typename === 'Query') ok++;
                else failed++;
            } catch {
                failed++;
            }
        }
    };
    await Promise.all(Array.from({ length: 16 }, register));
    const seconds = (Date.now() - start) / 1000;
    const maxRows = Number(process.env.NEWS_PERSISTED_STORE_MAX_ROWS ?? 10_000);
    const maxBytes = Number(process.env.NEWS_PERSISTED_STORE_MAX_BYTES ?? 67_108_864);
    const size = () => sql('select count(*) || \' \' || coalesce(sum(bytes), 0) from persisted_query').split(' ').map(Number);
    let [rows, bytes] = size();
    const peak = rows;
    for (let i = 0; i < 60 && (rows > maxRows || bytes > maxBytes); i++) {
        await sleep(1000);
        [rows, bytes] = size();
    }
    const heaps = [];
    for (const port of PORTS) {
        const metrics = await (await fetch(`http://127.0.0.1:${port}/actuator/prometheus`)).text();
        const used = metrics.split('\n').filter((line) => line.startsWith('jvm_memory_used_bytes{area="heap"'))
            .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
        heaps.push(`${Math.round(used / 1048576)} MB`);
    }
    check(`${total.toLocaleString('en')} registrations leave the store within its bounds`,
        ok === total && rows <= maxRows && bytes <= maxBytes,
        `${ok} registered, ${failed} failed, ${Math.round(total / seconds)}/s; rows ${peak} at the end of the flood, ${rows} (${bytes} bytes) after the eviction (bounds ${maxRows} rows, ${maxBytes} bytes); heap used ${heaps.join(', ')}`);
}

// Public reads by the side that answered them, and the read-your-writes waits, summed over the instances still up.
async function replicaFigures(label) {
    let replica = 0;
    let primary = 0;
    const waits = [];
    for (const port of [8081, 8082, 8083]) {
        let text;
        try {
            text = await (await fetch(`http://127.0.0.1:${port}/actuator/prometheus`)).text();
        } catch {
            continue;
        }
        for (const line of text.split('\n')) {
            const reads = line.match(/^news_replicas_reads_total\{reason="([^"]+)",side="([^"]+)"\} ([0-9.eE+]+)/);
            if (reads) {
                if (reads[2] === 'replica') replica += Number(reads[3]);
                else primary += Number(reads[3]);
            }
            const wait = line.match(/^news_replicas_read_your_writes_wait_seconds\{outcome="([^"]+)",quantile="([^"]+)"\} ([0-9.eE+]+)/);
            if (wait && Number(wait[3]) > 0) waits.push(`${port} ${wait[1]} p${Number(wait[2]) * 100} ${(Number(wait[3]) * 1000).toFixed(1)} ms`);
            const count = line.match(/^news_replicas_read_your_writes_wait_seconds_count\{outcome="([^"]+)"\} ([0-9.eE+]+)/);
            if (count && Number(count[2]) > 0) waits.push(`${port} ${count[1]} ${Number(count[2])} reads waited`);
        }
    }
    const total = replica + primary;
    console.log(`info ${label}: public reads ${total}, on the replica ${replica} (${total ? ((100 * replica) / total).toFixed(1) : 0}%), on the primary ${primary}; read-your-writes waits: ${waits.join('; ') || 'none'}`);
}

try {
    await purgeChecks();
    await privateAnswers();
    await replicaFigures('after the purge checks');
    const stopped = instancePid(2);
    await stopOneUnderLoad();
    await replicaFigures('after the load (instances 1 and 3)');
    console.log(`info instance 2 started again and UP ${Math.round((await backAgain(2, stopped)) / 1000)} s later`);
    await persistedQueries();
} catch (error) {
    check('drill ran to the end', false, error.stack ?? String(error));
}
const failed = results.filter((result) => !result.ok).length;
console.log(`\n${results.length - failed} of ${results.length} checks passed`);
process.exit(failed ? 1 : 0);
