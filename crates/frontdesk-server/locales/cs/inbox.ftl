# Frontdesk — čeština: schránka operátorů (templates/inbox.html, static/inbox.js).

inbox-title = Schránka
inbox-nav = Schránka
inbox-heading = Konverzace

inbox-presence-label = Můj stav
inbox-presence-online = Online
inbox-presence-away = Nepřítomen
inbox-presence-offline = Offline

inbox-filters-label = Zobrazit konverzace
inbox-filter-all = Vše
inbox-filter-bot = Bot
inbox-filter-open = Otevřené
inbox-filter-served = Obsloužené
inbox-filter-closed = Uzavřené
inbox-filter-mine = Moje
inbox-filter-unassigned = Nepřidělené
inbox-filter-count = Konverzace: { $count }

inbox-list-label = Seznam konverzací
inbox-list-loading = Načítám konverzace…
inbox-list-empty = Žádné konverzace.

inbox-status-bot = Bot
inbox-status-open = Otevřená
inbox-status-served = Obsloužená
inbox-status-closed = Uzavřená

inbox-visitor-anon = Návštěvník #{ $id }
inbox-assigned-to = Přiděleno: { $name }
inbox-agent-unknown = Operátor #{ $id }
inbox-agent-you = { $name } (vy)
inbox-agent-presence = { $name } ({ $presence })
inbox-unread-label = Nepřečtené zprávy: { $count }
inbox-important-label = Označeno jako důležité
inbox-no-messages = Zatím žádné zprávy

inbox-empty-title = Není vybrána žádná konverzace
inbox-empty-hint = Vyberte konverzaci ze seznamu, abyste si ji mohli přečíst a odpovědět.
inbox-back = Zpět na seznam
inbox-conversation-label = Konverzace
inbox-important = Důležité
inbox-close = Uzavřít
inbox-ban = Zablokovat návštěvníka
inbox-ban-confirm = Zablokovat tohoto návštěvníka? Už s vámi nebude moci chatovat a tato konverzace se uzavře.
inbox-assign-label = Přiděleno operátorovi
inbox-unassigned = Nepřiděleno

inbox-messages-label = Zprávy
inbox-new-messages = Nové zprávy
inbox-typing = Návštěvník píše…
inbox-note = Poznámka
inbox-bot-name = Bot
inbox-system-name = Systém
inbox-sending = Odesílám…
inbox-not-delivered = Zatím nedoručeno.
inbox-retry = Zkusit znovu
inbox-discard = Zahodit

inbox-event-joined = { $detail } se připojil(a) ke konverzaci
inbox-event-left = { $detail } opustil(a) konverzaci
inbox-event-transferred = Předáno operátorovi: { $detail }
inbox-event-tagged = Štítek: { $detail }
inbox-event-closed = Konverzace byla uzavřena
inbox-event-rated = Hodnocení: { $detail }
inbox-event-handover = Chatbot předal konverzaci operátorům

inbox-reply-label = Odpověď
inbox-reply-placeholder = Napište odpověď. Enter odešle, Shift+Enter vloží nový řádek.
inbox-note-placeholder = Napište interní poznámku. Návštěvníci ji nikdy neuvidí.
inbox-reply-note = Interní poznámka
inbox-reply-send = Odeslat
inbox-closed-notice = Tato konverzace je uzavřená, interní poznámky do ní ale přidávat můžete. Nová zpráva od návštěvníka založí novou konverzaci.
inbox-inactive-notice = Váš účet operátora je neaktivní: konverzace můžete číst, ale nemůžete odpovídat.

inbox-visitor-label = Údaje o návštěvníkovi
inbox-visitor-empty = Zde se zobrazí údaje o návštěvníkovi.
inbox-visitor-online = Právě na webu
inbox-visitor-gone = Není na webu
inbox-visitor-banned = Zablokován
inbox-visitor-current-page = Aktuální stránka
inbox-visitor-pages = Navštívené stránky
inbox-visitor-no-pages = Zatím žádné stránky.
inbox-visitor-language = Jazyk
inbox-visitor-device = Zařízení
inbox-visitor-visits = Návštěvy
inbox-visitor-group = Skupina
inbox-visitor-variables = Informace o zákazníkovi
inbox-visitor-no-variables = Žádné informace o zákazníkovi.
inbox-visitor-contact = Kontakt
inbox-visitor-name = Jméno
inbox-visitor-email = E-mail
inbox-visitor-phone = Telefon
inbox-visitor-past = Předchozí konverzace
inbox-visitor-no-past = Žádné předchozí konverzace.
inbox-device-desktop = Počítač
inbox-device-mobile = Mobil
inbox-unknown = neznámé

inbox-tags = Štítky
inbox-no-tags = Zatím žádné štítky.
inbox-tag-input = Nový štítek
inbox-tag-add = Přidat štítek
inbox-remove-tag = Odebrat štítek { $tag }

inbox-conn-connecting = Připojuji…
inbox-conn-reconnecting = Znovu se připojuji…
inbox-conn-ended = Vaše přihlášení vypršelo.
inbox-conn-login = Přihlásit se znovu

inbox-error-malformed = Server nerozuměl požadavku. Pokud se to opakuje, načtěte stránku znovu.
inbox-error-too-long = Zpráva je příliš dlouhá: nejvýše 4 000 znaků.
inbox-error-rate-limited = Odesíláte příliš rychle. Neodeslané zprávy se za chvíli odešlou znovu.
inbox-error-not-allowed = To v této konverzaci není povoleno.
inbox-error-unknown-type = Server tento požadavek nezná. Načtěte stránku znovu, abyste měli aktuální verzi.
inbox-error-generic = Něco se pokazilo. Zkuste to prosím znovu.
inbox-filter-chatbot = Připojil se chatbot
inbox-joined-by-chatbot = Připojil se chatbot
