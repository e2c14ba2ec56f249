"""Sends search queries to a running service and prints latency percentiles per kind of query.

Usage: search-latency.py URL WARMUP QUERIES. Two-word queries are pairs of words of the newsroom's vocabulary as
readers type them (a topic and a place or actor); typo queries change or drop one letter of a word, so full-text
search finds nothing and the trigram fallback answers. Each kind alternates in rounds, one request at a time over
one keep-alive connection.

Two times per request: at the client (HTTP round trip on the same machine) and at the server, the GraphQL execution
time the service records in its `news_graphql_operation_seconds` metric (each kind of query has its own operation
name; the metric's sum is read from /actuator/prometheus after every request, and its growth is that request's time).
"""

import http.client
import json
import statistics
import sys
import time
import urllib.parse

TWO_WORD = [
    "banjir jakarta", "harga beras", "timnas indonesia", "sidang korupsi", "gempa sulawesi", "pemilu daerah",
    "kereta cepat", "hujan deras", "piala uber", "polisi tersangka", "ekspor kopi", "inflasi pangan",
    "bencana longsor", "pasar saham", "sekolah guru", "rumah sakit", "bandara baru", "nelayan laut",
]
TYPO = [
    "banjr", "jakrta", "korupsy", "gemba", "inflsi", "pemlu", "timnes", "kereto", "longsr", "nelayn",
    "bandra", "sekola", "rumha", "piyala", "polsi", "ekspr", "haraga", "tersangkaa",
]
QUERY = ("query {name}($q: String!) {{ search(query: $q, first: 10) {{ totalCount edges {{ node {{ score snippet "
         "article {{ slug headline publishedAt }} }} }} }} }}")
OPERATIONS = {"two-word": "SearchTwoWords", "typo": "SearchTypo"}


def server_seconds(connection, name):
    """The service's running total of execution seconds of operation `name`."""
    connection.request("GET", "/actuator/prometheus")
    response = connection.getresponse()
    text = response.read().decode()
    prefix = 'news_graphql_operation_seconds_sum{operation="' + name + '",outcome="success"} '
    for line in text.splitlines():
        if line.startswith(prefix):
            return float(line[len(prefix):])
    return 0.0


def run(connection, path, text, kind):
    body = json.dumps({"query": QUERY.format(name=OPERATIONS[kind]), "variables": {"q": text}})
    started = time.perf_counter()
    connection.request("POST", path, body, {"Content-Type": "application/json"})
    response = connection.getresponse()
    data = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    result = json.loads(data)
    if response.status != 200 or result.get("errors"):
        raise SystemExit(f"{text!r}: {response.status} {data[:300]!r}")
    return elapsed, result["data"]["search"]["totalCount"]


def main():
    url = urllib.parse.urlparse(sys.argv[1])
    warmup, queries = int(sys.argv[2]), int(sys.argv[3])
    connection = http.client.HTTPConnection(url.hostname, url.port)
    metrics = http.client.HTTPConnection(url.hostname, url.port)
    for i in range(warmup):
        run(connection, url.path, TWO_WORD[i % len(TWO_WORD)], "two-word")
        run(connection, url.path, TYPO[i % len(TYPO)], "typo")
    times = {"two-word": [], "typo": []}
    server = {"two-word": [], "typo": []}
    hits = {"two-word": [], "typo": []}
    slowest = {"two-word": {}, "typo": {}}
    for i in range(queries):
        for kind, words in (("two-word", TWO_WORD), ("typo", TYPO)):
            text = words[i % len(words)]
            before = server_seconds(metrics, OPERATIONS[kind])
            elapsed, total = run(connection, url.path, text, kind)
            took = (server_seconds(metrics, OPERATIONS[kind]) - before) * 1000
            times[kind].append(elapsed)
            server[kind].append(took)
            hits[kind].append(total)
            slowest[kind][text] = max(slowest[kind].get(text, 0), took)
    for kind in times:
        for label, values in (("client", times[kind]), ("server", server[kind])):
            values.sort()
            p50 = values[len(values) // 2]
            p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
            print(f"{kind:9} {label} n={len(values)} p50={p50:.1f} ms p99={p99:.1f} ms max={values[-1]:.1f} ms "
                  f"median hits={statistics.median(hits[kind]):.0f}")
        worst = sorted(slowest[kind].items(), key=lambda item: -item[1])[:3]
        print(f"{kind:9} slowest at the server: " + ", ".join(f"{t!r} {ms:.1f} ms" for t, ms in worst))


if __name__ == "__main__":
    main()
