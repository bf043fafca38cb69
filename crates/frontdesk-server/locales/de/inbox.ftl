# Frontdesk — Deutsch: der Posteingang der Agenten (templates/inbox.html, static/inbox.js).

inbox-title = Posteingang
inbox-nav = Posteingang
inbox-heading = Unterhaltungen

inbox-presence-label = Mein Status
inbox-presence-online = Online
inbox-presence-away = Abwesend
inbox-presence-offline = Offline

inbox-filters-label = Unterhaltungen anzeigen
inbox-filter-all = Alle
inbox-filter-bot = Bot
inbox-filter-open = Offen
inbox-filter-served = Bedient
inbox-filter-closed = Geschlossen
inbox-filter-mine = Meine
inbox-filter-unassigned = Nicht zugewiesen
inbox-filter-count = Unterhaltungen: { $count }

inbox-list-label = Liste der Unterhaltungen
inbox-list-loading = Unterhaltungen werden geladen …
inbox-list-empty = Hier gibt es keine Unterhaltungen.

inbox-status-bot = Bot
inbox-status-open = Offen
inbox-status-served = Bedient
inbox-status-closed = Geschlossen

inbox-visitor-anon = Besucher #{ $id }
inbox-assigned-to = Zugewiesen an { $name }
inbox-agent-unknown = Agent #{ $id }
inbox-agent-you = { $name } (Sie)
inbox-agent-presence = { $name } ({ $presence })
inbox-unread-label = Ungelesene Nachrichten: { $count }
inbox-important-label = Als wichtig markiert
inbox-no-messages = Noch keine Nachrichten

inbox-empty-title = Keine Unterhaltung ausgewählt
inbox-empty-hint = Wählen Sie links eine Unterhaltung aus, um sie zu lesen und zu antworten.
inbox-back = Zurück zur Liste
inbox-conversation-label = Unterhaltung
inbox-important = Wichtig
inbox-close = Schließen
inbox-ban = Besucher sperren
inbox-ban-confirm = Diesen Besucher sperren? Er kann dann nicht mehr mit Ihnen chatten, und diese Unterhaltung wird geschlossen.
inbox-assign-label = Zugewiesen an
inbox-unassigned = Nicht zugewiesen

inbox-messages-label = Nachrichten
inbox-new-messages = Neue Nachrichten
inbox-typing = Besucher schreibt …
inbox-note = Notiz
inbox-bot-name = Bot
inbox-system-name = System
inbox-sending = Wird gesendet …
inbox-not-delivered = Noch nicht zugestellt.
inbox-retry = Erneut senden
inbox-discard = Verwerfen

inbox-event-joined = { $detail } ist der Unterhaltung beigetreten
inbox-event-left = { $detail } hat die Unterhaltung verlassen
inbox-event-transferred = Weitergeleitet an { $detail }
inbox-event-tagged = Markiert mit: { $detail }
inbox-event-closed = Die Unterhaltung wurde geschlossen
inbox-event-rated = Bewertung: { $detail }
inbox-event-handover = Der Chatbot hat die Unterhaltung an das Team übergeben

inbox-reply-label = Antwort
inbox-reply-placeholder = Antwort schreiben. Eingabetaste sendet, Umschalt+Eingabetaste beginnt eine neue Zeile.
inbox-note-placeholder = Interne Notiz schreiben. Besucher sehen sie nie.
inbox-reply-note = Interne Notiz
inbox-reply-send = Senden
inbox-closed-notice = Diese Unterhaltung ist geschlossen: Sie können weiterhin interne Notizen hinzufügen. Eine neue Nachricht des Besuchers beginnt eine neue Unterhaltung.
inbox-inactive-notice = Ihr Konto ist inaktiv: Sie können Unterhaltungen lesen, aber nicht antworten.

inbox-visitor-label = Angaben zum Besucher
inbox-visitor-empty = Hier erscheinen Angaben zum Besucher.
inbox-visitor-online = Gerade auf der Website
inbox-visitor-gone = Nicht auf der Website
inbox-visitor-banned = Gesperrt
inbox-visitor-current-page = Aktuelle Seite
inbox-visitor-pages = Besuchte Seiten
inbox-visitor-no-pages = Noch keine Seiten.
inbox-visitor-language = Sprache
inbox-visitor-device = Gerät
inbox-visitor-visits = Besuche
inbox-visitor-group = Gruppe
inbox-visitor-variables = Kundeninfos
inbox-visitor-no-variables = Keine Kundeninfos.
inbox-visitor-contact = Kontakt
inbox-visitor-name = Name
inbox-visitor-email = E-Mail
inbox-visitor-phone = Telefon
inbox-visitor-past = Frühere Unterhaltungen
inbox-visitor-no-past = Keine früheren Unterhaltungen.
inbox-device-desktop = Computer
inbox-device-mobile = Mobilgerät
inbox-unknown = unbekannt

inbox-tags = Schlagwörter
inbox-no-tags = Noch keine Schlagwörter.
inbox-tag-input = Neues Schlagwort
inbox-tag-add = Schlagwort hinzufügen
inbox-remove-tag = Schlagwort { $tag } entfernen

inbox-conn-connecting = Verbindung wird aufgebaut …
inbox-conn-reconnecting = Verbindung wird wiederhergestellt …
inbox-conn-ended = Ihre Sitzung ist abgelaufen.
inbox-conn-login = Erneut anmelden

inbox-error-malformed = Der Server hat eine Anfrage nicht verstanden. Laden Sie die Seite neu, wenn das wieder passiert.
inbox-error-too-long = Die Nachricht ist zu lang: höchstens 4.000 Zeichen.
inbox-error-rate-limited = Sie senden zu schnell. Nicht gesendete Nachrichten werden gleich erneut gesendet.
inbox-error-not-allowed = Das ist in dieser Unterhaltung nicht erlaubt.
inbox-error-unknown-type = Der Server kennt diese Anfrage nicht. Laden Sie die Seite neu, um die aktuelle Version zu erhalten.
inbox-error-generic = Etwas ist schiefgelaufen. Bitte versuchen Sie es noch einmal.
inbox-filter-chatbot = Von Chatbot beigetreten
inbox-joined-by-chatbot = Von Chatbot beigetreten
