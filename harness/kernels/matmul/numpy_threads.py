"""Matrix multiplication C = A x B (n x n), NumPy on all cores: numpy.py run as "numpy-threads".

Usage: numpy_threads.py WARMUP SAMPLES n bits
The same program as numpy.py (one `a @ b` per sample); only the implementation id differs, and the
harness gives this one OPENBLAS_NUM_THREADS = all cores instead of 1.
"""

import importlib.util
import os
import sys

# numpy.py keeps this folder off sys.path before it imports NumPy (it shares the package's name).
_spec = importlib.util.spec_from_file_location("claimbench_matmul_numpy", os.path.join(os.path.dirname(os.path.abspath(__file__)), "numpy.py"))
_program = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_program)

if __name__ == "__main__":
    sys.exit(_program.main("numpy-threads"))
