"""Every rule of who may see or change what in VSTB (deny by default).

Rules (docs/decisions/0003-access.md, 0012-access-package.md):
- secretariat and unit officer: read their unit and everything below it; change their unit's
  own things (committee, plans, reports);
- viewer: read their unit and everything below it; change nothing;
- agency focal point: read their unit; change what is assigned to their agency;
- system administrator: read and change everything.
Every signed-in person also sees the units above their own, because each level works to its
parent's plan. What a person may not see is 404 (it does not exist for them); what they may
see but not change is 403. Views declare a rule with @public or @authenticated; the
middleware refuses any view that declares none.

One module per object type (units, plans, activities, reporting, notifications, indicators,
publication, sign_in, audit, cases, api, webhooks, issuing, meetings, reviews, budget, commendations, leaders, inspections), each with `..._visible_to(user)` filters, `get_..._for_user(user,
pk, write=…)` loaders and `can_...(user, obj)` predicates; `views` holds the view decorators.
A user's grants are private to the package (`_grants`): nothing outside it reads them (a test
checks). This module gathers the public names so that callers write `access.get_plan_for_user`.
"""

from vstb.access._grants import MANAGER_KINDS, RULES  # noqa: F401  (role kinds, for forms and docs)
from vstb.access.activities import (  # noqa: F401
    activities_at_own_units,
    activities_visible_to,
    agencies_to_record_for,
    can_change_activity,
    can_record_activity,
    get_activity_for_user,
    get_evidence_for_user,
)
from vstb.access.api import (  # noqa: F401
    api_tokens_of,
    get_api_token_for_user,
    program_token,
    require_writing_token,
)
from vstb.access.budget import (  # noqa: F401
    budget_plans_visible_to,
    can_change_budget,
    estimates_visible_to,
    get_budget_plan_for_user,
    get_budget_unit_for_user,
    get_estimate_for_user,
    get_estimate_line_for_user,
    overspent_estimates_for,
    reads_budget_of,
)
from vstb.access.cases import (  # noqa: F401
    can_manage_provider,
    can_read_case_figures,
    can_record_case_at,
    can_supervise_case,
    case_figure_units,
    case_supervisors_over,
    cases_visible_to,
    exports_visible_to,
    get_case_for_user,
    get_export_for_user,
    get_figures_unit_for_user,
    get_provider_for_user,
    get_referral_for_recipient,
    only_reports_cases,
    opens_case_register,
    providers_for,
    providers_visible_to,
    receives_referrals,
    records_cases,
    referral_recipients_for,
    referrals_for_recipient,
    require_supervisor,
    supervises_cases,
    units_supervised,
    units_to_record_cases,
    workers_for,
    works_cases_at,
)
from vstb.access.commendations import (  # noqa: F401
    can_decide,
    can_open_round,
    get_proposal_for_user,
    get_proposal_to_decide,
    get_round_for_user,
    get_rounds_unit_for_user,
    get_submission_for_user,
    reads_rounds_of,
    rounds_on_calendar,
    rounds_visible_to,
    submissions_to_decide,
    submissions_visible_to,
)
from vstb.access.indicators import (  # noqa: F401
    can_open_indicators,
    get_indicator_unit_for_user,
    get_leadership_position_for_user,
    get_plan_to_publish,
    get_published_document,
    get_report_to_publish,
    indicator_targets_visible_to,
    leadership_positions_visible_to,
)
from vstb.access.inspections import (  # noqa: F401
    can_inspect,
    can_report_on,
    can_set_up_inspections,
    get_finding_evidence_for_user,
    get_inspection_plan_for_user,
    get_inspection_target_for_user,
    get_inspections_unit_for_user,
    get_recommendation_for_user,
    get_response_evidence_for_user,
    get_team_member_for_user,
    get_visit_for_user,
    inspection_plans_visible_to,
    reads_inspection_plan,
    recommendation_reminder_recipients,
    recommendations_to_act_on,
    recommendations_to_review,
    recommendations_visible_to,
    visits_on_calendar,
    visits_visible_to,
)
from vstb.access.issuing import (  # noqa: F401
    can_draft_documents,
    documents_visible_to,
    get_document_for_user,
    get_issued_document_to_replace,
    get_issued_document_to_sign,
)
from vstb.access.leaders import (  # noqa: F401
    candidates_visible_to,
    changes_candidates_of,
    get_candidate_for_user,
    get_leaders_unit_for_user,
    leader_units_of,
    reads_candidates_of,
)
from vstb.access.meetings import (  # noqa: F401
    can_manage_meetings,
    get_conclusion_for_user,
    get_meeting_for_user,
    get_meetings_committee_for_user,
    meetings_at_own_units,
    meetings_on_calendar,
    meetings_visible_to,
    plans_for_conclusions,
    reads_meetings_of,
)
from vstb.access.notifications import (  # noqa: F401
    RECIPIENT_PATHS,
    Audience,
    action_month_recipients,
    get_notification_for_user,
    notifications_of,
    people_to_tell,
    report_reminder_recipients,
    task_recipients,
)
from vstb.access.plans import (  # noqa: F401
    can_read_plan,
    can_update_task,
    get_plan_for_user,
    get_plan_import_for_user,
    get_task_for_user,
    lower_units_user_manages,
    plans_over_user,
    plans_visible_to,
    tasks_for_user,
    tasks_of_unit,
    tasks_visible_to,
)
from vstb.access.reporting import (  # noqa: F401
    can_edit_report,
    can_report_for,
    can_review_report,
    can_sign_report,
    get_receiver_for_user,
    get_report_for_user,
    get_report_to_sign,
    get_reporter_for_user,
    get_requirement_for_user,
    receivers_for,
    reports_to_review,
    reports_visible_to,
    requirements_visible_to,
    returned_reports_of,
)
from vstb.access.reviews import (  # noqa: F401
    can_change_review,
    can_receive_drafts,
    get_finding_for_user,
    get_review_for_user,
    reviews_visible_to,
    sees_review_sources,
)
from vstb.access.units import (  # noqa: F401
    ACTING_UNIT,
    CHOOSER_LIMIT,
    acting_unit,
    agencies_listed,
    agencies_of,
    can_hand_over,
    can_manage_unit,
    can_read_unit,
    chooses_unit,
    get_ceased_unit_to_hand_over,
    get_committee_for_user,
    get_membership_for_user,
    get_unit_for_user,
    managed_unit_ids,
    managed_units_listed,
    own_agency_ids,
    reads_within_scope,
    roles_listed,
    roles_of,
    sees_internal_notes,
    unit_filter,
    units_above_own,
    units_in_scope,
    units_managed_by,
    units_to_choose,
    visible_units,
)
from vstb.access.users import (  # noqa: F401
    can_change_account,
    can_grant,
    get_role_for_manager,
    get_user_for_manager,
    kinds_to_grant,
    manages_users,
    roles_in_force_after,
    units_to_grant_at,
    users_visible_to,
)
from vstb.access.views import (  # noqa: F401
    authenticated,
    public,
)
from vstb.access.webhooks import (  # noqa: F401
    get_delivery_for_user,
    get_webhook_for_user,
)
