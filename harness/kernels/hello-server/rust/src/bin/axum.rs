//! The hello-server kernel in Rust: axum on a tokio runtime answering GET /json with a fixed JSON
//! document. Invoked as `axum PORT`; listens on 127.0.0.1:PORT only and runs until it is
//! signalled. Uses CLAIMBENCH_THREADS tokio worker threads (default 1).
use axum::{Router, http::header, routing::get};

/// The same bytes every implementation serves (the harness compares their SHA-256).
const BODY: &str = "{\"message\":\"Hello, World!\"}";

fn main() {
    let mut args = std::env::args().skip(1);
    let port: u16 = match args.next().map(|a| a.parse()) {
        Some(Ok(p)) if p > 0 => p,
        _ => {
            eprintln!("usage: axum PORT (PORT: an integer from 1 to 65535)");
            std::process::exit(2);
        }
    };
    let threads: usize = std::env::var("CLAIMBENCH_THREADS").ok().and_then(|v| v.parse().ok()).filter(|&n| n > 0).unwrap_or(1);
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(threads).enable_io().build().expect("tokio runtime");
    runtime.block_on(async move {
        let app = Router::new().route("/json", get(|| async { ([(header::CONTENT_TYPE, "application/json")], BODY) }));
        let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("cannot listen on 127.0.0.1:{port}: {e}");
                std::process::exit(1);
            }
        };
        if let Err(e) = axum::serve(listener, app).await {
            eprintln!("server error: {e}");
            std::process::exit(1);
        }
    });
}
