# Frontdesk — čeština: stránky chatbotů (templates/chatbots.html, templates/chatbot_edit.html,
# static/chatbots.js).

nav-chatbots = Chatboti

chatbots-title = Chatboti
chatbots-intro = Když jazyku a podmínkám návštěvníka odpovídá více zapnutých chatbotů, spustí se ten, který je v tomto seznamu nejvýš.
chatbots-readonly = Chatboty mohou měnit jen vlastníci a administrátoři.
chatbots-empty = Zatím tu nejsou žádní chatboti.
chatbots-empty-manage = Vytvořte prvního ze šablony níže.
chatbots-col-name = Název
chatbots-col-language = Jazyk
chatbots-col-status = Stav
chatbots-col-actions = Akce
chatbots-actions-label = Akce pro { $name }

chatbots-enabled = Zapnutý
chatbots-disabled = Vypnutý
chatbots-published = Zveřejněno: verze { $version }
chatbots-not-published = Nezveřejněno
chatbots-draft-differs = Nezveřejněné změny

chatbots-enable = Zapnout
chatbots-disable = Vypnout
chatbots-move-up = Posunout výš
chatbots-move-down = Posunout níž
chatbots-move-up-label = Posunout { $name } výš
chatbots-move-down-label = Posunout { $name } níž
chatbots-duplicate = Zkopírovat
chatbots-duplicate-label = Zkopírovat { $name }
chatbots-delete = Smazat
chatbots-delete-label = Smazat { $name }
chatbots-delete-confirm = Opravdu trvale smazat „{ $name }“? Tento krok nelze vrátit.
chatbots-delete-submit = Ano, smazat

chatbots-new-title = Nový chatbot
chatbots-new-template = Začít od
chatbots-new-language = Jazyk
chatbots-new-name = Název (nepovinný)
chatbots-new-name-placeholder = Název šablony
chatbots-new-submit = Vytvořit chatbota
chatbots-template-blank = Prázdný
chatbots-template-faq-menu = Nabídka častých dotazů
chatbots-template-lead-capture = Získání kontaktu
chatbots-template-order-status = Stav objednávky

chatbots-back = Všichni chatboti
chatbots-language = Jazyk
chatbots-status = Stav
chatbots-preview = Vyzkoušet v chatovacím okně
chatbots-new-tab = (otevře se na nové kartě)
chatbots-publish = Zveřejnit
chatbots-publish-help = Zveřejněním se z uloženého konceptu stane verze, kterou použijí nové konverzace. Probíhající konverzace si ponechají svou verzi.
chatbots-publish-hint-save = Před zveřejněním koncept uložte.
chatbots-publish-hint-errors = Před zveřejněním opravte chyby.
chatbots-publish-refused = Scénář obsahuje chyby; před zveřejněním je opravte.

chatbots-document-label = Dokument scénáře (YAML nebo JSON)
chatbots-document-help = Klávesa Tab vloží dvě mezery; editor opustíte stiskem Esc a pak Tab.
chatbots-save = Uložit koncept
chatbots-unsaved = Neuložené změny
chatbots-leave-unsaved = Máte neuložené změny.
chatbots-check-running = Kontroluji…
chatbots-check-done = Zkontrolováno.
chatbots-check-failed = Dokument se teď nepodařilo zkontrolovat. Uložit ho ale můžete.
chatbots-check-expired = Vaše přihlášení vypršelo. Zkopírujte si změny a pak stránku načtěte znovu.

chatbots-findings-title = Problémy
chatbots-findings-none = Nenalezeny žádné problémy.
chatbots-severity-error = Chyba
chatbots-severity-warning = Upozornění
chatbots-find-node = Ukázat uzel { $node } v dokumentu

chatbots-diagram-title = Diagram
chatbots-diagram-label = Diagram scénáře (uzly: { $count })
chatbots-diagram-empty = Diagram se zobrazí, jakmile půjde dokument scénáře přečíst.
chatbots-diagram-stale = Dokument teď nejde přečíst; diagram ukazuje poslední čitelnou verzi.
chatbots-diagram-help = Kliknutím na blok najdete jeho uzel v dokumentu.
chatbots-start = Začátek
chatbots-legend = Druhy uzlů
chatbots-kind-message = Zpráva
chatbots-kind-buttons = Tlačítka
chatbots-kind-collect = Dotaz
chatbots-kind-set = Nastavení
chatbots-kind-condition = Podmínka
chatbots-kind-handover = Předání
chatbots-kind-end = Konec
chatbots-kind-goto = Skok

chatbots-notice-created = Chatbot byl vytvořen.
chatbots-notice-saved = Koncept byl uložen.
chatbots-notice-published = Chatbot byl zveřejněn. Nové konverzace používají tuto verzi.
chatbots-notice-deleted = Chatbot byl smazán.
chatbots-notice-duplicated = Chatbot byl zkopírován.
chatbots-notice-enabled = Chatbot byl zapnut.
chatbots-notice-disabled = Chatbot byl vypnut.
chatbots-notice-moved = Pořadí bylo změněno.
