//! The language switcher: remembers a choice in a cookie and returns to the page.

use crate::{
    state::AppState,
    web::{cookie, LANG_COOKIE},
};
use axum::{
    extract::{Query, State},
    response::Redirect,
};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Choice {
    to: String,
    #[serde(default)]
    back: String,
}

/// Only a path on this site is a safe place to return to (no `//host` or `scheme:`).
fn local_path(back: &str) -> &str {
    if back.starts_with('/') && !back.starts_with("//") && !back.contains('\\') {
        back
    } else {
        "/dashboard"
    }
}

/// `GET /lang?to=cs&back=/dashboard`
pub async fn choose(
    State(state): State<AppState>,
    jar: CookieJar,
    Query(choice): Query<Choice>,
) -> (CookieJar, Redirect) {
    let locale = state.catalogs.negotiate([choice.to.as_str()]);
    let jar = jar.add(cookie(&state, LANG_COOKIE, locale.0));
    (jar, Redirect::to(local_path(&choice.back)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_local_paths_are_returned_to() {
        for (back, expected) in [
            ("/demo", "/demo"),
            ("//evil.com/x", "/dashboard"),
            ("https://evil.com", "/dashboard"),
            ("/\\evil.com", "/dashboard"),
            ("", "/dashboard"),
        ] {
            assert_eq!(super::local_path(back), expected);
        }
    }
}
