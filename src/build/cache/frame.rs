//! The framing of every cache file: a header that says what made it, and
//! a checksum of the body, so that a file of another version, of another
//! configuration, cut short or damaged is never read as a good one.
//!
//! ```text
//! offset  size  field
//!      0     8  magic `TRFDCACH`
//!      8     1  kind: `I` the index, `E` an issue's entry, `B` a block,
//!               `H` the headers, `F` a published file's record
//!      9     4  format version (little-endian), FORMAT
//!     13    16  tool: hash of trendfeed's version and executable
//!     29    16  configuration: hash of the settings, topics, options and
//!               the archive's inferred structure
//!     45     8  body length in bytes
//!     53     8  xxh3 of the body
//!     61     …  body (postcard)
//! ```

use std::fmt;

use xxhash_rust::xxh3::xxh3_64;

const MAGIC: &[u8; 8] = b"TRFDCACH";

/// The version of the cache's layout: raised whenever what a file holds
/// changes shape, so that older files are rebuilt.
pub const FORMAT: u32 = 6;

/// Bytes before the body.
pub const HEADER: usize = 61;

/// What made a cache file: the tool and the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Maker {
    pub tool: u128,
    pub config: u128,
}

/// Why a cache file was not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejected {
    /// Made by another version (or build) of trendfeed, or another layout.
    Version,
    /// Made for another configuration (settings, topics, options, or the
    /// archive's inferred structure).
    Config,
    /// Not a cache file, cut short, or damaged.
    Corrupt(&'static str),
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Rejected::Version => f.write_str("it was made by another version of trendfeed"),
            Rejected::Config => f.write_str("it was made for another configuration"),
            Rejected::Corrupt(why) => write!(f, "it is {why}"),
        }
    }
}

/// A cache file of `kind` holding `body`.
pub fn encode(kind: u8, maker: Maker, body: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(HEADER + body.len());
    bytes.extend_from_slice(MAGIC);
    bytes.push(kind);
    bytes.extend_from_slice(&FORMAT.to_le_bytes());
    bytes.extend_from_slice(&maker.tool.to_le_bytes());
    bytes.extend_from_slice(&maker.config.to_le_bytes());
    bytes.extend_from_slice(&(body.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&xxh3_64(body).to_le_bytes());
    bytes.extend_from_slice(body);
    bytes
}

/// The body of a cache file of `kind` made by `maker`, once its header and
/// checksum are checked.
pub fn decode(bytes: &[u8], kind: u8, maker: Maker) -> Result<&[u8], Rejected> {
    if bytes.len() < HEADER {
        return Err(Rejected::Corrupt("truncated"));
    }
    let (header, body) = bytes.split_at(HEADER);
    let field = |at: usize, len: usize| &header[at..at + len];
    let u128_at = |at: usize| field(at, 16).try_into().map(u128::from_le_bytes).unwrap_or_default();
    let u64_at = |at: usize| field(at, 8).try_into().map(u64::from_le_bytes).unwrap_or_default();
    if field(0, 8) != MAGIC || header[8] != kind {
        return Err(Rejected::Corrupt("not a trendfeed cache file"));
    }
    if field(9, 4) != FORMAT.to_le_bytes() || u128_at(13) != maker.tool {
        return Err(Rejected::Version);
    }
    if u128_at(29) != maker.config {
        return Err(Rejected::Config);
    }
    if u64_at(45) != body.len() as u64 {
        return Err(Rejected::Corrupt("truncated"));
    }
    if u64_at(53) != xxh3_64(body) {
        return Err(Rejected::Corrupt("damaged"));
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAKER: Maker = Maker { tool: 7, config: 9 };

    #[test]
    fn round_trip() {
        let bytes = encode(b'E', MAKER, b"body");
        assert_eq!(bytes.len(), HEADER + 4);
        assert_eq!(decode(&bytes, b'E', MAKER), Ok(&b"body"[..]));
    }

    #[test]
    fn every_damage_is_found() {
        let bytes = encode(b'E', MAKER, b"some body");
        assert_eq!(decode(&bytes[..bytes.len() - 1], b'E', MAKER), Err(Rejected::Corrupt("truncated")));
        assert_eq!(decode(&bytes[..10], b'E', MAKER), Err(Rejected::Corrupt("truncated")));
        assert_eq!(decode(&bytes, b'I', MAKER), Err(Rejected::Corrupt("not a trendfeed cache file")));
        assert_eq!(decode(&bytes, b'E', Maker { tool: 8, ..MAKER }), Err(Rejected::Version));
        assert_eq!(decode(&bytes, b'E', Maker { config: 8, ..MAKER }), Err(Rejected::Config));
        for at in 0..bytes.len() {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0x20;
            assert!(decode(&flipped, b'E', MAKER).is_err(), "a flipped byte at {at} goes unnoticed");
        }
    }
}
