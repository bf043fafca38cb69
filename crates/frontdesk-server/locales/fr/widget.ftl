# Fenêtre de chat Frontdesk (widget) — Français.
widget-open-chat = Ouvrir le chat
widget-close = Fermer le chat
widget-menu = Plus d’options
widget-send = Envoyer
widget-input-label = Votre message
widget-input-placeholder = Écrivez un message…
widget-messages-label = Messages du chat
widget-panel-label = Chat avec { $name }
widget-team-name = Équipe d’assistance
widget-online = Nous sommes en ligne
widget-offline = Nous sommes absents pour le moment
widget-typing = { $name } est en train d’écrire…
widget-sending = Envoi en cours…
widget-failed = Pas encore envoyé. Nouvelle tentative…
widget-not-sent = Ce message n’a pas pu être envoyé.
widget-seen = Lu
widget-you = Vous
widget-unread = Messages non lus : { $count }

widget-offline-title = Laissez-nous un message
widget-offline-intro = Personne n’est disponible pour le moment. Laissez votre adresse e-mail et votre message, nous vous répondrons.
widget-offline-email = E-mail
widget-offline-name = Nom
widget-offline-message = Message
widget-offline-submit = Envoyer le message
widget-offline-thanks = Merci ! Nous vous répondrons dès que possible à { $email }.

widget-prechat-title = Avant de commencer
widget-prechat-intro = Dites-nous-en un peu plus sur vous.
widget-prechat-name = Nom
widget-prechat-email = E-mail
widget-prechat-phone = Téléphone
widget-prechat-submit = Démarrer le chat

widget-end-chat = Terminer le chat
widget-confirm-end = Voulez-vous vraiment terminer ce chat ?
widget-confirm-yes = Oui, terminer le chat
widget-cancel = Annuler
widget-chat-ended = Le chat est terminé.
widget-new-conversation = Nouvelle conversation démarrée

widget-rating-title = Comment s’est passé ce chat ?
widget-rating-star = { $count } sur 5
widget-rating-comment = Commentaire (facultatif)
widget-rating-submit = Envoyer la note
widget-rating-thanks = Merci pour votre avis !
widget-rated = Merci d’avoir noté ce chat.

widget-transcript-title = Recevoir une copie de ce chat par e-mail
widget-transcript-email = E-mail
widget-transcript-submit = Envoyer la transcription
widget-transcript-sent = La transcription est en route vers { $email }.

widget-agent-joined = { $name } a rejoint le chat
widget-agent-left = { $name } a quitté le chat
widget-transferred = Le chat a été transféré à { $name }.

widget-banned = Vous ne pouvez plus envoyer de messages dans ce chat.
widget-connection-lost = Connexion perdue.
widget-reconnecting = Reconnexion…
widget-privacy-label = Avis de confidentialité

widget-bot-name = Assistant
widget-choices-label = Choisissez une option
widget-handover = La conversation a été transmise à l’équipe.
