"""A separate process that sends seeded random bytes over TCP and prints their SHA-256.

``python -m tests.stress.sender PORT NBYTES SEED`` — loopback only.
"""

from __future__ import annotations

import hashlib
import random
import socket
import sys

CHUNK = 1024 * 1024


def main(port: int, total: int, seed: int) -> None:
    generator = random.Random(seed)
    digest = hashlib.sha256()
    with socket.create_connection(("127.0.0.1", port)) as sock:
        left = total
        while left:
            block = generator.randbytes(min(CHUNK, left))
            digest.update(block)
            sock.sendall(block)
            left -= len(block)
        sock.shutdown(socket.SHUT_WR)
        sock.settimeout(120)
        while sock.recv(65536):  # until the receiver closes: it has read everything
            pass
    print(digest.hexdigest(), flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
