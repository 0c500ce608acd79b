# Our minimal use of the inout convention: a function that mutates its argument.
def bump(inout x: Int):
    x += 1


def main():
    var n = 1
    bump(n)
    print(n)
