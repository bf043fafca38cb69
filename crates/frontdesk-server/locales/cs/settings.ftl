# Frontdesk — čeština: nastavení chatbota (templates/chatbot_settings.html,
# static/chatbot_settings.js).

settings-title = Nastavení
settings-intro = Kdy se chatbot spustí, kde, pro koho a jak často. Bez pravidel běží na každé stránce pro všechny.
settings-save = Uložit nastavení
chatbots-notice-settings-saved = Nastavení bylo uloženo do konceptu.
chatbots-settings-refused = Nastavení nebylo uloženo. Nic z dříve uloženého se nezměnilo.

settings-when = Kdy
settings-trigger = Spustit chatbota
settings-trigger-page = Po chvíli na stránce
settings-trigger-scroll = Po posunutí stránky
settings-trigger-exit_intent = Když se návštěvník chystá odejít
settings-trigger-returning_visit = Po chvíli, při opakované návštěvě
settings-trigger-event = Při vlastní události z JavaScript API
settings-trigger-no_reply = Když návštěvník nedostane odpověď (bot se připojí)
settings-trigger-agent_closed = Když operátor chat zavře (bot ho dokončí)
settings-seconds = Sekundy
settings-percent = Procento stránky
settings-event-name = Název události
settings-trigger-hint-event = Vaše stránka ji vyvolá pomocí Frontdesk('event', 'nazev').
settings-trigger-hint-exit_intent = Na počítači: myš opustí okno horním okrajem. Na telefonu: rychlé posunutí zpět nahoru.
settings-trigger-hint-no_reply = Bot se připojí k otevřenému chatu, jehož návštěvník čeká na operátora tuto dobu (5 až 3600 sekund).
settings-trigger-hint-agent_closed = Bot převezme chat, když ho operátor zavře, například s krátkým dotazníkem.

settings-where = Kde
settings-where-empty = Na každé stránce.
settings-audience = Publikum
settings-audience-empty = Pro každého návštěvníka.
settings-combine = Platit musí
settings-combine-all = Všechna pravidla
settings-combine-any = Alespoň jedno pravidlo
settings-rule-add = Přidat pravidlo
settings-rule-remove = Odebrat
settings-rule-attribute = Co
settings-rule-var = Název proměnné
settings-rule-op = Podmínka
settings-rule-value = Hodnota

settings-attr-url = URL stránky
settings-attr-title = Název stránky
settings-attr-returning = Vracející se návštěvník
settings-attr-visit_count = Počet návštěv
settings-attr-referrer = Odkazující stránka
settings-attr-utm_source = UTM zdroj
settings-attr-utm_medium = UTM médium
settings-attr-utm_campaign = UTM kampaň
settings-attr-language = Jazyk
settings-attr-country = Země
settings-attr-device = Zařízení
settings-attr-group = Skupina návštěvníků
settings-attr-contact-name = Jméno kontaktu
settings-attr-contact-email = E-mail kontaktu
settings-attr-contact-phone = Telefon kontaktu
settings-attr-var = Proměnná

settings-op-eq = je
settings-op-not_eq = není
settings-op-contains = obsahuje
settings-op-not_contains = neobsahuje
settings-op-starts_with = začíná na
settings-op-not_starts_with = nezačíná na
settings-op-regex = odpovídá regulárnímu výrazu
settings-op-gt = je větší než
settings-op-gte = je alespoň
settings-op-lt = je menší než
settings-op-lte = je nejvýše

settings-value-true = Ano
settings-value-false = Ne
settings-device-desktop = Počítač
settings-device-mobile = Telefon

settings-scheduling = Plánování
settings-time-zone = Dny a časy platí v časovém pásmu účtu: { $zone }.
settings-office-hours = Jen v provozní době
settings-office-hours-now = Současná provozní doba
settings-office-hours-edit = Změnit provozní dobu
settings-days = Jen v tyto dny (nic nezaškrtnuto: každý den)
settings-hour-from = Od hodiny (0–23)
settings-hour-to = Do hodiny, bez ní (1–24)
settings-date-from = Od data
settings-date-to = Do data (včetně)

settings-behavior = Chování
settings-show-once_per_session = Zobrazit jednou za návštěvu
settings-show-once_per_visitor = Zobrazit jednou za návštěvníka
settings-show-every_page_view = Zobrazit při každém zobrazení stránky
settings-disable-text-field = Vypnout textové pole (jen tlačítka)
settings-never-during-chat = Chatbot se nikdy nespustí, dokud probíhá chat s operátorem.

settings-custom-title = Kde a pro koho
settings-custom-note = Tyto podmínky byly napsány ručně a do formuláře se nevejdou. Zůstávají beze změny; upravte je níže v dokumentu toku.

settings-error-attribute = „{ $detail }“ do této skupiny nepatří.
settings-error-hour = { $detail } není hodina dne (0 až 24).
settings-error-day = „{ $detail }“ není den v týdnu.
settings-error-date = „{ $detail }“ není datum.
settings-error-var-name = Zadejte název proměnné.
settings-error-unreadable = Nastavení se nepodařilo přečíst: { $detail }

# Formulář provozní doby na přehledu (templates/overview.html).
office-hours-change = Změnit provozní dobu
office-hours-help = Jeden řádek na den; více intervalů oddělte čárkami, například 09:00-12:00, 13:00-17:00. Den, kdy máte zavřeno, nechte prázdný.
office-hours-save = Uložit provozní dobu
office-hours-saved = Provozní doba byla uložena.
office-hours-time-zone = V časovém pásmu účtu: { $zone }.
office-hours-error-range = { $day }: „{ $interval }“ není interval; zapište ho jako 09:00-12:00.
office-hours-error-time = { $day }: „{ $interval }“ není čas; časy zapisujte jako HH:MM, od 00:00 do 24:00.
office-hours-error-backwards = { $day }: „{ $interval }“ končí dřív, než začíná (nebo je prázdný).
office-hours-error-overlap = { $day }: intervaly se překrývají.
