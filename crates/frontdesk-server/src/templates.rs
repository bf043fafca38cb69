//! HTML through minijinja with auto-escaping (every `.html` template escapes what it prints),
//! so visitor and agent text is always text. `t("key", name=value)` looks a message up in the
//! catalog of the page's `locale`.

use crate::i18n::{Catalogs, Locale};
use fluent_bundle::FluentValue;
use include_dir::{include_dir, Dir};
use minijinja::{value::Kwargs, Environment, State, Value};
use std::sync::Arc;

static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// The compiled templates.
pub struct Templates {
    env: Environment<'static>,
}

fn to_fluent(value: &Value) -> FluentValue<'static> {
    match value.as_i64() {
        Some(number) => FluentValue::from(number),
        None => FluentValue::from(value.to_string()),
    }
}

impl Templates {
    /// Compiles every embedded template; a broken one fails start-up with its name.
    pub fn load(catalogs: Arc<Catalogs>) -> anyhow::Result<Self> {
        let mut env = Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        for file in TEMPLATES.files() {
            let name = file.path().to_string_lossy().into_owned();
            let source = file
                .contents_utf8()
                .ok_or_else(|| anyhow::anyhow!("template {name} is not UTF-8"))?;
            env.add_template_owned(name.clone(), source.to_owned())
                .map_err(|e| anyhow::anyhow!("template {name}: {e}"))?;
        }
        env.add_function(
            "t",
            move |state: &State, key: &str, kwargs: Kwargs| -> Result<String, minijinja::Error> {
                let locale = state
                    .lookup("locale")
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_else(|| crate::i18n::FALLBACK.to_owned());
                let mut args = Vec::new();
                for name in kwargs.args() {
                    let value: Value = kwargs.get(name)?;
                    args.push((name, to_fluent(&value)));
                }
                kwargs.assert_all_used()?;
                Ok(catalogs.t(&Locale(locale), key, &args))
            },
        );
        Ok(Self { env })
    }

    /// Renders a template with its context.
    pub fn render(&self, name: &str, context: Value) -> Result<String, minijinja::Error> {
        self.env.get_template(name)?.render(context)
    }
}
