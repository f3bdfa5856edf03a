"""The shared filesystem storage every app host writes its files to (decision 0022).

Django's FileSystemStorage creates a file under its final name and then writes into it, so
for a moment another process sees the name with part of the content, or none. Files here
are read by other processes as soon as their name exists: a PDF made by the worker is served
by whichever web process asks next (documents.pdf). This storage writes the content under a
hidden temporary name in the same folder and then links it to its final name, which appears
whole or not at all. The link, like Django's O_EXCL, fails if the name is taken, so a save
still never overwrites: it takes the next free name as Django's does. Hard links are atomic
on local filesystems and on NFS, the shared filesystems this storage is meant for.
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
