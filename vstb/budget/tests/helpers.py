"""An estimate of Long Biên's issued 2025 plan (conftest.build_world), for the budget tests."""

from datetime import date

from vstb.activities.models import Activity
from vstb.budget import services
from vstb.budget.models import Estimate, EstimateLine, Source


def estimate_with_lines(w) -> Estimate:
    """Three lines: communication 10 000 000 from the district budget (the justice task's
    group), training 6 000 000 from the district budget, clubs 4 000 000 mobilised."""
    estimate = services.open_estimate(w.district_plan)
    group = w.justice_task.section
    w.line_media = services.add_line(
        estimate,
        EstimateLine(
            section=group, item="2a", source=Source.DISTRICT, description="Tuyên truyền",
            amount=10_000_000,
        ),
    )  # fmt: skip
    w.line_training = services.add_line(
        estimate,
        EstimateLine(item="4", source=Source.DISTRICT, description="Tập huấn", amount=6_000_000),
    )
    w.line_clubs = services.add_line(
        estimate,
        EstimateLine(
            item="2đ", source=Source.MOBILISED, description="Câu lạc bộ", amount=4_000_000
        ),
    )
    estimate.refresh_from_db()
    return estimate


def activity(w, title: str, cost: int | None, start: date = date(2025, 4, 10)) -> Activity:
    return Activity.objects.create(
        unit=w.district, agency=w.justice, kind="training", title=title, start=start, cost=cost
    )
