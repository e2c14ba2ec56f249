#!/usr/bin/env python3
"""Turns the statements one scenario's requests ran into pgbench scripts.

bench/run.sh sets log_min_duration_statement = 0, sends COUNT requests of one scenario (each for a different
article), and passes the PostgreSQL log written meanwhile on standard input. The service's background work (the
due-article check, view flushes, alert checks) writes to the same log; only statements whose text occurs a multiple
of COUNT times and that touch no table of that background work are kept, in the order they ran. Script i (1..COUNT)
holds the i-th execution of each kept statement with its logged parameter values written in as literals, so pgbench
runs exactly the SQL the service ran, for the same articles.

    python3 bench/pgbench-capture.py COUNT OUT_PREFIX < log-slice
    -> OUT_PREFIX-1.sql .. OUT_PREFIX-COUNT.sql, and prints the statements per request
"""
import re
import sys

BACKGROUND = re.compile(
    r"pg_try_advisory|analytics_|reader_|view_|visitor_|rate_limit|bucket4j|article_readers|"
    r"update \"article\" set \"status\"|flyway|pg_stat",
    re.IGNORECASE,
)
ENTRY = re.compile(r"^\S+ \S+ \S+ \[\d+\] (LOG|DETAIL|STATEMENT|ERROR):  (.*)$")
EXECUTE = re.compile(r"^duration: [\d.]+ ms  execute [^:]*: (.*)$", re.DOTALL)
PARAMETER = re.compile(r"\$(\d+) = ('(?:[^']|'')*'|NULL)")


def entries(lines):
    """Yields (kind, text) per log entry, continuation lines (starting with a tab) joined to their entry."""
    kind, text = None, []
    for line in lines:
        line = line.rstrip("\n")
        match = ENTRY.match(line)
        if match:
            if kind:
                yield kind, "\n".join(text)
            kind, text = match.group(1), [match.group(2)]
        elif kind and line.startswith("\t"):
            text.append(line[1:])
    if kind:
        yield kind, "\n".join(text)


def executions(lines):
    """Yields (sql, {index: literal}) for every execute entry, with the parameters of the DETAIL that follows it."""
    pending = None
    for kind, text in entries(lines):
        if kind == "DETAIL" and pending and text.startswith("parameters: "):
            pending = (pending[0], {int(n): v for n, v in PARAMETER.findall(text)})
            continue
        if pending:
            yield pending
            pending = None
        if kind == "LOG":
            match = EXECUTE.match(text)
            if match:
                pending = (match.group(1).strip(), {})
    if pending:
        yield pending


def main():
    count, prefix = int(sys.argv[1]), sys.argv[2]
    runs = [
        (sql, params)
        for sql, params in executions(sys.stdin)
        if sql and sql.upper() not in ("BEGIN", "COMMIT", "ROLLBACK") and not BACKGROUND.search(sql)
    ]
    by_text = {}
    for sql, params in runs:
        by_text.setdefault(sql, []).append(params)
    kept = [sql for sql, seen in by_text.items() if len(seen) % count == 0]
    if not kept:
        sys.exit("no statement ran once per request; found: " + repr({s[:80]: len(p) for s, p in by_text.items()}))
    per_request = sum(len(by_text[sql]) for sql in kept) // count
    scripts = [[] for _ in range(count)]
    for sql in kept:
        seen = by_text[sql]
        step = len(seen) // count
        for i in range(count):
            for params in seen[i * step:(i + 1) * step]:
                text = re.sub(r"\$(\d+)", lambda m: params.get(int(m.group(1)), m.group(0)), sql)
                scripts[i].append(" ".join(text.split()) + ";")
    for i, statements in enumerate(scripts, 1):
        with open(f"{prefix}-{i}.sql", "w") as out:
            out.write("\n".join(statements) + "\n")
    print(per_request)


if __name__ == "__main__":
    main()
