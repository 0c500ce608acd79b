//! The serialization kernel's records in Rust: the JSON types (serde derive), the Protobuf
//! messages (prost derive, written by hand to match ../records.proto field for field), reading the
//! data set, and the canonical digest of decoded records that every implementation reports
//! (the same form as ../common.py: per record, integers and float bits little-endian, strings as
//! u32 UTF-8 length and bytes, lists as u32 length and items).

use claimbench_protocol::{Args, Param, parse_args};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::process::exit;

/// A record as JSON: field order as in the data set, so serde_json writes the same key order.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Record {
    pub id: u64,
    pub user: String,
    pub created_ms: i64,
    pub score: f64,
    pub active: bool,
    pub tags: Vec<String>,
    pub embedding: Vec<f64>,
    pub meta: Meta,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Meta {
    pub source: String,
    pub version: i32,
    pub region: String,
}

/// ../records.proto, message Meta.
#[derive(Clone, PartialEq, prost::Message)]
pub struct MetaPb {
    #[prost(string, tag = "1")]
    pub source: String,
    #[prost(int32, tag = "2")]
    pub version: i32,
    #[prost(string, tag = "3")]
    pub region: String,
}

/// ../records.proto, message Record.
#[derive(Clone, PartialEq, prost::Message)]
pub struct RecordPb {
    #[prost(uint64, tag = "1")]
    pub id: u64,
    #[prost(string, tag = "2")]
    pub user: String,
    #[prost(int64, tag = "3")]
    pub created_ms: i64,
    #[prost(double, tag = "4")]
    pub score: f64,
    #[prost(bool, tag = "5")]
    pub active: bool,
    #[prost(string, repeated, tag = "6")]
    pub tags: Vec<String>,
    #[prost(double, repeated, tag = "7")]
    pub embedding: Vec<f64>,
    #[prost(message, optional, tag = "8")]
    pub meta: Option<MetaPb>,
}

/// ../records.proto, message Batch.
#[derive(Clone, PartialEq, prost::Message)]
pub struct BatchPb {
    #[prost(message, repeated, tag = "1")]
    pub records: Vec<RecordPb>,
}

impl From<&Record> for RecordPb {
    fn from(r: &Record) -> RecordPb {
        RecordPb {
            id: r.id,
            user: r.user.clone(),
            created_ms: r.created_ms,
            score: r.score,
            active: r.active,
            tags: r.tags.clone(),
            embedding: r.embedding.clone(),
            meta: Some(MetaPb { source: r.meta.source.clone(), version: r.meta.version, region: r.meta.region.clone() }),
        }
    }
}

/// The kernel's parameters (records), parsed with the protocol helper; exits 2 on bad arguments.
pub fn parse(impl_id: &str) -> (Args, usize) {
    let a = parse_args(impl_id, &[Param::int("records", 1, 10_000_000)]);
    let n = a.int("records") as usize;
    (a, n)
}

/// The data set's records (path in CLAIMBENCH_DATASET), checked to number `records`; exits 2 otherwise.
pub fn read_dataset(impl_id: &str, records: usize) -> Vec<Record> {
    let path = std::env::var("CLAIMBENCH_DATASET").unwrap_or_else(|_| {
        eprintln!("{impl_id}: CLAIMBENCH_DATASET is not set (the harness passes the data set's path)");
        exit(2)
    });
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{impl_id}: cannot read the data set {path}: {e}");
        exit(2)
    });
    let v: Vec<Record> = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        eprintln!("{impl_id}: the data set {path} is not the kernel's records: {e} (regenerate it: npm run harness -- --kernel serialization --fresh)");
        exit(2)
    });
    if v.len() != records {
        eprintln!("{impl_id}: the data set has {} records, expected records={records} (regenerate it: npm run harness -- --kernel serialization --fresh)", v.len());
        exit(2)
    }
    v
}

fn put_str(h: &mut Sha256, s: &str) {
    h.update((s.len() as u32).to_le_bytes());
    h.update(s.as_bytes());
}

/// One record's fields, borrowed, in the canonical order.
pub struct Fields<'a> {
    pub id: u64,
    pub user: &'a str,
    pub created_ms: i64,
    pub score: f64,
    pub active: bool,
    pub tags: &'a [String],
    pub embedding: &'a [f64],
    pub source: &'a str,
    pub version: i32,
    pub region: &'a str,
}

/// The canonical digest (lowercase hex SHA-256) of decoded records.
pub fn digest<'a>(rows: impl Iterator<Item = Fields<'a>>) -> String {
    let mut h = Sha256::new();
    for r in rows {
        h.update(r.id.to_le_bytes());
        h.update(r.created_ms.to_le_bytes());
        h.update(r.score.to_bits().to_le_bytes());
        h.update([r.active as u8]);
        put_str(&mut h, r.user);
        h.update((r.tags.len() as u32).to_le_bytes());
        for t in r.tags {
            put_str(&mut h, t);
        }
        h.update((r.embedding.len() as u32).to_le_bytes());
        for x in r.embedding {
            h.update(x.to_bits().to_le_bytes());
        }
        put_str(&mut h, r.source);
        h.update(r.version.to_le_bytes());
        put_str(&mut h, r.region);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

pub fn digest_records(v: &[Record]) -> String {
    digest(v.iter().map(|r| Fields {
        id: r.id,
        user: &r.user,
        created_ms: r.created_ms,
        score: r.score,
        active: r.active,
        tags: &r.tags,
        embedding: &r.embedding,
        source: &r.meta.source,
        version: r.meta.version,
        region: &r.meta.region,
    }))
}

/// Digest of decoded Protobuf records; a record without `meta` counts as the default Meta (as
/// Python's protobuf reads it).
pub fn digest_pb(v: &[RecordPb]) -> String {
    static EMPTY: MetaPb = MetaPb { source: String::new(), version: 0, region: String::new() };
    digest(v.iter().map(|r| {
        let m = r.meta.as_ref().unwrap_or(&EMPTY);
        Fields {
            id: r.id,
            user: &r.user,
            created_ms: r.created_ms,
            score: r.score,
            active: r.active,
            tags: &r.tags,
            embedding: &r.embedding,
            source: &m.source,
            version: m.version,
            region: &m.region,
        }
    }))
}
