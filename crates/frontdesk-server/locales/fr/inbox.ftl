# Frontdesk — français : la boîte de réception des agents (templates/inbox.html, static/inbox.js).

inbox-title = Boîte de réception
inbox-nav = Boîte de réception
inbox-heading = Conversations

inbox-presence-label = Mon statut
inbox-presence-online = En ligne
inbox-presence-away = Absent
inbox-presence-offline = Hors ligne

inbox-filters-label = Afficher les conversations
inbox-filter-all = Toutes
inbox-filter-bot = Bot
inbox-filter-open = Ouvertes
inbox-filter-served = Prises en charge
inbox-filter-closed = Fermées
inbox-filter-mine = Les miennes
inbox-filter-unassigned = Non attribuées
inbox-filter-count = Conversations : { $count }

inbox-list-label = Liste des conversations
inbox-list-loading = Chargement des conversations…
inbox-list-empty = Aucune conversation ici.

inbox-status-bot = Bot
inbox-status-open = Ouverte
inbox-status-served = Prise en charge
inbox-status-closed = Fermée

inbox-visitor-anon = Visiteur n° { $id }
inbox-assigned-to = Attribuée à { $name }
inbox-agent-unknown = Agent n° { $id }
inbox-agent-you = { $name } (vous)
inbox-agent-presence = { $name } ({ $presence })
inbox-unread-label = Messages non lus : { $count }
inbox-important-label = Marquée comme importante
inbox-no-messages = Pas encore de message

inbox-empty-title = Aucune conversation sélectionnée
inbox-empty-hint = Choisissez une conversation dans la liste pour la lire et y répondre.
inbox-back = Retour à la liste
inbox-conversation-label = Conversation
inbox-important = Importante
inbox-close = Fermer
inbox-ban = Bannir le visiteur
inbox-ban-confirm = Bannir ce visiteur ? Il ne pourra plus discuter avec vous, et cette conversation sera fermée.
inbox-assign-label = Attribuée à
inbox-unassigned = Non attribuée

inbox-messages-label = Messages
inbox-new-messages = Nouveaux messages
inbox-typing = Le visiteur écrit…
inbox-note = Note
inbox-bot-name = Bot
inbox-system-name = Système
inbox-sending = Envoi…
inbox-not-delivered = Pas encore remis.
inbox-retry = Réessayer
inbox-discard = Abandonner

inbox-event-joined = { $detail } a rejoint la conversation
inbox-event-left = { $detail } a quitté la conversation
inbox-event-transferred = Transférée à { $detail }
inbox-event-tagged = Étiquette ajoutée : { $detail }
inbox-event-closed = La conversation a été fermée
inbox-event-rated = Note : { $detail }
inbox-event-handover = Le chatbot a transmis la conversation à l’équipe

inbox-reply-label = Réponse
inbox-reply-placeholder = Écrivez une réponse. Entrée envoie, Maj+Entrée passe à la ligne.
inbox-note-placeholder = Écrivez une note interne. Les visiteurs ne la voient jamais.
inbox-reply-note = Note interne
inbox-reply-send = Envoyer
inbox-closed-notice = Cette conversation est fermée : vous pouvez encore y ajouter des notes internes. Un nouveau message du visiteur ouvrira une nouvelle conversation.
inbox-inactive-notice = Votre compte est inactif : vous pouvez lire les conversations, mais pas y répondre.

inbox-visitor-label = Informations sur le visiteur
inbox-visitor-empty = Les informations sur le visiteur apparaissent ici.
inbox-visitor-online = Sur le site en ce moment
inbox-visitor-gone = N’est plus sur le site
inbox-visitor-banned = Banni
inbox-visitor-current-page = Page actuelle
inbox-visitor-pages = Pages visitées
inbox-visitor-no-pages = Aucune page pour l’instant.
inbox-visitor-language = Langue
inbox-visitor-device = Appareil
inbox-visitor-visits = Visites
inbox-visitor-group = Groupe
inbox-visitor-variables = Infos client
inbox-visitor-no-variables = Aucune info client.
inbox-visitor-contact = Contact
inbox-visitor-name = Nom
inbox-visitor-email = E-mail
inbox-visitor-phone = Téléphone
inbox-visitor-past = Conversations précédentes
inbox-visitor-no-past = Aucune conversation précédente.
inbox-device-desktop = Ordinateur
inbox-device-mobile = Mobile
inbox-unknown = inconnu

inbox-tags = Étiquettes
inbox-no-tags = Pas encore d’étiquette.
inbox-tag-input = Nouvelle étiquette
inbox-tag-add = Ajouter l’étiquette
inbox-remove-tag = Retirer l’étiquette { $tag }

inbox-conn-connecting = Connexion…
inbox-conn-reconnecting = Reconnexion…
inbox-conn-ended = Votre session a pris fin.
inbox-conn-login = Se reconnecter

inbox-error-malformed = Le serveur n’a pas compris une requête. Rechargez la page si cela se reproduit.
inbox-error-too-long = Le message est trop long : 4 000 caractères au maximum.
inbox-error-rate-limited = Vous envoyez trop vite. Les messages non envoyés le seront de nouveau dans un instant.
inbox-error-not-allowed = Ce n’est pas permis dans cette conversation.
inbox-error-unknown-type = Le serveur ne connaît pas cette requête. Rechargez la page pour obtenir la version actuelle.
inbox-error-generic = Une erreur s’est produite. Veuillez réessayer.
inbox-filter-chatbot = Rejoint par le chatbot
inbox-joined-by-chatbot = Rejoint par le chatbot
