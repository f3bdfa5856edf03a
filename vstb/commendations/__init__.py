"""Commendation (biểu dương, khen thưởng): the committee's yearly round, candidates proposed
from the year's evidence, approval where the award is decided, the decision and the history of
awards (issue 16)."""
