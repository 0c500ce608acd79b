//! Shared by the Rust implementations of the tokenizer kernel: the parameters, the corpus and
//! vocabulary files (checked against the generator's manifest, tokenizer-files.json), and the
//! digest of the token ids (the same bytes as common.py's).

use claimbench_protocol::Param;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::exit;

/// `docs` names the Debian packages the corpus comes from (gen_corpus.py); the programs only read the corpus.
pub const PARAMS: [Param; 3] = [Param::int("size", 1, 1 << 34), Param::int("vocab", 257, 1 << 20), Param::string("docs")];
const REGENERATE: &str = "rm -rf .cache/datasets/tokenizer && npm run harness -- --kernel tokenizer (the data-set step writes them again)";

pub struct Dataset {
    pub texts: Vec<String>,
    pub bytes: u64,
    pub tokenizer_json: PathBuf,
}

fn fail(impl_id: &str, msg: &str) -> ! {
    eprintln!("{impl_id}: {msg}");
    exit(2)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The manifest's entry for `name`: (bytes, sha256). A small reader for the generator's own JSON
/// layout (`"<name>": {"bytes": N, "sha256": "<hex>"}`), so the crate needs no JSON parser.
fn manifest_entry(manifest: &str, name: &str) -> Option<(u64, String)> {
    let at = manifest.find(&format!("\"{name}\":"))?;
    let rest = &manifest[at..];
    let b = rest.find("\"bytes\":")? + 8;
    let bytes: u64 = rest[b..].trim_start().split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()?;
    let s = rest.find("\"sha256\":")? + 9;
    let sha = rest[s..].trim_start().strip_prefix('"')?.split('"').next()?.to_string();
    Some((bytes, sha))
}

/// Reads the corpus (CLAIMBENCH_DATASET) and checks it and tokenizer.json against the manifest.
pub fn load(impl_id: &str, size: i64) -> Dataset {
    let corpus = std::env::var("CLAIMBENCH_DATASET").unwrap_or_else(|_| fail(impl_id, "CLAIMBENCH_DATASET is not set (the harness passes the corpus's path)"));
    let corpus = PathBuf::from(corpus);
    let folder = corpus.parent().map(Path::to_path_buf).unwrap_or_default();
    let manifest_path = folder.join("tokenizer-files.json");
    let manifest = std::fs::read_to_string(&manifest_path)
        .unwrap_or_else(|e| fail(impl_id, &format!("{}: cannot read the data set's manifest ({e}); regenerate: {REGENERATE}", manifest_path.display())));
    let corpus_name = corpus.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
    let mut raw_corpus = Vec::new();
    for name in [corpus_name.as_str(), "tokenizer.json"] {
        let path = folder.join(name);
        let (want_bytes, want_sha) = manifest_entry(&manifest, name)
            .unwrap_or_else(|| fail(impl_id, &format!("{}: names no file {name}; regenerate: {REGENERATE}", manifest_path.display())));
        let data = std::fs::read(&path).unwrap_or_else(|e| fail(impl_id, &format!("{}: missing ({e}); regenerate: {REGENERATE}", path.display())));
        if data.len() as u64 != want_bytes {
            fail(impl_id, &format!("{}: {} bytes, the manifest says {want_bytes} (truncated?); regenerate: {REGENERATE}", path.display(), data.len()));
        }
        if hex(&Sha256::digest(&data)) != want_sha {
            fail(impl_id, &format!("{}: sha256 differs from the manifest's {want_sha}; regenerate: {REGENERATE}", path.display()));
        }
        if name == corpus_name {
            raw_corpus = data;
        }
    }
    if raw_corpus.len() as i64 > size {
        fail(impl_id, &format!("{}: larger than size={size}; regenerate: {REGENERATE}", corpus.display()));
    }
    let text = String::from_utf8(raw_corpus).unwrap_or_else(|e| fail(impl_id, &format!("{}: not UTF-8 ({e})", corpus.display())));
    let bytes = text.len() as u64;
    let mut texts: Vec<String> = text.split('\n').map(str::to_owned).collect();
    texts.pop(); // the file ends with a newline
    Dataset { texts, bytes, tokenizer_json: folder.join("tokenizer.json") }
}

/// SHA-256 of every text's token count and ids, in corpus order, as little-endian u32.
pub fn digest(all_ids: &[Vec<u32>]) -> String {
    let mut h = Sha256::new();
    let mut buf = Vec::new();
    for ids in all_ids {
        buf.clear();
        buf.extend_from_slice(&(ids.len() as u32).to_le_bytes());
        for id in ids {
            buf.extend_from_slice(&id.to_le_bytes());
        }
        h.update(&buf);
    }
    hex(&h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_entries_are_read() {
        let m = r#"{"files": {"corpus.txt": {"bytes": 12, "sha256": "ab12"}, "tokenizer.json": {"bytes": 3, "sha256": "cd"}}}"#;
        assert_eq!(manifest_entry(m, "corpus.txt"), Some((12, "ab12".to_string())));
        assert_eq!(manifest_entry(m, "tokenizer.json"), Some((3, "cd".to_string())));
        assert_eq!(manifest_entry(m, "vocab.json"), None);
    }

    #[test]
    fn digest_counts_and_ids() {
        // sha256 of 01 00 00 00 | 05 00 00 00 | 00 00 00 00 (one text with id 5, one empty text)
        let d = digest(&[vec![5], vec![]]);
        assert_eq!(d, hex(&Sha256::digest([1u8, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0])));
    }
}
