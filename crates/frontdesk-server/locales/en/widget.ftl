# Frontdesk chat box (widget) — English. Sent to the browser by /widget/config without the
# "widget-" prefix; { $name }, { $count } and { $email } arrive as {name}, {count}, {email}.
widget-open-chat = Open chat
widget-close = Close chat
widget-menu = More options
widget-send = Send
widget-input-label = Your message
widget-input-placeholder = Write a message…
widget-messages-label = Chat messages
widget-panel-label = Chat with { $name }
widget-team-name = Support team
widget-online = We’re online
widget-offline = We’re away right now
widget-typing = { $name } is typing…
widget-sending = Sending…
widget-failed = Not sent yet. Retrying…
widget-not-sent = This message could not be sent.
widget-seen = Seen
widget-you = You
widget-unread = Unread messages: { $count }

widget-offline-title = Leave us a message
widget-offline-intro = Nobody is available right now. Leave your e-mail and your message and we will get back to you.
widget-offline-email = E-mail
widget-offline-name = Name
widget-offline-message = Message
widget-offline-submit = Send message
widget-offline-thanks = Thank you! We will reply to { $email } as soon as we can.

widget-prechat-title = Before we start
widget-prechat-intro = Please tell us a little about yourself.
widget-prechat-name = Name
widget-prechat-email = E-mail
widget-prechat-phone = Phone
widget-prechat-submit = Start chat

widget-end-chat = End chat
widget-confirm-end = Do you really want to end this chat?
widget-confirm-yes = Yes, end the chat
widget-cancel = Cancel
widget-chat-ended = The chat has ended.
widget-new-conversation = New conversation started

widget-rating-title = How was your chat?
widget-rating-star = { $count } of 5
widget-rating-comment = Comment (optional)
widget-rating-submit = Send rating
widget-rating-thanks = Thank you for your feedback!
widget-rated = Thank you for rating the chat.

widget-transcript-title = Get a copy of this chat by e-mail
widget-transcript-email = E-mail
widget-transcript-submit = Send transcript
widget-transcript-sent = The transcript is on its way to { $email }.

widget-agent-joined = { $name } joined the chat
widget-agent-left = { $name } left the chat
widget-transferred = The chat was transferred to { $name }.

widget-banned = You can no longer send messages in this chat.
widget-connection-lost = Connection lost.
widget-reconnecting = Reconnecting…
widget-privacy-label = Privacy notice

widget-bot-name = Assistant
widget-choices-label = Choose an option
widget-handover = The chat was passed on to the team.
