# Frontdesk — français : les réglages d'un chatbot (templates/chatbot_settings.html,
# static/chatbot_settings.js).

settings-title = Réglages
settings-intro = Quand le chatbot démarre, où, pour qui et à quelle fréquence. Sans aucune règle, il s'affiche sur toutes les pages pour tout le monde.
settings-save = Enregistrer les réglages
chatbots-notice-settings-saved = Les réglages ont été enregistrés dans le brouillon.
chatbots-settings-refused = Les réglages n'ont pas été enregistrés. Rien de ce qui était déjà enregistré n'a changé.

settings-when = Quand
settings-trigger = Démarrer le chatbot
settings-trigger-page = Après un délai sur la page
settings-trigger-scroll = Après un défilement de la page
settings-trigger-exit_intent = Quand le visiteur s'apprête à partir
settings-trigger-returning_visit = Après un délai, lors d'une nouvelle visite
settings-trigger-event = Sur un événement personnalisé de l'API JavaScript
settings-trigger-no_reply = Quand un visiteur n'obtient pas de réponse (le bot intervient)
settings-trigger-agent_closed = Quand un agent ferme la conversation (le bot la termine)
settings-seconds = Secondes
settings-percent = Pourcentage de la page
settings-event-name = Nom de l'événement
settings-trigger-hint-event = Votre page le déclenche avec Frontdesk('event', 'nom').
settings-trigger-hint-exit_intent = Sur ordinateur : la souris sort par le haut de la fenêtre. Sur téléphone : un retour rapide vers le haut.
settings-trigger-hint-no_reply = Le bot rejoint une conversation ouverte dont le visiteur attend un agent depuis ce temps (5 à 3600 secondes).
settings-trigger-hint-agent_closed = Le bot prend le relais quand un agent ferme une conversation, par exemple pour un court questionnaire.

settings-where = Où
settings-where-empty = Sur toutes les pages.
settings-audience = Public
settings-audience-empty = Pour tous les visiteurs.
settings-combine = Doivent être vraies
settings-combine-all = Toutes les règles
settings-combine-any = Au moins une règle
settings-rule-add = Ajouter une règle
settings-rule-remove = Supprimer
settings-rule-attribute = Critère
settings-rule-var = Nom de la variable
settings-rule-op = Test
settings-rule-value = Valeur

settings-attr-url = URL de la page
settings-attr-title = Titre de la page
settings-attr-returning = Visiteur connu
settings-attr-visit_count = Nombre de visites
settings-attr-referrer = Page d'origine
settings-attr-utm_source = Source UTM
settings-attr-utm_medium = Support UTM
settings-attr-utm_campaign = Campagne UTM
settings-attr-language = Langue
settings-attr-country = Pays
settings-attr-device = Appareil
settings-attr-group = Groupe de visiteurs
settings-attr-contact-name = Nom du contact
settings-attr-contact-email = E-mail du contact
settings-attr-contact-phone = Téléphone du contact
settings-attr-var = Variable

settings-op-eq = est
settings-op-not_eq = n'est pas
settings-op-contains = contient
settings-op-not_contains = ne contient pas
settings-op-starts_with = commence par
settings-op-not_starts_with = ne commence pas par
settings-op-regex = correspond à l'expression régulière
settings-op-gt = est supérieur à
settings-op-gte = est au moins
settings-op-lt = est inférieur à
settings-op-lte = est au plus

settings-value-true = Oui
settings-value-false = Non
settings-device-desktop = Ordinateur
settings-device-mobile = Téléphone

settings-scheduling = Planification
settings-time-zone = Jours et heures dans le fuseau horaire du compte : { $zone }.
settings-office-hours = Seulement pendant les heures d'ouverture
settings-office-hours-now = Les heures d'ouverture actuelles
settings-office-hours-edit = Modifier les heures d'ouverture
settings-days = Seulement ces jours-là (aucun coché : tous les jours)
settings-hour-from = À partir de l'heure (0–23)
settings-hour-to = Jusqu'avant l'heure (1–24)
settings-date-from = À partir du
settings-date-to = Jusqu'au (inclus)

settings-behavior = Comportement
settings-show-once_per_session = Afficher une fois par visite
settings-show-once_per_visitor = Afficher une fois par visiteur
settings-show-every_page_view = Afficher à chaque page vue
settings-disable-text-field = Désactiver le champ de texte (boutons seulement)
settings-never-during-chat = Le chatbot ne démarre jamais pendant une conversation avec un agent.

settings-custom-title = Où et pour qui
settings-custom-note = Ces conditions ont été écrites à la main et ne correspondent pas au formulaire. Elles sont conservées telles quelles ; modifiez-les dans le document du flux ci-dessous.

settings-error-attribute = « { $detail } » n'a pas sa place dans ce groupe.
settings-error-hour = { $detail } n'est pas une heure de la journée (0 à 24).
settings-error-day = « { $detail } » n'est pas un jour de la semaine.
settings-error-date = « { $detail } » n'est pas une date.
settings-error-var-name = Indiquez le nom de la variable.
settings-error-unreadable = Les réglages n'ont pas pu être lus : { $detail }

# Le formulaire des heures d'ouverture sur la vue d'ensemble (templates/overview.html).
office-hours-change = Modifier les heures d'ouverture
office-hours-help = Une ligne par jour ; plusieurs plages séparées par des virgules, par exemple 09:00-12:00, 13:00-17:00. Laissez vide un jour de fermeture.
office-hours-save = Enregistrer les heures d'ouverture
office-hours-saved = Les heures d'ouverture ont été enregistrées.
office-hours-time-zone = Dans le fuseau horaire du compte : { $zone }.
office-hours-error-range = { $day } : « { $interval } » n'est pas une plage ; écrivez-la sous la forme 09:00-12:00.
office-hours-error-time = { $day } : « { $interval } » n'est pas une heure ; écrivez les heures au format HH:MM, de 00:00 à 24:00.
office-hours-error-backwards = { $day } : « { $interval } » se termine avant de commencer (ou est vide).
office-hours-error-overlap = { $day } : les plages se chevauchent.
