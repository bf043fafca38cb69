# Frontdesk — English: the agent inbox (templates/inbox.html, static/inbox.js).
# Every id starts with "inbox-"; every other language defines the same ids.

inbox-title = Inbox
inbox-nav = Inbox
inbox-heading = Conversations

inbox-presence-label = My status
inbox-presence-online = Online
inbox-presence-away = Away
inbox-presence-offline = Offline

inbox-filters-label = Show conversations
inbox-filter-all = All
inbox-filter-bot = Bot
inbox-filter-open = Open
inbox-filter-served = Served
inbox-filter-closed = Closed
inbox-filter-mine = Mine
inbox-filter-unassigned = Unassigned
inbox-filter-count = Conversations: { $count }

inbox-list-label = Conversation list
inbox-list-loading = Loading conversations…
inbox-list-empty = No conversations here.

inbox-status-bot = Bot
inbox-status-open = Open
inbox-status-served = Served
inbox-status-closed = Closed

inbox-visitor-anon = Visitor #{ $id }
inbox-assigned-to = Assigned to { $name }
inbox-agent-unknown = Agent #{ $id }
inbox-agent-you = { $name } (you)
inbox-agent-presence = { $name } ({ $presence })
inbox-unread-label = Unread messages: { $count }
inbox-important-label = Marked important
inbox-no-messages = No messages yet

inbox-empty-title = No conversation selected
inbox-empty-hint = Choose a conversation from the list to read it and reply.
inbox-back = Back to the list
inbox-conversation-label = Conversation
inbox-important = Important
inbox-close = Close
inbox-ban = Ban visitor
inbox-ban-confirm = Ban this visitor? They will not be able to chat with you any more, and this conversation will be closed.
inbox-assign-label = Assigned to
inbox-unassigned = Unassigned

inbox-messages-label = Messages
inbox-new-messages = New messages
inbox-typing = Visitor is typing…
inbox-note = Note
inbox-bot-name = Bot
inbox-system-name = System
inbox-sending = Sending…
inbox-not-delivered = Not delivered yet.
inbox-retry = Retry
inbox-discard = Discard

inbox-event-joined = { $detail } joined the conversation
inbox-event-left = { $detail } left the conversation
inbox-event-transferred = Transferred to { $detail }
inbox-event-tagged = Tagged: { $detail }
inbox-event-closed = The conversation was closed
inbox-event-rated = Rated: { $detail }
inbox-event-handover = The chatbot handed the conversation over to the team

inbox-reply-label = Reply
inbox-reply-placeholder = Write a reply. Enter sends, Shift+Enter starts a new line.
inbox-note-placeholder = Write an internal note. Visitors never see it.
inbox-reply-note = Internal note
inbox-reply-send = Send
inbox-closed-notice = This conversation is closed: you can still add internal notes. A new message from the visitor starts a new conversation.
inbox-inactive-notice = Your account is inactive: you can read conversations but cannot reply.

inbox-visitor-label = Visitor details
inbox-visitor-empty = Details about the visitor appear here.
inbox-visitor-online = On the website now
inbox-visitor-gone = Not on the website
inbox-visitor-banned = Banned
inbox-visitor-current-page = Current page
inbox-visitor-pages = Pages visited
inbox-visitor-no-pages = No pages yet.
inbox-visitor-language = Language
inbox-visitor-device = Device
inbox-visitor-visits = Visits
inbox-visitor-group = Group
inbox-visitor-variables = Customer info
inbox-visitor-no-variables = No customer info.
inbox-visitor-contact = Contact
inbox-visitor-name = Name
inbox-visitor-email = E-mail
inbox-visitor-phone = Phone
inbox-visitor-past = Past conversations
inbox-visitor-no-past = No earlier conversations.
inbox-device-desktop = Desktop
inbox-device-mobile = Mobile
inbox-unknown = unknown

inbox-tags = Tags
inbox-no-tags = No tags yet.
inbox-tag-input = New tag
inbox-tag-add = Add tag
inbox-remove-tag = Remove tag { $tag }

inbox-conn-connecting = Connecting…
inbox-conn-reconnecting = Reconnecting…
inbox-conn-ended = Your session has ended.
inbox-conn-login = Log in again

inbox-error-malformed = The server did not understand a request. Reload the page if this keeps happening.
inbox-error-too-long = The message is too long: at most 4,000 characters.
inbox-error-rate-limited = You are sending too fast. Unsent messages will be sent again in a moment.
inbox-error-not-allowed = That is not allowed in this conversation.
inbox-error-unknown-type = The server does not know this request. Reload the page to get the current version.
inbox-error-generic = Something went wrong. Please try again.
inbox-filter-chatbot = Joined by chatbot
inbox-joined-by-chatbot = Joined by chatbot
