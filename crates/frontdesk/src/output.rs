//! What the CLI tells the person at the terminal, from the message catalogs in the language
//! of the terminal's locale (`LC_ALL`, `LC_MESSAGES`, `LANG`).

use fluent_bundle::FluentValue;
use frontdesk_server::i18n::{Catalogs, Locale};

/// The catalogs and the terminal's language.
pub struct Output {
    catalogs: Catalogs,
    locale: Locale,
}

/// `de_DE.UTF-8` → `de-DE`; `C` and `POSIX` say nothing about a language.
fn posix_to_tag(value: &str) -> Option<String> {
    let base = value.split(['.', '@']).next()?.replace('_', "-");
    (!base.is_empty() && base != "C" && base != "POSIX").then_some(base)
}

impl Output {
    /// Loads the catalogs and picks the terminal's language.
    pub fn new() -> anyhow::Result<Self> {
        let catalogs = Catalogs::load().map_err(anyhow::Error::msg)?;
        let preference = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .find_map(|v| posix_to_tag(&v));
        let locale = catalogs.negotiate(preference.as_deref());
        Ok(Self { catalogs, locale })
    }

    /// A message, formatted.
    pub fn text(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.catalogs.t(&self.locale, key, args)
    }

    /// Prints a message on standard output. A closed standard output (a pipe whose reader
    /// went away) is not worth crashing a server over, so write errors are ignored.
    pub fn say(&self, key: &str, args: &[(&str, FluentValue<'_>)]) {
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), "{}", self.text(key, args));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn posix_locales_become_language_tags() {
        assert_eq!(super::posix_to_tag("de_DE.UTF-8").as_deref(), Some("de-DE"));
        assert_eq!(super::posix_to_tag("cs_CZ").as_deref(), Some("cs-CZ"));
        assert_eq!(super::posix_to_tag("C.UTF-8"), None);
        assert_eq!(super::posix_to_tag("POSIX"), None);
    }
}
