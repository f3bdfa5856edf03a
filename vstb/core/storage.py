"""The storage every app host writes its files to (decision 0022): a shared filesystem
(SharedFileSystemStorage, the default) or S3-compatible object storage (SharedS3Storage).

Code relies on two properties of a save. documents.pdf claims a conversion by saving
`pdf/<digest>.json` and checking that the name it got back is the one it asked for, and a PDF
made by the worker is served by whichever web process asks next. So:
1. a file appears whole or not at all, never with part of its content;
2. a save never overwrites: under a taken name it returns another one, and of many hosts
   saving one name at once, exactly one gets it.

Django's FileSystemStorage keeps 2 (O_EXCL) but not 1: it creates the file under its final
name and then writes into it. SharedFileSystemStorage writes the content under a hidden
temporary name in the same folder and then links it to its final name, which appears whole
or not at all; the link, like O_EXCL, fails if the name is taken, and the save takes the next
free name as Django's does. Hard links are atomic on local filesystems and on NFS, the shared
filesystems it is meant for.

django-storages' S3Storage keeps 1 (S3 puts an object whole) but not 2: with
`file_overwrite=False` it asks whether the name exists and then writes, so two hosts asking
at the same moment both write, the second over the first, and both believe they hold the
claim. SharedS3Storage makes the write itself the check: a conditional PutObject
(`If-None-Match: *`, in AWS S3 since 2024 and in MinIO) succeeds only if no object has the
name; on 412 the save takes the next free name, as the filesystem storage does when its link
finds the name taken.
"""

import os
import secrets
import tempfile

from botocore.exceptions import ClientError
from django.conf import settings as django_settings
from django.core.files.move import file_move_safe
from django.core.files.storage import FileSystemStorage
from django.utils._os import safe_makedirs
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

INCOMING = ".incoming-"  # prefix of a file still being written (see `_save`)
CREATE_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


class SharedFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        if self.directory_permissions_mode is not None:
            safe_makedirs(directory, self.directory_permissions_mode, exist_ok=True)
        else:
            os.makedirs(directory, exist_ok=True)
        incoming = os.path.join(directory, INCOMING + secrets.token_hex(8))
        try:
            self._write(incoming, content)
            while True:
                try:
                    os.link(incoming, full_path)
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        finally:
            try:
                os.unlink(incoming)
            except FileNotFoundError:
                pass
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        self._ensure_location_group_id(full_path)
        return os.path.relpath(full_path, self.location).replace("\\", "/")

    @staticmethod
    def _write(incoming: str, content) -> None:
        if hasattr(content, "temporary_file_path"):  # a large upload Django already wrote
            file_move_safe(content.temporary_file_path(), incoming)
            return
        fd = os.open(incoming, CREATE_NEW, 0o666)
        with os.fdopen(fd, "wb") as file:
            for chunk in content.chunks():
                file.write(chunk.encode() if isinstance(chunk, str) else chunk)


# What S3 answers a conditional put whose name is taken: 412, or 409 while another conditional
# write of the name is still in flight (AWS); either way this save takes another name.
TAKEN = {"PreconditionFailed", "ConditionalRequestConflict"}
SPOOL_MAX = 8 * 1024 * 1024  # content larger than this is spooled to a temporary file


class SharedS3Storage(S3Storage):
    def get_default_settings(self):
        settings = super().get_default_settings()
        # Never overwrite (see above); objects private: no ACL is sent, so they keep the
        # bucket's, which S3 makes private (what a deployment must keep).
        settings.update(file_overwrite=False, default_acl=None)
        return settings

    def _save(self, name, content):
        params = self._get_write_parameters(clean_name(name), content)
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_MAX) as body:
            for chunk in content.chunks():
                body.write(chunk.encode() if isinstance(chunk, str) else chunk)
            while True:
                body.seek(0)
                try:
                    self.connection.meta.client.put_object(
                        Bucket=self.bucket_name,
                        Key=self._normalize_name(clean_name(name)),
                        Body=body,
                        IfNoneMatch="*",
                        **params,
                    )
                    return clean_name(name)
                except ClientError as error:
                    if error.response.get("Error", {}).get("Code") not in TAKEN:
                        raise
                    name = self.get_available_name(name)

    def get_modified_time(self, name):
        # As the filesystem storage does: documents.pdf reads a missing claim's age as None.
        try:
            return super().get_modified_time(name)
        except ClientError as error:
            if error.response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 404:
                raise FileNotFoundError(f"File does not exist: {name}") from None
            raise

    def url(self, name, parameters=None, expire=None, http_method=None):
        # Files are served only by views that check access and read them through the storage.
        # A signed URL would let whoever holds it read the file, so none is made; the admin's
        # file widget, which asks for a URL, gets what the filesystem storage gives: the name
        # under MEDIA_URL, which nothing serves.
        return FileSystemStorage(base_url=django_settings.MEDIA_URL).url(name)
