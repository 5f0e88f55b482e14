"""draft_email: contact lookup, a draft saved to the Maildir before anything is spoken, a brief read-back,
and sending over SMTP only after a spoken yes (the dialogue re-runs this handler with confirm_args).

The router's argument schema has no way to ask for sending: {"action": "send"} only ever arrives
through Reply.confirm_args after the user said yes.
"""

from __future__ import annotations

import re
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr

from assistant.errors import UserError
from assistant.mail.answered import means_newest, replied_to, shown_email
from assistant.mail.compose import (
    Draft,
    build_message,
    compose,
    forward_subject,
    mark_as_reply,
    others_on,
    reply_subject,
    template_draft,
)
from assistant.mail.contacts import Contact, Match, find_contact, load_contacts, several, split_recipient
from assistant.mail.copied import (
    copied_at_end,
    copy_line,
    copying,
    split_copied,
    starts_copy,
    uncopied,
    with_copied,
)
from assistant.mail.dictated import NAME_TAIL, after_name, as_typed, punctuated, restated, said_part
from assistant.mail.draft_said import (
    READ_BACK_WORDS,
    first_words,
    name_of,
    read_back,
    recipient_or_question,
    saved,
)
from assistant.mail.edit import (
    LAST_SENTENCE,
    REPLACED,
    TONE,
    body_text,
    recipient_named,
    with_added,
    with_recipient,
    with_removed,
    with_subject,
    with_value_changed,
    with_words_replaced,
    without_last_sentence,
)
from assistant.mail.letter import letter_body
from assistant.mail.outbox import send_draft
from assistant.mail.send_later import CANT as CANT_SEND_LATER
from assistant.mail.send_later import later_asked, unscheduled
from assistant.mail.settings import EmailSettings, email_settings
from assistant.mail.shown_places import place_email
from assistant.mail.store import (
    last_message,
    last_message_about,
    last_message_from,
    load_draft,
    remove_draft,
    was_sent,
)
from assistant.skill_api import Reply
from assistant.text import listed, normalize
from assistant.text_guard import printable

POSSESSIVE = re.compile(r"('s|s'|’s)$")  # "dave's last email"
THANK_YOU_NOTE = re.compile(r"\bthank ?you (?:note|e-?mail|mail|message|card|line)\b")


# words a name must not be: "tell me ...", "let us know ..." are not messages to a contact
NOT_NAMES = {"me", "us", "you", "him", "her", "them", "it", "everyone", "everybody", "anyone"}


def slot_lists(config) -> dict[str, list[str]]:
    """The address book's names (full, first, nicknames, the config's own keys such as "my boss") for
    the templates that name only a contact ("tell bob i'm running late", "let alice know ..."): with a
    wildcard there, "tell me a joke" and "let me know the score" would become emails."""
    settings = email_settings(config.email)
    names = {k for c in load_contacts(settings.contacts, settings.address_book) for k in c.keys()}
    return {"email_contact": sorted(names - NOT_NAMES)}


async def handle(args, ctx) -> Reply:
    try:
        settings = email_settings(ctx.config.email)
        if args.get("action") == "send":
            return await send_draft(settings, str(args.get("draft", "")))
        return _draft(settings, args, ctx)
    except UserError as exc:
        card = {"type": "error", "skill": "draft_email", "error": str(exc)}
        key = ctx.state.get("last_draft") if args.get("change") in ("add", "remove") else None
        if key and ctx.config.email.get("smtp"):  # "take zed off": the draft as it was still waits for its yes
            return Reply(f"Sorry, {exc}. Should I send it as it is?", card, confirm_args={"action": "send", "draft": key})
        return Reply(f"Sorry, {exc}.", card)


# what a template's recipient may run on to before the note: "forward it to alice with a note saying ..."
NOTE_TAIL = re.compile(r"\s+(?:with|and) (?:a|the) (?:note|line|message|comment)$")


def _typed(message: str, ctx) -> str:
    """The message with the stops and capitals the user's words had (the recognizer's writing, or typed text)."""
    return restated(punctuated(as_typed(message, ctx.written or ctx.utterance or "")))


def _draft(settings: EmailSettings, args: dict, ctx) -> Reply:
    spoken, scheduled = unscheduled(NOTE_TAIL.sub("", str(args["recipient"]).strip()))  # "alice for monday"
    spoken = NAME_TAIL.sub("", spoken) or spoken  # "alice then", "carol instead please": the name
    if spoken.lower() in ("him", "her", "them") and (read := shown_email(settings.maildir_path, spoken, ctx.shown)):
        spoken = parseaddr(str(read["From"] or ""))[1] or spoken  # "email her that ..." after her email was read
    args = {**args, "recipient": spoken}
    contacts = load_contacts(settings.contacts, settings.address_book)
    shown = ctx.shown or {}  # a summary of a text (an email read out is forwarded, below)
    if str(args.get("message", "")).strip().lower() in ("it", "that", "this") and shown.get("type") == "email_draft":
        args = {"change": "value", "recipient": "the draft", "message": spoken}  # "send it to carol": the draft's
    # what was said ("make it shorter", then "email that": that one sentence), or the screen's longer one asked for
    longer = re.search(r"\b(?:full|whole|complete|long|longer) summary\b", normalize(ctx.utterance or ""))
    said = [shown.get("full_summary"), shown.get("summary")] if longer else [shown.get("summary"), shown.get("full_summary")]
    summary = (said[0] or said[1]) if shown.get("type") == "summary" else None
    if args.get("forward_from") in ("that", "the summary") and summary and not shown.get("email_ref"):
        # "email that summary to carol" right after one: its sentences are the email's words
        args = {"recipient": spoken, "message": str(summary), "subject": f"Summary of {shown.get('source') or 'the text'}"}
    elif (place := place_email(shown, str(args.get("message") or args.get("forward_from") or ""), ctx.utterance or "")) is not None:
        args = {"recipient": spoken, "message": place[0], "subject": place[1]}  # "send that to alice" after a place
    elif args.get("forward_from") == "the summary":
        return Reply("There's no summary to send yet: ask me to summarize something first.")
    elif args.get("forward_from") == "that" and shown and not shown.get("email_ref") and shown.get("type") != "inbox":
        args = {"recipient": spoken}  # "email it to carol" after the time: what to say is asked (it forwarded the newest email)
    elif args.get("forward_from"):
        return _forward(settings, ctx, args, contacts)
    if args.get("change"):
        return _edit(settings, ctx, args)
    if not args.get("reply") and str(args.get("message") or "").strip():
        spoken, message = _name_and_words(spoken, str(args["message"]).strip(), contacts, ctx.utterance or "")
        args = {**args, "recipient": spoken, "message": message}
    cc: list[Contact] = []
    line = "Cc"
    after = after_name(ctx.utterance or "", spoken)  # "email alice cc bob about lunch": the model kept "alice"
    copy = split_copied(spoken, contacts) or (split_copied(f"{spoken} {after}", contacts, asked=False) if starts_copy(after) else None)
    if copy is None and (at_end := copied_at_end(str(args.get("message") or ""), contacts)) is not None:
        args, cc, line = {**args, "message": at_end[0]}, at_end[1], at_end[2]  # "... tomorrow and cc bob"
    if copy is not None:  # "alice and cc bob": bob on the Cc line
        spoken, cc, rest, line = copy
        args = {**args, "recipient": spoken} | ({"message": rest} if rest and not str(args.get("message", "")).strip() else {})
    group = None if args.get("reply") else several(spoken, contacts)
    if group is None and not args.get("reply") and not str(args.get("message", "")).strip():
        after = after_name(ctx.utterance or "", spoken)  # "email alice and bob about lunch": one name kept
        group = several(f"{spoken} {after}", contacts) if re.match(r"and\s", after) else None
    if group is not None:  # "to alice and bob": one email to all of them
        people, rest = group
        message = _typed(str(args.get("message", "")).strip() or rest, ctx)
        topic = re.fullmatch(r"(?:about|regarding) (?P<t>.+)", normalize(message))
        if not message or topic:  # "email alice and bob about lunch": the words are asked for, the subject kept
            named = {"recipient": " and ".join(c.name or c.email for c in people), "subject": topic["t"]} if topic else args
            return Reply(f"What should the email{f' about {topic[1]}' if topic else ''} say?", ask_for="message", ask_args=named)
        return _drafted(settings, ctx, people, message, args.get("subject"), None, "", (cc, line))
    message = str(args.get("message") or "").strip()
    if message and f" {normalize(message)} " not in f" {normalize(ctx.utterance or '')} ":
        # the model reworded the note ("ask him what time the meeting is" as "what time is the meeting
        # is"): the user's own words after the name, which the wording below reads
        args = {**args, "message": after_name(ctx.utterance or "", spoken) or message}
    if not str(args.get("message", "")).strip():
        # the recognizer may run the name into the message: "to alicea and i will be late tomorrow"
        name, rest = split_recipient(spoken, contacts)
        if not rest:  # the model may leave the message out: "email bob running ten minutes late"
            name, rest = spoken, after_name(ctx.utterance, spoken)
        about = normalize(str(args.get("subject") or ""))
        if about and re.fullmatch(rf"(?:about|regarding|re|on) (?:the )?{re.escape(about)}", normalize(rest)):
            rest = ""  # "email bob about the offsite": a subject; its words are asked for (it had sent "I'm writing about ...")
        if not rest:
            who = None if args.get("reply") else recipient_or_question(find_contact(name, contacts), name, contacts, args)
            if isinstance(who, Reply):  # a name nobody has: asked about before a message is dictated
                return who
            what = "reply" if args.get("reply") else "email"
            if args.get("reply") and not means_newest(sender := POSSESSIVE.sub("", name).strip()):
                match = find_contact(sender, contacts)
                if replied_to(settings.maildir_path, sender, match, ctx.shown)[0] is None:  # said before the words
                    named = name_of(match.contact) if match.contact else sender
                    return Reply(f"I found no email from {named} in your inbox to reply to. What should a new email say?",
                                 ask_for="message", ask_args={k: v for k, v in args.items() if k != "reply"})
            return Reply(f"What should the {what}{f' about {about}' if about else ''} say?", ask_for="message", ask_args=args)
        args = {**args, "recipient": name, "message": rest}
        spoken = name
    # "... and send it on friday": not words of the email; it goes when the user says yes
    typed = _typed(str(args["message"]).strip(), ctx)  # "... at 5:30. Can you pick him up?"
    hint, later = later_asked(said_part(typed, spoken), normalize(ctx.utterance or ""))
    if re.match(r"(please |can you |could you )?ask\b", normalize(ctx.utterance or "")) and not hint.startswith("ask"):
        hint = f"asking {hint}"  # "ask bob if he wants lunch": the message is a question to Bob
    if THANK_YOU_NOTE.search(normalize(ctx.utterance or "")) and not re.match(r"(?:an? )?(thank|thanks)\b", hint.lower()):
        hint = f"thank you {hint}"  # "a thank you note to bob for the present": the note thanks him for it
    original, note = None, f"{CANT_SEND_LATER} " if later or scheduled else ""
    if args.get("reply"):
        spoken = POSSESSIVE.sub("", spoken).strip()
    match = find_contact(spoken, contacts)
    if args.get("reply"):
        original, sender = replied_to(settings.maildir_path, spoken, match, ctx.shown)
        if original is None and means_newest(spoken):
            return Reply("There's no email in your inbox to reply to.")
        if original is None:
            note += f"I found no email from {spoken} in your inbox, so this is a new one. "
        else:
            match = Match(sender)
    person = recipient_or_question(match, spoken, contacts, args)
    if isinstance(person, Reply):
        return person
    people = [person]
    if original is not None and args.get("everyone"):  # "reply to all": the others it went to as well
        known = {c.email.lower(): c for c in contacts if c.email}
        people += [known.get(a.lower(), Contact(n, a)) for n, a in others_on(original, settings.from_address)
                   if a.lower() != person.email.lower()]
    subject = reply_subject(str(original["Subject"] or "")) if original is not None else args.get("subject")
    return _drafted(settings, ctx, people, hint, subject, original, note, (cc, line))


def _name_and_words(spoken: str, said: str, contacts: list[Contact], utterance: str) -> tuple[str, str]:
    """Where the recipient's words end and the message begins, when a template split them at the wrong
    word: more names before the words ("email alice and bob lunch is at noon", "email alice cc bob ...",
    taken for the message), or a "that" of the message's ("email bob i think that works", taken for the
    one before it). Recipient and message unchanged otherwise."""
    joined = f"{spoken} {said}"  # (not "copy the files to the drive": copied names must be contacts)
    if (starts_copy(said) and split_copied(joined, contacts, asked=False)) or several(joined, contacts):
        return joined, ""
    if find_contact(spoken, contacts).contact or several(spoken, contacts) or split_copied(spoken, contacts, asked=False):
        return spoken, said
    name, rest = split_recipient(spoken, contacts)
    more = spoken[len(name) :]  # not "alice and zebediah", "alice cc zed": a name that is nobody's is asked about
    whole = after_name(utterance, name) if rest and not (re.match(r"\s*(?:and|or|,)\b", more) or starts_copy(more)) else ""
    return (name, whole) if whole.endswith(said) else (spoken, said)


def _forward(settings: EmailSettings, ctx, args: dict, contacts: list[Contact]) -> Reply:
    """ "forward bob's email to alice": the newest inbox message from Bob (or the newest of all for "my
    last email"), attached whole to a new draft to Alice with the user's note, if any."""
    who = POSSESSIVE.sub("", normalize(str(args["forward_from"]))).strip()
    if (shown := shown_email(settings.maildir_path, who, ctx.shown)) is not None or means_newest(who):
        original, sender = shown or last_message(settings.maildir_path), ""
    else:
        people = find_contact(who, contacts).people
        original, sender = last_message_from(settings.maildir_path, {c.email for c in people}, who), who
        if original is None and not people:  # "forward the hike email": no one of that name, a subject
            topic = [w for w in who.split() if w not in ("the", "a", "an", "my", "that", "this")]
            original = last_message_about(settings.maildir_path, topic) if topic else None
    if original is None:
        return Reply(f"I found no email from or about {who} in your inbox to forward." if sender else "Your inbox is empty.")
    spoken = str(args["recipient"]).strip()
    copy = split_copied(spoken, contacts)  # "forward bob's email to alice and cc carol"
    spoken = copy[0] if copy else spoken
    person = recipient_or_question(find_contact(spoken, contacts), spoken, contacts, args)
    if isinstance(person, Reply):
        return person
    name, addr = parseaddr(str(original["From"] or ""))
    whose = printable(name or addr or "someone")
    about = printable(str(original["Subject"] or "")).strip()
    first, note = person.first_name if person.name else "", str(args.get("message") or "").strip()
    if note:  # the user's words about it, written like any email's
        draft = compose(ctx.llm, first, said_part(note, spoken), forward_subject(about), settings.name)
    else:
        plain = f"here's the email from {whose}" + (f" about {about}" if about else "")
        draft = template_draft(first, plain, forward_subject(about), settings.name)
    msg = build_message(person.formatted, settings.from_address, draft)
    if copy:
        with_copied(msg, copy[1], copy[3])
    msg.add_attachment(original)  # the whole message, as sent: its headers, text and attachments
    said = f"Here's the forward to {name_of(person)}{copying(msg)}: {whose}'s email" + (f" about {about}." if about else ".")
    if note:  # what it says above the forwarded email, as a draft is read back
        said += f" With your note: {first_words(letter_body(draft.body), READ_BACK_WORDS)}"
    return saved(settings, ctx, [person], draft, msg, None, said)


def _drafted(
    settings: EmailSettings, ctx, people: list[Contact], hint: str, subject: str | None,
    original: EmailMessage | None, note: str, copied: tuple[list[Contact], str],
) -> Reply:
    """The draft written (to `people`, copying `copied`: the people and their line, Cc or Bcc), saved and
    read back; its sending asked for."""
    first = listed([c.first_name if c.name else "" for c in people]) if all(c.name for c in people) else ""
    draft = compose(ctx.llm, first, hint, subject, settings.name)
    msg = build_message(", ".join(c.formatted for c in people), settings.from_address, draft)
    with_copied(msg, [c for c in copied[0] if c.email.lower() not in {p.email.lower() for p in people}], copied[1])
    if original is not None:
        mark_as_reply(msg, original)
    kind = "reply" if original is not None else "email"
    return saved(settings, ctx, people, draft, msg, original, note + read_back(people, draft, kind, copying(msg)))


def _edit(settings: EmailSettings, ctx, args: dict) -> Reply:
    """The draft just written, changed as asked ("change the subject to sick day", "also say that i'll
    bring the slides", "say i'm running late instead"), saved in its place and read back again."""
    key = ctx.state.get("last_draft")
    msg = load_draft(settings.maildir_path, key, settings.drafts_folder) if key else None
    if msg is None:
        sent = args["change"] == "send" and (ctx.shown or {}).get("type") == "email_sent"  # "did it send", after it did
        what = {"discard": "cancel: nothing was sent", "send": "send"}.get(args["change"], "change. Say write an email to someone first")
        to = listed([printable(n or a) for n, a in getaddresses([str(ctx.shown["to"])])]) if sent else ""
        return Reply(f"Yes, it was sent to {to}." if sent else f"There's no email draft to {what}.")
    if was_sent(settings.maildir_path, key, settings.drafts_folder):
        return Reply("Yes, that email was sent." if args["change"] == "send" else "That email was already sent, so I can't change it.")
    people = [Contact(name, addr) for name, addr in getaddresses(msg.get_all("To", []))]
    if args["change"] == "discard":  # nothing was sent: the draft goes, and "send it" finds none
        remove_draft(settings.maildir_path, key, settings.drafts_folder)
        ctx.state.pop("last_draft", None)
        return Reply(f"Okay, I deleted the draft to {listed([name_of(c) for c in people]) or 'no one'}; nothing was sent.")
    change, subject = args["change"], str(args.get("subject") or "")
    words = _typed(str(args.get("message") or ""), ctx)  # with its stops
    if change == "later":  # "send it tomorrow morning": nothing is scheduled; the draft still waits
        return Reply(f"{CANT_SEND_LATER} Should I send it now?", confirm_args={"action": "send", "draft": key})
    if change == "send":
        pass  # nothing changes: its sending is asked for again (a draft is only ever sent after a yes)
    elif change == "value" and (swap := REPLACED.search(normalize(ctx.utterance or ""))) and with_words_replaced(
        msg, swap["old"], swap["new"]
    ):
        pass  # "change 3 to 4", "replace friday with saturday": those words
    elif change == "value":  # "change it to 5": the last time, number or day ("change 9 to 10": only a 9)
        if swap is not None or not with_value_changed(msg, words):  # "make that alice" after a draft to bob
            person = recipient_named(words, load_contacts(settings.contacts, settings.address_book))
            if TONE.match(normalize(words)):  # "make it more formal": the words stay the user's
                return Reply("I can't change how it sounds: I write the words you say. Should I send it as it is?",
                             confirm_args={"action": "send", "draft": key})
            if person is None or msg["In-Reply-To"]:  # the draft still waits for its yes
                nothing = swap["old"] if swap is not None else words.rstrip(".!?,;:")
                return Reply(f"I found nothing like {nothing} to change. Should I send it as it is?",
                             confirm_args={"action": "send", "draft": key})
            with_recipient(msg, people, person)
            uncopied(msg, person)  # not copied to the person it now goes to
            people = [person]
    elif change == "subject" and subject:
        with_subject(msg, subject)
    elif change == "add" and words:  # "add that i'll be late", or "also add bob": a sentence, or a person
        contacts = load_contacts(settings.contacts, settings.address_book)
        people = with_added(msg, words, people, contacts, copy_line(ctx.utterance or "") or "To")
    elif change == "remove" and LAST_SENTENCE.fullmatch(normalize(words)):  # "remove the last sentence"
        if not without_last_sentence(msg):
            return Reply("It has only that one sentence. Should I send it as it is?", confirm_args={"action": "send", "draft": key})
    elif change == "remove" and words:  # "take bob off"
        people = with_removed(msg, words, people)
    elif change == "message" and len(words.split()) <= 2 and with_value_changed(msg, words):
        pass  # "say monday instead" after "... done by friday": that day, not the whole text "Monday."
    elif change == "message" and words and msg.get_body(("plain",)) is not None:
        first = listed([c.first_name for c in people if c.name])
        # a subject made from the old words ("The hike is cancelled") is made again from the new ones
        made = not msg["In-Reply-To"] and set(normalize(str(msg["Subject"])).split()) <= set(normalize(body_text(msg)).split())
        new = compose(ctx.llm, first, words, None if made else str(msg["Subject"]), settings.name)
        msg.get_body(("plain",)).set_content(new.body)
        if made:
            with_subject(msg, new.subject)
    else:
        return Reply("What should I change? Say change the subject to ..., add that ..., or say ... instead.")
    remove_draft(settings.maildir_path, key, settings.drafts_folder)
    draft = Draft(str(msg["Subject"]), body_text(msg), "edit")
    ready = "It goes to {}." if normalize(ctx.utterance or "").startswith("who") else "The email to {} is ready."
    to = listed([name_of(c) for c in people]) + copying(msg)
    said = ready.format(to) if change == "send" else read_back(people, draft, "reply" if msg["In-Reply-To"] else "email", copying(msg))
    if change == "subject" and f", subject {draft.subject.rstrip('.')}." not in said:  # the new subject said, always
        said = f"The subject is now {draft.subject.rstrip('.')}. {said}"
    return saved(settings, ctx, people, draft, msg, None, said)
