//! Table tests of the validator and the engine, and a property test that no sequence of
//! events panics or strands a visitor.

use super::*;
use proptest::prelude::*;

const FAQ: &str = include_str!("../../../../flows/templates/faq-menu.en.yaml");
const LEAD: &str = include_str!("../../../../flows/templates/lead-capture.en.yaml");
const ORDER: &str = include_str!("../../../../flows/templates/order-status.en.yaml");

fn flow(text: &str) -> Flow {
    Flow::parse(text).unwrap()
}

fn ctx(online: bool) -> FlowContext {
    FlowContext {
        agents_online: online,
        within_office_hours: online,
        language: "en".into(),
        ..FlowContext::default()
    }
}

fn click(node: &str, button: &str) -> BotEvent {
    BotEvent::ButtonClicked {
        node: node.into(),
        button: button.into(),
    }
}

fn typed(text: &str) -> BotEvent {
    BotEvent::VisitorTyped { text: text.into() }
}

/// Plays events from a fresh state; returns the final state and all actions.
fn play(flow: &Flow, events: &[BotEvent], ctx: &FlowContext) -> (BotState, Vec<Action>) {
    let mut state = BotState::default();
    let mut actions = Vec::new();
    for event in events {
        let next = step(flow, &state, event, ctx);
        state = next.state;
        actions.extend(next.actions);
    }
    (state, actions)
}

fn said(actions: &[Action]) -> Vec<String> {
    actions
        .iter()
        .filter_map(|a| match a {
            Action::Say { text, .. } => Some(text.clone()),
            Action::HandOver { text: Some(text) } | Action::End { text } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_shipped_english_templates_are_valid() {
    for text in [FAQ, LEAD, ORDER] {
        let findings = validate(&flow(text));
        assert!(findings.is_empty(), "{findings:?}");
    }
}

#[test]
fn validator_names_each_class_of_error() {
    let base = |nodes: &str| format!("version: 1\nlanguage: en\nstart: a\nnodes:\n{nodes}");
    let cases = [
        ("  a: {kind: message, text: Hi, next: ghost}", "a", "leads to 'ghost', which does not exist"),
        ("  a: {kind: end, text: Bye}\n  b: {kind: end, text: Bye}", "b", "never reached"),
        ("  a: {kind: message, text: Hi}", "a", "dead end"),
        ("  a: {kind: message, text: Hi, next: b}\n  b: {kind: goto, next: a}", "a", "loop without a way out"),
        ("  a: {kind: message, text: '', next: b}\n  b: {kind: end, text: Bye}", "a", "text is missing"),
        ("  a: {kind: buttons, text: Q, buttons: []}", "a", "needs 1 to 10 buttons"),
        (
            "  a: {kind: buttons, text: Q, buttons: [{id: x, label: X, next: b}, {id: x, label: Y, next: b}]}\n  b: {kind: end, text: Bye}",
            "a",
            "repeated",
        ),
        (
            "  a: {kind: condition, when: {attribute: agents_online, op: eq, value: 'yes'}, then: b, else: b}\n  b: {kind: end, text: Bye}",
            "a",
            "can never hold",
        ),
        (
            "  a: {kind: condition, when: {attribute: shoe_size, op: eq, value: 'x'}, then: b, else: b}\n  b: {kind: end, text: Bye}",
            "a",
            "unknown attribute",
        ),
        (
            "  a: {kind: collect, field: text, text: Q, retry: R, next: b}\n  b: {kind: end, text: Bye}",
            "a",
            "needs a `variable`",
        ),
        ("  a: {kind: set, tag: x, variable: y, next: b}\n  b: {kind: end, text: Bye}", "a", "exactly one"),
    ];
    for (nodes, node, message) in cases {
        let findings = validate(&flow(&base(nodes)));
        assert!(
            findings.iter().any(|f| f.severity == Severity::Error
                && f.node.as_deref() == Some(node)
                && f.message.contains(message)),
            "{nodes}\nexpected '{message}' on {node}, got {findings:#?}"
        );
    }
    let missing_start = validate(&flow(
        "version: 1\nlanguage: en\nstart: x\nnodes:\n  a: {kind: end, text: Bye}",
    ));
    assert!(missing_start
        .iter()
        .any(|f| f.message.contains("start node 'x'")));
}

#[test]
fn malformed_documents_are_refused_clearly() {
    let cases = [
        (
            "version: 1\nlanguage: en\nstart: a\nnodes:\n  a: {kind: teleport}",
            "unknown variant `teleport`",
        ),
        (
            "version: 2\nlanguage: en\nstart: a\nnodes: {}",
            "flow version 1",
        ),
        ("{\"version\": 1,", "not valid JSON"),
        ("nodes: [1, 2", "not valid YAML"),
        (
            "version: 1\nlanguage: en\nstart: a\nsurprise: 1\nnodes: {}",
            "unknown field `surprise`",
        ),
    ];
    for (text, message) in cases {
        let err = Flow::parse(text).unwrap_err().to_string();
        assert!(err.contains(message), "{text}: {err}");
    }
    let huge = format!(
        "version: 1\nlanguage: en\nstart: a\nnodes: {{}}\n#{}",
        "x".repeat(MAX_DOCUMENT_BYTES)
    );
    assert!(matches!(
        Flow::parse(&huge),
        Err(ParseError::TooLarge { .. })
    ));
}

#[test]
fn the_faq_answers_and_counts_the_first_click_once() {
    let faq = flow(FAQ);
    let (state, actions) = play(
        &faq,
        &[
            BotEvent::Triggered,
            click("welcome", "shipping"),
            click("more", "yes"),
        ],
        &ctx(true),
    );
    let texts = said(&actions);
    assert!(texts[0].starts_with("Hi! I am the shop assistant"));
    assert!(texts[1].starts_with("We ship within 2 working days"));
    assert_eq!(texts.last().unwrap(), "Glad I could help. Have a nice day!");
    assert_eq!(
        actions
            .iter()
            .filter(|a| **a == Action::CountInteraction)
            .count(),
        1
    );
    assert!(actions.iter().any(
        |a| matches!(a, Action::RecordChoice { node, button, label, .. }
        if node == "welcome" && button == "shipping" && label == "Shipping and delivery")
    ));
    assert!(state.finished && state.interacted);
}

#[test]
fn back_to_menu_shows_the_menu_again() {
    let faq = flow(FAQ);
    let (state, actions) = play(
        &faq,
        &[
            BotEvent::Triggered,
            click("welcome", "hours"),
            click("more", "menu"),
        ],
        &ctx(true),
    );
    assert_eq!(state.at.as_deref(), Some("welcome"));
    let menus = actions
        .iter()
        .filter(|a| matches!(a, Action::Say { node, .. } if node == "welcome"))
        .count();
    assert_eq!(menus, 2);
}

#[test]
fn handover_branches_on_agents_online_and_collects_an_email_otherwise() {
    let faq = flow(FAQ);
    let (online, actions) = play(
        &faq,
        &[BotEvent::Triggered, click("welcome", "person")],
        &ctx(true),
    );
    assert!(online.finished);
    assert!(
        matches!(actions.last(), Some(Action::HandOver { text: Some(t) }) if t.contains("passing you to a colleague"))
    );

    let events = [
        BotEvent::Triggered,
        click("welcome", "person"),
        typed("not-an-email"),
        typed("jana@example.com"),
    ];
    let (offline, actions) = play(&faq, &events, &ctx(false));
    assert!(offline.finished);
    let texts = said(&actions);
    assert!(texts
        .iter()
        .any(|t| t.contains("doesn't look like an e-mail")));
    assert!(actions.contains(&Action::SetContact {
        field: ContactField::Email,
        value: "jana@example.com".into()
    }));
    assert_eq!(
        texts.last().unwrap(),
        "Thank you! We will write to jana@example.com as soon as we are back."
    );
}

#[test]
fn typing_instead_of_clicking_escalates_without_counting() {
    let faq = flow(FAQ);
    let (state, actions) = play(
        &faq,
        &[BotEvent::Triggered, typed("I want a human")],
        &ctx(true),
    );
    assert!(state.finished && !state.interacted);
    assert_eq!(actions.last(), Some(&Action::HandOver { text: None }));
    assert!(!actions.contains(&Action::CountInteraction));
}

#[test]
fn stale_forged_and_late_events_change_nothing() {
    let faq = flow(FAQ);
    let started = step(&faq, &BotState::default(), &BotEvent::Triggered, &ctx(true)).state;
    for (event, why) in [
        (click("more", "yes"), "stale_button"),
        (click("welcome", "forged"), "unknown_button"),
        (click("nowhere", "x"), "stale_button"),
        (BotEvent::Triggered, "already_started"),
    ] {
        let result = step(&faq, &started, &event, &ctx(true));
        assert_eq!(result.outcome, Outcome::Rejected(why), "{event:?}");
        assert_eq!(result.state, started);
        assert!(result.actions.is_empty());
    }
    let stopped = step(&faq, &started, &BotEvent::AgentReplied, &ctx(true)).state;
    assert!(stopped.finished);
    let late = step(&faq, &stopped, &click("welcome", "shipping"), &ctx(true));
    assert_eq!(late.outcome, Outcome::Rejected("finished"));
    assert!(
        step(&faq, &started, &BotEvent::Timeout, &ctx(true))
            .state
            .finished
    );
}

#[test]
fn the_lead_flow_collects_tags_and_fills_placeholders() {
    let lead = flow(LEAD);
    let events = [
        BotEvent::Triggered,
        click("welcome", "yes"),
        typed("  "),
        typed("Jana Nováková"),
        typed("jana@example.com"),
        typed("A new website for our café"),
    ];
    let (state, actions) = play(&lead, &events, &ctx(true));
    assert!(actions.contains(&Action::SetTag("lead".into())));
    assert_eq!(
        state.variables.get("needs").map(String::as_str),
        Some("A new website for our café")
    );
    let texts = said(&actions);
    assert!(texts.contains(
        &"Thank you, Jana Nováková. Which e-mail address should the quote go to?".to_owned()
    ));
    assert!(
        matches!(actions.last(), Some(Action::HandOver { text: Some(t) }) if t.contains("jana@example.com")),
        "{actions:#?}"
    );
}

#[test]
fn repeated_invalid_answers_hand_over_instead_of_looping() {
    let lead = flow(LEAD);
    let events = [
        BotEvent::Triggered,
        click("welcome", "yes"),
        typed("Jana"),
        typed("x"),
        typed("y"),
        typed("z"),
    ];
    let (state, actions) = play(&lead, &events, &ctx(true));
    assert!(state.finished);
    assert_eq!(actions.last(), Some(&Action::HandOver { text: None }));
}

#[test]
fn a_runaway_loop_hands_over() {
    // A loop the validator would refuse; the engine must still not spin or strand anyone.
    let looping = flow("version: 1\nlanguage: en\nstart: a\nnodes:\n  a: {kind: goto, next: b}\n  b: {kind: goto, next: a}");
    let (state, actions) = play(&looping, &[BotEvent::Triggered], &ctx(true));
    assert!(state.finished);
    assert_eq!(actions, vec![Action::HandOver { text: None }]);
}

fn any_event() -> impl Strategy<Value = BotEvent> {
    let ids = prop::sample::select(vec![
        "welcome",
        "more",
        "ask_email",
        "ask_name",
        "nowhere",
        "yes",
        "menu",
        "person",
        "shipping",
        "status",
        "x",
    ]);
    prop_oneof![
        Just(BotEvent::Triggered),
        (ids.clone(), ids).prop_map(|(n, b)| BotEvent::ButtonClicked {
            node: n.into(),
            button: b.into()
        }),
        "[a-z@. ]{0,20}".prop_map(|t| BotEvent::VisitorTyped { text: t }),
        Just(BotEvent::AgentReplied),
        Just(BotEvent::Timeout),
    ]
}

proptest! {
    #[test]
    fn random_events_never_panic_or_strand_the_visitor(
        events in prop::collection::vec(any_event(), 0..30),
        online in any::<bool>(),
        which in 0usize..3,
    ) {
        let flow = flow([FAQ, LEAD, ORDER][which]);
        let mut state = BotState::default();
        for event in &events {
            state = step(&flow, &state, event, &ctx(online)).state;
            // Either the bot is done, or it waits on a question the visitor can answer.
            if !state.finished {
                if let Some(at) = &state.at {
                    let waits = matches!(flow.node(at), Some(Node::Buttons { .. } | Node::Collect { .. }));
                    prop_assert!(waits, "waiting at {at}, which asks nothing");
                }
            }
        }
    }
}

#[test]
fn simulating_the_faq_prints_the_whole_path() {
    let script = parse_script("click Shipping and delivery; click menu\nclick person").unwrap();
    let transcript = simulate(&flow(FAQ), &script, &ctx(true)).unwrap();
    let expected = "\
bot: Hi! I am the shop assistant. What can I help you with?
     [shipping] Shipping and delivery
     [returns] Returns
     [hours] Opening hours
     [person] Talk to a person
visitor clicks: Shipping and delivery
bot: We ship within 2 working days. Delivery in the EU takes 3–5 days and is free from 50 EUR.
bot: Did that answer your question?
     [yes] Yes, thanks
     [menu] Back to menu
     [person] Talk to a person
visitor clicks: Back to menu
bot: Hi! I am the shop assistant. What can I help you with?
     [shipping] Shipping and delivery
     [returns] Returns
     [hours] Opening hours
     [person] Talk to a person
visitor clicks: Talk to a person
bot: I'm passing you to a colleague. They will be with you in a moment.
-- handed over to the team
-- counted as a chatbot conversation
";
    assert_eq!(transcript, expected);
}

#[test]
fn scripts_with_mistakes_are_explained() {
    assert!(parse_script("dance").unwrap_err().contains("is not a step"));
    let err = simulate(
        &flow(FAQ),
        &parse_script("click nonsense").unwrap(),
        &ctx(true),
    )
    .unwrap_err();
    assert!(err.contains("no such button on 'welcome'"), "{err}");
}

#[test]
fn every_shipped_template_in_every_language_validates_and_plays_through() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../flows/templates");
    let scripts = [
        (
            "faq-menu",
            "click shipping; click person",
            "-- handed over to the team",
        ),
        (
            "lead-capture",
            "click yes; type Jana; type jana@example.com; type A website",
            "(tag: lead)",
        ),
        (
            "order-status",
            "click status; type 10234",
            "(order = 10234)",
        ),
    ];
    let mut played = 0;
    for lang in ["en", "de", "fr", "cs"] {
        for (name, script, expected) in scripts {
            let path = dir.join(format!("{name}.{lang}.yaml"));
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let flow = Flow::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(flow.language, lang, "{}", path.display());
            assert!(
                validate(&flow).is_empty(),
                "{}: {:?}",
                path.display(),
                validate(&flow)
            );
            let transcript = simulate(&flow, &parse_script(script).unwrap(), &ctx(true)).unwrap();
            assert!(
                transcript.contains(expected),
                "{}:\n{transcript}",
                path.display()
            );
            assert!(
                transcript.contains("-- handed over to the team"),
                "{}:\n{transcript}",
                path.display()
            );
            assert!(transcript.ends_with("-- counted as a chatbot conversation\n"));
            assert!(
                !transcript.contains("{{"),
                "a placeholder was left unfilled:\n{transcript}"
            );
            played += 1;
        }
    }
    assert_eq!(played, 12);
}

#[test]
fn the_published_json_schema_matches_the_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/flow.schema.json");
    let current = json_schema();
    if std::env::var("FRONTDESK_TEST_UPDATE_SCHEMA").is_ok() {
        std::fs::write(&path, &current).unwrap();
    }
    let published = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        published == current,
        "docs/flow.schema.json is out of date: run FRONTDESK_TEST_UPDATE_SCHEMA=1 cargo test -p frontdesk-core"
    );
    let schema: serde_json::Value = serde_json::from_str(&current).unwrap();
    let kinds = schema.to_string();
    for kind in [
        "message",
        "buttons",
        "collect",
        "set",
        "condition",
        "handover",
        "end",
        "goto",
    ] {
        assert!(
            kinds.contains(&format!("\"{kind}\"")),
            "{kind} missing from the schema"
        );
    }
}

#[test]
fn a_question_the_visitor_must_type_never_hides_the_text_field() {
    let text = "version: 1\nlanguage: en\nstart: ask\ndisable_text_field: true\nnodes:\n  ask: {kind: collect, field: email, text: Mail?, retry: Again?, next: done}\n  done: {kind: handover, text: Thanks}";
    let (_, actions) = play(
        &flow(text),
        &[BotEvent::Triggered, typed("nope")],
        &ctx(true),
    );
    let hidden: Vec<bool> = actions
        .iter()
        .filter_map(|a| match a {
            Action::Say {
                disable_text_field, ..
            } => Some(*disable_text_field),
            _ => None,
        })
        .collect();
    assert_eq!(
        hidden,
        [false, false],
        "question and retry keep the text field"
    );
}

#[test]
fn the_same_menu_asked_again_is_a_new_question() {
    let faq = flow(FAQ);
    let events = [
        BotEvent::Triggered,
        click("welcome", "hours"),
        click("more", "menu"),
        click("welcome", "returns"),
    ];
    let (_, actions) = play(&faq, &events, &ctx(true));
    let questions: Vec<(String, u64)> = actions
        .iter()
        .filter_map(|a| match a {
            Action::RecordChoice { node, question, .. } => Some((node.clone(), *question)),
            _ => None,
        })
        .collect();
    assert_eq!(
        questions,
        [
            ("welcome".into(), 1),
            ("more".into(), 2),
            ("welcome".into(), 3)
        ]
    );
}

#[test]
fn page_view_triggers_default_to_five_seconds_and_are_checked() {
    let doc = |trigger: &str| {
        format!(
            "version: 1\nlanguage: en\nstart: a\n{trigger}nodes:\n  a: {{kind: end, text: Bye}}\n"
        )
    };
    let plain = flow(&doc(""));
    assert_eq!(plain.trigger, Trigger::Page { seconds: 5 });
    assert_eq!(plain.behavior.show, ShowRule::OncePerSession);
    let scroll = flow(&doc(
        "trigger: {when: scroll, percent: 50}\nbehavior: {show: every_page_view}\n",
    ));
    assert_eq!(scroll.trigger, Trigger::Scroll { percent: 50 });
    assert_eq!(scroll.behavior.show, ShowRule::EveryPageView);
    assert!(flow(&doc("trigger: {when: event, name: pricing_viewed}\n"))
        .trigger
        .on_page_view());
    assert!(!flow(&doc("trigger: {when: agent_closed}\n"))
        .trigger
        .on_page_view());
    let refused = [
        (
            "trigger: {when: scroll, percent: 0}\n",
            "percentage from 1 to 100",
        ),
        (
            "trigger: {when: page, seconds: 7200}\n",
            "at most 3600 seconds",
        ),
        ("trigger: {when: event, name: ''}\n", "an event name"),
        (
            "trigger: {when: event, name: '<script>'}\n",
            "an event name",
        ),
        (
            "trigger: {when: no_reply, seconds: 1}\n",
            "5 to 3600 seconds",
        ),
    ];
    for (trigger, message) in refused {
        let findings = validate(&flow(&doc(trigger)));
        assert!(
            findings
                .iter()
                .any(|f| f.severity == Severity::Error && f.message.contains(message)),
            "{trigger}: {findings:?}"
        );
    }
    assert!(Flow::parse(&doc("trigger: {when: hover}\n")).is_err());
    assert!(Flow::parse(&doc("behavior: {show: twice}\n")).is_err());
}
