# Frontdesk — English: the chatbot pages (templates/chatbots.html, templates/chatbot_edit.html,
# static/chatbots.js). Every other language defines the same messages.

nav-chatbots = Chatbots

chatbots-title = Chatbots
chatbots-intro = When several enabled chatbots match a visitor's language and conditions, the one highest in this list starts.
chatbots-readonly = Only owners and admins can change chatbots.
chatbots-empty = There are no chatbots yet.
chatbots-empty-manage = Create the first one from a template below.
chatbots-col-name = Name
chatbots-col-language = Language
chatbots-col-status = Status
chatbots-col-actions = Actions
chatbots-actions-label = Actions for { $name }

chatbots-enabled = Enabled
chatbots-disabled = Disabled
chatbots-published = Published: version { $version }
chatbots-not-published = Not published
chatbots-draft-differs = Unpublished changes

chatbots-enable = Enable
chatbots-disable = Disable
chatbots-move-up = Move up
chatbots-move-down = Move down
chatbots-move-up-label = Move { $name } up
chatbots-move-down-label = Move { $name } down
chatbots-duplicate = Duplicate
chatbots-duplicate-label = Duplicate { $name }
chatbots-delete = Delete
chatbots-delete-label = Delete { $name }
chatbots-delete-confirm = Delete “{ $name }” for good? This cannot be undone.
chatbots-delete-submit = Yes, delete

chatbots-new-title = New chatbot
chatbots-new-template = Start from
chatbots-new-language = Language
chatbots-new-name = Name (optional)
chatbots-new-name-placeholder = The template's name
chatbots-new-submit = Create chatbot
chatbots-template-blank = Blank
chatbots-template-faq-menu = FAQ menu
chatbots-template-lead-capture = Lead capture
chatbots-template-order-status = Order status

chatbots-back = All chatbots
chatbots-language = Language
chatbots-status = Status
chatbots-preview = Preview in the chat box
chatbots-new-tab = (opens in a new tab)
chatbots-publish = Publish
chatbots-publish-help = Publishing makes the saved draft the version that new conversations use. Conversations already running keep their version.
chatbots-publish-hint-save = Save the draft before publishing.
chatbots-publish-hint-errors = Fix the errors before publishing.
chatbots-publish-refused = The flow has errors; fix them before publishing.

chatbots-document-label = Flow document (YAML or JSON)
chatbots-document-help = The Tab key inserts two spaces; press Esc and then Tab to leave the editor.
chatbots-save = Save draft
chatbots-unsaved = Unsaved changes
chatbots-leave-unsaved = You have unsaved changes.
chatbots-check-running = Checking…
chatbots-check-done = Checked.
chatbots-check-failed = The document could not be checked just now. Saving still works.
chatbots-check-expired = Your session has expired. Copy your changes, then reload the page.

chatbots-findings-title = Problems
chatbots-findings-none = No problems found.
chatbots-severity-error = Error
chatbots-severity-warning = Warning
chatbots-find-node = Show node { $node } in the document

chatbots-diagram-title = Diagram
chatbots-diagram-label = Flow diagram (nodes: { $count })
chatbots-diagram-empty = The diagram appears once the flow document can be read.
chatbots-diagram-stale = The document cannot be read right now; the diagram shows the last version that could.
chatbots-diagram-help = Click a box to find its node in the document.
chatbots-start = Start
chatbots-legend = Node kinds
chatbots-kind-message = Message
chatbots-kind-buttons = Buttons
chatbots-kind-collect = Collect
chatbots-kind-set = Set
chatbots-kind-condition = Condition
chatbots-kind-handover = Handover
chatbots-kind-end = End
chatbots-kind-goto = Go to

chatbots-notice-created = The chatbot was created.
chatbots-notice-saved = The draft was saved.
chatbots-notice-published = The chatbot was published. New conversations use this version.
chatbots-notice-deleted = The chatbot was deleted.
chatbots-notice-duplicated = The chatbot was duplicated.
chatbots-notice-enabled = The chatbot was enabled.
chatbots-notice-disabled = The chatbot was disabled.
chatbots-notice-moved = The order was changed.
