//! JSON round trip with serde_json and derived (typed) structs.
//! Usage: serde_json WARMUP SAMPLES records   (data set path in CLAIMBENCH_DATASET)
//! One sample: serde_json::to_vec of the whole Vec<Record>, then serde_json::from_slice of those
//! bytes back into Vec<Record> (typed and validated, like python-msgspec).

use claimbench_protocol::{Checksum, Work, print_result, run_samples};
use claimbench_serialization::{Record, digest_records, parse, read_dataset};

const IMPL: &str = "rust-serde-json";

fn main() {
    let (a, n) = parse(IMPL);
    let records = read_dataset(IMPL, n);
    let mut out: Vec<Record> = Vec::new();
    let samples = run_samples(&a, || {
        let bytes = serde_json::to_vec(&records).expect("serialising records cannot fail");
        out = serde_json::from_slice(&bytes).expect("serde_json reads what it wrote");
    });
    let work = Work { records: Some(n as u64), ..Work::default() };
    print_result(&a, Checksum::Digest(digest_records(&out)), &samples, 1, Some(&work));
}
