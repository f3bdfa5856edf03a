"""What the leaders tests share: a candidate of a unit, as the form records it."""

from vstb.leaders import services
from vstb.leaders.models import Candidate
from vstb.org.models import Sex


def candidate(unit, agency, name="Nguyễn Thị Hoa", sex=Sex.FEMALE, **fields) -> Candidate:
    values = {
        "current_position": "Phó Trưởng phòng",
        "planned_title": "Trưởng phòng",
        "planned_rank": "head",
        "key_position": True,
        "term_start": 2026,
        "term_end": 2031,
        **fields,
    }
    return services.add_candidate(
        Candidate(unit=unit, full_name=name, sex=sex, planned_agency=agency, **values)
    )
