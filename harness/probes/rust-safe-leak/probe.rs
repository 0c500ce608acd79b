// Safe Rust only: `unsafe` is forbidden in this file. Leaks 64 MiB three ways (Box::leak,
// std::mem::forget, an Rc reference cycle) and reports how much the resident memory grew.
#![forbid(unsafe_code)]
use std::cell::RefCell;
use std::rc::Rc;

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

struct Node {
    _payload: Vec<u8>,
    next: RefCell<Option<Rc<Node>>>,
}

fn touched(bytes: usize) -> Vec<u8> {
    // Written page by page and passed through black_box, so the optimizer cannot drop the
    // allocation and the pages are resident.
    let mut v = vec![0u8; bytes];
    for (n, page) in v.chunks_mut(4096).enumerate() {
        page[0] = (n % 251) as u8 + 1;
    }
    std::hint::black_box(v)
}

fn main() {
    const MIB: usize = 1 << 20;
    let before = rss_kib();
    let leaked: &'static mut [u8] = Box::leak(touched(32 * MIB).into_boxed_slice());
    leaked[0] = 2;
    std::mem::forget(touched(16 * MIB));
    {
        let a = Rc::new(Node { _payload: touched(8 * MIB), next: RefCell::new(None) });
        let b = Rc::new(Node { _payload: touched(8 * MIB), next: RefCell::new(Some(a.clone())) });
        *a.next.borrow_mut() = Some(b.clone());
    } // a and b go out of scope here, but the cycle keeps both alive: never freed
    let grown_mib = (rss_kib().saturating_sub(before)) / 1024;
    println!("resident memory grew by {grown_mib} MiB after dropping every handle to 64 MiB");
    println!("leak-observed: {}", if grown_mib >= 60 { "true" } else { "false" });
}
