//! The visitor's country (§5 "Audience"): from a header set by a trusted proxy, or from a
//! MaxMind-format database the operator provides. Absent both it stays unknown.

use crate::config::GeoConfig;
use axum::http::HeaderMap;
use serde::Deserialize;
use std::net::IpAddr;

/// Where countries come from, loaded once at start.
pub struct Geo {
    header: Option<axum::http::HeaderName>,
    database: Option<maxminddb::Reader<Vec<u8>>>,
}

#[derive(Deserialize)]
struct Record<'a> {
    #[serde(borrow)]
    country: Option<Country<'a>>,
}

#[derive(Deserialize)]
struct Country<'a> {
    iso_code: Option<&'a str>,
}

impl Geo {
    /// Reads the configuration; a database that cannot be opened is a start-up error.
    pub fn load(config: &GeoConfig) -> anyhow::Result<Self> {
        let header =
            match config.country_header.trim() {
                "" => None,
                name => Some(axum::http::HeaderName::from_bytes(name.as_bytes()).map_err(
                    |_| anyhow::anyhow!("geo.country_header: '{name}' is not a header name"),
                )?),
            };
        let database = match &config.database {
            None => None,
            Some(path) => Some(maxminddb::Reader::open_readfile(path).map_err(|e| {
                anyhow::anyhow!("geo.database: cannot read {}: {e}", path.display())
            })?),
        };
        Ok(Self { header, database })
    }

    /// The country of a request: the trusted header first, then the database.
    pub fn country(&self, headers: &HeaderMap, peer: Option<IpAddr>) -> Option<String> {
        if let Some(name) = &self.header {
            let code = headers.get(name).and_then(|v| v.to_str().ok())?;
            return normalise(code);
        }
        let database = self.database.as_ref()?;
        let found = database.lookup(peer?).ok()?;
        let record: Record = found.decode().ok()??;
        normalise(record.country?.iso_code?)
    }
}

/// A two-letter code in upper case; anything else (Cloudflare's `XX`, `T1` …) is unknown.
fn normalise(code: &str) -> Option<String> {
    let code = code.trim().to_ascii_uppercase();
    let letters = code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic());
    (letters && code != "XX").then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trusted_header_gives_the_country_and_junk_is_unknown() {
        let geo = Geo::load(&GeoConfig {
            country_header: "CF-IPCountry".into(),
            database: None,
        })
        .unwrap();
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert("cf-ipcountry", value.parse().unwrap());
            geo.country(&headers, None)
        };
        assert_eq!(with("cz").as_deref(), Some("CZ"));
        assert_eq!(with("XX"), None);
        assert_eq!(with("T1"), None);
        assert_eq!(with("<b>"), None);
        assert_eq!(geo.country(&HeaderMap::new(), None), None);
    }

    #[test]
    fn without_a_source_the_country_is_unknown() {
        let geo = Geo::load(&GeoConfig::default()).unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("cf-ipcountry", "DE".parse().unwrap());
        assert_eq!(geo.country(&headers, "1.2.3.4".parse().ok()), None);
    }

    #[test]
    fn a_missing_database_is_a_clear_start_up_error() {
        let err = Geo::load(&GeoConfig {
            country_header: String::new(),
            database: Some("no-such-file.mmdb".into()),
        })
        .err()
        .unwrap()
        .to_string();
        assert!(
            err.starts_with("geo.database: cannot read no-such-file.mmdb"),
            "{err}"
        );
    }
}
