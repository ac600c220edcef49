"""Calibration of geodist's airliner model against published scheduled block times (not shipped)."""
