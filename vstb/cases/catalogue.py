"""The categories of the case register, each with the text it comes from and whether that
text has been confirmed (docs: ../shared/research/cases.md). Where a category or an article
is not confirmed, the data says so (`CONFIRMATION`), as the indicator catalogue does: the
administrators' page of the catalogue shows it; users see the categories only."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    # Law 13/2022/QH15 on domestic violence prevention and control, art. 2 (definition).
    DOMESTIC = "domestic", _("Domestic violence")
    # Gender-based violence outside the family (Law on Gender Equality 2006; GBVIMS).
    GENDER_BASED = "gender_based", _("Gender-based violence outside the family")
    # Law 53/2024/QH15 on prevention and combat of human trafficking.
    TRAFFICKING = "trafficking", _("Human trafficking")


class Channel(models.TextChoices):
    """Where the report was received. Law 13/2022/QH15 art. 19 lists where reports of
    domestic violence are received (article number inferred from Decree 76/2023: unconfirmed);
    hotline and trusted address from Decree 76/2023 art. 7 and Law 13/2022 art. 35."""

    COMMUNE = "commune", _("Commune People's Committee")
    POLICE = "police", _("Police or border guard")
    SCHOOL = "school", _("School")
    VILLAGE = "village", _("Village or residential group head")
    WOMENS_UNION = "womens_union", _("Women's Union or another mass organisation")
    HOTLINE = "hotline", _("Hotline")
    TRUSTED_ADDRESS = "trusted_address", _("Trusted address")
    SELF = "self", _("The survivor came forward")
    AGENCY = "agency", _("Another agency")


class ViolenceForm(models.TextChoices):
    """Law 13/2022/QH15 art. 2 cl. 1: harm to the body, mind, sexuality or economy."""

    PHYSICAL = "physical", _("Physical")
    MENTAL = "mental", _("Mental")
    SEXUAL = "sexual", _("Sexual")
    ECONOMIC = "economic", _("Economic")


class GbvType(models.TextChoices):
    """The six core types of the GBV Information Management System (GBVIMS User Guide,
    ch. 3), one per incident, and "not GBV"."""

    RAPE = "rape", _("Rape")
    SEXUAL_ASSAULT = "sexual_assault", _("Sexual assault")
    PHYSICAL_ASSAULT = "physical_assault", _("Physical assault")
    FORCED_MARRIAGE = "forced_marriage", _("Forced marriage")
    DENIAL = "denial", _("Denial of resources, opportunities or services")
    PSYCHOLOGICAL = "psychological", _("Psychological or emotional abuse")
    NOT_GBV = "not_gbv", _("Not gender-based violence")


class Relation(models.TextChoices):
    """The perpetrator's relation to the survivor. Decree 76/2023 arts. 2–3 extend the acts of
    domestic violence to former spouses and cohabiting partners."""

    SPOUSE = "spouse", _("Husband or wife")
    FORMER_SPOUSE = "former_spouse", _("Former husband or wife")
    PARTNER = "partner", _("Cohabiting partner")
    PARENT = "parent", _("Parent or step-parent")
    CHILD = "child", _("Child or step-child")
    SIBLING = "sibling", _("Brother or sister")
    FAMILY = "family", _("Other family member")
    KNOWN = "known", _("Someone known, not family")
    STRANGER = "stranger", _("Stranger")
    UNKNOWN = "unknown", _("Not known")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    UNKNOWN = "unknown", _("Not recorded")


class AgeBand(models.TextChoices):
    """The bands of the old statistics form (Circular 23/2011/TT-BVHTTDL): under 16, 16–59,
    60 and over. Whether a current form keeps them is not confirmed."""

    CHILD = "under16", _("Under 16")
    ADULT = "16to59", _("16 to 59")
    OLDER = "60plus", _("60 and over")
    UNKNOWN = "unknown", _("Not recorded")


class Risk(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Measure(models.TextChoices):
    """Protection and support measures of Law 13/2022/QH15 (art. 22 is the likely article:
    unconfirmed), the catalogue of a case plan."""

    STOP = "stop", _("Stopping the violence")
    SUMMON = "summon", _("Summoning the perpetrator to the commune police")
    PROTECTIVE_ORDER = "protective_order", _("Protective order (no contact)")
    SHELTER = "shelter", _("Temporary shelter and essential needs")
    CARE = "care", _("Care and medical treatment")
    LEGAL_AID = "legal_aid", _("Legal aid")
    COUNSELLING = "counselling", _("Psychological counselling and coping skills")
    EDUCATION = "education", _("Behaviour-change education")
    CRITICISM = "criticism", _("Community criticism")
    COMMUNITY_SERVICE = "community_service", _("Community service")
    ADMINISTRATIVE = "administrative", _("Administrative measures")
    CRIMINAL = "criminal", _("Criminal-procedure measures")
    # Law 53/2024/QH15: support to victims of trafficking and those being identified.
    REINTEGRATION = "reintegration", _("Support for reintegration")


class ProviderKind(models.TextChoices):
    """Support facilities of Law 13/2022/QH15 art. 35, with the police and shelters."""

    TRUSTED_ADDRESS = "trusted_address", _("Trusted address")
    HEALTH = "health", _("Medical facility")
    SOCIAL = "social", _("Social support facility")
    LEGAL_AID = "legal_aid", _("Legal aid")
    POLICE = "police", _("Police")
    SHELTER = "shelter", _("Shelter")
    OTHER = "other", _("Other support provider")


class ConsentScope(models.TextChoices):
    """What a survivor consents to, each recorded separately (GBVIMS consent form; Law
    91/2025/QH15 on personal data protection: consent is explicit and withdrawable)."""

    SERVICES = "services", _("Services")
    REFERRAL = "referral", _("Referral to the agencies named")
    STATISTICS = "statistics", _("Counting in non-identifiable statistics")


class LegalBasis(models.TextChoices):
    """Acting without consent: the basis recorded instead. The articles are not confirmed."""

    CHILD_AT_RISK = "child_at_risk", _("A child at risk (Law on Children)")
    LIFE_AT_RISK = "life_at_risk", _("Life or health in immediate danger")


class ClosureReason(models.TextChoices):
    NEEDS_MET = "needs_met", _("Needs met, survivor safe")
    DECLINED = "declined", _("Survivor declined further support")
    MOVED = "moved", _("Survivor moved away")
    TRANSFERRED = "transferred", _("Transferred to another commune")
    DIED = "died", _("Survivor died")
    OTHER = "other", _("Other")


# Which texts above have been read and confirmed (docs/decisions/0020-cases.md); the rest is
# as the research note found it, to be confirmed before official use.
CONFIRMATION = {
    "CaseKind": "Law 13/2022 art. 2 confirmed; Law 53/2024 in force 01/07/2025 unconfirmed",
    "Channel": "unconfirmed (Law 13/2022 art. 19 inferred)",
    "ViolenceForm": "confirmed (Law 13/2022 art. 2 cl. 1)",
    "GbvType": "confirmed (GBVIMS User Guide ch. 3)",
    "AgeBand": "unconfirmed (bands of Circular 23/2011, replaced)",
    "Measure": "unconfirmed article number (Law 13/2022 art. 22 likely)",
    "ProviderKind": "confirmed list (Law 13/2022 art. 35)",
    "LegalBasis": "unconfirmed articles",
}
