"""VSTB: the working system of the Committees for the Advancement of Women."""
