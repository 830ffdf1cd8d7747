//! What the server signs with its secret key — CSRF tokens, the sign-in flow cookie, the
//! device cookie — each under a purpose of its own, so that a MAC made for one never passes
//! for another.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

fn mac(key: &[u8], purpose: &str, data: &[u8]) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(purpose.as_bytes());
    mac.update(b":");
    mac.update(data);
    mac
}

/// HMAC-SHA256(key, `purpose:data`), as URL-safe base64.
pub(crate) fn sign(key: &[u8], purpose: &str, data: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(mac(key, purpose, data).finalize().into_bytes())
}

/// Whether `signature` is [`sign`]'s for these, compared in constant time.
pub(crate) fn is_signed(key: &[u8], purpose: &str, data: &[u8], signature: &str) -> bool {
    URL_SAFE_NO_PAD
        .decode(signature)
        .is_ok_and(|bytes| mac(key, purpose, data).verify_slice(&bytes).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_holds_for_its_key_purpose_and_data_only() {
        let signature = sign(b"key", "device", b"user");
        assert!(is_signed(b"key", "device", b"user", &signature));
        assert!(!is_signed(b"other", "device", b"user", &signature));
        assert!(!is_signed(b"key", "csrf-nonce", b"user", &signature));
        assert!(!is_signed(b"key", "device", b"someone", &signature));
        assert!(!is_signed(b"key", "device", b"user", "not base64!"));
        assert!(!is_signed(b"key", "device", b"user", ""));
    }
}
