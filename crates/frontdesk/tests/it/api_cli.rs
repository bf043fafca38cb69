//! `frontdesk api-key`: a key is created with scopes, its token printed once, listed without
//! it, and revoked.

use crate::cli::{assert_one_clear_line, frontdesk, stdout};

#[test]
fn an_api_key_is_shown_once_listed_without_its_token_and_revoked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(frontdesk(d, &["account", "create", "--name", "Shop"], "")
        .status
        .success());
    let created = frontdesk(
        d,
        &[
            "api-key",
            "create",
            "--account",
            "1",
            "--name",
            "CRM sync",
            "--scope",
            "conversations:read",
            "--scope",
            "usage:read",
        ],
        "",
    );
    assert!(created.status.success(), "{created:?}");
    let text = stdout(&created);
    assert!(
        text.starts_with("Created API key 1 \"CRM sync\"."),
        "{text}"
    );
    let token = text
        .split_whitespace()
        .find(|w| w.starts_with("fdk_"))
        .expect("the token is printed");
    assert_eq!(token.len(), 4 + 64, "{token}");

    let listed = stdout(&frontdesk(d, &["api-key", "list", "--account", "1"], ""));
    assert!(
        listed.starts_with(&format!(
            "1\tCRM sync\t{}…\tconversations:read,usage:read\tactive",
            &token[..12]
        )),
        "{listed}"
    );
    assert!(!listed.contains(token), "the token is never shown again");

    let revoked = frontdesk(d, &["api-key", "revoke", "--account", "1", "--id", "1"], "");
    assert!(revoked.status.success(), "{revoked:?}");
    let listed = stdout(&frontdesk(d, &["api-key", "list", "--account", "1"], ""));
    assert!(listed.trim_end().ends_with("\trevoked"), "{listed}");
}

#[test]
fn api_key_mistakes_get_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(frontdesk(d, &["account", "create", "--name", "Shop"], "")
        .status
        .success());
    let create = |account: &str, scope: &str| {
        frontdesk(
            d,
            &[
                "api-key",
                "create",
                "--account",
                account,
                "--name",
                "K",
                "--scope",
                scope,
            ],
            "",
        )
    };
    assert_one_clear_line(
        &create("1", "conversations:delete"),
        "'conversations:delete' is not an API scope",
    );
    assert_one_clear_line(&create("7", "usage:read"), "There is no account 7");
    assert_one_clear_line(
        &frontdesk(d, &["api-key", "revoke", "--account", "1", "--id", "5"], ""),
        "There is no API key 5",
    );
}

#[test]
fn an_operator_key_is_shown_once_listed_and_revoked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let created = frontdesk(d, &["operator-key", "create", "--name", "Provisioning"], "");
    assert!(created.status.success(), "{created:?}");
    let text = stdout(&created);
    assert!(
        text.starts_with("Created operator key 1 \"Provisioning\"."),
        "{text}"
    );
    let token = text
        .split_whitespace()
        .find(|w| w.starts_with("fdo_"))
        .expect("the token is printed");
    let listed = stdout(&frontdesk(d, &["operator-key", "list"], ""));
    assert!(
        listed.starts_with(&format!("1\tProvisioning\t{}…\tactive", &token[..12])),
        "{listed}"
    );
    assert!(!listed.contains(token), "the token is never shown again");
    assert!(frontdesk(d, &["operator-key", "revoke", "--id", "1"], "")
        .status
        .success());
    let listed = stdout(&frontdesk(d, &["operator-key", "list"], ""));
    assert!(listed.trim_end().ends_with("\trevoked"), "{listed}");
    let unknown = frontdesk(d, &["operator-key", "revoke", "--id", "7"], "");
    assert_one_clear_line(&unknown, "no operator key 7");
}
