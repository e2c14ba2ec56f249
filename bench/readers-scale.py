#!/usr/bin/env python3
"""Load and report of bench/readers-scale.sh (which starts PostgreSQL and the three instances); standard library only.

  readers-scale.py load    sends the visitors' views round-robin to the instances, writes $WORK/load.json
  readers-scale.py report  asks every instance for readers, views and the accounting; memory and PostgreSQL sizes;
                           prints the markdown summary and writes it to $OUT

Environment: INSTANCE_PORTS (comma-separated), INSTANCE_PIDS (same order), PGPORT, WORK, VISITORS, ARTICLES, SECRET, OUT.
Everything is read through the GraphQL API and generic PostgreSQL catalog functions, not the service's internals.
"""
import base64
import collections
import hashlib
import hmac
import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone

PORTS = [int(p) for p in os.environ["INSTANCE_PORTS"].split(",")]
WORK = os.environ["WORK"]
VISITORS = int(os.environ.get("VISITORS", "1000000"))
ARTICLES = int(os.environ.get("ARTICLES", "6"))
BATCH = 500  # news.analytics.max-batch
UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
BOUND_95 = 0.033  # schema.graphqls / docs/readers.md: within 3.3% of the true count 95% of the time
BOUND_997 = 0.049  # 99.7% of the time


def token():
    def b64(data):
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    now = int(time.time())
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    claims = b64(json.dumps({"sub": "bench", "iat": now - 60, "exp": now + 7200, "roles": ["EDITOR"]}).encode())
    signature = hmac.new(os.environ["SECRET"].encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
    return f"{header}.{claims}.{b64(signature)}"


class Client:
    """One keep-alive connection to one instance."""

    def __init__(self, port):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def graphql(self, query, variables=None, editor=False):
        body = json.dumps({"query": query, "variables": variables or {}})
        headers = {"Content-Type": "application/json", "User-Agent": UA}
        if editor:
            headers["Authorization"] = "Bearer " + TOKEN
        for attempt in range(3):
            try:
                self.connection.request("POST", "/graphql", body, headers)
                response = self.connection.getresponse()
                answer = json.loads(response.read())
                break
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                if attempt == 2:
                    raise
        if answer.get("errors"):
            raise RuntimeError(f"instance :{self.port}: {answer['errors']}")
        return answer["data"]


TOKEN = token() if "SECRET" in os.environ else None


def plan():
    """The views, request by request: every visitor reads one article, every tenth a second one; one in twenty is
    sent again in the next request (another instance: a late duplicate), one in twenty three requests later (the same
    instance: a duplicate it answers at once)."""
    pending = collections.defaultdict(list)
    current = []
    index = 0
    for n in range(VISITORS):
        first = n % ARTICLES
        current.append((first, n))
        if n % 10 == 0:
            current.append(((n // 10 + 1 + first) % ARTICLES if ARTICLES > 1 else first, n))
        if n % 20 == 0:
            pending[index + 1].append((first, n))
        elif n % 20 == 5:
            pending[index + 3].append((first, n))
        if len(current) + len(pending.get(index, ())) >= BATCH - 2:
            yield index, current + pending.pop(index, [])
            index += 1
            current = []
    while current or pending:
        yield index, current + pending.pop(index, [])
        index += 1
        current = []


def truth(articles):
    """True unique readers per article, section (with its ancestors), reporter and site, and the distinct views."""
    readers = {"article": collections.Counter(), "section": collections.Counter(), "reporter": collections.Counter()}
    scopes = []
    for a in articles:
        scopes.append((set(a["sections"]), set(a["reporters"])))
    views = 0
    for n in range(VISITORS):
        first = n % ARTICLES
        read = {first}
        if n % 10 == 0:
            read.add((n // 10 + 1 + first) % ARTICLES if ARTICLES > 1 else first)
        views += len(read)
        sections, reporters = set(), set()
        for a in read:
            readers["article"][a] += 1
            sections |= scopes[a][0]
            reporters |= scopes[a][1]
        for s in sections:
            readers["section"][s] += 1
        for r in reporters:
            readers["reporter"][r] += 1
    return readers, views


def pick_articles():
    """ARTICLES published articles of the demo newsroom, each in another section where there are enough."""
    client = Client(PORTS[0])
    data = client.graphql(
        "{ latest(first: 100) { edges { node { id slug section { slug path { slug } } reporters { slug } } } } }")
    nodes = [e["node"] for e in data["latest"]["edges"]]
    chosen, sections, reporters = [], set(), set()
    for strict in (2, 1, 0):
        for node in nodes:
            if len(chosen) == ARTICLES or node in chosen:
                continue
            new_section = node["section"]["slug"] not in sections
            new_reporter = not reporters.issuperset(r["slug"] for r in node["reporters"])
            if (strict == 2 and new_section and new_reporter) or (strict == 1 and new_section) or strict == 0:
                chosen.append(node)
                sections.add(node["section"]["slug"])
                reporters.update(r["slug"] for r in node["reporters"])
    return [{"id": n["id"], "slug": n["slug"], "section": n["section"]["slug"],
             "sections": [s["slug"] for s in n["section"]["path"]],
             "reporters": [r["slug"] for r in n["reporters"]]} for n in chosen]


def load():
    articles = pick_articles()
    ids = [a["id"] for a in articles]
    requests = [collections.deque() for _ in PORTS]
    totals = collections.Counter()
    lock = threading.Lock()
    failures = []
    mutation = ("mutation($v: [RecordViewInput!]!) { recordViews(input: $v) {"
                " accepted duplicates bots rejected rateLimited } }")
    # One sender per instance; request i goes to instance i % 3, so the instances take turns.
    done = threading.Event()

    def sender(slot):
        client = Client(PORTS[slot])
        queue = requests[slot]
        while True:
            try:
                views = queue.popleft()
            except IndexError:
                if done.is_set():
                    return
                time.sleep(0.001)
                continue
            try:
                answer = client.graphql(mutation, {"v": views})["recordViews"]
            except Exception as ex:  # noqa: BLE001 - reported in the summary
                failures.append(str(ex))
                continue
            with lock:
                totals.update({k: v for k, v in answer.items()})
                totals["requests"] += 1

    threads = [threading.Thread(target=sender, args=(i,), daemon=True) for i in range(len(PORTS))]
    for t in threads:
        t.start()
    sent = 0
    started = time.time()
    for index, views in plan():
        queue = requests[index % len(PORTS)]
        while len(queue) > 8:
            time.sleep(0.002)
        queue.append([{"articleId": ids[a], "visitorId": f"pembaca-{n}"} for a, n in views])
        sent += len(views)
    done.set()
    for t in threads:
        t.join()
    elapsed = time.time() - started
    result = {"articles": articles, "sent": sent, "answers": dict(totals), "seconds": elapsed,
              "failures": failures[:5], "failed_requests": len(failures),
              "started": started, "finished": time.time()}
    with open(os.path.join(WORK, "load.json"), "w") as f:
        json.dump(result, f)
    print(f"sent {sent:,} views in {totals['requests']:,} requests in {elapsed:.1f} s "
          f"({sent / elapsed:,.0f} views/s): {dict(totals)}; failed requests: {len(failures)}", flush=True)


def iso(t):
    return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def ask(client, articles, start, end):
    """Everything one instance answers about the run."""
    article_fields = " ".join(
        f'a{i}: articleById(id: "{a["id"]}") {{ views(window: LAST_24_HOURS) readers(window: LAST_24_HOURS) }}'
        for i, a in enumerate(articles))
    public = client.graphql("{ " + article_fields + " }")
    editor = client.graphql(
        "query($from: DateTime!, $to: DateTime!) { analytics {"
        " sectionTotals(window: LAST_24_HOURS) { section { slug } views readers }"
        " reporterTotals(window: LAST_24_HOURS, first: 100) { reporter { slug } views readers }"
        " site: viewsOverTime(bucket: DAY, from: $from, to: $to) { start views readers }"
        " ingestion(from: $from, to: $to) { accepted duplicates lateDuplicates bots rejected rateLimited"
        "   byEntryPoint { entryPoint accepted duplicates lateDuplicates } pendingKeys } } }",
        {"from": start, "to": end}, editor=True)["analytics"]
    return {
        "articles": [public[f"a{i}"] for i in range(len(articles))],
        "sections": {s["section"]["slug"]: s["readers"] for s in editor["sectionTotals"]},
        "reporters": {r["reporter"]["slug"]: r["readers"] for r in editor["reporterTotals"]},
        "site": sum(p["readers"] for p in editor["site"]),
        "site_buckets": len([p for p in editor["site"] if p["readers"]]),
        "ingestion": {k: v for k, v in editor["ingestion"].items() if k != "pendingKeys"},
        "pending": editor["ingestion"]["pendingKeys"],
    }


def psql(query):
    out = subprocess.run(["psql", "-X", "-q", "-t", "-A", "-F", "\t", "-h", "localhost", "-p", os.environ["PGPORT"],
                          "-U", "postgres", "-d", "news", "-c", query], check=True, capture_output=True, text=True)
    return [line.split("\t") for line in out.stdout.strip().splitlines() if line]


TABLE_SIZES = """
select c.relname,
       pg_total_relation_size(c.oid)
         + coalesce((select sum(pg_total_relation_size(i.inhrelid)) from pg_inherits i where i.inhparent = c.oid), 0),
       (select count(*) from pg_inherits i where i.inhparent = c.oid)
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
order by 1
"""


# The tables of views, readers and the accounting, shown even when the load did not change them.
ALWAYS_SHOWN = {"article_readers", "reader_sketch_hourly", "article_views_hourly", "view_ingestion_hourly"}


def table_sizes():
    sizes = {}
    for name, size, parts in psql(TABLE_SIZES):
        rows = int(psql(f'select count(*) from "{name}"')[0][0])
        sizes[name] = {"bytes": int(size), "rows": rows, "partitions": int(parts)}
    return sizes


def memory(pid):
    subprocess.run(["jcmd", str(pid), "GC.run"], check=True, capture_output=True)
    info = subprocess.run(["jcmd", str(pid), "GC.heap_info"], check=True, capture_output=True, text=True).stdout
    used = re.search(r"heap\s+total\s+(\d+)K, used (\d+)K", info)
    rss = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
    histogram = subprocess.run(["jcmd", str(pid), "GC.class_histogram"], check=True, capture_output=True,
                               text=True).stdout
    # " num: instances bytes class": the five classes that take the most heap.
    top = [(int(m.group(2)), m.group(3)) for m in re.finditer(r"^\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", histogram, re.M)]
    return {"top": sorted(top, reverse=True)[:5],
            "heap_used_mb": int(used.group(2)) / 1024 if used else None,
            "heap_committed_mb": int(used.group(1)) / 1024 if used else None, "rss_mb": rss / 1024}


def error(estimate, true):
    return (estimate - true) / true if true else (0.0 if estimate == 0 else float("inf"))


def report():
    with open(os.path.join(WORK, "load.json")) as f:
        run = json.load(f)
    with open(os.path.join(WORK, "sizes-before.json")) as f:
        before = json.load(f)
    articles = run["articles"]
    true, true_views = truth(articles)
    # The accounting and the site's DAY bucket: from the hour the load started to the hour after it ended.
    start = iso(run["started"] - run["started"] % 3600)
    end = iso(run["finished"] - run["finished"] % 3600 + 3600)
    clients = [Client(p) for p in PORTS]

    # Every instance must have written what it holds; estimates settle once the sketches are built and the cached
    # totals refreshed: ask until two rounds a while apart give the same answers on all three instances.
    deadline = time.time() + float(os.environ.get("SETTLE_SECONDS", "600"))
    previous = None
    polls = 0
    while True:
        answers = [ask(c, articles, start, end) for c in clients]
        polls += 1
        settled = (answers == previous and all(a["pending"] == 0 for a in answers)
                   and all(a == answers[0] | {"pending": a["pending"]} for a in answers)
                   and answers[0]["site"] > 0)
        # Sketches built during the load may stand still for a while: ask no earlier than SETTLE_MIN_SECONDS (two
        # sketch intervals and the rebuild) after the load ended.
        settled &= time.time() - run["finished"] >= float(os.environ.get("SETTLE_MIN_SECONDS", "150"))
        if settled or time.time() > deadline:
            break
        previous = answers
        time.sleep(15)
    waited = time.time() - run["finished"]
    after = table_sizes()
    pids = [int(p) for p in os.environ["INSTANCE_PIDS"].split(",")]
    mem = [memory(p) for p in pids]
    shared_buffers = psql("show shared_buffers")[0][0]

    first = answers[0]
    same = all({k: v for k, v in a.items() if k != "pending"} == {k: v for k, v in first.items() if k != "pending"}
               for a in answers)
    ing = first["ingestion"]
    answers_total = run["answers"]
    repeats = run["sent"] - true_views
    lines = []
    w = lines.append
    w(f"# Unique readers at scale: {VISITORS:,} visitors over three instances")
    w("")
    w(f"`bench/readers-scale.sh`, run {iso(run['started'])} to {iso(time.time())}: Debian's PostgreSQL "
      f"{psql('show server_version')[0][0]} (shared_buffers {shared_buffers}) and three instances of the packaged jar "
      "(`-Xmx512m` each) on it, on this machine's 2 shared cores. The per-client rate limit is off "
      "(`news.analytics.rate-limit.enabled=false`): all load comes from one address. "
      f"`news.analytics.readers.sketch-interval={os.environ.get('SKETCH_INTERVAL')}`, "
      f"`news.analytics.ranking-refresh={os.environ.get('RANKING_REFRESH')}` so that the estimates settle sooner; "
      "everything else as shipped.")
    w("")
    w(f"Load: {VISITORS:,} distinct visitors (`visitorId` `pembaca-<n>`), each reading one of {len(articles)} "
      "articles (visitor n reads article n mod " + str(len(articles)) + "), every tenth a second one; one in twenty "
      "sent again in the next request (another instance), one in twenty three requests later (the same instance). "
      f"{run['sent']:,} views in {answers_total.get('requests', 0):,} `recordViews` requests of up to {BATCH}, "
      f"round-robin over the three instances, one request at a time per instance: {run['seconds']:.1f} s, "
      f"{run['sent'] / run['seconds']:,.0f} views/s reported. Failed requests: {run['failed_requests']}.")
    w("")
    w("## Answers")
    w("")
    w(f"All three instances gave the same answers: **{'yes' if same else 'NO'}** "
      f"(asked {polls} times until settled, {waited:.0f} s after the load ended).")
    w("")
    w("| scope | true readers | answered | error | kind |")
    w("| --- | ---: | ---: | ---: | --- |")
    exact_ok = True
    for i, a in enumerate(articles):
        got = first["articles"][i]["readers"]
        exact_ok &= got == true["article"][i]
        w(f"| article {a['slug'][:40]} ({a['section']}; {', '.join(a['reporters']) or 'no reporter'}) | "
          f"{true['article'][i]:,} | {got:,} | {error(got, true['article'][i]):+.2%} | exact |")
    estimates = []
    for slug in sorted(set(true["section"]) | {s for s, r in first["sections"].items() if r}):
        got, t = first["sections"].get(slug, 0), true["section"][slug]
        estimates.append(error(got, t))
        w(f"| section {slug} | {t:,} | {got:,} | {error(got, t):+.2%} | estimated |")
    for slug in sorted(set(true["reporter"]) | {s for s, r in first["reporters"].items() if r}):
        got, t = first["reporters"].get(slug, 0), true["reporter"][slug]
        estimates.append(error(got, t))
        w(f"| reporter {slug} | {t:,} | {got:,} | {error(got, t):+.2%} | estimated |")
    estimates.append(error(first["site"], VISITORS))
    w(f"| site (DAY buckets with readers: {first['site_buckets']}) | {VISITORS:,} | {first['site']:,} | "
      f"{error(first['site'], VISITORS):+.2%} | estimated |")
    w("")
    worst = max(abs(e) for e in estimates)
    within = sum(1 for e in estimates if abs(e) <= BOUND_95)
    w(f"Articles: exact on every instance: **{'yes' if exact_ok else 'NO'}**. Estimates: {within} of "
      f"{len(estimates)} within the stated 3.3% (95%) bound, largest error {worst:.2%} "
      f"({'within' if worst <= BOUND_997 else 'OUTSIDE'} the 4.9% (99.7%) bound).")
    w("")
    w("## Ingestion accounting (the load's hours, same on all three: "
      f"{'yes' if all(a['ingestion'] == ing for a in answers) else 'NO'})")
    w("")
    w("| | accepted | duplicates | late duplicates | bots | rejected | rate-limited |")
    w("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    w(f"| `ingestion` | {ing['accepted']:,} | {ing['duplicates']:,} | {ing['lateDuplicates']:,} | {ing['bots']:,} | "
      f"{ing['rejected']:,} | {ing['rateLimited']:,} |")
    w(f"| sum of the `recordViews` answers | {answers_total.get('accepted', 0):,} (as answered, before PostgreSQL) | "
      f"{answers_total.get('duplicates', 0):,} | - | {answers_total.get('bots', 0):,} | "
      f"{answers_total.get('rejected', 0):,} | {answers_total.get('rateLimited', 0):,} |")
    w(f"| expected | {true_views:,} | {repeats:,} together | | 0 | 0 | 0 |")
    w("")
    w("A repeat in the same dedupe slot is not counted: `accepted` is the distinct (visitor, article) pairs "
      "unless a repeat fell in the next 30-minute slot (then it counts once more, and `accepted` is larger by that).")
    w("")
    w("## Memory per instance (after `jcmd <pid> GC.run`)")
    w("")
    w("| instance | heap used | heap committed | RSS |")
    w("| --- | ---: | ---: | ---: |")
    for port, m in zip(PORTS, mem):
        w(f"| :{port} | {m['heap_used_mb']:.0f} MB | {m['heap_committed_mb']:.0f} MB | {m['rss_mb']:.0f} MB |")
    w("")
    w(f"Largest classes on the heap of :{PORTS[0]} (`jcmd <pid> GC.class_histogram`): "
      + ", ".join(f"`{name}` {size / 1e6:.0f} MB" for size, name in mem[0]["top"]) + ". The instances are asked "
      "within the dedupe slot (`news.analytics.dedupe-window`, 30 minutes) of the load, so each still holds its "
      "in-memory first filter of (article, slot, visitor) keys for the views it took, which expire with the slot "
      "(at most `news.analytics.dedupe-max-entries`).")
    w("")
    w("## PostgreSQL")
    w("")
    hours = max(1, round((run["finished"] - run["started"]) / 3600 + 0.5))
    w(f"Tables that changed with the load (`pg_total_relation_size`, partitions included; rows by `count(*)`). "
      f"The load took {run['seconds'] / 60:.1f} minutes, so what it added is what {VISITORS:,} visitors "
      f"({true_views:,} counted views) in one hour add per hour.")
    w("")
    w("| table | rows before | rows after | added rows | size before | size after | added | per counted view |")
    w("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in sorted(after, key=lambda n: -(after[n]["bytes"] - before.get(n, {"bytes": 0})["bytes"])):
        b = before.get(name, {"bytes": 0, "rows": 0})
        a = after[name]
        if a["bytes"] == b["bytes"] and a["rows"] == b["rows"] and name not in ALWAYS_SHOWN:
            continue
        added = a["bytes"] - b["bytes"]
        w(f"| `{name}`{' (' + str(a['partitions']) + ' partitions)' if a['partitions'] else ''} | {b['rows']:,} | "
          f"{a['rows']:,} | {a['rows'] - b['rows']:+,} | {b['bytes'] / 1e6:.1f} MB | {a['bytes'] / 1e6:.1f} MB | "
          f"{added / 1e6:+.1f} MB | {added / true_views:.0f} B |")
    w("")
    w("`article_readers` is kept `news.analytics.readers.exact-retention` (31 days) in daily partitions; "
      "`reader_sketch_hourly` `news.analytics.readers.sketch-retention` (400 days); `reader_presence` (readers now) "
      "holds the last hour only, its older rows deleted as the hour turns.")
    w("")
    text = "\n".join(lines) + "\n"
    print(text)
    out = os.environ.get("OUT")
    if out:
        with open(out, "w") as f:
            f.write(text)


if __name__ == "__main__":
    if sys.argv[1] == "load":
        load()
    elif sys.argv[1] == "sizes":
        with open(os.path.join(WORK, "sizes-before.json"), "w") as f:
            json.dump(table_sizes(), f)
    else:
        report()
