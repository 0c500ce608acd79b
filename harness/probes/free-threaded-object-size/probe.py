"""sys.getsizeof of objects without and with GC support, in the free-threaded interpreter that runs
this file and in its GIL twin (the path given as the one argument), both built from the same source.

Run by the harness as: python3.Nt probe.py <path of the GIL twin python3.N>.
"""
import json
import subprocess
import sys

MEASURE = """
import gc, json, sys, sysconfig
class Plain:
    pass
samples = {"object()": object(), "None": None, "instance of a plain class": Plain(), "empty list": [], "empty dict": {}, "int 1": 1, "float 1.0": 1.0}
print(json.dumps({
    "free_threaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
    "version": sys.version.split()[0],
    # Py_TPFLAGS_HAVE_GC (1 << 14): the type supports the cycle collector (an empty dict may be
    # untracked for now, but its type has GC support and its memory layout).
    "sizes": {name: [sys.getsizeof(o), bool(type(o).__flags__ & (1 << 14))] for name, o in samples.items()},
}))
"""


def measure(python: str) -> dict:
    return json.loads(subprocess.run([python, "-c", MEASURE], capture_output=True, text=True, check=True).stdout)


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python3.Nt probe.py <GIL twin python3.N>")
    ft, gil = measure(sys.executable), measure(sys.argv[1])
    if not ft["free_threaded"] or gil["free_threaded"] or ft["version"] != gil["version"]:
        sys.exit(f"expected a free-threaded interpreter and its GIL twin of the same version, got {ft['version']} (free-threaded: {ft['free_threaded']}) and {gil['version']} (free-threaded: {gil['free_threaded']})")
    print(f"python {ft['version']}: bytes with the GIL -> free-threaded")
    non_gc_grow, gc_same = True, True
    for name, (ft_size, has_gc) in ft["sizes"].items():
        gil_size = gil["sizes"][name][0]
        print(f"  {name} ({'GC support' if has_gc else 'no GC support'}): {gil_size} -> {ft_size}")
        if has_gc:
            gc_same = gc_same and ft_size == gil_size
        else:
            non_gc_grow = non_gc_grow and ft_size - gil_size == 16
    bare = (gil["sizes"]["object()"][0], ft["sizes"]["object()"][0]) == (16, 32)
    print(f"bare-object-16-to-32: {str(bare).lower()}")
    print(f"objects-without-gc-grow-by-16: {str(non_gc_grow).lower()}")
    print(f"gc-objects-same-size: {str(gc_same).lower()}")
    every_grows = all(ft["sizes"][n][0] - gil["sizes"][n][0] == 16 for n in ft["sizes"])
    print(f"every-object-grows-by-16: {str(every_grows).lower()}")


main()
