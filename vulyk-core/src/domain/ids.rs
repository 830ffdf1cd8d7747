//! Identifiers. Task ids are content hashes (as in the original Vulyk); user ids have the shape
//! of a MongoDB ObjectId (24 hex digits) so that both backends, and an original database, agree.

use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};

use sha1::{Digest, Sha1};

/// A task id: the first 20 hex digits of SHA-1 over the task's compact JSON.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TaskId(String);

impl TaskId {
    /// The id of a task whose compact, key-order-preserving JSON is `canonical_json`.
    pub fn for_canonical_json(canonical_json: &[u8]) -> Self {
        let digest = Sha1::digest(canonical_json);
        let mut hex = String::with_capacity(20);
        for byte in &digest[..10] {
            push_hex(&mut hex, *byte);
        }
        TaskId(hex)
    }

    pub fn from_stored(id: String) -> Self {
        TaskId(id)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A user id in ObjectId form: 4 bytes of seconds, 5 random bytes, a 3-byte counter.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UserId(String);

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl UserId {
    pub fn generate() -> Self {
        UserId(new_object_id())
    }

    pub fn from_stored(id: String) -> Self {
        UserId(id)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A new id in MongoDB ObjectId form: 4 bytes of seconds, 5 bytes random per process, a 3-byte
/// counter — so that ids made by one process sort in the order they were made.
pub fn new_object_id() -> String {
    static PROCESS: std::sync::OnceLock<[u8; 5]> = std::sync::OnceLock::new();
    let seconds = chrono::Utc::now().timestamp() as u32;
    let random = PROCESS.get_or_init(rand::random);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed) & 0x00ff_ffff;
    let mut hex = String::with_capacity(24);
    for byte in seconds.to_be_bytes().iter().chain(random.iter()) {
        push_hex(&mut hex, *byte);
    }
    for byte in &count.to_be_bytes()[1..] {
        push_hex(&mut hex, *byte);
    }
    hex
}

fn push_hex(out: &mut String, byte: u8) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.push(DIGITS[usize::from(byte >> 4)] as char);
    out.push(DIGITS[usize::from(byte & 0xf)] as char);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_id_is_first_20_hex_digits_of_sha1() {
        // sha1("{}") = bf21a9e8fbc5a3846fb05b4fa0859e0917b2202f
        assert_eq!(
            TaskId::for_canonical_json(b"{}").as_str(),
            "bf21a9e8fbc5a3846fb0"
        );
    }

    #[test]
    fn user_ids_are_object_id_shaped_and_distinct() {
        let a = UserId::generate();
        let b = UserId::generate();
        assert_eq!(a.as_str().len(), 24);
        assert!(a.as_str().bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
