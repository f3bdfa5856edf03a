"""The storage every app host writes its files to (decision 0022): a shared filesystem
(SharedFileSystemStorage, the default) or S3-compatible object storage (SharedS3Storage, in
vstb.core.storage_s3, imported only where a bucket is configured: boto3 takes 0.2 s to load).

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
"""

import os
import secrets

from django.core.files.move import file_move_safe
from django.core.files.storage import FileSystemStorage
from django.utils._os import safe_makedirs

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
