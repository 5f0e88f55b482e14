"""Wyoming protocol: the assistant as services for Home Assistant and satellites, satellites that stream to
a server, and remote Wyoming ASR/TTS engines. The protocol and its events come from the `wyoming` package."""
