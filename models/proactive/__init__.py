"""Proactive needs model: personas (ground truth), simulator episodes, generation, training, export, eval."""
