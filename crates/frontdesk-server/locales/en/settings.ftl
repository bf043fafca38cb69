# Frontdesk — English: the chatbot settings panel (templates/chatbot_settings.html,
# static/chatbot_settings.js). Every other language defines the same messages.

settings-title = Settings
settings-intro = When the chatbot starts, where, for whom and how often. Without any rule it runs on every page for everyone.
settings-save = Save settings
chatbots-notice-settings-saved = The settings were saved to the draft.
chatbots-settings-refused = The settings were not saved. Nothing saved before has changed.

settings-when = When
settings-trigger = Start the chatbot
settings-trigger-page = After a delay on the page
settings-trigger-scroll = After scrolling down the page
settings-trigger-exit_intent = When the visitor is about to leave
settings-trigger-returning_visit = After a delay, on a returning visit
settings-trigger-event = On a custom event from the JavaScript API
settings-trigger-no_reply = When a visitor gets no agent reply (the bot joins)
settings-trigger-agent_closed = When an agent closes the chat (the bot finishes it)
settings-seconds = Seconds
settings-percent = Percent of the page
settings-event-name = Event name
settings-trigger-hint-event = Your page starts it with Frontdesk('event', 'name').
settings-trigger-hint-exit_intent = On a computer: the mouse leaves through the top of the window. On a phone: scrolling back up quickly.
settings-trigger-hint-no_reply = The bot joins an open chat whose visitor has waited this long (5 to 3600 seconds) for an agent.
settings-trigger-hint-agent_closed = The bot takes over when an agent closes a chat, for example with a short survey.

settings-where = Where
settings-where-empty = On every page.
settings-audience = Audience
settings-audience-empty = For every visitor.
settings-combine = Rules must hold
settings-combine-all = All of them
settings-combine-any = At least one
settings-rule-add = Add a rule
settings-rule-remove = Remove
settings-rule-attribute = What
settings-rule-var = Variable name
settings-rule-op = Test
settings-rule-value = Value

settings-attr-url = Page URL
settings-attr-title = Page title
settings-attr-returning = Returning visitor
settings-attr-visit_count = Number of visits
settings-attr-referrer = Referrer
settings-attr-utm_source = UTM source
settings-attr-utm_medium = UTM medium
settings-attr-utm_campaign = UTM campaign
settings-attr-language = Language
settings-attr-country = Country
settings-attr-device = Device
settings-attr-group = Visitor group
settings-attr-contact-name = Contact name
settings-attr-contact-email = Contact e-mail
settings-attr-contact-phone = Contact phone
settings-attr-var = Variable

settings-op-eq = is
settings-op-not_eq = is not
settings-op-contains = contains
settings-op-not_contains = does not contain
settings-op-starts_with = starts with
settings-op-not_starts_with = does not start with
settings-op-regex = matches the regular expression
settings-op-gt = is more than
settings-op-gte = is at least
settings-op-lt = is less than
settings-op-lte = is at most

settings-value-true = Yes
settings-value-false = No
settings-device-desktop = Computer
settings-device-mobile = Phone

settings-scheduling = Scheduling
settings-time-zone = Days and times are in the account's time zone: { $zone }.
settings-office-hours = Only during office hours
settings-office-hours-now = The office hours now
settings-office-hours-edit = Change the office hours
settings-days = Only on these days (none ticked: every day)
settings-hour-from = From hour (0–23)
settings-hour-to = Until before hour (1–24)
settings-date-from = From date
settings-date-to = Until date (included)

settings-behavior = Behavior
settings-show-once_per_session = Show once per visit
settings-show-once_per_visitor = Show once per visitor
settings-show-every_page_view = Show on every page view
settings-disable-text-field = Disable the text field (buttons only)
settings-never-during-chat = The chatbot never starts while a chat with an agent is going on.

settings-custom-title = Where and for whom
settings-custom-note = These conditions were written by hand and do not fit the form. They are kept as they are; change them in the flow document below.

settings-error-attribute = “{ $detail }” does not belong in this group.
settings-error-hour = { $detail } is not an hour of the day (0 to 24).
settings-error-day = “{ $detail }” is not a day of the week.
settings-error-date = “{ $detail }” is not a date.
settings-error-var-name = Give the variable's name.
settings-error-unreadable = The settings could not be read: { $detail }

# The office hours form on the overview (templates/overview.html).
office-hours-change = Change office hours
office-hours-help = One line per day; several intervals separated by commas, for example 09:00-12:00, 13:00-17:00. Leave a day empty when you are closed.
office-hours-save = Save office hours
office-hours-saved = The office hours were saved.
office-hours-time-zone = In the account's time zone: { $zone }.
office-hours-error-range = { $day }: “{ $interval }” is not an interval; write it as 09:00-12:00.
office-hours-error-time = { $day }: “{ $interval }” is not a time; write times as HH:MM, from 00:00 to 24:00.
office-hours-error-backwards = { $day }: “{ $interval }” ends before it starts (or is empty).
office-hours-error-overlap = { $day }: the intervals overlap.
