//! Ports for servers a test starts as processes of their own.

/// A port of 127.0.0.1 that was free a moment ago, for a program that takes its port as an
/// argument (a server that can bind port 0 and say which it got should do that instead).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("free port")
        .port()
}
