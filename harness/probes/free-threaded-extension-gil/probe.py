"""Two minimal C extensions, identical but for the Py_mod_gil slot, built against the running
free-threaded interpreter and each imported in a fresh process of it. Prints the GIL state before
and after each import and whatever the import wrote to stderr (warnings are shown by default), so
"re-enables the GIL" and "silently" are answered separately.

Run by the harness as: python3.Nt probe.py <path of the GIL twin python3.N> (the twin is unused here).
"""
import os
import subprocess
import sys
import sysconfig
import tempfile

SOURCE = r"""
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *answer(PyObject *self, PyObject *args) { return PyLong_FromLong(42); }
static PyMethodDef methods[] = {{"answer", answer, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};
static PyModuleDef_Slot slots[] = {
#ifdef DECLARE_NOT_USED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, MODNAME, NULL, 0, methods, slots};
PyMODINIT_FUNC PyInit_%s(void) { return PyModuleDef_Init(&def); }
"""

CHILD = """
import sys
before = sys._is_gil_enabled()
import {name}
assert {name}.answer() == 42
print(f"{{before}} {{sys._is_gil_enabled()}}")
"""


def build(folder: str, name: str, declare: bool) -> None:
    c_file = os.path.join(folder, f"{name}.c")
    with open(c_file, "w") as f:
        f.write(SOURCE % name)
    out = os.path.join(folder, name + sysconfig.get_config_var("EXT_SUFFIX"))
    cc = (sysconfig.get_config_var("CC") or "cc").split()
    flags = ["-shared", "-fPIC", "-O1", f"-I{sysconfig.get_paths()['include']}", f'-DMODNAME="{name}"']
    if declare:
        flags.append("-DDECLARE_NOT_USED")
    subprocess.run([*cc, *flags, "-o", out, c_file], check=True)


def main() -> None:
    if not sysconfig.get_config_var("Py_GIL_DISABLED"):
        sys.exit(f"{sys.executable} is not a free-threaded build (Py_GIL_DISABLED unset)")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHON_GIL", "PYTHONWARNINGS")}
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, declare in (("declares_gil_not_used", True), ("no_gil_slot", False)):
            build(folder, name, declare)
            r = subprocess.run([sys.executable, "-c", CHILD.format(name=name)], cwd=folder, env=env, capture_output=True, text=True, check=True)
            before, after = r.stdout.split()
            warning = " ".join(line.strip() for line in r.stderr.strip().splitlines() if "Warning" in line)
            results[name] = (before == "True", after == "True", warning)
            print(f"{name}: gil-before-import={before.lower()} gil-after-import={after.lower()} warning={warning or 'none'}")
    _, declared_after, _ = results["declares_gil_not_used"]
    _, after, warning = results["no_gil_slot"]
    reenables = after and not declared_after
    print(f"python: {sys.version.split()[0]} ({'free-threaded' if sysconfig.get_config_var('Py_GIL_DISABLED') else 'GIL'})")
    print(f"reenables-gil: {str(reenables).lower()}")
    print(f"warning-printed: {str(bool(warning)).lower()}")
    print(f"reenables-gil-silently: {str(reenables and not warning).lower()}")


main()
