#!/usr/bin/env python3
"""Waits for a service's first answer: exits once GET PATH on 127.0.0.1:PORT answers with a body containing MARK.

Used by warmup.sh to time a start. It polls every 10 ms from one process (a refused connection costs microseconds),
where a loop of curl would start a process 100 times a second and take CPU from the starting service on a small
machine. Exits 1 if the process PID (when given) ends first.
"""
import os
import socket
import sys
import time

port, path, mark = int(sys.argv[1]), sys.argv[2], sys.argv[3].encode()
pid = int(sys.argv[4]) if len(sys.argv) > 4 else None
request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()

while True:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
            s.sendall(request)
            answer = b""
            while chunk := s.recv(65536):
                answer += chunk
        if mark in answer:
            sys.exit(0)
    except OSError:
        pass
    if pid is not None:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            sys.exit(1)
    time.sleep(0.01)
