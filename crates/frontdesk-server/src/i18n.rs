//! Message catalogs (a folder of Fluent files per language in `locales/`) and locale
//! negotiation. Adding a language is adding a folder: `locales/` is embedded whole at build
//! time, and every `.ftl` file in a language's folder joins that language's catalog.

use fluent_bundle::{concurrent::FluentBundle, FluentArgs, FluentResource, FluentValue};
use fluent_langneg::{negotiate_languages, NegotiationStrategy};
use include_dir::{include_dir, Dir};
use std::collections::HashMap;
use unic_langid::LanguageIdentifier;

static LOCALES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/locales");

/// The language every other catalog falls back to for a missing message.
pub const FALLBACK: &str = "en";

/// All shipped catalogs, loaded once at start-up.
pub struct Catalogs {
    bundles: HashMap<String, FluentBundle<FluentResource>>,
    available: Vec<LanguageIdentifier>,
    fallback: LanguageIdentifier,
}

impl std::fmt::Debug for Catalogs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogs")
            .field("languages", &self.available)
            .finish()
    }
}

/// A negotiated language, as a tag that [`Catalogs::t`] accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locale(pub String);

impl Locale {
    /// The tag, e.g. `cs`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Catalogs {
    /// Parses every embedded catalog. A syntax error in a shipped catalog is a build defect,
    /// so it is reported with the file name.
    pub fn load() -> Result<Self, String> {
        let mut bundles = HashMap::new();
        let mut available = Vec::new();
        for folder in LOCALES.dirs() {
            let tag = folder.path().to_string_lossy();
            let lang: LanguageIdentifier = tag
                .parse()
                .map_err(|_| format!("locales/{tag} is not named by a language tag"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![lang.clone()]);
            // Isolation marks around placeables would leak into plain-text e-mails and the CLI.
            bundle.set_use_isolating(false);
            for (name, text) in ftl_files(folder) {
                let resource = FluentResource::try_new(text.to_owned())
                    .map_err(|(_, errs)| format!("catalog {name}: {errs:?}"))?;
                bundle
                    .add_resource(resource)
                    .map_err(|errs| format!("catalog {name}: {errs:?}"))?;
            }
            bundles.insert(lang.to_string(), bundle);
            available.push(lang);
        }
        available.sort_by_key(|l| l.to_string());
        let fallback: LanguageIdentifier = FALLBACK.parse().expect("constant tag");
        if !bundles.contains_key(FALLBACK) {
            return Err(format!("the {FALLBACK} catalog is missing"));
        }
        Ok(Self {
            bundles,
            available,
            fallback,
        })
    }

    /// The tags of every shipped language, sorted.
    pub fn languages(&self) -> Vec<String> {
        self.available.iter().map(ToString::to_string).collect()
    }

    /// The best shipped language for a list of preferences, most preferred first
    /// (an explicit choice, then an `Accept-Language` header's entries); English if none fits.
    pub fn negotiate<'a>(&self, preferences: impl IntoIterator<Item = &'a str>) -> Locale {
        let requested: Vec<LanguageIdentifier> = preferences
            .into_iter()
            .filter_map(|p| p.trim().parse().ok())
            .collect();
        let chosen = negotiate_languages(
            &requested,
            &self.available,
            Some(&self.fallback),
            NegotiationStrategy::Lookup,
        );
        Locale(
            chosen
                .first()
                .map_or(FALLBACK.to_owned(), |l| l.to_string()),
        )
    }

    /// The first shipped language among `preferences`, or `default` when none is shipped
    /// (§4.2: the visitor's choice, else the browser's, else the account's language).
    pub fn negotiate_or<'a>(
        &self,
        preferences: impl IntoIterator<Item = &'a str>,
        default: &str,
    ) -> Locale {
        let requested: Vec<LanguageIdentifier> = preferences
            .into_iter()
            .filter_map(|p| p.trim().parse().ok())
            .collect();
        let chosen = negotiate_languages(
            &requested,
            &self.available,
            None,
            NegotiationStrategy::Lookup,
        );
        match chosen.first() {
            Some(lang) => Locale(lang.to_string()),
            None => self.negotiate([default]),
        }
    }

    /// The best shipped language for an `Accept-Language` header.
    pub fn negotiate_header(&self, choice: Option<&str>, accept_language: &str) -> Locale {
        let header: Vec<String> = fluent_langneg::accepted_languages::parse(accept_language)
            .iter()
            .map(ToString::to_string)
            .collect();
        self.negotiate(choice.into_iter().chain(header.iter().map(String::as_str)))
    }

    /// The message `key` in `locale`, falling back to English, then to the key itself so a
    /// missing message is visible rather than fatal.
    pub fn t(&self, locale: &Locale, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let fluent_args = (!args.is_empty()).then(|| {
            let mut fa = FluentArgs::new();
            for (name, value) in args {
                fa.set(*name, value.clone());
            }
            fa
        });
        for tag in [locale.as_str(), FALLBACK] {
            let Some(bundle) = self.bundles.get(tag) else {
                continue;
            };
            let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, fluent_args.as_ref(), &mut errors);
            if !errors.is_empty() {
                tracing::warn!(key, tag, ?errors, "message formatted with errors");
            }
            return text.into_owned();
        }
        tracing::warn!(key, "message missing from every catalog");
        key.to_owned()
    }

    /// The message ids a catalog defines; used to check that every language is complete.
    pub fn keys(&self, tag: &str) -> Vec<String> {
        let Some(folder) = LOCALES.get_dir(tag) else {
            return Vec::new();
        };
        let mut keys: Vec<String> = ftl_files(folder)
            .flat_map(|(_, text)| text.lines())
            .filter(|l| !l.starts_with([' ', '#', '-', '.']) && l.contains(" ="))
            .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_owned()))
            .collect();
        keys.sort();
        keys
    }
}

/// The Fluent files of one language folder, as (path, text).
fn ftl_files(folder: &'static Dir<'static>) -> impl Iterator<Item = (String, &'static str)> {
    folder
        .files()
        .filter(|f| f.path().extension().and_then(|e| e.to_str()) == Some("ftl"))
        .filter_map(|f| Some((f.path().display().to_string(), f.contents_utf8()?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_english_message() {
        let catalogs = Catalogs::load().unwrap();
        let english = catalogs.keys("en");
        assert!(english.len() > 20, "the English catalog looks empty");
        for lang in catalogs.languages() {
            let keys = catalogs.keys(&lang);
            let missing: Vec<_> = english.iter().filter(|k| !keys.contains(k)).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        }
    }

    #[test]
    fn the_four_shipped_languages_are_there() {
        let languages = Catalogs::load().unwrap().languages();
        for lang in ["cs", "de", "en", "fr"] {
            assert!(languages.iter().any(|l| l == lang), "{lang} missing");
        }
    }

    #[test]
    fn negotiation_follows_choice_then_browser_then_english() {
        let c = Catalogs::load().unwrap();
        let cases = [
            (None, "de-DE,de;q=0.9,en;q=0.8", "de"),
            (None, "cs-CZ,cs;q=0.9", "cs"),
            (None, "pl-PL,fr;q=0.5", "fr"),
            (None, "ja-JP", "en"),
            (None, "", "en"),
            (Some("fr"), "de-DE", "fr"),
            (Some("xx"), "cs", "cs"),
        ];
        for (choice, header, expected) in cases {
            assert_eq!(
                c.negotiate_header(choice, header).as_str(),
                expected,
                "{choice:?} {header}"
            );
        }
    }

    #[test]
    fn placeholders_are_filled_and_missing_keys_show_themselves() {
        let c = Catalogs::load().unwrap();
        let cs = Locale("cs".into());
        let text = c.t(&cs, "overview-agents-count", &[("count", 3.into())]);
        assert!(text.contains('3'), "{text}");
        assert_eq!(c.t(&cs, "no-such-message", &[]), "no-such-message");
    }
}
