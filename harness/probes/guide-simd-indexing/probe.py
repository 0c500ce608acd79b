"""Reproduces the indexing pattern of a vectorized dot product and compares it with A·B.

For each C[i][j], k advances in steps of `width`; lane l of the step multiplies the flat elements
A[i*cols + k + l] and B[k*cols + j + l] (consecutive addresses in both matrices), and the lane
products are summed. A matrix product needs B[(k+l)*cols + j] instead: a column, not a row.
Small integer matrices keep the arithmetic exact.
"""

n = 8
width = 4
A = [[(3 * i + j) % 7 - 3 for j in range(n)] for i in range(n)]
B = [[(i + 5 * j) % 5 - 2 for j in range(n)] for i in range(n)]
a = [x for row in A for x in row]
b = [x for row in B for x in row]


def reference():
    return [[sum(A[i][k] * B[k][j] for k in range(n)) for j in range(n)] for i in range(n)]


def pattern():
    c = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            for k in range(0, n, width):
                # Consecutive loads: row k of B from column j on (the elements past the row's end
                # would run into the next row; clamp to stay inside the buffer).
                c[i][j] += sum(a[i * n + k + l] * b[min(k * n + j + l, n * n - 1)] for l in range(width))
    return c


ref = reference()
got = pattern()
wrong = sum(1 for i in range(n) for j in range(n) if ref[i][j] != got[i][j])
print(f"elements differing from A·B: {wrong} of {n * n}")
print(f"matches-matmul: {'true' if wrong == 0 else 'false'}")
