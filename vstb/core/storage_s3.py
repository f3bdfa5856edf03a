"""S3-compatible object storage for the files every app host shares (decision 0022), with
the two properties vstb.core.storage states for a save.

django-storages' S3Storage keeps 1 (S3 puts an object whole) but not 2: with
`file_overwrite=False` it asks whether the name exists and then writes, so two hosts asking
at the same moment both write, the second over the first, and both believe they hold the
claim. SharedS3Storage makes the write itself the check: a conditional PutObject
(`If-None-Match: *`, in AWS S3 since 2024 and in MinIO) succeeds only if no object has the
name; on 412 the save takes the next free name, as the filesystem storage does when its link
finds the name taken.
"""

import tempfile

from botocore.exceptions import ClientError
from django.conf import settings as django_settings
from django.core.files.storage import FileSystemStorage
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

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
