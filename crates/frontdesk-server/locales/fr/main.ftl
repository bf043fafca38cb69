# Frontdesk — Français.
app-name = Frontdesk
nav-label = Menu principal
nav-overview = Vue d’ensemble
language-label = Langue
language-apply = Appliquer
language-name-en = English
language-name-de = Deutsch
language-name-fr = Français
language-name-cs = Čeština
logout = Se déconnecter

login-title = Connexion au tableau de bord
login-failed = E-mail ou mot de passe incorrect.
login-submit = Se connecter

field-email = E-mail
field-password = Mot de passe
field-name = Nom
field-role = Rôle
field-state = État

role-owner = Propriétaire
role-admin = Administrateur
role-agent = Agent
state-active = Actif
state-inactive = Inactif
state-active-hint = Un agent actif peut discuter avec les visiteurs.
state-inactive-hint = Un agent inactif peut consulter l’historique et les statistiques, mais ne peut pas discuter.

overview-title = Vue d’ensemble
overview-account = Compte
overview-plan = Forfait
overview-widget-key = Clé du widget
overview-domains = Domaines autorisés
overview-no-domains = aucun pour l’instant
overview-time-zone = Fuseau horaire
overview-language = Langue par défaut
overview-office-hours = Heures d’ouverture
office-hours-closed = Fermé
overview-agents-count = { $count ->
    [one] { $count } agent
   *[other] { $count } agents
}
day-mon = Lundi
day-tue = Mardi
day-wed = Mercredi
day-thu = Jeudi
day-fri = Vendredi
day-sat = Samedi
day-sun = Dimanche

agent-add-title = Ajouter un agent
agent-add-submit = Ajouter l’agent
agent-activate = Activer
agent-deactivate = Désactiver

error-title = Quelque chose ne va pas
error-back = Retour
error-login-required = Veuillez d’abord vous connecter.
error-csrf = Ce formulaire a expiré. Rechargez la page et réessayez.
error-forbidden = Votre rôle ne le permet pas.
error-not-found = Il n’y a rien ici, ou cela appartient à un autre compte.
error-conflict = Cette valeur est déjà utilisée.
error-bad-form = Le formulaire était incomplet ou trop volumineux.
error-internal = Une erreur s’est produite de notre côté. Rien de ce que vous aviez enregistré n’est perdu ; veuillez réessayer.
error-name-length = Un nom doit comporter de 1 à 120 caractères.
error-email = Cette adresse e-mail n’est pas valide.
error-password-short = Le mot de passe doit comporter au moins 10 caractères.
error-password-long = Le mot de passe est trop long.
error-role = Choisissez propriétaire, administrateur ou agent.
error-agent-state = Choisissez actif ou inactif.
error-time-zone = Ce fuseau horaire n’existe pas. Utilisez un nom comme Europe/Paris.
error-language = Ce n’est pas un code de langue. Utilisez un code comme en, de, fr ou cs.
error-domain = Ce n’est pas un nom de domaine. Utilisez un nom comme example.com ou *.example.com.
error-office-hours = Les heures d’ouverture s’écrivent ainsi : mon-fri 09:00-17:00; sat 10:00-14:00

demo-title = Bienvenue dans la boutique de démonstration
demo-shop-name = Boutique de démonstration
demo-open-dashboard = Ouvrir le tableau de bord
demo-intro = Cette page représente votre site web. La fenêtre de chat Frontdesk y apparaît, pour que vous puissiez discuter avec vous-même : écrivez ici en tant que visiteur et répondez depuis le tableau de bord en tant qu’agent.
demo-product-1 = Mug en céramique
demo-product-2 = Tablier en lin
demo-product-3 = Coffret de thés
demo-price = { $price } EUR
demo-widget-note = La fenêtre de chat du compte de démonstration est intégrée à cette page.
demo-no-account = Aucun compte n’existe encore : démarrez le serveur une fois pour créer le compte de démonstration.

cli-demo-created = Le compte de démonstration « { $account } » et son propriétaire ont été créés.
cli-demo-login = Connectez-vous sur { $url } avec
cli-demo-email = e-mail :       { $email }
cli-demo-password = mot de passe : { $password }
cli-demo-once = Ce mot de passe n’est affiché qu’une fois. Changez-le avec : frontdesk agent set-password --email { $email }
cli-listening = Frontdesk écoute sur { $url } (page de démonstration : { $url }/demo, tableau de bord : { $url }/dashboard)
cli-stopped = Frontdesk s’est arrêté.
cli-migrated = La base de données est à jour.
cli-account-created = Compte { $id } « { $name } » créé avec la clé de widget { $key }.
cli-no-accounts = Il n’y a encore aucun compte.
cli-agent-created = Agent { $id } <{ $email }> créé avec le rôle { $role }.
cli-agent-password = Mot de passe généré (affiché une seule fois) : { $password }
cli-no-agents = Ce compte n’a aucun agent.
cli-password-set = Le mot de passe de { $email } a été changé et ses sessions ont été fermées.
cli-unknown-account = Il n’y a pas de compte { $id }. Listez les comptes avec : frontdesk account list
cli-unknown-agent = Il n’y a pas d’agent { $email } dans le compte { $id }.

overview-snippet = Code de la fenêtre de chat
overview-snippet-hint = Collez ce code dans chaque page de votre site, juste avant </body>. La fenêtre de chat ne fonctionne que sur les domaines autorisés.
error-empty-message = Le message est vide.
error-message-too-long = Le message dépasse 4 000 caractères.
error-tag = Une étiquette doit comporter de 1 à 40 caractères.
error-rating = La note doit être un nombre entier de 1 à 5.
transcript-subject = Transcription de votre conversation
transcript-you = Vous
transcript-team = Équipe
offline-email-subject = Nouveau message hors ligne de { $email }
handover-email-subject = Un visiteur ({ $email }) attend l’équipe
preview-title = Aperçu : { $name }
preview-intro = Cette page exécute le brouillon actuel du chatbot dans la vraie fenêtre de chat. Rien ici ne compte comme une conversation avec le chatbot, et le brouillon n’est pas publié.
flow-blank-hello = Bonjour ! Comment puis-je vous aider ?
flow-blank-bye = Merci, au revoir !
chatbot-copy-name = { $name } (copie)
auto-first-visit = Bonjour ! Bienvenue dans notre boutique. Si vous avez une question, écrivez-nous simplement ici.
auto-returning = Bon retour parmi nous ! Pouvons-nous vous aider aujourd’hui ?
auto-busy = Désolés pour l’attente, nous sommes très occupés en ce moment. Laissez-nous votre adresse e-mail et nous vous répondrons dès que possible.
auto-offline = Personne de l’équipe n’est en ligne pour le moment. Laissez-nous votre adresse e-mail et nous reviendrons vers vous.
cli-usage-summary = Forfait { $plan }, période du { $from } au { $renews } : { $used } conversations avec le chatbot utilisées sur { $limit }, { $remaining } restantes.
cli-usage-unlimited = illimité
overview-usage = Conversations avec le chatbot
overview-usage-line = { $used } utilisées sur { $limit } pour cette période, { $remaining } restantes. Renouvellement le { $renews }.
quota-alert-80 = 80 % de vos conversations avec le chatbot sont utilisées pour cette période
quota-alert-100 = Toutes les conversations avec le chatbot de cette période sont utilisées : aucun chatbot ne démarre avant le renouvellement
cli-plan-changed = Le compte { $id } est maintenant au forfait { $plan }.
