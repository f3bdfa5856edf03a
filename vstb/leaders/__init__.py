"""The pipeline of women leaders: candidates in planning (quy hoạch) for leadership positions,
their training and appointment, and the shares of women against the Strategy's targets
(issue 16)."""
