//! `{{variable}}` placeholders in bot texts.

use std::collections::BTreeMap;

/// Replaces `{{name}}` with the value of `name` (surrounding spaces allowed); unknown
/// names become empty, so a visitor never sees a raw placeholder.
pub fn render(template: &str, values: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        match after.find("}}") {
            Some(close) => {
                let name = after[..close].trim();
                if let Some(value) = values.get(name) {
                    out.push_str(value);
                }
                rest = &after[close + 2..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::render;
    use std::collections::BTreeMap;

    #[test]
    fn placeholders_are_filled_and_unknown_ones_vanish() {
        let values = BTreeMap::from([("name".to_owned(), "Jana".to_owned())]);
        let cases = [
            ("Hi {{name}}!", "Hi Jana!"),
            ("Hi {{ name }}!", "Hi Jana!"),
            ("Hi {{nobody}}!", "Hi !"),
            ("no placeholders", "no placeholders"),
            ("broken {{name", "broken {{name"),
            ("{{name}}{{name}}", "JanaJana"),
        ];
        for (template, expected) in cases {
            assert_eq!(render(template, &values), expected, "{template}");
        }
    }
}
