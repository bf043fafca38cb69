-- Targeting (§5): the referrer a visit came from, the visitor's country when the operator
-- provides one, and which chatbots greeted the visitor in which visit (behaviour rules).
ALTER TABLE visitors ADD COLUMN referrer TEXT;
ALTER TABLE visitors ADD COLUMN country TEXT;
-- JSON object: chatbot id -> the visit number it last greeted in.
ALTER TABLE visitors ADD COLUMN bots_shown TEXT NOT NULL DEFAULT '{}';
