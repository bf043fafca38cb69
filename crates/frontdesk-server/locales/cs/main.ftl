# Frontdesk — čeština.
app-name = Frontdesk
nav-label = Hlavní nabídka
nav-overview = Přehled
language-label = Jazyk
language-apply = Použít
language-name-en = English
language-name-de = Deutsch
language-name-fr = Français
language-name-cs = Čeština
logout = Odhlásit se

login-title = Přihlášení do administrace
login-failed = Nesprávný e-mail nebo heslo.
login-submit = Přihlásit se

field-email = E-mail
field-password = Heslo
field-name = Jméno
field-role = Role
field-state = Stav

role-owner = Vlastník
role-admin = Správce
role-agent = Operátor
state-active = Aktivní
state-inactive = Neaktivní
state-active-hint = Aktivní operátor může chatovat s návštěvníky.
state-inactive-hint = Neaktivní operátor může číst historii a statistiky, ale nemůže chatovat.

overview-title = Přehled
overview-account = Účet
overview-plan = Tarif
overview-widget-key = Klíč widgetu
overview-domains = Povolené domény
overview-no-domains = zatím žádné
overview-time-zone = Časové pásmo
overview-language = Výchozí jazyk
overview-office-hours = Provozní doba
office-hours-closed = Zavřeno
overview-agents-count = { $count ->
    [one] { $count } operátor
    [few] { $count } operátoři
   *[other] { $count } operátorů
}
day-mon = Pondělí
day-tue = Úterý
day-wed = Středa
day-thu = Čtvrtek
day-fri = Pátek
day-sat = Sobota
day-sun = Neděle

agent-add-title = Přidat operátora
agent-add-submit = Přidat operátora
agent-activate = Aktivovat
agent-deactivate = Deaktivovat

error-title = Něco není v pořádku
error-back = Zpět
error-login-required = Nejprve se prosím přihlaste.
error-csrf = Platnost formuláře vypršela. Načtěte stránku znovu a zkuste to ještě jednou.
error-forbidden = Vaše role to neumožňuje.
error-not-found = Nic tu není, nebo to patří jinému účtu.
error-conflict = Tato hodnota se už používá.
error-bad-form = Formulář byl neúplný nebo příliš velký.
error-internal = Na naší straně se něco pokazilo. Nic uloženého se neztratilo; zkuste to prosím znovu.
error-name-length = Jméno musí mít 1 až 120 znaků.
error-email = Toto není platná e-mailová adresa.
error-password-short = Heslo musí mít alespoň 10 znaků.
error-password-long = Heslo je příliš dlouhé.
error-role = Zvolte vlastník, správce nebo operátor.
error-agent-state = Zvolte aktivní nebo neaktivní.
error-time-zone = Toto časové pásmo neexistuje. Použijte název jako Europe/Prague.
error-language = Toto není kód jazyka. Použijte kód jako en, de, fr nebo cs.
error-domain = Toto není název domény. Použijte název jako example.com nebo *.example.com.
error-office-hours = Provozní doba se zapisuje takto: mon-fri 09:00-17:00; sat 10:00-14:00

demo-title = Vítejte v ukázkovém obchodě
demo-shop-name = Ukázkový obchod
demo-open-dashboard = Otevřít administraci
demo-intro = Tato stránka zastupuje váš web. Objeví se na ní chatovací okno Frontdesku, takže si můžete psát sami se sebou: pište sem jako návštěvník a odpovídejte z administrace jako operátor.
demo-product-1 = Keramický hrnek
demo-product-2 = Lněná zástěra
demo-product-3 = Ochutnávka čajů
demo-price = { $price } EUR
demo-nav-shop = Obchod
demo-nav-pricing = Členství
demo-pricing-title = Členství v čajovém klubu
demo-pricing-intro = Každý měsíc balíček čerstvého čaje. Na této druhé stránce si můžete vyzkoušet chatboty, kteří se spouštějí jen na některých stránkách nebo až po vlastní události.
demo-plan-basic = Základ: jeden čaj měsíčně
demo-plan-club = Klub: tři čaje měsíčně
demo-compare-plans = Porovnat tarify
demo-widget-note = Chatovací okno ukázkového účtu je vložené do této stránky.
demo-no-account = Zatím neexistuje žádný účet: spusťte jednou server a ukázkový účet se vytvoří.

cli-demo-created = Byl vytvořen ukázkový účet „{ $account }“ a jeho vlastník.
cli-demo-login = Přihlaste se na { $url } pomocí
cli-demo-email = e-mail: { $email }
cli-demo-password = heslo:  { $password }
cli-demo-once = Toto heslo se zobrazí jen jednou. Změňte ho příkazem: frontdesk agent set-password --email { $email }
cli-listening = Frontdesk naslouchá na { $url } (ukázková stránka: { $url }/demo, administrace: { $url }/dashboard)
cli-stopped = Frontdesk se zastavil.
cli-migrated = Databáze je aktuální.
cli-account-created = Byl vytvořen účet { $id } „{ $name }“ s klíčem widgetu { $key }.
cli-no-accounts = Zatím neexistují žádné účty.
cli-agent-created = Byl vytvořen operátor { $id } <{ $email }> s rolí { $role }.
cli-agent-password = Vygenerované heslo (zobrazí se jen jednou): { $password }
cli-no-agents = Tento účet nemá žádné operátory.
cli-password-set = Heslo pro { $email } bylo změněno a jeho relace byly ukončeny.
cli-unknown-account = Účet { $id } neexistuje. Účty vypíšete příkazem: frontdesk account list
cli-unknown-agent = V účtu { $id } není operátor { $email }.
cli-api-key-created = Byl vytvořen klíč API { $id } „{ $name }“.
cli-api-key-token = Token (zobrazí se jen jednou; posílejte jej jako „Authorization: Bearer TOKEN“): { $token }
cli-api-key-name = Název klíče musí mít 1 až 100 znaků.
cli-no-api-keys = Tento účet nemá žádné klíče API.
cli-api-key-revoked = Klíč API { $id } je zneplatněn; požadavky s ním budou od teď odmítnuty.
cli-unknown-api-key = V tomto účtu není klíč API { $id }. Vypíšete je příkazem: frontdesk api-key list

overview-snippet = Kód chatovacího okna
overview-snippet-hint = Vložte tento kód do každé stránky svého webu, těsně před </body>. Chatovací okno funguje jen na povolených doménách.
error-empty-message = Zpráva je prázdná.
error-message-too-long = Zpráva je delší než 4 000 znaků.
error-tag = Štítek musí mít 1 až 40 znaků.
error-phone = Telefonní číslo smí obsahovat číslice, mezery a + - ( ) . / a potřebuje 6 až 20 číslic.
error-variable = Název proměnné musí mít 1 až 40 písmen, číslic, - nebo _, její hodnota nejvýše 1000 znaků a kontakt nejvýše 50 proměnných.
error-rating = Hodnocení musí být celé číslo od 1 do 5.
transcript-subject = Přepis vašeho chatu
transcript-you = Vy
transcript-team = Tým
offline-email-subject = Nová offline zpráva od { $email }
handover-email-subject = Návštěvník ({ $email }) čeká na tým
preview-title = Náhled: { $name }
preview-intro = Tato stránka spouští aktuální koncept chatbota ve skutečném chatovacím okně. Nic zde se nepočítá jako konverzace s chatbotem a koncept se nezveřejní.
flow-blank-hello = Dobrý den! Jak vám mohu pomoci?
flow-blank-bye = Děkujeme, na shledanou!
chatbot-copy-name = { $name } (kopie)
auto-first-visit = Dobrý den! Vítejte v našem obchodě. Pokud máte jakýkoli dotaz, napište nám sem.
auto-returning = Vítejte zpět! Můžeme vám dnes s něčím pomoci?
auto-busy = Omlouváme se za čekání, právě máme hodně práce. Nechte nám svůj e-mail a odpovíme vám co nejdříve.
auto-offline = Právě není nikdo z týmu online. Nechte nám svůj e-mail a ozveme se vám.
cli-usage-summary = Tarif { $plan }, období { $from } až { $renews }: využito { $used } z { $limit } konverzací s chatbotem, zbývá { $remaining }.
cli-usage-unlimited = neomezeně
overview-usage = Konverzace s chatbotem
overview-usage-line = V tomto období využito { $used } z { $limit }, zbývá { $remaining }. Obnoví se { $renews }.
quota-alert-80 = Využili jste 80 % konverzací s chatbotem v tomto období
quota-alert-100 = Využili jste všechny konverzace s chatbotem v tomto období: do obnovení se žádný chatbot nespustí
cli-plan-changed = Účet { $id } má nyní tarif { $plan }.
