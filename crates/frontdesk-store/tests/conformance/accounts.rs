use frontdesk_core::{
    account::{AllowedDomain, DisplayName, Language, NewAccount, TimeZoneName},
    ids::AccountId,
    office_hours::OfficeHours,
};
use frontdesk_store::Store;

/// An account named `name` in Prague's time zone, speaking Czech.
pub fn new_account(name: &str) -> NewAccount {
    NewAccount {
        name: DisplayName::parse(name).unwrap(),
        allowed_domains: vec![
            AllowedDomain::parse("example.com").unwrap(),
            AllowedDomain::parse("*.example.org").unwrap(),
        ],
        time_zone: TimeZoneName::parse("Europe/Prague").unwrap(),
        default_language: Language::parse("cs").unwrap(),
        office_hours: OfficeHours::parse("mon-fri 08:00-12:00,13:00-16:30").unwrap(),
        plan: "PRO".into(),
    }
}

pub async fn an_account_reads_back_as_created(store: &dyn Store) {
    let created = store
        .create_account(&new_account("Acme s.r.o."), 1_700_000_000_000)
        .await
        .unwrap();
    let read = store.account(created.id).await.unwrap().unwrap();
    assert_eq!(read, created);
    assert_eq!(read.name.as_str(), "Acme s.r.o.");
    assert_eq!(read.time_zone.as_str(), "Europe/Prague");
    assert_eq!(read.default_language.as_str(), "cs");
    assert_eq!(
        read.office_hours.to_string(),
        "mon-fri 08:00-12:00,13:00-16:30"
    );
    assert_eq!(read.plan, "PRO");
    assert_eq!(read.created_at_ms, 1_700_000_000_000);
    assert!(read.allows_host("shop.example.org"));
    assert!(!read.allows_host("evil.com"));
    assert!(store
        .account(AccountId(created.id.0 + 100))
        .await
        .unwrap()
        .is_none());
}

pub async fn accounts_list_oldest_first_and_widget_keys_differ(store: &dyn Store) {
    let first = store
        .create_account(&new_account("First"), 1)
        .await
        .unwrap();
    let second = store
        .create_account(&new_account("Second"), 2)
        .await
        .unwrap();
    let listed = store.list_accounts().await.unwrap();
    assert_eq!(listed, vec![first.clone(), second.clone()]);
    assert_ne!(first.widget_key, second.widget_key);
    assert!(
        first.widget_key.len() >= 32,
        "widget keys must not be guessable"
    );
}

pub async fn an_account_is_found_by_its_widget_key_only(store: &dyn Store) {
    let account = store
        .create_account(&new_account("Keyed"), 1)
        .await
        .unwrap();
    let found = store
        .account_by_widget_key(&account.widget_key)
        .await
        .unwrap();
    assert_eq!(found.map(|a| a.id), Some(account.id));
    assert!(store.account_by_widget_key("nope").await.unwrap().is_none());
}

pub async fn office_hours_change_for_one_account_only(store: &dyn Store) {
    let first = store.create_account(&new_account("One"), 1).await.unwrap();
    let second = store.create_account(&new_account("Two"), 2).await.unwrap();
    let hours = frontdesk_core::office_hours::OfficeHours::parse(
        "mon-fri 08:00-12:00,13:00-17:00; sat 10:00-14:00",
    )
    .unwrap();
    store
        .set_account_office_hours(first.id, &hours)
        .await
        .unwrap();
    let read = store.account(first.id).await.unwrap().unwrap();
    assert_eq!(read.office_hours, hours);
    let other = store.account(second.id).await.unwrap().unwrap();
    assert_eq!(other.office_hours, second.office_hours);
}
