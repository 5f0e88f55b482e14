"""The voice loop: frames in, events out.

idle --wake--> listening --vad end--> thinking (ASR final, route, skill) --> speaking --> idle
                  |  no speech within the timeout --> idle                  \\-> listening (follow-up)

Audio arriving while the assistant speaks is dropped (it would hear itself), unless barge-in is on
(listen/bargein.py): then every frame passes an echo canceller and, while a reply plays, only the wake word
or a stop phrase is listened for. Due timers ring on every frame whatever the state.

loop.py: the Pipeline (listening, the turn); state.py: where it stands (State, Window, Listening);
voice.py: speaking replies and hearing the user over them; ack.py: "One moment."; clock.py: the audio clock.
"""

from .clock import ECHO_TAIL_S, Clock
from .loop import Pipeline
from .state import State, Window

__all__ = ["ECHO_TAIL_S", "Clock", "Pipeline", "State", "Window"]
