# Frontdesk — français : les pages des chatbots (templates/chatbots.html,
# templates/chatbot_edit.html, static/chatbots.js).

nav-chatbots = Chatbots

chatbots-title = Chatbots
chatbots-intro = Lorsque plusieurs chatbots activés correspondent à la langue et aux conditions d’un visiteur, c’est le plus haut dans cette liste qui démarre.
chatbots-readonly = Seuls les propriétaires et les administrateurs peuvent modifier les chatbots.
chatbots-empty = Il n’y a pas encore de chatbot.
chatbots-empty-manage = Créez le premier à partir d’un modèle ci-dessous.
chatbots-col-name = Nom
chatbots-col-language = Langue
chatbots-col-status = État
chatbots-col-actions = Actions
chatbots-actions-label = Actions pour { $name }

chatbots-enabled = Activé
chatbots-disabled = Désactivé
chatbots-published = Publié : version { $version }
chatbots-not-published = Non publié
chatbots-draft-differs = Modifications non publiées

chatbots-enable = Activer
chatbots-disable = Désactiver
chatbots-move-up = Monter
chatbots-move-down = Descendre
chatbots-move-up-label = Monter { $name }
chatbots-move-down-label = Descendre { $name }
chatbots-duplicate = Dupliquer
chatbots-duplicate-label = Dupliquer { $name }
chatbots-delete = Supprimer
chatbots-delete-label = Supprimer { $name }
chatbots-delete-confirm = Supprimer définitivement « { $name } » ? Cette action est irréversible.
chatbots-delete-submit = Oui, supprimer

chatbots-new-title = Nouveau chatbot
chatbots-new-template = Partir de
chatbots-new-language = Langue
chatbots-new-name = Nom (facultatif)
chatbots-new-name-placeholder = Le nom du modèle
chatbots-new-submit = Créer le chatbot
chatbots-template-blank = Vide
chatbots-template-faq-menu = Menu FAQ
chatbots-template-lead-capture = Collecte de contacts
chatbots-template-order-status = Suivi de commande

chatbots-back = Tous les chatbots
chatbots-language = Langue
chatbots-status = État
chatbots-preview = Essayer dans la fenêtre de chat
chatbots-new-tab = (s’ouvre dans un nouvel onglet)
chatbots-publish = Publier
chatbots-publish-help = La publication fait du brouillon enregistré la version qu’utilisent les nouvelles conversations. Les conversations déjà en cours gardent leur version.
chatbots-publish-hint-save = Enregistrez le brouillon avant de publier.
chatbots-publish-hint-errors = Corrigez les erreurs avant de publier.
chatbots-publish-refused = Le scénario contient des erreurs ; corrigez-les avant de publier.

chatbots-document-label = Document du scénario (YAML ou JSON)
chatbots-document-help = La touche Tab insère deux espaces ; appuyez sur Échap puis sur Tab pour quitter l’éditeur.
chatbots-save = Enregistrer le brouillon
chatbots-unsaved = Modifications non enregistrées
chatbots-leave-unsaved = Vous avez des modifications non enregistrées.
chatbots-check-running = Vérification…
chatbots-check-done = Vérifié.
chatbots-check-failed = Le document n’a pas pu être vérifié pour le moment. Vous pouvez quand même l’enregistrer.
chatbots-check-expired = Votre session a expiré. Copiez vos modifications, puis rechargez la page.

chatbots-findings-title = Problèmes
chatbots-findings-none = Aucun problème trouvé.
chatbots-severity-error = Erreur
chatbots-severity-warning = Avertissement
chatbots-find-node = Afficher le nœud { $node } dans le document

chatbots-diagram-title = Diagramme
chatbots-diagram-label = Diagramme du scénario (nœuds : { $count })
chatbots-diagram-empty = Le diagramme apparaît dès que le document du scénario peut être lu.
chatbots-diagram-stale = Le document ne peut pas être lu pour le moment ; le diagramme montre la dernière version lisible.
chatbots-diagram-help = Cliquez sur un bloc pour trouver son nœud dans le document.
chatbots-start = Départ
chatbots-legend = Types de nœuds
chatbots-kind-message = Message
chatbots-kind-buttons = Boutons
chatbots-kind-collect = Demande
chatbots-kind-set = Définir
chatbots-kind-condition = Condition
chatbots-kind-handover = Transfert
chatbots-kind-end = Fin
chatbots-kind-goto = Aller à

chatbots-notice-created = Le chatbot a été créé.
chatbots-notice-saved = Le brouillon a été enregistré.
chatbots-notice-published = Le chatbot a été publié. Les nouvelles conversations utilisent cette version.
chatbots-notice-deleted = Le chatbot a été supprimé.
chatbots-notice-duplicated = Le chatbot a été dupliqué.
chatbots-notice-enabled = Le chatbot a été activé.
chatbots-notice-disabled = Le chatbot a été désactivé.
chatbots-notice-moved = L’ordre a été modifié.
