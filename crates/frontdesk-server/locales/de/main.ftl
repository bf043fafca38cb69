# Frontdesk — Deutsch.
app-name = Frontdesk
nav-label = Hauptmenü
nav-overview = Übersicht
language-label = Sprache
language-apply = Übernehmen
language-name-en = English
language-name-de = Deutsch
language-name-fr = Français
language-name-cs = Čeština
logout = Abmelden

login-title = Im Dashboard anmelden
login-failed = E-Mail oder Passwort ist falsch.
login-submit = Anmelden

field-email = E-Mail
field-password = Passwort
field-name = Name
field-role = Rolle
field-state = Status

role-owner = Inhaber
role-admin = Administrator
role-agent = Agent
state-active = Aktiv
state-inactive = Inaktiv
state-active-hint = Ein aktiver Agent kann mit Besuchern chatten.
state-inactive-hint = Ein inaktiver Agent kann Verlauf und Statistiken lesen, aber nicht chatten.

overview-title = Übersicht
overview-account = Konto
overview-plan = Tarif
overview-widget-key = Widget-Schlüssel
overview-domains = Erlaubte Domains
overview-no-domains = noch keine
overview-time-zone = Zeitzone
overview-language = Standardsprache
overview-office-hours = Geschäftszeiten
office-hours-closed = Geschlossen
overview-agents-count = { $count ->
    [one] { $count } Agent
   *[other] { $count } Agenten
}
day-mon = Montag
day-tue = Dienstag
day-wed = Mittwoch
day-thu = Donnerstag
day-fri = Freitag
day-sat = Samstag
day-sun = Sonntag

agent-add-title = Agent hinzufügen
agent-add-submit = Agent hinzufügen
agent-activate = Aktivieren
agent-deactivate = Deaktivieren

error-title = Etwas stimmt nicht
error-back = Zurück
error-login-required = Bitte melden Sie sich zuerst an.
error-csrf = Dieses Formular ist abgelaufen. Laden Sie die Seite neu und versuchen Sie es erneut.
error-forbidden = Ihre Rolle erlaubt das nicht.
error-not-found = Hier gibt es nichts, oder es gehört zu einem anderen Konto.
error-conflict = Dieser Wert wird bereits verwendet.
error-bad-form = Das Formular war unvollständig oder zu groß.
error-internal = Bei uns ist etwas schiefgegangen. Nichts Gespeichertes ging verloren; bitte versuchen Sie es erneut.
error-name-length = Ein Name muss 1 bis 120 Zeichen lang sein.
error-email = Das ist keine gültige E-Mail-Adresse.
error-password-short = Das Passwort muss mindestens 10 Zeichen lang sein.
error-password-long = Das Passwort ist zu lang.
error-role = Wählen Sie Inhaber, Administrator oder Agent.
error-agent-state = Wählen Sie aktiv oder inaktiv.
error-time-zone = Diese Zeitzone gibt es nicht. Verwenden Sie einen Namen wie Europe/Berlin.
error-language = Das ist kein Sprachcode. Verwenden Sie einen Code wie en, de, fr oder cs.
error-domain = Das ist kein Domainname. Verwenden Sie einen Namen wie example.com oder *.example.com.
error-office-hours = Geschäftszeiten sehen so aus: mon-fri 09:00-17:00; sat 10:00-14:00

demo-title = Willkommen im Demo-Shop
demo-shop-name = Demo-Shop
demo-open-dashboard = Dashboard öffnen
demo-intro = Diese Seite steht für Ihre Website. Hier erscheint die Frontdesk-Chatbox, damit Sie mit sich selbst chatten können: Schreiben Sie hier als Besucher und antworten Sie im Dashboard als Agent.
demo-product-1 = Keramikbecher
demo-product-2 = Leinenschürze
demo-product-3 = Teeprobierset
demo-price = { $price } EUR
demo-widget-note = Die Chatbox des Demo-Kontos ist in diese Seite eingebettet.
demo-no-account = Es gibt noch kein Konto: Starten Sie den Server einmal, um das Demo-Konto anzulegen.

cli-demo-created = Das Demo-Konto „{ $account }“ und sein Inhaber wurden angelegt.
cli-demo-login = Melden Sie sich an unter { $url } mit
cli-demo-email = E-Mail:   { $email }
cli-demo-password = Passwort: { $password }
cli-demo-once = Dieses Passwort wird nur einmal angezeigt. Ändern Sie es mit: frontdesk agent set-password --email { $email }
cli-listening = Frontdesk lauscht auf { $url } (Demo-Seite: { $url }/demo, Dashboard: { $url }/dashboard)
cli-stopped = Frontdesk wurde beendet.
cli-migrated = Die Datenbank ist auf dem neuesten Stand.
cli-account-created = Konto { $id } „{ $name }“ mit Widget-Schlüssel { $key } angelegt.
cli-no-accounts = Es gibt noch keine Konten.
cli-agent-created = Agent { $id } <{ $email }> mit der Rolle { $role } angelegt.
cli-agent-password = Erzeugtes Passwort (wird nur einmal angezeigt): { $password }
cli-no-agents = Dieses Konto hat keine Agenten.
cli-password-set = Das Passwort von { $email } wurde geändert und seine Sitzungen wurden beendet.
cli-unknown-account = Es gibt kein Konto { $id }. Konten auflisten mit: frontdesk account list
cli-unknown-agent = Im Konto { $id } gibt es keinen Agenten { $email }.

overview-snippet = Code der Chatbox
overview-snippet-hint = Fügen Sie diesen Code in jede Seite Ihrer Website ein, direkt vor </body>. Die Chatbox funktioniert nur auf den erlaubten Domains.
error-empty-message = Die Nachricht ist leer.
error-message-too-long = Die Nachricht ist länger als 4.000 Zeichen.
error-tag = Ein Schlagwort muss 1 bis 40 Zeichen lang sein.
error-rating = Die Bewertung muss eine ganze Zahl von 1 bis 5 sein.
transcript-subject = Verlauf Ihres Chats
transcript-you = Sie
transcript-team = Team
offline-email-subject = Neue Offline-Nachricht von { $email }
handover-email-subject = Ein Besucher ({ $email }) wartet auf das Team
preview-title = Vorschau: { $name }
preview-intro = Diese Seite führt den aktuellen Entwurf des Chatbots in der echten Chatbox aus. Nichts hier zählt als Chatbot-Konversation, und der Entwurf wird nicht veröffentlicht.
flow-blank-hello = Hallo! Wie kann ich Ihnen helfen?
flow-blank-bye = Vielen Dank, auf Wiedersehen!
chatbot-copy-name = { $name } (Kopie)
auto-first-visit = Hallo! Willkommen in unserem Shop. Wenn Sie eine Frage haben, schreiben Sie uns einfach hier.
auto-returning = Willkommen zurück! Können wir Ihnen heute bei etwas helfen?
auto-busy = Entschuldigen Sie die Wartezeit, wir sind gerade sehr beschäftigt. Hinterlassen Sie uns Ihre E-Mail-Adresse, dann antworten wir Ihnen dort so bald wie möglich.
auto-offline = Gerade ist niemand aus dem Team online. Hinterlassen Sie uns Ihre E-Mail-Adresse, dann melden wir uns bei Ihnen.
cli-usage-summary = Tarif { $plan }, Zeitraum { $from } bis { $renews }: { $used } von { $limit } Chatbot-Konversationen verbraucht, { $remaining } übrig.
cli-usage-unlimited = unbegrenzt
overview-usage = Chatbot-Konversationen
overview-usage-line = { $used } von { $limit } in diesem Zeitraum verbraucht, { $remaining } übrig. Verlängerung am { $renews }.
quota-alert-80 = 80 % Ihrer Chatbot-Konversationen sind in diesem Zeitraum verbraucht
quota-alert-100 = Alle Chatbot-Konversationen dieses Zeitraums sind verbraucht: Bis zur Verlängerung startet kein Chatbot
cli-plan-changed = Konto { $id } ist jetzt im Tarif { $plan }.
