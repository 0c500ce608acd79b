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

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "protocol", "python"))
from claimbench_protocol import Int, emit, parse_args, time_samples  # noqa: E402

IMPL = "pytorch-cuda"
MAX_N = 16384  # the exactness bound of the checksum (see kernel.yaml)
PARAMS = [Int("n", 1, MAX_N), Int("bits", 32, 64, choices=(32, 64))]


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


def main():
    args = parse_args(IMPL, PARAMS)
    n, bits = args.params["n"], args.params["bits"]
    import torch

    if not torch.cuda.is_available():
        print(f"{IMPL}: torch {torch.__version__} sees no CUDA device", file=sys.stderr)
        return 1
    dev = torch.device("cuda")
    a, b = make_inputs(torch, n, torch.float32 if bits == 32 else torch.float64)
    a = a.to(dev)
    b = b.to(dev)
    torch.cuda.synchronize()
    c = [None]

    def work():
        c[0] = a @ b
        torch.cuda.synchronize()

    samples_ns = time_samples(args, work)
    print(
        f"{IMPL}: {torch.cuda.get_device_name(dev)}, torch {torch.__version__}, "
        f"GPU memory peak {torch.cuda.max_memory_allocated(dev) // 1024} KiB",
        file=sys.stderr,
    )
    emit(args, checksum=checksum(torch, c[0]), samples_ns=samples_ns, threads=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
