"""Email for the draft_email and summarize skills: settings, contacts, Maildir drafts, SMTP sending."""
