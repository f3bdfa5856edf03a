"""Funding (kinh phí) of a plan: its estimate (dự toán) by activity group, budget item and
source, and spending followed through the activities' costs (issue 16)."""
