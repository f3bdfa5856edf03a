"""`vstb load-units`: the official list of administrative units, before and after the 2025
reform, into the unit tree (vstb/org/official_list.py)."""

from django.core.management.base import BaseCommand, CommandError

from vstb.org import official_list


class Command(BaseCommand):
    help = (
        "Nạp danh mục đơn vị hành chính chính thức (trước và sau sắp xếp năm 2025) vào cây đơn "
        "vị: chạy lại bao nhiêu lần cũng được, không xóa gì; --dry-run chỉ cho biết sẽ thay đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ cho biết sẽ thay đổi gì, không lưu."
        )
        parser.add_argument(
            "--province",
            action="append",
            metavar="MÃ",
            help="Chỉ nạp tỉnh, thành phố có mã này (trước hoặc sau sắp xếp); lặp lại được.",
        )

    def handle(self, *args, dry_run=False, province=None, **options):
        try:
            official = official_list.read(provinces=province)
        except (OSError, ValueError) as error:
            raise CommandError(f"Không đọc được danh mục đơn vị: {error}") from error
        if province and len(official.entries) == 1:
            raise CommandError(
                f"Không có tỉnh, thành phố nào mang mã {', '.join(province)} trong danh mục."
            )
        changes = official_list.load(official, dry_run=dry_run)
        counts = changes.summary()
        verb = "Sẽ" if dry_run else "Đã"
        self.stdout.write(
            f"{verb} tạo {counts['created']} đơn vị, sửa {counts['updated']} đơn vị "
            f"({counts['unchanged']} đơn vị không đổi); {verb.lower()} thêm "
            f"{counts['links_created']} quan hệ kế thừa ({counts['links_unchanged']} đã có). "
            f"Nguồn: bộ dữ liệu vietnamadminunits {official.version}; các quan hệ kế thừa "
            "được ghi là chưa đối chiếu với nghị quyết."
        )
        for unit, differ in changes.updated[:20]:
            fields = ", ".join(sorted(differ))
            self.stdout.write(f"  sửa {unit.code} {unit.name}: {fields}")
        if dry_run:
            self.stdout.write("Chưa lưu gì (chạy thử). Bỏ --dry-run để nạp.")
