"""One C extension compiled once with Py_TARGET_ABI3T (PEP 803's Stable ABI for free-threaded
builds: PyObject is opaque, so the module is exported through PEP 793's PyModExport slots instead
of a PyModuleDef; in 3.15 an array of PySlot, with the Py_mod_abi slot the slots API requires and
the method table marked PySlot_STATIC, as 3.15's C API documentation writes them) into a file
named with the .abi3t.so suffix, then imported in a fresh process of the free-threaded interpreter
running this file and of its GIL twin (the one argument).

Run by the harness as: python3.15t probe.py <path of the GIL twin python3.15>.
"""
import os
import subprocess
import sys
import sysconfig
import tempfile

NAME = "abi3t_probe"
SOURCE = r"""
#define Py_TARGET_ABI3T 0x030f0000
#include <Python.h>

static PyObject *answer(PyObject *self, PyObject *args) { return PyLong_FromLong(42); }
static PyMethodDef methods[] = {{"answer", answer, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};
PyABIInfo_VAR(abi_info);
static PySlot slots[] = {
    PySlot_DATA(Py_mod_abi, &abi_info),
    PySlot_DATA(Py_mod_name, "%(name)s"),
    PySlot_STATIC_DATA(Py_mod_methods, methods),
    PySlot_DATA(Py_mod_gil, Py_MOD_GIL_NOT_USED),
    PySlot_END
};
PyMODEXPORT_FUNC PyModExport_%(name)s(void) { return slots; }
"""

CHILD = f"""
import sys
import {NAME}
assert {NAME}.answer() == 42
print({NAME}.__file__.rsplit('/', 1)[-1], sys._is_gil_enabled())
"""


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python3.15t probe.py <GIL twin python3.15>")
    if not sysconfig.get_config_var("Py_GIL_DISABLED"):
        sys.exit(f"{sys.executable} is not a free-threaded build")
    with tempfile.TemporaryDirectory() as folder:
        c_file = os.path.join(folder, f"{NAME}.c")
        with open(c_file, "w") as f:
            f.write(SOURCE % {"name": NAME})
        out = os.path.join(folder, f"{NAME}.abi3t.so")
        cc = (sysconfig.get_config_var("CC") or "cc").split()
        build = subprocess.run([*cc, "-shared", "-fPIC", "-O1", f"-I{sysconfig.get_paths()['include']}", "-o", out, c_file], capture_output=True, text=True)
        print(f"abi3t-extension-built: {str(build.returncode == 0).lower()}")
        if build.returncode != 0:
            print(build.stderr.strip()[-1500:])
            return
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHON_GIL", "PYTHONWARNINGS")}
        # Absolute: the children run in the temporary folder, where a relative path would not resolve.
        for label, python in (("free-threaded", sys.executable), ("GIL build", os.path.abspath(sys.argv[1]))):
            r = subprocess.run([python, "-c", CHILD], cwd=folder, env=env, capture_output=True, text=True)
            ok = r.returncode == 0
            detail = r.stdout.strip() if ok else (r.stderr.strip().splitlines() or ["no message"])[-1]
            print(f"{label}: {'imported ' + detail if ok else 'import failed: ' + detail}")
            if label == "free-threaded":
                gil_off = ok and detail.endswith("False")
                print(f"abi3t-extension-imports: {str(ok).lower()}")
                print(f"abi3t-extension-imports-gil-disabled: {str(gil_off).lower()}")


main()
