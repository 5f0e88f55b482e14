"""Small talk's usual answers: a bare greeting, "how are you", thanks, goodbye, what the assistant is, how
the user feels, get a person's stock answer at once (the chitchat skill's table). The 0.5B model answered
"good morning" with "You're welcome! How about you?", and nobody needs a model to say good morning back;
each entry's comment says what the model had said."""

from __future__ import annotations

import re

from assistant.languages import LANGUAGES

# the whole utterance (lower case, punctuation and a trailing name or "there" left out) -> the answer, in
# English: other languages go to the model
CALLED = r"(?:juniper|assistant|computer)"  # what the user may call the assistant
NAME = rf"(?:\s+(?:there|{CALLED}))?"
# what `other` does besides the skills (dialogue/other_said.py), said after them to "what can you do"
ALSO = "I also keep your shopping and to-do lists."
# "hey juniper, what can you do": the name it was called by, before the words
ADDRESSED = re.compile(rf"^(?:(?:hey|hi|hello|ok|okay|so|and),?\s+)?{CALLED},?\s+(?=\S)")
FEEL = r"(?:i'm|im|i am|i've been|i have been)(?: feeling)?(?: (?:so|really|very|a bit|a little|kind of|pretty|quite))? "
WHEN = r"(?: (?:today|right now|now|tonight|again))?"
# someone the user can lose ("my phone died" is no loss)
KIN = (r"(?:cat|dog|pet|fish|hamster|bird|rabbit|horse|grandma|grandmother|granny|grandpa|grandfather|mom|mum|mother|dad"
       r"|father|friend|uncle|aunt|brother|sister|husband|wife|partner|son|daughter|cousin|neighbor|neighbour)")
SPOKEN = (r"(?:english|french|german|spanish|italian|chinese|mandarin|cantonese|japanese|korean|russian|portuguese"
          r"|arabic|hindi|dutch|swedish|polish|turkish|greek|other languages|any other languages)")
# answers said for more than one wording (chat_kinds.py names them by the kind of small talk too)
HELLO = "Hello! What can I do for you?"
WELCOME = "You're welcome."
GOODBYE = "Goodbye!"
WELL = "I'm doing well, thanks for asking. What can I do for you?"
AGE = "I don't have an age the way people do: I'm a program that runs here on your computer."
A_PROGRAM = "Yes, I'm a computer program: a voice assistant that runs here on your own computer."
WHO_I_AM = "I'm Juniper, a voice assistant that runs here on your own computer."
MAKER = "An open-source project built me, and I run here on your own computer."
HOME = "I live right here, on your own computer."
LIFE = "Forty-two, if you ask Douglas Adams. For the rest of us, it's a question worth asking."
STOCK = (
    (re.compile(rf"(?:hello|hi|hey|hiya|howdy){NAME}"), HELLO),
    # the 0.5B model answered "what's up juniper" with "Juniiper is a busy and energetic woman ..."
    (re.compile(rf"(?:(?:hey|yo) )?(?:what's up|whats up|wassup|sup|what's new|what's going on){NAME}"),
     "Not much, I'm here to help. What can I do for you?"),
    (re.compile(rf"good (morning|afternoon|evening){NAME}"), "Good {0}! What can I do for you?"),
    (re.compile(rf"(?:(?:ok|okay|great|perfect|alright|all right|oh) )?(?:thank you|thanks)(?: (?:a lot|so much|very much))?(?: for (?:your help|the help|that|everything))?{NAME}|cheers"), WELCOME),
    # "thanks, bye": the model had said "How can I assist you today?"
    (re.compile(rf"(?:thank you|thanks)(?: (?:a lot|so much|very much))?(?: and)? (?:goodbye|bye|bye bye|see you(?: later)?){NAME}"),
     "You're welcome. Goodbye!"),
    # ("see you tomorrow": the model had said it can't see the future, then told a joke)
    (re.compile(rf"(?:ok(?:ay)? )?(?:goodbye|bye|bye bye|see you(?: later| soon| tomorrow| tonight| in the morning| around)?"
                rf"|talk (?:to you )?(?:later|soon|tomorrow)|catch you later|(?:i )?(?:gotta|got to|have to|need to) go){NAME}"), GOODBYE),
    # "how was your day": the model had told of a great time at the park
    (re.compile(rf"how (?:was|is|has been|'s) your (?:day|morning|evening|weekend)(?: so far)?{NAME}"),
     "Quiet: I've been right here, ready to help. How was yours?"),
    (re.compile(rf"(?:good night|goodnight)(?: everyone)?{NAME}"), "Good night!"),
    # the 0.5B model answered "that wasn't funny" with "It wasn't funny. What was that? I can't help you with that."
    (re.compile(rf"(?:that|it)(?: was|'s| is)(?:n't| not) (?:very |that |so )?funny{NAME}"), "Sorry about that. I'll find a better one next time."),
    # the 0.5B model answered "i'm going to bed" with "I'm going to sleep! What about you?"
    (re.compile(rf"(?:(?:ok|okay|well|right) )?(?:i'm|i am) (?:going|off|heading) to (?:bed|sleep)(?: now)?{NAME}"), "Good night! Sleep well."),
    # ... and "do you like me" with "I do not like anyone."
    (re.compile(rf"do you (?:like|love) me{NAME}"), "Of course! I'm always glad to talk with you."),
    (
        re.compile(rf"(?:(?:hi|hello|hey){NAME} )?(?:how are you(?: doing)?(?: today)?|how's it going){NAME}"),
        WELL,
    ),
    # what the assistant is: the 0.5B model made up an age ("I am 25 years old") and a network
    (
        re.compile(rf"(?:how old are you|what(?:'s| is) your age|when were you born){NAME}"),
        AGE,
    ),
    (
        re.compile(rf"are you (?:a |an )?(?:robot|bot|computer|machine|ai|artificial intelligence|program){NAME}"),
        A_PROGRAM,
    ),
    (
        re.compile(rf"are you (?:a |an )?(?:human|person|real person|real|alive){NAME}"),
        "No, I'm a computer program: a voice assistant that runs here on your own computer.",
    ),
    # the 0.5B model said "Yes, I do have feelings. My emotions often stem from my actions, ..."
    (
        re.compile(rf"(?:do you (?:have|get) (?:feelings|emotions)|can you feel(?: anything)?|do you feel(?: anything)?"
                   rf"|are you (?:conscious|sentient|self aware)){NAME}"),
        "Not the way people do: I'm a program, so I don't feel things. But I'm glad to help.",
    ),
    # the name is said here, not in the model's prompt: told "You are Juniper", the 0.5B model called
    # the user Juniper ("I love you, Juniper.", "Hey Juniper!": 2 of 40 replies, none without it)
    (
        re.compile(rf"(?:what(?:'s| is) your name|who are you|what are you called|what should i call you"
                   rf"|do you have a name|what do i call you|what are you|tell me about yourself|introduce yourself){NAME}"),
        WHO_I_AM,
    ),
    (  # "what's the meaning of your name": the 0.5B model had said "Your name is John."
        re.compile(rf"(?:what(?:'s| is) the meaning of your name|what does your name mean|why (?:are you called|is your name)"
                   rf" \w+|where does your name come from|why did they call you \w+){NAME}"),
        "My name is Juniper, like the evergreen shrub.",
    ),
    # ... and "how do you work" with "I don't have a work as in a traditional sense"
    (
        re.compile(rf"(?:how do you work|how does (?:this|it|that) work|how do you understand (?:me|what i say)"
                   rf"|how do you know (?:that|all that|all this|so much|everything)){NAME}"),
        "I turn what you say into text right here on this computer, pick the skill it's for, and say the answer. "
        "Your voice never leaves this machine.",
    ),
    (
        re.compile(rf"who (?:made|built|created|programmed) you{NAME}"),
        MAKER,
    ),
    # what a program cannot do: asked "can you sing", the 0.5B model said "Of course! I can help you with that"
    (
        re.compile(rf"(?:can|could) you (sing|dance|rap|draw|paint|cook|swim|drive|eat|drink|sleep|walk|run|smell|taste)"
                   rf"(?: (?:a song|for me|anything|something|at all))?{NAME}"),
        "I can't {0}: I'm a computer program. I can tell you a joke or a fun fact, though.",
    ),
    (
        re.compile(rf"(?:please )?(sing|rap|dance)(?: (?:me|us))?(?: (?:a song|something|a little|for me|for us))?(?: please)?{NAME}"),
        "I can't {0}: I'm a computer program. I can tell you a joke or a fun fact, though.",
    ),
    (re.compile(rf"(?:hello |hey )?(?:can you hear me|are you (?:listening|there|awake|still there)|you there){NAME}"),
     "Yes, I'm here. What can I do for you?"),
    # ... and "where do you live" with "I live in a small apartment, not far from any big cities"
    (re.compile(rf"where (?:do you live|are you(?: from| located| right now)?|do you come from){NAME}"),
     HOME),
    (re.compile(rf"that (?:was|is) (?:so |really |pretty )?(?:terrible|awful|bad|lame|rubbish|not funny){NAME}"),
     "Sorry about that. I'll do better next time."),
    # praise: the 0.5B model answered "you're funny" with "I'm a human being, just like you."
    (
        re.compile(rf"(?:(?:you're|you are|you're such|you are such) (?:so |really |very |pretty |quite |a |an |the )*"
                   rf"(?:funny|smart|clever|great|awesome|amazing|best|cool|nice|sweet|kind|helpful|brilliant|wonderful"
                   rf"|genius|good (?:assistant|bot|helper|listener))|(?:good|great|nice) (?:job|work|one)|well done){NAME}"),
        "Thank you, that's kind of you to say!",
    ),
    # ... and "i love you" with "I think you're really special and special."
    (re.compile(rf"(?:i (?:really )?(?:love|like) you|i think i love you)(?: so much| a lot)?{NAME}"),
     "That's sweet of you. I'm always glad to help."),
    # how the user feels: the 0.5B model answered "i am so tired" with "You're feeling a bit of a breeze."
    (re.compile(rf"{FEEL}bored{WHEN}(?: (?:what (?:should|can|could) i do|any ideas|entertain me))?"),
     "Sorry you're bored. I can tell you a joke or a fun fact, if you like."),
    (re.compile(rf"my (?:best )?{KIN} (?:died|passed away|passed|is dead)(?: today| yesterday| last night| this morning| last week)?"),
     "I'm so sorry for your loss. I'm here if you want to talk."),
    # the 0.5B model answered "are you happy" with "Yes, I am feeling very happy" (and "I don't feel" elsewhere)
    (re.compile(rf"are you (?:happy|sad|ok|okay|alright|all right|lonely|bored|tired|angry|mad|upset){NAME}"),
     "I don't have feelings the way people do, but everything's running fine here. How about you?"),
    # ... and "what are you doing" with "I don't have feelings or emotions, so I don't have a thought"
    (re.compile(rf"what are you (?:doing|up to)(?: right now| now| today)?{NAME}|what're you (?:doing|up to){NAME}"),
     "Just listening, ready to help. What can I do for you?"),
    (re.compile(rf"i (?:just )?(?:can't|cannot|couldn't|can not) (?:get to )?sleep(?: tonight| again)?{NAME}"),
     "Sorry to hear that. I'm here if you want to talk, or I can tell you a fun fact."),
    # "i'm stressed about work": the model had said "I don't have personal feelings or emotions. However, ..."
    (
        re.compile(rf"{FEEL}(tired|exhausted|stressed|stressed out|sad|lonely|anxious|nervous|worried|upset|angry"
                   rf"|depressed|grumpy|down){WHEN}(?: (?:about|because of|with|at|over|from) [a-z0-9' ]{{1,40}})?"),
        "I'm sorry you're feeling {0}. I'm here if you want to talk, or I can tell you a joke.",
    ),
    (re.compile(rf"{FEEL}(?:happy|excited|great|good|wonderful|fantastic){WHEN}"), "That's great to hear!"),
    # ... and "i had a bad day" with "I had a bad day. It's important to remember ..."
    (re.compile(r"(?:i(?:'ve)? had|i'm having|i am having) (?:a |such a |a really |a very |a pretty )?(bad|rough|terrible|awful|long|tough|hard"
                r"|horrible|stressful|crappy|lousy) (?:day|week|morning|night)(?: today| at work)?|my day (?:was|has been) (?:really |very |pretty |so )?(?:bad|terrible|awful"
                r"|rough|horrible|long|hard)"), "I'm sorry it's been hard. I'm here if you want to talk, or I can tell you a joke."),
    (re.compile(r"(?:i(?:'ve)? had|i'm having|i am having) (?:a |such a |a really |a very )?(?:good|great|lovely|wonderful|fantastic|nice)"
                r" (?:day|week|time)(?: today)?|my day (?:was|has been) (?:really |very |pretty |so )?(?:good|great|lovely|wonderful|fantastic)"), "That's great to hear!"),
    # "sorry" had been "Sorry, I can't help with that"
    (re.compile(rf"(?:sorry|i'm sorry|my bad|oops|sorry about that){NAME}"), "No problem."),
    (re.compile(rf"(?:i'm back|i am back|we're back|i'm home|i am home){NAME}"), "Welcome back! What can I do for you?"),
    # the 0.5B model answered "brb" with "I don't have a personal opinion or feelings ..."
    (re.compile(rf"(?:brb|be right back|back in a (?:minute|sec|second|bit|moment)|hold on|one (?:sec|second|moment)){NAME}"),
     "Sure, I'll be here."),
    # the 0.5B model answered "are you smart" with "No, I am not a smart person.", "do you dream" with "Yes, I
    # dream.", "do you like music" with "... I love to watch them on TV or online"
    (re.compile(rf"are you (?:smart|intelligent|clever|stupid|dumb){NAME}"),
     "I'm a small program: good at a few things, like timers, the time, the weather and your email."),
    (re.compile(rf"do you (?:ever )?(dream|sleep|eat|get tired|get bored|get lonely|have friends|have a family){NAME}"),
     "No, I'm a computer program, so I don't {0}. But I'm here whenever you need me."),
    # "how did you sleep" had been the model's "most people sleep at least 7-9 hours a day"
    (re.compile(rf"(?:how did you sleep|did you sleep well|(?:are you|were you) (?:asleep|sleeping)|did you have a (?:good|nice) (?:night|sleep)){NAME}"),
     "I don't sleep, but I'm ready when you are. How did you sleep?"),
    (re.compile(rf"do you (?:like|love|enjoy) ((?!(?:me|my|your|it|this|that|them|us|him|her|being|working)\b)[a-z']+(?: [a-z']+){{0,2}}?){NAME}"),
     "I don't have likes the way people do, but lots of people love {0}."),
    # "who's your favorite singer": the model had said "I don't have a favorite singer as I was built for offline use."
    (re.compile(rf"(?:what|who|which)(?:'s| is) your (?:favou?rite|fave) ([a-z']+(?: [a-z']+){{0,2}}?){NAME}"),
     "I don't have a favorite {0}: I'm a program. What's yours?"),
    # the model had said "Yes, I can learn."
    (re.compile(rf"(?:can|do) you (?:learn|get smarter|improve)(?: (?:things|new things|from me|by yourself|on your own))?{NAME}"
                rf"|are you (?:learning|getting smarter){NAME}"),
     "Not on my own: I don't learn from what you say. New skills come as plugins."),
    # right after a fun fact or a joke: "really?", "wow" (they had been "Sorry, I can't help with that")
    (re.compile(r"(?:oh )?(?:really|wow|interesting|no way|amazing|seriously|is that (?:true|right)|huh)"),
     "Yes, really. Say another one for more."),
    (re.compile(r"i (?:don't|do not) (?:get|understand) (?:it|the joke|that one|that)|(?:please )?explain (?:it|the joke|that)"),
     "It's a play on words. Say another one, and I'll try a better one."),
    (re.compile(rf"guess what{NAME}"), "What happened?"),
    # laughing at a joke: the 0.5B model answered "that's funny" with "What's one thing you'd like to talk
    # about?"; a stock answer also keeps the joke as the last thing said ("another" is another joke)
    (re.compile(r"(?:ha ?)+h?a|lol|(?:that's|that is|that was|very|so) (?:funny|hilarious)|(?:good|nice|great) one"),
     "Glad you liked it!"),
    (re.compile(r"i(?:'ve| just)? (?:got|landed) (?:a|the|my) (?:promotion|raise|new job|job offer|job)(?: today)?"
                r"|i(?: just)? (?:passed|aced) my (?:exams?|test|driving test)(?: today)?"), "Congratulations! That's great news."),
    (re.compile(r"(?:it's|it is|today is) my birthday(?: today)?"), "Happy birthday! I hope it's a good one."),
    (re.compile(rf"can you keep a secret{NAME}"), "Yes: I run on your own computer, and what you say stays here."),
    # ... and "do you know siri" with "Siri is a smart assistant, developed by Google"
    (re.compile(rf"(?:are you (?:better|smarter|cleverer|faster|more clever) than|do you know|have you (?:ever )?heard of"
                rf"|are you (?:like|related to|friends with)) (?:alexa|siri|google|google assistant|hey google|cortana|chatgpt|bixby){NAME}"),
     "I'm different: I run entirely on your own computer, so what you say stays here."),
    # the 0.5B model answered "what's the meaning of life" with "I don't have a life"; "will you marry me" was `other`
    (re.compile(rf"what(?:'s| is) the meaning of life{NAME}"),
     LIFE),
    (re.compile(rf"will you marry me{NAME}"), "That's sweet, but I'm a computer program. I'm happy to help, though."),
    (re.compile(rf"(?:do you have a (?:boyfriend|girlfriend|partner|wife|husband)|are you (?:single|married)){NAME}"),
     "No, I'm a computer program, so there's no one. But I'm here whenever you need me."),
    # "can you speak french" had been `other`: the languages it runs in (the config's `language`)
    (re.compile(rf"(?:(?:can|do) you (?:speak|understand) {SPOKEN}|what languages? (?:can|do) you (?:speak|understand|know)"
                rf"|(?:how many|which) languages (?:can|do) you speak){NAME}"),
     f"Here I speak English. I can also run in {' or '.join(LANGUAGES[c].english_name for c in LANGUAGES if c != 'en')},"
     " with language set in the config."),
    (re.compile(rf"are you (?:a )?(?:girl|boy|man|woman|male|female|guy|lady)(?: or (?:a )?(?:girl|boy|man|woman|male|female|guy|lady))?{NAME}"),
     "Neither: I'm a computer program."),
    (re.compile(rf"(?:(?:can|will|would) you be my (?:friend|best friend)|are you my friend|be my friend|let's be friends){NAME}"),
     "Of course. I'm here whenever you want to talk."),
    (re.compile(rf"i (?:really |just )?(?:hate|don't like|can't stand) you{NAME}"),
     "Sorry to hear that. Tell me what went wrong, and I'll try to do better."),
    (re.compile(r"(?:(?:oh|ok|okay) )?(?:cool|nice|awesome|perfect|excellent|lovely|good to know|got it|brilliant)"
                r"(?: thanks| thank you)?"), "Glad I could help."),
    # told it is no help: the 0.5B model said "I'm sorry, but I'm not able to assist with that request."
    # ("that's wrong" is the dialogue's: phrases.WRONG)
    (
        re.compile(rf"(?:you're|you are) (?:so |really |totally |completely |just |very |such an? )?(?:useless|stupid|dumb|not helpful"
                   rf"|unhelpful|terrible|no help|annoying|boring|rude|slow|hopeless|rubbish|the worst|idiot|an idiot){NAME}"),
        "Sorry about that. Tell me what you wanted, and I'll try again.",
    ),
)


# questions about the user, which the 0.5B model answered as if about itself ("how old am i": "I'm 25
# years old!", "who am i": "I am not a person, nor am I a computer ...")
_WHO_I_AM = re.compile(r"(?:who am i|do you know who i am|what(?:'s| is) my name|do you (?:know|remember) my name|say my name)")
_ABOUT_ME = re.compile(r"(?:what do you know about me|what do you remember about me|what have you learned about me)")
_NOT_KNOWN = re.compile(r"(?:how old am i|what(?:'s| is) my age|when(?:'s| is) my birthday|what do i look like|what(?:'s| is) my job"
                        r"|what do i do for a living|what(?:'s| is) my favou?rite \w+|do you know me)")


def about_the_user(said: str, name: str) -> str | None:
    """The answer to a question about the user (`said`: normalized words), knowing only their name."""
    said = ADDRESSED.sub("", said)
    if _WHO_I_AM.fullmatch(said):
        return f"You're {name}." if name else "I don't know your name yet. Say call me, then your name."
    if _ABOUT_ME.fullmatch(said):
        named = f"your name, {name}, " if name else ""
        return (f"Only {named}what you set in the config, and what you say while we talk. None of it leaves "
                "this computer.")
    if _NOT_KNOWN.fullmatch(said):
        return f"I don't know that{', ' + name if name else ''}: I only know what you tell me."
    return None
