# Chatovací okno Frontdesk (widget) — čeština.
widget-open-chat = Otevřít chat
widget-close = Zavřít chat
widget-menu = Další možnosti
widget-send = Odeslat
widget-input-label = Vaše zpráva
widget-input-placeholder = Napište zprávu…
widget-messages-label = Zprávy chatu
widget-panel-label = Chat – { $name }
widget-team-name = Tým podpory
widget-online = Jsme online
widget-offline = Momentálně nejsme k dispozici
widget-typing = { $name } píše…
widget-sending = Odesílá se…
widget-failed = Zatím neodesláno. Zkoušíme to znovu…
widget-not-sent = Tuto zprávu se nepodařilo odeslat.
widget-seen = Přečteno
widget-you = Vy
widget-unread = Nepřečtené zprávy: { $count }

widget-offline-title = Zanechte nám zprávu
widget-offline-intro = Právě tu nikdo není. Zanechte nám svůj e-mail a zprávu, ozveme se vám.
widget-offline-email = E-mail
widget-offline-name = Jméno
widget-offline-message = Zpráva
widget-offline-submit = Odeslat zprávu
widget-offline-thanks = Děkujeme! Odpovíme vám co nejdříve na { $email }.

widget-prechat-title = Než začneme
widget-prechat-intro = Řekněte nám prosím něco o sobě.
widget-prechat-name = Jméno
widget-prechat-email = E-mail
widget-prechat-phone = Telefon
widget-prechat-submit = Zahájit chat

widget-end-chat = Ukončit chat
widget-confirm-end = Opravdu chcete tento chat ukončit?
widget-confirm-yes = Ano, ukončit chat
widget-cancel = Zrušit
widget-chat-ended = Chat byl ukončen.
widget-new-conversation = Začala nová konverzace

widget-rating-title = Jak jste byli s chatem spokojeni?
widget-rating-star = { $count } z 5
widget-rating-comment = Komentář (nepovinný)
widget-rating-submit = Odeslat hodnocení
widget-rating-thanks = Děkujeme za zpětnou vazbu!
widget-rated = Děkujeme za hodnocení chatu.

widget-transcript-title = Pošleme vám kopii tohoto chatu e-mailem
widget-transcript-email = E-mail
widget-transcript-submit = Poslat přepis
widget-transcript-sent = Přepis chatu posíláme na { $email }.

widget-agent-joined = { $name } je nyní v chatu
widget-agent-left = { $name } už v chatu není
widget-transferred = Chat byl předán. Nyní vám odpovídá { $name }.

widget-banned = V tomto chatu už nemůžete posílat zprávy.
widget-connection-lost = Spojení bylo přerušeno.
widget-reconnecting = Znovu se připojujeme…
widget-privacy-label = Ochrana osobních údajů

widget-bot-name = Asistent
widget-choices-label = Vyberte možnost
widget-handover = Chat byl předán týmu.
