//! fannkuch-redux (Benchmarks Game problem), Rust, one thread, plain arrays (idiomatic tier).
//! Usage: fannkuch-redux WARMUP SAMPLES n
//! The permutations in the same order as python.py; the text written is the checksum and
//! "Pfannkuchen(n) = max flips", and the result's checksum its FNV-1a 64-bit hash.

use claimbench_protocol::{Checksum, Param, parse_args, print_result, run_samples};

const IMPL: &str = "rust";

const MAX_N: usize = 16;

fn count_flips(order: &[usize]) -> i64 {
    let mut buf = [0usize; MAX_N];
    let perm = &mut buf[..order.len()];
    perm.copy_from_slice(order);
    let mut flips = 0;
    let mut first = perm[0];
    while first != 0 {
        perm[..=first].reverse();
        flips += 1;
        first = perm[0];
    }
    flips
}

fn run(n: usize) -> String {
    let mut order: Vec<usize> = (0..n).collect();
    let mut counters = vec![0usize; n];
    let (mut checksum, mut max_flips, mut index) = (0i64, 0i64, 0u64);
    let mut r = n;
    loop {
        while r > 1 {
            counters[r - 1] = r;
            r -= 1;
        }
        let flips = count_flips(&order);
        max_flips = max_flips.max(flips);
        checksum += if index % 2 == 0 { flips } else { -flips };
        // Next permutation: rotate the first r+1 items left by one; a prefix rotated back to where
        // it started moves on to a longer one.
        loop {
            if r == n {
                return format!("{checksum}\nPfannkuchen({n}) = {max_flips}\n");
            }
            order[..=r].rotate_left(1);
            counters[r] -= 1;
            if counters[r] > 0 {
                break;
            }
            r += 1;
        }
        index += 1;
    }
}

fn main() {
    let a = parse_args(IMPL, &[Param::int("n", 1, 12)]);
    let n = a.int("n") as usize;
    let mut text = String::new();
    let samples = run_samples(&a, || text = run(n));
    print_result(&a, Checksum::of_output(&text), &samples, 1, None);
}
