"""Realistic German demo data: ``davor demo`` loads it, ``demo_load`` does the work."""

from davor.users.demo.loader import DEMO_SEED, DemoSummary, demo_load

__all__ = ["DEMO_SEED", "DemoSummary", "demo_load"]
