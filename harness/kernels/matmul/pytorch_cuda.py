"""Matrix multiplication C = A x B (n x n), PyTorch on a CUDA GPU: A @ B.

Usage: pytorch_cuda.py WARMUP SAMPLES n bits   (bits 32 = float32, 64 = float64)
Prints one JSON line (see kernel.yaml). The inputs are built on the host and
copied to the GPU once, outside the timed region; a sample is one `a @ b`
(cuBLAS) between two torch.cuda.synchronize() calls, so that it times the
GPU work and not just the launch. float32 runs at PyTorch's default
precision ("highest": no TF32); with these inputs TF32 would give the same
exact result anyway (see kernel.yaml). peakRssKiB is the host process's peak
(it includes the CUDA context); the GPU memory peak goes to stderr.
"""

import json
import os
import sys
import time

IMPL = "pytorch-cuda"
MAX_N = 16384  # the exactness bound of the checksum (see kernel.yaml)


def make_inputs(torch, n, dtype):
    """A[i][j] = ((7i + 3j) mod 13 - 6) / 8, B[i][j] = ((5i + 11j) mod 17 - 8) / 16."""
    i = torch.arange(n, dtype=torch.int64).unsqueeze(1)
    j = torch.arange(n, dtype=torch.int64).unsqueeze(0)
    a = ((i * 7 + j * 3) % 13 - 6).to(dtype) / 8
    b = ((i * 5 + j * 11) % 17 - 8).to(dtype) / 16
    return a.contiguous(), b.contiguous()


def checksum(torch, c):
    """Sum of C[i][j] * ((i + 2j) mod 7 + 1) in float64 (exact in any order: see kernel.yaml)."""
    n = c.shape[0]
    i = torch.arange(n, dtype=torch.int64, device=c.device).unsqueeze(1)
    j = torch.arange(n, dtype=torch.int64, device=c.device).unsqueeze(0)
    w = ((i + 2 * j) % 7 + 1).to(torch.float64)
    return float((c.to(torch.float64) * w).sum().item())


def peak_rss_kib():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss // 1024 if sys.platform == "darwin" else rss


def parse_args(argv):
    names = ["WARMUP", "SAMPLES", "n", "bits"]
    if len(argv) != len(names):
        raise ValueError(f"expected {len(names)} arguments ({' '.join(names)}), got {len(argv)}")
    vals = []
    for name, text in zip(names, argv):
        try:
            vals.append(int(text, 10))
        except ValueError:
            raise ValueError(f"{name} must be an integer, got {text!r}") from None
    warmup, samples, n, bits = vals
    if warmup < 0:
        raise ValueError("WARMUP must be >= 0")
    if samples < 1:
        raise ValueError("SAMPLES must be >= 1")
    if n < 1 or n > MAX_N:
        raise ValueError(f"n must be in 1..{MAX_N}")
    if bits not in (32, 64):
        raise ValueError("bits must be 32 or 64")
    return warmup, samples, n, bits


def main():
    try:
        warmup, samples, n, bits = parse_args(sys.argv[1:])
    except ValueError as e:
        print(f"{IMPL}: {e}", file=sys.stderr)
        print(f"usage: {os.path.basename(sys.argv[0])} WARMUP SAMPLES n bits", file=sys.stderr)
        return 2

    import torch

    if not torch.cuda.is_available():
        print(f"{IMPL}: torch {torch.__version__} sees no CUDA device", file=sys.stderr)
        return 1
    dev = torch.device("cuda")
    a, b = make_inputs(torch, n, torch.float32 if bits == 32 else torch.float64)
    a = a.to(dev)
    b = b.to(dev)
    torch.cuda.synchronize()

    c = None
    for _ in range(warmup):
        c = a @ b
    torch.cuda.synchronize()
    samples_ns = []
    for _ in range(samples):
        t0 = time.perf_counter_ns()
        c = a @ b
        torch.cuda.synchronize()
        samples_ns.append(time.perf_counter_ns() - t0)

    print(
        f"{IMPL}: {torch.cuda.get_device_name(dev)}, torch {torch.__version__}, "
        f"GPU memory peak {torch.cuda.max_memory_allocated(dev) // 1024} KiB",
        file=sys.stderr,
    )
    result = {
        "impl": IMPL,
        "params": {"n": n, "bits": bits},
        "checksum": checksum(torch, c),
        "samplesNs": samples_ns,
        "threads": 1,
        "peakRssKiB": peak_rss_kib(),
    }
    sys.stdout.write(json.dumps(result, separators=(",", ":")) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
