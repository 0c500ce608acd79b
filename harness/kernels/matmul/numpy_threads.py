"""Matrix multiplication C = A x B (n x n), NumPy on all cores: numpy.py's measurement as "numpy-threads".

Usage: numpy_threads.py WARMUP SAMPLES n bits
The same work as numpy.py (one `a @ b` per sample); only the implementation id differs, and the
harness gives this one OPENBLAS_NUM_THREADS = all cores instead of 1.
"""

import importlib.util
import os
import sys

_here = os.path.dirname(os.path.abspath(__file__))
# numpy.py keeps this folder off sys.path before it imports NumPy (it shares the package's name).
_spec = importlib.util.spec_from_file_location("claimbench_matmul_numpy", os.path.join(_here, "numpy.py"))
_program = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_program)

sys.path.insert(0, os.path.join(_here, "..", "..", "protocol", "python"))
from claimbench_protocol import parse_args  # noqa: E402

IMPL = "numpy-threads"

if __name__ == "__main__":
    sys.exit(_program.run(parse_args(IMPL, _program.PARAMS)))
