"""Short tones: one for a good scan, another for a refused scan or an error."""

from pos_app.sound.player import AudioUnavailable, SoundPlayer, Tone

__all__ = ["AudioUnavailable", "SoundPlayer", "Tone"]
