# Frontdesk — English. Every other catalog must define every message in this file.
app-name = Frontdesk
nav-label = Main menu
nav-overview = Overview
language-label = Language
language-apply = Apply
language-name-en = English
language-name-de = Deutsch
language-name-fr = Français
language-name-cs = Čeština
logout = Log out

login-title = Log in to the dashboard
login-failed = Wrong e-mail or password.
login-submit = Log in

field-email = E-mail
field-password = Password
field-name = Name
field-role = Role
field-state = State

role-owner = Owner
role-admin = Admin
role-agent = Agent
state-active = Active
state-inactive = Inactive
state-active-hint = An active agent can chat with visitors.
state-inactive-hint = An inactive agent can read history and statistics but cannot chat.

overview-title = Overview
overview-account = Account
overview-plan = Plan
overview-widget-key = Widget key
overview-domains = Allowed domains
overview-no-domains = none yet
overview-time-zone = Time zone
overview-language = Default language
overview-office-hours = Office hours
office-hours-closed = Closed
overview-agents-count = { $count ->
    [one] { $count } agent
   *[other] { $count } agents
}
day-mon = Monday
day-tue = Tuesday
day-wed = Wednesday
day-thu = Thursday
day-fri = Friday
day-sat = Saturday
day-sun = Sunday

agent-add-title = Add an agent
agent-add-submit = Add agent
agent-activate = Activate
agent-deactivate = Deactivate

error-title = Something is not right
error-back = Go back
error-login-required = Please log in first.
error-csrf = This form has expired. Reload the page and try again.
error-forbidden = Your role does not allow this.
error-not-found = There is nothing here, or it belongs to another account.
error-conflict = This value is already in use.
error-bad-form = The form was incomplete or too large.
error-internal = Something went wrong on our side. Nothing you had saved is lost; please try again.
error-name-length = A name must be 1 to 120 characters long.
error-email = That is not a valid e-mail address.
error-password-short = The password must be at least 10 characters long.
error-password-long = The password is too long.
error-role = Choose owner, admin or agent.
error-agent-state = Choose active or inactive.
error-time-zone = That time zone does not exist. Use a name like Europe/Prague.
error-language = That is not a language code. Use a code like en, de, fr or cs.
error-domain = That is not a domain name. Use a name like example.com or *.example.com.
error-office-hours = Office hours look like: mon-fri 09:00-17:00; sat 10:00-14:00

demo-title = Welcome to the demo shop
demo-shop-name = Demo shop
demo-open-dashboard = Open the dashboard
demo-intro = This page stands in for your website. The Frontdesk chat box appears on it, so you can chat with yourself: write here as a visitor and answer from the dashboard as an agent.
demo-product-1 = Ceramic mug
demo-product-2 = Linen apron
demo-product-3 = Tea sampler
demo-price = { $price } EUR
demo-widget-note = The chat box of the demo account is embedded on this page.
demo-no-account = No account exists yet: start the server once to create the demo account.

cli-demo-created = Created the demo account "{ $account }" and its owner.
cli-demo-login = Log in at { $url } with
cli-demo-email = e-mail:   { $email }
cli-demo-password = password: { $password }
cli-demo-once = This password is shown only once. Change it with: frontdesk agent set-password --email { $email }
cli-listening = Frontdesk is listening on { $url } (demo page: { $url }/demo, dashboard: { $url }/dashboard)
cli-stopped = Frontdesk has stopped.
cli-migrated = The database is up to date.
cli-account-created = Created account { $id } "{ $name }" with widget key { $key }.
cli-no-accounts = There are no accounts yet.
cli-agent-created = Created agent { $id } <{ $email }> with role { $role }.
cli-agent-password = Generated password (shown only once): { $password }
cli-no-agents = This account has no agents.
cli-password-set = The password of { $email } was changed and its sessions were ended.
cli-unknown-account = There is no account { $id }. List accounts with: frontdesk account list
cli-unknown-agent = There is no agent { $email } in account { $id }.

overview-snippet = Chat box code
overview-snippet-hint = Paste this code into every page of your website, just before </body>. The chat box works only on the allowed domains.
error-empty-message = The message is empty.
error-message-too-long = The message is longer than 4,000 characters.
error-tag = A tag must be 1 to 40 characters long.
error-rating = The rating must be a whole number from 1 to 5.
transcript-subject = Transcript of your chat
transcript-you = You
transcript-team = Team
offline-email-subject = New offline message from { $email }
handover-email-subject = A visitor ({ $email }) is waiting for the team
preview-title = Preview: { $name }
preview-intro = This page runs the chatbot's current draft in the real chat box. Nothing here counts as a chatbot conversation, and the draft is not published.
flow-blank-hello = Hello! How can I help you?
flow-blank-bye = Thank you, goodbye!
chatbot-copy-name = { $name } (copy)
auto-first-visit = Hello! Welcome to our shop. If you have any question, just write to us here.
auto-returning = Welcome back! Can we help you with anything today?
auto-busy = Sorry for the wait, we are busy right now. Leave us your e-mail address and we will reply there as soon as we can.
auto-offline = Nobody from the team is online right now. Leave us your e-mail address and we will get back to you.
cli-usage-summary = Plan { $plan }, period { $from } to { $renews }: { $used } of { $limit } chatbot conversations used, { $remaining } remaining.
cli-usage-unlimited = unlimited
overview-usage = Chatbot conversations
overview-usage-line = { $used } of { $limit } used this period, { $remaining } remaining. Renews on { $renews }.
quota-alert-80 = Your chatbot conversations are 80 % used this period
quota-alert-100 = You have used all chatbot conversations of this period: no chatbot starts until it renews
cli-plan-changed = Account { $id } is now on plan { $plan }.
