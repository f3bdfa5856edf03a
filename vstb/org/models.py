"""Administrative units, their agencies and their committees.

The unit tree is a parent link plus a stored path ("/1/12/345/"): a subtree is one indexed
prefix query (docs/decisions/0002-unit-tree.md). Units change over time: a unit has
validity dates and successor links, and nothing is ever deleted because a unit ceased.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from vstb.lib.periods import in_force
from vstb.lib.search import search_q
from vstb.lib.stamps import Stamped
from vstb.lib.text import fold
from vstb.lib.versioning import Versioned


class PathField(models.CharField):
    """A materialised path; `path__under=p` selects p and everything below it."""


@PathField.register_lookup
class Under(models.Lookup):
    """Prefix match that every database can answer from a plain B-tree index.

    SQLite's LIKE ignores the index unless the column is NOCASE, but GLOB uses it; on
    PostgreSQL LIKE 'p%' uses the varchar_pattern_ops index declared on Unit. Paths hold
    only digits and "/", so neither pattern needs escaping.
    """

    lookup_name = "under"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        wildcard = "*" if connection.vendor == "sqlite" else "%"
        operator = "GLOB" if connection.vendor == "sqlite" else "LIKE"
        if self.rhs_is_direct_value():
            # One whole pattern parameter: SQLite uses the index only for a literal or a
            # single parameter, not for an expression such as (%s || '*').
            return f"{lhs} {operator} %s", [*lhs_params, f"{self.rhs}{wildcard}"]
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} {operator} ({rhs} || %s)", [*lhs_params, *rhs_params, wildcard]


class Level(models.IntegerChoices):
    NATIONAL = 0, _("National")
    PROVINCE = 1, _("Province")
    DISTRICT = 2, _("District")
    COMMUNE = 3, _("Commune")


class UnitKind(models.TextChoices):
    NATION = "quoc_gia", _("Nation")
    PROVINCE = "tinh", _("Province")
    CENTRAL_CITY = "tp_trung_uong", _("Centrally governed city")
    URBAN_DISTRICT = "quan", _("Urban district")
    RURAL_DISTRICT = "huyen", _("Rural district")
    TOWN = "thi_xa", _("Town")
    PROVINCIAL_CITY = "tp_thuoc_tinh", _("Provincial city")
    COMMUNE = "xa", _("Commune")
    WARD = "phuong", _("Ward")
    TOWNSHIP = "thi_tran", _("Township")
    # Law on Organisation of Local Government 2025, art. 2: island special zones sit at
    # commune level.
    SPECIAL_ZONE = "dac_khu", _("Special zone")


LEVEL_OF_KIND = {
    UnitKind.NATION: Level.NATIONAL,
    UnitKind.PROVINCE: Level.PROVINCE,
    UnitKind.CENTRAL_CITY: Level.PROVINCE,
    UnitKind.URBAN_DISTRICT: Level.DISTRICT,
    UnitKind.RURAL_DISTRICT: Level.DISTRICT,
    UnitKind.TOWN: Level.DISTRICT,
    UnitKind.PROVINCIAL_CITY: Level.DISTRICT,
    UnitKind.COMMUNE: Level.COMMUNE,
    UnitKind.WARD: Level.COMMUNE,
    UnitKind.TOWNSHIP: Level.COMMUNE,
    UnitKind.SPECIAL_ZONE: Level.COMMUNE,
}


class UnitQuerySet(models.QuerySet):
    def valid_on(self, day: date) -> "UnitQuerySet":
        """Units that existed on `day` (valid_from inclusive, valid_to exclusive)."""
        return self.filter(in_force(day))

    def current(self) -> "UnitQuerySet":
        return self.valid_on(timezone.localdate())

    def valid_during(self, start: date, end: date) -> "UnitQuerySet":
        """Units that existed on at least one day from `start` to `end` (both inclusive):
        for a 2026 plan, a ward that ceased on 1 July 2025 is not one of them."""
        begun = Q(valid_from__isnull=True) | Q(valid_from__lte=end)
        not_ended = Q(valid_to__isnull=True) | Q(valid_to__gt=start)
        return self.filter(begun & not_ended)

    def under(self, unit: "Unit") -> "UnitQuerySet":
        """`unit` and every unit below it, in any period."""
        return self.filter(path__under=unit.path)

    def search(self, text: str) -> "UnitQuerySet":
        """Name search that ignores case and diacritics: "long bien" finds "Long Biên"."""
        return self.filter(search_q(text, "search_name"))


# The kind words that open a unit's official name, longest first ("Thành phố" before a
# bare word); the rest of the name is the place.
KIND_WORDS = ["thành phố", "thị trấn", "thị xã", "đặc khu", "tỉnh", "quận", "huyện", "phường", "xã"]
# Codes the demonstration data and imports give units created by a reform until the official
# list gives them theirs (vstb/core/demo_data.py): never shown to users.
PLACEHOLDER_CODE_PREFIX = "TAM-"
# Decree 30/2020/NĐ-CP, Appendix I, Part I, II.4.a: a body at central level writes the name of
# the province where it sits; the national level's bodies sit in the capital, Hà Nội
# (Constitution 2013, art. 13).
NATIONAL_PLACE = "Hà Nội"
# II.4.a again: a unit named after a person keeps its full name on the date line.
NAMED_AFTER_A_PERSON = {"Thành phố Hồ Chí Minh"}


class Unit(Stamped):
    code = models.CharField(
        _("official code"),
        max_length=20,
        help_text=_("The code in the national list of administrative units."),
    )
    code_confirmed = models.BooleanField(
        _("code confirmed"),
        default=True,
        help_text=_("Unticked where the code has not been checked against the official list."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, editable=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = PathField(max_length=255, editable=False, default="")
    search_name = models.CharField(max_length=200, editable=False, default="")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(
        _("ceased on"),
        null=True,
        blank=True,
        help_text=_("The first day on which the unit no longer exists."),
    )
    note = models.TextField(_("note"), blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["path"]
        constraints = [
            # Two units that exist at the same time never share a code (checked in full,
            # with periods, by clean()); the database guards the current ones.
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(valid_to__isnull=True),
                name="unit_code_unique_current",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gt=models.F("valid_from")),
                name="unit_valid_to_after_valid_from",
            ),
        ]
        indexes = [
            # Subtree queries: path__under (LIKE 'p%' on PostgreSQL needs pattern ops).
            models.Index(fields=["path"], name="unit_path_idx", opclasses=["varchar_pattern_ops"]),
            # Unit browser: children of one unit.
            models.Index(fields=["parent", "name"], name="unit_parent_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.level = LEVEL_OF_KIND[self.kind]
        self.search_name = fold(self.name)
        old_path = self.path
        super().save(*args, **kwargs)
        new_path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        if new_path != old_path:
            self.path = new_path
            Unit.objects.filter(pk=self.pk).update(path=new_path)
            if old_path:
                self._move_descendants(old_path, new_path)

    def _move_descendants(self, old_path: str, new_path: str) -> None:
        """After a move, rewrite the stored paths below this unit in one statement."""
        descendants = Unit.objects.filter(path__under=old_path).exclude(pk=self.pk)
        descendants.update(
            path=models.functions.Concat(
                models.Value(new_path),
                models.functions.Substr("path", len(old_path) + 1),
                output_field=models.CharField(),
            )
        )

    def clean(self) -> None:
        errors = {}
        if self.kind:
            self.level = LEVEL_OF_KIND[self.kind]
        if self.parent_id:
            if self.pk and (self.parent_id == self.pk or self.parent.path.startswith(self.path)):
                errors["parent"] = _(
                    "A unit cannot be placed under itself or under one of its own lower units. "
                    "Choose a unit from another branch."
                )
            elif self.kind and self.parent.level >= self.level:
                errors["parent"] = _("The parent unit must be at a higher level than this unit.")
        if self.valid_from and self.valid_to and self.valid_to <= self.valid_from:
            errors["valid_to"] = _("The date the unit ceased must come after the date it began.")
        if self.code and self._overlapping_code_exists():
            errors["code"] = _(
                "Another unit existing at the same time already has the code %(code)s. "
                "Check the code against the official list."
            ) % {"code": self.code}
        if errors:
            raise ValidationError(errors)

    def _overlapping_code_exists(self) -> bool:
        others = Unit.objects.filter(code=self.code).exclude(pk=self.pk)
        if self.valid_from:
            others = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=self.valid_from))
        if self.valid_to:
            others = others.filter(Q(valid_from__isnull=True) | Q(valid_from__lt=self.valid_to))
        return others.exists()

    @property
    def place_name(self) -> str:
        """The place of the date line ("Long Biên, ngày …").

        Decree 30/2020/NĐ-CP, Appendix I, Part I, II.4.a: the official name of the unit where
        the issuing body sits, without its kind word ("Quận Long Biên" → "Long Biên"); a unit
        named by a number or after a person keeps its full name ("Phường 1").
        """
        if self.level == Level.NATIONAL:
            return NATIONAL_PLACE
        if self.name in NAMED_AFTER_A_PERSON:
            return self.name
        bare = self.bare_name
        return self.name if bare.isdigit() else bare

    @property
    def bare_name(self) -> str:
        """The name without its kind word: "Quận Long Biên" → "Long Biên", "Phường 1" → "1"."""
        folded = fold(self.name)
        for word in KIND_WORDS:
            if folded.startswith(fold(word) + " "):
                return self.name.split(" ", len(word.split()))[-1]
        return self.name

    @property
    def name_in_text(self) -> str:
        """The name as it stands inside a sentence, its kind word in lower case
        ("trên địa bàn phường Bồ Đề"; Decree 30/2020/NĐ-CP, Appendix II, on capitals)."""
        return self.name[:1].lower() + self.name[1:] if self.level != Level.NATIONAL else self.name

    @property
    def peoples_committee(self) -> str:
        """ "Quận Long Biên" → "Ủy ban nhân dân quận Long Biên"; in capitals, the header of
        its documents ("ỦY BAN NHÂN DÂN QUẬN LONG BIÊN")."""
        return f"Ủy ban nhân dân {self.name_in_text}"

    @property
    def has_placeholder_code(self) -> bool:
        return self.code.startswith(PLACEHOLDER_CODE_PREFIX)

    @property
    def shown_code(self) -> str:
        """The official code, or nothing while the unit only has a placeholder."""
        return "" if self.has_placeholder_code else self.code

    @property
    def file_stem(self) -> str:
        """The unit in a file name: its name without diacritics ("phuong-bo-de"), never a
        placeholder code."""
        return slugify(fold(self.name))

    @property
    def code_note(self) -> str:
        """ " (mã 00139)" after the unit's name in a document, or nothing for a placeholder."""
        return f" (mã {self.shown_code})" if self.shown_code else ""

    @property
    def choice_label(self) -> str:
        """The unit as a picker lists it: two units of one name (the old and the new
        "Phường Việt Hưng") are told apart by their parent and their dates. Needs `parent`
        loaded with the unit (select_related)."""
        details = [self.parent.name] if self.parent_id else []
        if self.valid_from:
            details.append(_("from %(date)s") % {"date": f"{self.valid_from:%d/%m/%Y}"})
        if self.valid_to:
            details.append(_("ceased %(date)s") % {"date": f"{self.valid_to:%d/%m/%Y}"})
        return f"{self.name} ({', '.join(str(d) for d in details)})" if details else self.name

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids from the top of the tree down to this unit's parent, read off the path."""
        return [int(part) for part in self.path.strip("/").split("/")[:-1]]

    def ancestors(self) -> "UnitQuerySet":
        return Unit.objects.filter(pk__in=self.ancestor_ids).order_by("level")

    def is_valid_on(self, day: date) -> bool:
        started = self.valid_from is None or self.valid_from <= day
        not_ended = self.valid_to is None or self.valid_to > day
        return started and not_ended

    def exists_during(self, start: date, end: date) -> bool:
        """Whether the unit existed on at least one day from `start` to `end` (inclusive)."""
        begun = self.valid_from is None or self.valid_from <= end
        not_ended = self.valid_to is None or self.valid_to > start
        return begun and not_ended

    def is_under(self, other: "Unit") -> bool:
        return self.path.startswith(other.path)

    def current_successors(self, day: date | None = None) -> list["Unit"]:
        """The units that carry this one on at `day`, following successions across reforms."""
        day = day or timezone.localdate()
        if self.is_valid_on(day):
            return [self]
        found: dict[int, Unit] = {}
        seen = {self.pk}
        frontier = [self]
        while frontier:
            links = Succession.objects.filter(predecessor__in=frontier).select_related("successor")
            frontier = []
            for link in links:
                unit = link.successor
                if unit.pk in seen:
                    continue
                seen.add(unit.pk)
                if unit.is_valid_on(day):
                    found[unit.pk] = unit
                else:
                    frontier.append(unit)
        return sorted(found.values(), key=lambda unit: unit.name)

    # The kind words that open a unit's name; inside a sentence or a body's name they are
    # written in lower case, the proper name keeps its capitals ("thành phố Hà Nội").
    NAME_KIND_WORDS = (
        "Thành phố",
        "Tỉnh",
        "Quận",
        "Huyện",
        "Thị xã",
        "Thị trấn",
        "Phường",
        "Xã",
        "Đặc khu",
    )

    @property
    def name_in_sentence(self) -> str:
        """The name as written inside a sentence: "Thành phố Hà Nội" → "thành phố Hà Nội";
        a name that opens with no kind word ("Việt Nam") is left as it is."""
        for word in self.NAME_KIND_WORDS:
            if self.name.startswith(f"{word} "):
                return word.lower() + self.name[len(word) :]
        return self.name

    def body_name(self) -> str:
        """The body a document addressed to this unit names, with Vietnamese capitals: its
        People's Committee ("Ủy ban nhân dân thành phố Hà Nội"); for the nation, which has
        none, the body configured as VSTB_NATIONAL_BODY (by default the National Committee
        for the Advancement of Women, Decision 114/2008/QĐ-TTg)."""
        if self.level == Level.NATIONAL:
            return settings.VSTB_NATIONAL_BODY
        return f"Ủy ban nhân dân {self.name_in_sentence}"


class Succession(models.Model):
    """One link from a unit that ceased to a unit that took over all or part of it."""

    class Kind(models.TextChoices):
        MERGE = "merge", _("merged into")
        SPLIT = "split", _("split, part to")
        RENAME = "rename", _("renamed or re-classed as")

    predecessor = models.ForeignKey(
        Unit, verbose_name=_("former unit"), on_delete=models.CASCADE, related_name="successions"
    )
    successor = models.ForeignKey(
        Unit, verbose_name=_("successor"), on_delete=models.CASCADE, related_name="predecessions"
    )
    kind = models.CharField(_("kind of change"), max_length=10, choices=Kind.choices)
    date = models.DateField(_("effective date"))
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    confirmed = models.BooleanField(
        _("confirmed"),
        default=True,
        help_text=_("Unticked where this link has not been checked against the resolution."),
    )

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        ordering = ["date", "predecessor__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="succession_unique_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.date:%d/%m/%Y})"


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "ubnd", _("People's Committee (office)")
    LOWER_PEOPLES_COMMITTEE = "ubnd_cap_duoi", _("People's Committee of a lower unit")
    LABOUR_SOCIAL = "ldtbxh", _("Labour, Invalids and Social Affairs")
    HOME_AFFAIRS = "noi_vu", _("Home Affairs")
    JUSTICE = "tu_phap", _("Justice")
    CULTURE_INFORMATION = "vhtt", _("Culture and Information")
    FINANCE_PLANNING = "tckh", _("Finance and Planning")
    HEALTH = "y_te", _("Health")
    EDUCATION = "gddt", _("Education and Training")
    POLICE = "cong_an", _("Police")
    WOMENS_UNION = "hlhpn", _("Women's Union")
    LABOUR_FEDERATION = "ldld", _("Labour Federation")
    FATHERLAND_FRONT = "mttq", _("Fatherland Front")
    YOUTH_UNION = "doan_tn", _("Youth Union")
    PARTY = "dang", _("Party committee or board")
    OTHER = "khac", _("Other")


class Agency(Stamped):
    """A member organisation of a unit: a division, a mass organisation, a lower People's Committee."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="agencies"
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(
        _("short name"),
        max_length=80,
        blank=True,
        help_text=_("As officials write it, e.g. Phòng LĐTBXH."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    represents_unit = models.ForeignKey(
        Unit,
        verbose_name=_("lower unit represented"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For the People's Committee of a lower unit."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["unit", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="agency_unique_name_in_unit")
        ]

    def __str__(self) -> str:
        return self.name


class Committee(Versioned, Stamped):
    """The Committee for the Advancement of Women (Ban VSTBPN) of one unit."""

    unit = models.OneToOneField(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="committee"
    )
    name = models.CharField(_("name"), max_length=250)
    standing_agency = models.ForeignKey(
        Agency,
        verbose_name=_("standing agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    established_by = models.CharField(
        _("established by"), max_length=300, blank=True, help_text=_("The decision that set it up.")
    )

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.standing_agency_id and self.standing_agency.unit_id != self.unit_id:
            raise ValidationError(
                {"standing_agency": _("The standing agency must be an agency of the same unit.")}
            )

    def members_on(self, day: date) -> "models.QuerySet[Membership]":
        return self.memberships.active_on(day).select_related("agency")


class Position(models.TextChoices):
    CHAIR = "truong_ban", _("Chair")
    VICE_CHAIR = "pho_truong_ban", _("Vice-chair")
    MEMBER = "thanh_vien", _("Member")
    SECRETARY = "thu_ky", _("Secretary")


POSITION_ORDER = {
    Position.CHAIR: 0,
    Position.VICE_CHAIR: 1,
    Position.MEMBER: 2,
    Position.SECRETARY: 3,
}


class Sex(models.TextChoices):
    FEMALE = "nu", _("Female")
    MALE = "nam", _("Male")


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day: date) -> "MembershipQuerySet":
        """Memberships in force on `day`: started on or before it, not ended before it."""
        return self.filter(start__lte=day).filter(Q(end__isnull=True) | Q(end__gte=day))


class Membership(Versioned, Stamped):
    """A person sitting on a committee for an agency, in a position, between two dates."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="memberships"
    )
    full_name = models.CharField(_("full name"), max_length=120)
    sex = models.CharField(_("sex"), max_length=3, choices=Sex.choices, blank=True)
    job_title = models.CharField(
        _("job title"), max_length=200, blank=True, help_text=_("E.g. Phó Chủ tịch UBND quận.")
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency represented"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    position = models.CharField(_("position"), max_length=20, choices=Position.choices)
    start = models.DateField(_("from"))
    end = models.DateField(
        _("to"), null=True, blank=True, help_text=_("The last day of membership.")
    )
    fictitious = models.BooleanField(
        _("fictitious (demo)"),
        default=False,
        editable=False,
        help_text=_("Invented person in the demonstration data."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("committee membership")
        verbose_name_plural = _("committee memberships")
        ordering = ["committee", "start"]
        indexes = [
            # Committee page: members of one committee as of a date.
            models.Index(fields=["committee", "start", "end"], name="membership_asof_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="membership_end_not_before_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_position_display()})"

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError(
                {
                    "end": _(
                        "The end date comes before the start date. Enter an end date on or after the start date."
                    )
                }
            )
        if self.agency_id and self.committee_id and self.agency.unit_id != self.committee.unit_id:
            raise ValidationError({"agency": _("Choose an agency of this committee's unit.")})
