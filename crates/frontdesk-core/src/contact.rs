//! What a contact's details may hold (§1): the checks shared by the chatbot's data
//! collection and the API's contact updates, so both accept the same values.

use crate::ValidationError;
use std::collections::BTreeMap;

/// Most variables one contact keeps.
pub const MAX_VARIABLES: usize = 50;
const MAX_VARIABLE_NAME: usize = 40;
const MAX_VARIABLE_VALUE: usize = 1000;

/// A phone number as typed: digits with the usual separators, 6 to 20 digits. Kept as
/// written (trimmed), since people recognise their own formatting.
pub fn parse_phone(raw: &str) -> Result<String, ValidationError> {
    let phone = raw.trim();
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()./".contains(c));
    if allowed && (6..=20).contains(&digits) {
        Ok(phone.to_owned())
    } else {
        Err(ValidationError::Phone(raw.to_owned()))
    }
}

/// Checks one variable: a name of letters, digits, `-` or `_`, and a bounded value.
pub fn check_variable(name: &str, value: &str) -> Result<(), ValidationError> {
    let name_ok = (1..=MAX_VARIABLE_NAME).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if name_ok && value.chars().count() <= MAX_VARIABLE_VALUE && !value.contains('\0') {
        Ok(())
    } else {
        Err(ValidationError::Variable)
    }
}

/// Checks a whole set of variables, as a contact would keep it.
pub fn check_variables(variables: &BTreeMap<String, String>) -> Result<(), ValidationError> {
    if variables.len() > MAX_VARIABLES {
        return Err(ValidationError::Variable);
    }
    variables
        .iter()
        .try_for_each(|(name, value)| check_variable(name, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_keep_their_formatting_within_bounds() {
        for ok in [
            "+420 777 123 456",
            "(030) 123-4567",
            "123456",
            " 0800.123/45 ",
        ] {
            assert_eq!(parse_phone(ok).unwrap(), ok.trim(), "{ok:?}");
        }
        for bad in [
            "",
            "12345",
            "call me",
            "123456789012345678901",
            "+420 777 x",
        ] {
            assert!(parse_phone(bad).is_err(), "{bad:?} must be refused");
        }
    }

    #[test]
    fn variables_have_plain_names_and_bounded_values() {
        assert!(check_variable("order_id", "A-17").is_ok());
        assert!(check_variable("Bestellnummer-2", "").is_ok());
        for (name, value) in [("", "x"), ("with space", "x"), ("a.b", "x"), ("ok", "\0")] {
            assert!(check_variable(name, value).is_err(), "{name:?}={value:?}");
        }
        assert!(check_variable(&"n".repeat(41), "x").is_err());
        assert!(check_variable("n", &"v".repeat(1001)).is_err());
        let many: BTreeMap<String, String> =
            (0..51).map(|i| (format!("v{i}"), String::new())).collect();
        assert!(check_variables(&many).is_err());
    }
}
