//! The plan catalog of §7.4: operator configuration with shipped defaults.

use serde::{Deserialize, Serialize};

/// One plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The code accounts refer to, e.g. `PRO`.
    pub code: String,
    /// Chatbot conversations included per month; `None` is unlimited.
    pub included: Option<i64>,
    /// The most a period may reach with add-ons.
    pub maximum: Option<i64>,
    /// Add-ons are bought in multiples of this.
    pub addon_step: i64,
    /// Agents allowed.
    pub agent_seats: i64,
    /// Feature flags such as `chatbot_conditions`, `statistics`, `webhooks`.
    #[serde(default)]
    pub features: Vec<String>,
}

impl Plan {
    /// The period limit with `addon_units` extra conversations, capped at the maximum.
    pub fn limit(&self, addon_units: i64) -> Option<i64> {
        let included = self.included?;
        let with_addons = included + addon_units.max(0);
        Some(
            self.maximum
                .map_or(with_addons, |max| with_addons.min(max.max(included))),
        )
    }
}

/// The operator's plans.
pub type PlanCatalog = Vec<Plan>;

fn plan(code: &str, included: Option<i64>, maximum: Option<i64>, step: i64, seats: i64) -> Plan {
    Plan {
        code: code.into(),
        included,
        maximum,
        addon_step: step,
        agent_seats: seats,
        features: vec![
            "chatbot_conditions".into(),
            "statistics".into(),
            "webhooks".into(),
        ],
    }
}

/// The shipped catalog (§7.4).
pub fn default_catalog() -> PlanCatalog {
    vec![
        Plan {
            features: Vec::new(),
            ..plan("FREE", Some(0), Some(0), 0, 1)
        },
        plan("SOLO", Some(100), Some(500), 100, 1),
        plan("PLUS", Some(500), Some(5_000), 500, 5),
        plan("EXPERT", Some(1_000), Some(10_000), 500, 20),
        plan("STANDARD", Some(100), Some(500), 100, 3),
        plan("PRO", Some(500), Some(10_000), 500, 10),
        plan("UNLIMITED", None, None, 0, 1_000),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(code: &str) -> Plan {
        default_catalog()
            .into_iter()
            .find(|p| p.code == code)
            .unwrap()
    }

    #[test]
    fn limits_add_addons_up_to_the_maximum() {
        let cases = [
            ("FREE", 0, Some(0)),
            ("SOLO", 0, Some(100)),
            ("SOLO", 300, Some(400)),
            ("SOLO", 1_000, Some(500)),
            ("PRO", 500, Some(1_000)),
            ("EXPERT", 20_000, Some(10_000)),
            ("UNLIMITED", 5, None),
        ];
        for (code, addons, expected) in cases {
            assert_eq!(find(code).limit(addons), expected, "{code} + {addons}");
        }
    }

    #[test]
    fn the_catalog_has_the_documented_figures() {
        let figures: Vec<(String, Option<i64>, Option<i64>, i64)> = default_catalog()
            .into_iter()
            .map(|p| (p.code, p.included, p.maximum, p.addon_step))
            .collect();
        assert_eq!(figures[1], ("SOLO".into(), Some(100), Some(500), 100));
        assert_eq!(figures[5], ("PRO".into(), Some(500), Some(10_000), 500));
        assert_eq!(figures[6], ("UNLIMITED".into(), None, None, 0));
    }
}
