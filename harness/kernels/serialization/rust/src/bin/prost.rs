//! Protobuf round trip with prost (messages derived by hand from ../records.proto in src/lib.rs).
//! Usage: prost WARMUP SAMPLES records   (data set path in CLAIMBENCH_DATASET)
//! One sample: Batch::encode_to_vec of the whole batch, then Batch::decode of those bytes.

use claimbench_protocol::{Checksum, Work, print_result, run_samples};
use claimbench_serialization::{BatchPb, RecordPb, digest_pb, parse, read_dataset};
use prost::Message;

const IMPL: &str = "rust-prost";

fn main() {
    let (a, n) = parse(IMPL);
    let batch = BatchPb { records: read_dataset(IMPL, n).iter().map(RecordPb::from).collect() };
    let mut out = BatchPb::default();
    let samples = run_samples(&a, || {
        let bytes = batch.encode_to_vec();
        out = BatchPb::decode(bytes.as_slice()).expect("prost reads what it wrote");
    });
    let work = Work { records: Some(n as u64), ..Work::default() };
    print_result(&a, Checksum::Digest(digest_pb(&out.records)), &samples, 1, Some(&work));
}
