# Frontdesk-Chatfenster (Widget) — Deutsch.
widget-open-chat = Chat öffnen
widget-close = Chat schließen
widget-menu = Weitere Optionen
widget-send = Senden
widget-input-label = Ihre Nachricht
widget-input-placeholder = Nachricht schreiben…
widget-messages-label = Chat-Nachrichten
widget-panel-label = Chat mit { $name }
widget-team-name = Support-Team
widget-online = Wir sind online
widget-offline = Wir sind gerade nicht erreichbar
widget-typing = { $name } schreibt…
widget-sending = Wird gesendet…
widget-failed = Noch nicht gesendet. Neuer Versuch…
widget-not-sent = Diese Nachricht konnte nicht gesendet werden.
widget-seen = Gelesen
widget-you = Sie
widget-unread = Ungelesene Nachrichten: { $count }

widget-offline-title = Hinterlassen Sie uns eine Nachricht
widget-offline-intro = Gerade ist niemand erreichbar. Hinterlassen Sie Ihre E-Mail-Adresse und Ihre Nachricht, wir melden uns bei Ihnen.
widget-offline-email = E-Mail
widget-offline-name = Name
widget-offline-message = Nachricht
widget-offline-submit = Nachricht senden
widget-offline-thanks = Vielen Dank! Wir antworten Ihnen so bald wie möglich an { $email }.

widget-prechat-title = Bevor wir beginnen
widget-prechat-intro = Bitte erzählen Sie uns kurz etwas über sich.
widget-prechat-name = Name
widget-prechat-email = E-Mail
widget-prechat-phone = Telefon
widget-prechat-submit = Chat starten

widget-end-chat = Chat beenden
widget-confirm-end = Möchten Sie diesen Chat wirklich beenden?
widget-confirm-yes = Ja, Chat beenden
widget-cancel = Abbrechen
widget-chat-ended = Der Chat wurde beendet.
widget-new-conversation = Neue Unterhaltung gestartet

widget-rating-title = Wie war Ihr Chat?
widget-rating-star = { $count } von 5
widget-rating-comment = Kommentar (optional)
widget-rating-submit = Bewertung senden
widget-rating-thanks = Vielen Dank für Ihr Feedback!
widget-rated = Vielen Dank für Ihre Bewertung.

widget-transcript-title = Eine Kopie dieses Chats per E-Mail erhalten
widget-transcript-email = E-Mail
widget-transcript-submit = Verlauf senden
widget-transcript-sent = Der Verlauf ist unterwegs an { $email }.

widget-agent-joined = { $name } ist dem Chat beigetreten
widget-agent-left = { $name } hat den Chat verlassen
widget-transferred = Der Chat wurde an { $name } übergeben.

widget-banned = Sie können in diesem Chat keine Nachrichten mehr senden.
widget-connection-lost = Verbindung unterbrochen.
widget-reconnecting = Verbindung wird wiederhergestellt…
widget-privacy-label = Datenschutzhinweis

widget-bot-name = Assistent
widget-choices-label = Wählen Sie eine Option
widget-handover = Der Chat wurde an das Team übergeben.
