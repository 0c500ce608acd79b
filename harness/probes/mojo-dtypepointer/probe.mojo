# Our minimal use of DTypePointer, as older Mojo samples used it: allocate, store, load, free.
def main():
    var p = DTypePointer[DType.float32].alloc(4)
    p.store(0, 1.5)
    print(p.load(0))
    p.free()
