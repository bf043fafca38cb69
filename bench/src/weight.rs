//! Weighing scripts and styles the way a browser pays for them: raw bytes and gzip -9 bytes.

use flate2::{write::GzEncoder, Compression};
use std::io::Write;

/// Raw and gzipped size of some bytes.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Weight {
    pub raw: usize,
    pub gzip: usize,
}

impl Weight {
    pub fn of(bytes: &[u8]) -> Self {
        let mut gz = GzEncoder::new(Vec::new(), Compression::best());
        gz.write_all(bytes).expect("writing to memory");
        let gzip = gz.finish().expect("writing to memory").len();
        Self {
            raw: bytes.len(),
            gzip,
        }
    }

    /// Several files loaded separately: each is compressed on its own, as served.
    pub fn sum(parts: impl IntoIterator<Item = Weight>) -> Self {
        parts.into_iter().fold(Self::default(), |a, b| Self {
            raw: a.raw + b.raw,
            gzip: a.gzip + b.gzip,
        })
    }
}

/// The `src` of every `<script src=…>` in an HTML page, in order.
pub fn script_sources(html: &str) -> Vec<String> {
    html.split("<script")
        .skip(1)
        .filter_map(|tag| {
            let tag = &tag[..tag.find('>')?];
            let start = tag.find("src=\"")? + 5;
            let rest = &tag[start..];
            Some(rest[..rest.find('"')?].to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repetitive_text_compresses_and_parts_add_up() {
        let w = Weight::of("chat ".repeat(1000).as_bytes());
        assert_eq!(w.raw, 5000);
        assert!(w.gzip < 100, "{w:?}");
        assert_eq!(Weight::sum([w, w]).raw, 10_000);
    }

    #[test]
    fn script_sources_are_read_in_order() {
        let html = r#"<body><script src="a.js"></script><script>inline()</script><script defer src="b.js"></script>"#;
        assert_eq!(script_sources(html), ["a.js", "b.js"]);
    }
}
