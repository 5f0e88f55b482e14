"""The conversation: one dialogue's state across turns (conversation.py), a turn run ahead at a pause
(ahead.py) and a reply still being written (reply_stream.py). It sits above routing and the models
(brain/), and below the voice pipeline and the Wyoming server that drive it."""
