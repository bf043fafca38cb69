# Frontdesk — Deutsch: die Chatbot-Seiten (templates/chatbots.html, templates/chatbot_edit.html,
# static/chatbots.js).

nav-chatbots = Chatbots

chatbots-title = Chatbots
chatbots-intro = Passen mehrere aktivierte Chatbots zur Sprache und zu den Bedingungen eines Besuchers, startet der, der in dieser Liste am weitesten oben steht.
chatbots-readonly = Nur Inhaber und Administratoren können Chatbots ändern.
chatbots-empty = Es gibt noch keine Chatbots.
chatbots-empty-manage = Legen Sie den ersten unten aus einer Vorlage an.
chatbots-col-name = Name
chatbots-col-language = Sprache
chatbots-col-status = Status
chatbots-col-actions = Aktionen
chatbots-actions-label = Aktionen für { $name }

chatbots-enabled = Aktiviert
chatbots-disabled = Deaktiviert
chatbots-published = Veröffentlicht: Version { $version }
chatbots-not-published = Nicht veröffentlicht
chatbots-draft-differs = Unveröffentlichte Änderungen

chatbots-enable = Aktivieren
chatbots-disable = Deaktivieren
chatbots-move-up = Nach oben
chatbots-move-down = Nach unten
chatbots-move-up-label = { $name } nach oben verschieben
chatbots-move-down-label = { $name } nach unten verschieben
chatbots-duplicate = Duplizieren
chatbots-duplicate-label = { $name } duplizieren
chatbots-delete = Löschen
chatbots-delete-label = { $name } löschen
chatbots-delete-confirm = „{ $name }“ endgültig löschen? Das lässt sich nicht rückgängig machen.
chatbots-delete-submit = Ja, löschen

chatbots-new-title = Neuer Chatbot
chatbots-new-template = Vorlage
chatbots-new-language = Sprache
chatbots-new-name = Name (optional)
chatbots-new-name-placeholder = Name der Vorlage
chatbots-new-submit = Chatbot anlegen
chatbots-template-blank = Leer
chatbots-template-faq-menu = FAQ-Menü
chatbots-template-lead-capture = Kontakte gewinnen
chatbots-template-order-status = Bestellstatus

chatbots-back = Alle Chatbots
chatbots-language = Sprache
chatbots-status = Status
chatbots-preview = Im Chatfenster testen
chatbots-new-tab = (öffnet sich in einem neuen Tab)
chatbots-publish = Veröffentlichen
chatbots-publish-help = Beim Veröffentlichen wird der gespeicherte Entwurf zu der Version, die neue Gespräche verwenden. Bereits laufende Gespräche behalten ihre Version.
chatbots-publish-hint-save = Speichern Sie den Entwurf vor dem Veröffentlichen.
chatbots-publish-hint-errors = Beheben Sie die Fehler vor dem Veröffentlichen.
chatbots-publish-refused = Der Ablauf enthält Fehler; beheben Sie diese vor dem Veröffentlichen.

chatbots-document-label = Ablaufdokument (YAML oder JSON)
chatbots-document-help = Die Tabulatortaste fügt zwei Leerzeichen ein; drücken Sie Esc und dann Tab, um den Editor zu verlassen.
chatbots-save = Entwurf speichern
chatbots-unsaved = Ungespeicherte Änderungen
chatbots-leave-unsaved = Sie haben ungespeicherte Änderungen.
chatbots-check-running = Wird geprüft …
chatbots-check-done = Geprüft.
chatbots-check-failed = Das Dokument konnte gerade nicht geprüft werden. Speichern funktioniert trotzdem.
chatbots-check-expired = Ihre Sitzung ist abgelaufen. Kopieren Sie Ihre Änderungen und laden Sie die Seite dann neu.

chatbots-findings-title = Probleme
chatbots-findings-none = Keine Probleme gefunden.
chatbots-severity-error = Fehler
chatbots-severity-warning = Warnung
chatbots-find-node = Knoten { $node } im Dokument zeigen

chatbots-diagram-title = Diagramm
chatbots-diagram-label = Ablaufdiagramm (Knoten: { $count })
chatbots-diagram-empty = Das Diagramm erscheint, sobald das Ablaufdokument gelesen werden kann.
chatbots-diagram-stale = Das Dokument kann gerade nicht gelesen werden; das Diagramm zeigt die letzte lesbare Fassung.
chatbots-diagram-help = Klicken Sie auf ein Feld, um seinen Knoten im Dokument zu finden.
chatbots-start = Start
chatbots-legend = Knotenarten
chatbots-kind-message = Nachricht
chatbots-kind-buttons = Schaltflächen
chatbots-kind-collect = Abfrage
chatbots-kind-set = Setzen
chatbots-kind-condition = Bedingung
chatbots-kind-handover = Übergabe
chatbots-kind-end = Ende
chatbots-kind-goto = Sprung

chatbots-notice-created = Der Chatbot wurde angelegt.
chatbots-notice-saved = Der Entwurf wurde gespeichert.
chatbots-notice-published = Der Chatbot wurde veröffentlicht. Neue Gespräche verwenden diese Version.
chatbots-notice-deleted = Der Chatbot wurde gelöscht.
chatbots-notice-duplicated = Der Chatbot wurde dupliziert.
chatbots-notice-enabled = Der Chatbot wurde aktiviert.
chatbots-notice-disabled = Der Chatbot wurde deaktiviert.
chatbots-notice-moved = Die Reihenfolge wurde geändert.
