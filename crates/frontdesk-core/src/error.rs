//! Validation failures, carrying a message-catalog id so every surface can localize them.

/// Why a value from the outside was refused. `code()` is the id of its message in the catalogs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    #[error("the name must be 1 to {max} characters")]
    NameLength { max: usize },
    #[error("'{0}' is not a valid e-mail address")]
    Email(String),
    #[error("the password must be at least {min} characters")]
    PasswordTooShort { min: usize },
    #[error("the password must be at most {max} characters")]
    PasswordTooLong { max: usize },
    #[error("'{0}' is not a role (use owner, admin or agent)")]
    Role(String),
    #[error("'{0}' is not an agent state (use active or inactive)")]
    AgentState(String),
    #[error("'{0}' is not a time zone of the IANA database (e.g. Europe/Prague)")]
    TimeZone(String),
    #[error("'{0}' is not a language tag (e.g. en, de, fr, cs)")]
    Language(String),
    #[error("'{0}' is not a domain name (e.g. example.com or *.example.com)")]
    Domain(String),
    #[error("office hours: {0}")]
    OfficeHours(String),
    #[error("'{0}' is not a known value here")]
    Status(String),
    #[error("the message is empty")]
    EmptyMessage,
    #[error("the text contains a NUL character")]
    NulCharacter,
    #[error("the message is longer than {max} characters")]
    MessageTooLong { max: usize },
    #[error("a client id must be 1 to 64 printable ASCII characters")]
    ClientId,
    #[error("a tag must be 1 to 40 characters")]
    Tag,
    #[error("'{0}' is not an API scope (e.g. conversations:read)")]
    Scope(String),
    #[error("the rating must be a whole number from 1 to 5")]
    Rating,
    #[error("'{0}' is not a phone number (6 to 20 digits; spaces and + - ( ) . / allowed)")]
    Phone(String),
    #[error("a variable name must be 1 to 40 letters, digits, - or _, its value at most 1000 characters, at most 50 variables")]
    Variable,
    #[error("a webhook URL must be an http or https address of at most {max} characters")]
    WebhookUrl { max: usize },
    #[error("'{0}' is not a webhook event (e.g. message.created, or * for all)")]
    WebhookEvent(String),
    #[error("a description must be at most {max} characters")]
    DescriptionLength { max: usize },
}

impl ValidationError {
    /// The message-catalog id that explains this error to a person.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NameLength { .. } => "error-name-length",
            Self::Email(_) => "error-email",
            Self::PasswordTooShort { .. } => "error-password-short",
            Self::PasswordTooLong { .. } => "error-password-long",
            Self::Role(_) => "error-role",
            Self::AgentState(_) => "error-agent-state",
            Self::TimeZone(_) => "error-time-zone",
            Self::Language(_) => "error-language",
            Self::Domain(_) => "error-domain",
            Self::OfficeHours(_) => "error-office-hours",
            Self::Status(_) => "error-bad-form",
            Self::EmptyMessage => "error-empty-message",
            Self::NulCharacter => "error-bad-form",
            Self::MessageTooLong { .. } => "error-message-too-long",
            Self::ClientId => "error-bad-form",
            Self::Tag => "error-tag",
            Self::Scope(_) => "error-bad-form",
            Self::Rating => "error-rating",
            Self::Phone(_) => "error-phone",
            Self::Variable => "error-variable",
            Self::WebhookUrl { .. } => "error-webhook-url",
            Self::WebhookEvent(_) => "error-webhook-event",
            Self::DescriptionLength { .. } => "error-description-length",
        }
    }
}
