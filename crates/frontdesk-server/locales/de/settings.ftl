# Frontdesk — Deutsch: die Chatbot-Einstellungen (templates/chatbot_settings.html,
# static/chatbot_settings.js).

settings-title = Einstellungen
settings-intro = Wann der Chatbot startet, wo, für wen und wie oft. Ohne Regeln läuft er auf jeder Seite für alle.
settings-save = Einstellungen speichern
chatbots-notice-settings-saved = Die Einstellungen wurden im Entwurf gespeichert.
chatbots-settings-refused = Die Einstellungen wurden nicht gespeichert. Bereits Gespeichertes bleibt unverändert.

settings-when = Wann
settings-trigger = Chatbot starten
settings-trigger-page = Nach einer Wartezeit auf der Seite
settings-trigger-scroll = Nach dem Herunterscrollen
settings-trigger-exit_intent = Wenn der Besucher die Seite verlassen will
settings-trigger-returning_visit = Nach einer Wartezeit, bei einem erneuten Besuch
settings-trigger-event = Bei einem eigenen Ereignis aus der JavaScript-API
settings-trigger-no_reply = Wenn ein Besucher keine Antwort bekommt (der Bot springt ein)
settings-trigger-agent_closed = Wenn ein Mitarbeiter den Chat schließt (der Bot schließt ihn ab)
settings-seconds = Sekunden
settings-percent = Prozent der Seite
settings-event-name = Name des Ereignisses
settings-trigger-hint-event = Ihre Seite löst es mit Frontdesk('event', 'name') aus.
settings-trigger-hint-exit_intent = Am Computer: Die Maus verlässt das Fenster nach oben. Am Telefon: schnelles Zurückscrollen nach oben.
settings-trigger-hint-no_reply = Der Bot tritt einem offenen Chat bei, dessen Besucher so lange (5 bis 3600 Sekunden) auf einen Mitarbeiter gewartet hat.
settings-trigger-hint-agent_closed = Der Bot übernimmt, wenn ein Mitarbeiter einen Chat schließt, zum Beispiel mit einer kurzen Umfrage.

settings-where = Wo
settings-where-empty = Auf jeder Seite.
settings-audience = Zielgruppe
settings-audience-empty = Für jeden Besucher.
settings-combine = Es müssen gelten
settings-combine-all = Alle Regeln
settings-combine-any = Mindestens eine Regel
settings-rule-add = Regel hinzufügen
settings-rule-remove = Entfernen
settings-rule-attribute = Was
settings-rule-var = Name der Variable
settings-rule-op = Prüfung
settings-rule-value = Wert

settings-attr-url = URL der Seite
settings-attr-title = Titel der Seite
settings-attr-returning = Wiederkehrender Besucher
settings-attr-visit_count = Anzahl der Besuche
settings-attr-referrer = Verweisende Seite
settings-attr-utm_source = UTM-Quelle
settings-attr-utm_medium = UTM-Medium
settings-attr-utm_campaign = UTM-Kampagne
settings-attr-language = Sprache
settings-attr-country = Land
settings-attr-device = Gerät
settings-attr-group = Besuchergruppe
settings-attr-contact-name = Name des Kontakts
settings-attr-contact-email = E-Mail des Kontakts
settings-attr-contact-phone = Telefon des Kontakts
settings-attr-var = Variable

settings-op-eq = ist
settings-op-not_eq = ist nicht
settings-op-contains = enthält
settings-op-not_contains = enthält nicht
settings-op-starts_with = beginnt mit
settings-op-not_starts_with = beginnt nicht mit
settings-op-regex = passt zum regulären Ausdruck
settings-op-gt = ist größer als
settings-op-gte = ist mindestens
settings-op-lt = ist kleiner als
settings-op-lte = ist höchstens

settings-value-true = Ja
settings-value-false = Nein
settings-device-desktop = Computer
settings-device-mobile = Telefon

settings-scheduling = Zeitplan
settings-time-zone = Tage und Uhrzeiten gelten in der Zeitzone des Kontos: { $zone }.
settings-office-hours = Nur während der Geschäftszeiten
settings-office-hours-now = Die aktuellen Geschäftszeiten
settings-office-hours-edit = Geschäftszeiten ändern
settings-days = Nur an diesen Tagen (keiner angekreuzt: jeden Tag)
settings-hour-from = Ab Stunde (0–23)
settings-hour-to = Bis vor Stunde (1–24)
settings-date-from = Ab Datum
settings-date-to = Bis Datum (einschließlich)

settings-behavior = Verhalten
settings-show-once_per_session = Einmal pro Besuch zeigen
settings-show-once_per_visitor = Einmal pro Besucher zeigen
settings-show-every_page_view = Bei jedem Seitenaufruf zeigen
settings-disable-text-field = Textfeld ausblenden (nur Schaltflächen)
settings-never-during-chat = Der Chatbot startet nie, während ein Chat mit einem Mitarbeiter läuft.

settings-custom-title = Wo und für wen
settings-custom-note = Diese Bedingungen wurden von Hand geschrieben und passen nicht in das Formular. Sie bleiben unverändert; ändern Sie sie unten im Flow-Dokument.

settings-error-attribute = „{ $detail }“ gehört nicht in diese Gruppe.
settings-error-hour = { $detail } ist keine Stunde des Tages (0 bis 24).
settings-error-day = „{ $detail }“ ist kein Wochentag.
settings-error-date = „{ $detail }“ ist kein Datum.
settings-error-var-name = Geben Sie den Namen der Variable an.
settings-error-unreadable = Die Einstellungen konnten nicht gelesen werden: { $detail }

# Das Formular für die Geschäftszeiten in der Übersicht (templates/overview.html).
office-hours-change = Geschäftszeiten ändern
office-hours-help = Eine Zeile pro Tag; mehrere Zeiträume durch Kommas getrennt, zum Beispiel 09:00-12:00, 13:00-17:00. Lassen Sie einen Tag leer, wenn geschlossen ist.
office-hours-save = Geschäftszeiten speichern
office-hours-saved = Die Geschäftszeiten wurden gespeichert.
office-hours-time-zone = In der Zeitzone des Kontos: { $zone }.
office-hours-error-range = { $day }: „{ $interval }“ ist kein Zeitraum; schreiben Sie ihn als 09:00-12:00.
office-hours-error-time = { $day }: „{ $interval }“ ist keine Uhrzeit; schreiben Sie Uhrzeiten als HH:MM, von 00:00 bis 24:00.
office-hours-error-backwards = { $day }: „{ $interval }“ endet, bevor er beginnt (oder ist leer).
office-hours-error-overlap = { $day }: Die Zeiträume überschneiden sich.
