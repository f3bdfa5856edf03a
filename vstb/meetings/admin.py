from django.contrib import admin

from vstb.meetings.models import Attendance, Conclusion, Meeting


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["membership"]


class ConclusionInline(admin.TabularInline):
    model = Conclusion
    extra = 0
    raw_id_fields = ["lead", "task"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "committee", "kind", "starts_at", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "place"]
    raw_id_fields = ["committee", "chair", "secretary", "invitation", "minutes", "notice"]
    inlines = [AttendanceInline, ConclusionInline]
