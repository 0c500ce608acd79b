//! The claimbench protocol for Rust implementations (see CONTRIBUTING.md, "Add a kernel").
//!
//! A program is invoked as `<program> WARMUP SAMPLES <params in kernel.yaml order>`, times only
//! its work with a monotonic nanosecond clock and prints exactly one JSON line on stdout. This
//! crate does the parts every program shares: argument parsing, the sampling loop, the thread
//! count, peak memory and the JSON line. No dependencies; kernel crates use it by path.
//!
//! ```ignore
//! use claimbench_protocol::{Checksum, Param, parse_args, print_result, run_samples};
//! let a = parse_args("rust-naive", &[Param::int("n", 1, 16384), Param::int("bits", 32, 64)]);
//! let samples = run_samples(&a, || work(a.int("n")));
//! print_result(&a, Checksum::Float(sum), &samples, 1, None);
//! ```

use std::fmt::Write as _;
use std::process::exit;

/// A parameter of the kernel, in kernel.yaml order.
#[derive(Clone, Debug)]
pub enum Param {
    /// An integer in `min..=max`.
    Int { name: &'static str, min: i64, max: i64 },
    /// A string.
    Str { name: &'static str },
}

impl Param {
    pub const fn int(name: &'static str, min: i64, max: i64) -> Param {
        Param::Int { name, min, max }
    }
    pub const fn string(name: &'static str) -> Param {
        Param::Str { name }
    }
    pub fn name(&self) -> &'static str {
        match self {
            Param::Int { name, .. } | Param::Str { name } => name,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Int(i64),
    Str(String),
}

/// The parsed command line.
#[derive(Clone, Debug)]
pub struct Args {
    pub impl_id: String,
    pub warmup: usize,
    pub samples: usize,
    names: Vec<&'static str>,
    values: Vec<Value>,
}

impl Args {
    /// The integer parameter `name`; panics if the kernel declared no such integer parameter.
    pub fn int(&self, name: &str) -> i64 {
        match self.value(name) {
            Value::Int(v) => *v,
            Value::Str(_) => panic!("parameter {name} is a string"),
        }
    }
    /// The string parameter `name`.
    pub fn str(&self, name: &str) -> &str {
        match self.value(name) {
            Value::Str(v) => v,
            Value::Int(_) => panic!("parameter {name} is an integer"),
        }
    }
    fn value(&self, name: &str) -> &Value {
        let i = self.names.iter().position(|n| *n == name).unwrap_or_else(|| panic!("no parameter {name}"));
        &self.values[i]
    }
}

fn parse_int(name: &str, text: &str, min: i64, max: i64) -> Result<i64, String> {
    let v: i64 = text.parse().map_err(|_| format!("{name} must be an integer, got '{text}'"))?;
    if v < min || v > max {
        return Err(format!("{name} must be in {min}..{max}, got {v}"));
    }
    Ok(v)
}

/// Parses `WARMUP SAMPLES <params>` (without the program name).
pub fn parse(impl_id: &str, params: &[Param], argv: &[String]) -> Result<Args, String> {
    if argv.len() != params.len() + 2 {
        let names: Vec<&str> = ["WARMUP", "SAMPLES"].into_iter().chain(params.iter().map(Param::name)).collect();
        return Err(format!("expected {} arguments ({}), got {}", names.len(), names.join(" "), argv.len()));
    }
    let warmup = parse_int("WARMUP", &argv[0], 0, 1 << 31)? as usize;
    let samples = parse_int("SAMPLES", &argv[1], 1, 1 << 31)? as usize;
    let mut values = Vec::with_capacity(params.len());
    for (p, text) in params.iter().zip(&argv[2..]) {
        values.push(match p {
            Param::Int { name, min, max } => Value::Int(parse_int(name, text, *min, *max)?),
            Param::Str { .. } => Value::Str(text.clone()),
        });
    }
    Ok(Args { impl_id: impl_id.to_string(), warmup, samples, names: params.iter().map(Param::name).collect(), values })
}

/// [`parse`] on the process's arguments; on bad input prints the reason and the usage to stderr
/// and exits with status 2.
pub fn parse_args(impl_id: &str, params: &[Param]) -> Args {
    let argv: Vec<String> = std::env::args().collect();
    parse(impl_id, params, argv.get(1..).unwrap_or(&[])).unwrap_or_else(|msg| {
        let names: Vec<&str> = params.iter().map(Param::name).collect();
        eprintln!("{impl_id}: {msg}");
        eprintln!("usage: {} WARMUP SAMPLES {}", argv.first().map_or(impl_id, |s| s.as_str()), names.join(" "));
        exit(2)
    })
}

/// Runs `work` WARMUP times untimed, then SAMPLES times timed with the monotonic clock around the
/// call alone; returns the samples in nanoseconds.
pub fn run_samples(a: &Args, mut work: impl FnMut()) -> Vec<u64> {
    for _ in 0..a.warmup {
        work();
    }
    (0..a.samples)
        .map(|_| {
            let t0 = std::time::Instant::now();
            work();
            t0.elapsed().as_nanos() as u64
        })
        .collect()
}

/// `CLAIMBENCH_THREADS` (1..4096), else the CPUs available to the process; exits 2 on a bad value.
pub fn thread_count(impl_id: &str) -> usize {
    match std::env::var("CLAIMBENCH_THREADS") {
        Ok(s) if !s.is_empty() => match s.parse::<usize>() {
            Ok(t) if (1..=4096).contains(&t) => t,
            _ => {
                eprintln!("{impl_id}: CLAIMBENCH_THREADS must be an integer in 1..4096, got '{s}'");
                exit(2)
            }
        },
        _ => std::thread::available_parallelism().map_or(1, |n| n.get()),
    }
}

/// Peak resident memory: VmHWM from /proc/self/status, else getrusage's ru_maxrss (KiB).
pub fn peak_rss_kib() -> u64 {
    if let Ok(s) = std::fs::read_to_string("/proc/self/status") {
        for line in s.lines() {
            if let Some(rest) = line.strip_prefix("VmHWM:")
                && let Some(kib) = rest.split_whitespace().next().and_then(|t| t.parse().ok())
            {
                return kib;
            }
        }
    }
    rusage_maxrss_kib()
}

#[cfg(unix)]
fn rusage_maxrss_kib() -> u64 {
    // Minimal getrusage binding; avoids a libc crate dependency.
    #[repr(C)]
    struct Timeval {
        sec: i64,
        usec: i64,
    }
    #[repr(C)]
    struct Rusage {
        utime: Timeval,
        stime: Timeval,
        maxrss: i64,
        rest: [i64; 13],
    }
    unsafe extern "C" {
        fn getrusage(who: i32, usage: *mut Rusage) -> i32;
    }
    let mut ru = std::mem::MaybeUninit::<Rusage>::zeroed();
    // SAFETY: RUSAGE_SELF = 0; the struct matches the 64-bit Linux/macOS layout.
    if unsafe { getrusage(0, ru.as_mut_ptr()) } != 0 {
        return 0;
    }
    let rss = unsafe { ru.assume_init() }.maxrss.max(0) as u64;
    if cfg!(target_os = "macos") { rss / 1024 } else { rss }
}

#[cfg(not(unix))]
fn rusage_maxrss_kib() -> u64 {
    0
}

/// A result checksum: an integer, a finite float, or a lowercase hex digest.
#[derive(Clone, Debug)]
pub enum Checksum {
    Int(i64),
    Uint(u64),
    Float(f64),
    Digest(String),
}

/// FNV-1a 64-bit hash of `bytes` (src/lib/fnv.ts computes the same for the published outputs).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x100000001b3))
}

impl Checksum {
    /// The checksum of a program's output text (the Benchmarks Game kernels): its FNV-1a 64-bit
    /// hash as 16 lowercase hex digits.
    pub fn of_output(text: &str) -> Checksum {
        Checksum::Digest(format!("{:016x}", fnv1a64(text.as_bytes())))
    }
}

/// The work of ONE sample (throughput = work / sample time); `None` fields are left out.
#[derive(Clone, Debug, Default)]
pub struct Work {
    pub bytes: Option<u64>,
    pub items: Option<u64>,
    pub tokens: Option<u64>,
    pub records: Option<u64>,
}

fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The protocol's JSON line (without the newline); an error for a NaN/infinite checksum or a
/// digest that is not lowercase hex.
pub fn result_line(a: &Args, checksum: &Checksum, samples_ns: &[u64], threads: usize, peak_kib: u64, work: Option<&Work>) -> Result<String, String> {
    let mut s = String::from("{\"impl\":");
    json_string(&mut s, &a.impl_id);
    s.push_str(",\"params\":{");
    for (i, (name, v)) in a.names.iter().zip(&a.values).enumerate() {
        if i > 0 {
            s.push(',');
        }
        json_string(&mut s, name);
        s.push(':');
        match v {
            Value::Int(x) => {
                let _ = write!(s, "{x}");
            }
            Value::Str(x) => json_string(&mut s, x),
        }
    }
    s.push_str("},\"checksum\":");
    match checksum {
        Checksum::Int(x) => {
            let _ = write!(s, "{x}");
        }
        Checksum::Uint(x) => {
            let _ = write!(s, "{x}");
        }
        // f64's Display is the shortest decimal that round-trips (no exponent).
        Checksum::Float(x) if x.is_finite() => {
            let _ = write!(s, "{x}");
        }
        Checksum::Float(x) => return Err(format!("checksum must be a finite number, got {x}")),
        Checksum::Digest(d) if !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) => {
            json_string(&mut s, d)
        }
        Checksum::Digest(d) => return Err(format!("checksum string must be a lowercase hex digest, got '{d}'")),
    }
    let samples: Vec<String> = samples_ns.iter().map(|x| x.to_string()).collect();
    let _ = write!(s, ",\"samplesNs\":[{}],\"threads\":{threads},\"peakRssKiB\":{peak_kib}", samples.join(","));
    if let Some(w) = work {
        let fields = [("bytes", w.bytes), ("items", w.items), ("tokens", w.tokens), ("records", w.records)];
        let parts: Vec<String> = fields.iter().filter_map(|(k, v)| v.map(|v| format!("\"{k}\":{v}"))).collect();
        let _ = write!(s, ",\"work\":{{{}}}", parts.join(","));
    }
    s.push('}');
    Ok(s)
}

/// Prints the result line with this process's peak memory; exits 1 on an invalid checksum.
pub fn print_result(a: &Args, checksum: Checksum, samples_ns: &[u64], threads: usize, work: Option<&Work>) {
    match result_line(a, &checksum, samples_ns, threads, peak_rss_kib(), work) {
        Ok(line) => println!("{line}"),
        Err(msg) => {
            eprintln!("{}: {msg}", a.impl_id);
            exit(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }
    const PARAMS: [Param; 2] = [Param::int("n", 1, 100), Param::string("mode")];

    #[test]
    fn parses_warmup_samples_and_params_in_order() {
        let a = parse("x", &PARAMS, &argv(&["1", "3", "42", "fast"])).unwrap();
        assert_eq!((a.warmup, a.samples, a.int("n"), a.str("mode")), (1, 3, 42, "fast"));
    }

    #[test]
    fn refuses_bad_arguments_naming_them() {
        assert_eq!(parse("x", &PARAMS, &argv(&["1", "3", "42"])).unwrap_err(), "expected 4 arguments (WARMUP SAMPLES n mode), got 3");
        assert_eq!(parse("x", &PARAMS, &argv(&["1", "3", "4x", "a"])).unwrap_err(), "n must be an integer, got '4x'");
        assert_eq!(parse("x", &PARAMS, &argv(&["1", "3", "101", "a"])).unwrap_err(), "n must be in 1..100, got 101");
        assert_eq!(parse("x", &PARAMS, &argv(&["1", "0", "1", "a"])).unwrap_err(), "SAMPLES must be in 1..2147483648, got 0");
    }

    #[test]
    fn writes_the_json_line() {
        let a = parse("rust-x", &PARAMS, &argv(&["0", "2", "7", "q\""])).unwrap();
        let w = Work { bytes: Some(10), ..Default::default() };
        assert_eq!(
            result_line(&a, &Checksum::Float(-4.359375), &[5, 6], 2, 99, Some(&w)).unwrap(),
            r#"{"impl":"rust-x","params":{"n":7,"mode":"q\""},"checksum":-4.359375,"samplesNs":[5,6],"threads":2,"peakRssKiB":99,"work":{"bytes":10}}"#
        );
        assert!(result_line(&a, &Checksum::Digest("ab12".into()), &[1, 2], 1, 1, None).unwrap().contains(r#""checksum":"ab12","#));
        assert!(result_line(&a, &Checksum::Digest("AB".into()), &[1], 1, 1, None).is_err());
        assert!(result_line(&a, &Checksum::Float(f64::NAN), &[1], 1, 1, None).is_err());
    }

    #[test]
    fn digests_output_text_with_fnv1a64() {
        // Published FNV-1a 64-bit test vectors: the empty string is the offset basis.
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
        match Checksum::of_output("a") {
            Checksum::Digest(d) => assert_eq!(d, "af63dc4c8601ec8c"),
            other => panic!("expected a digest, got {other:?}"),
        }
        match Checksum::of_output("") {
            Checksum::Digest(d) => assert_eq!(d, "cbf29ce484222325"),
            other => panic!("expected a digest, got {other:?}"),
        }
    }
}
