"""Inspection and supervision (kiểm tra, giám sát) of the plan's implementation at member
agencies and lower units: the inspection plan, its targets suggested from data, visits and
findings, recommendations followed until done (issue 16)."""
