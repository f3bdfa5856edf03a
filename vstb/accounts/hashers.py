"""Password hashing: argon2id at the cost the OWASP Password Storage Cheat Sheet gives as its
minimum (19 MiB of memory, 2 passes, 1 lane), instead of Django's default (100 MiB, 8 lanes),
which takes about 130 ms of both cores per login: on a deadline day 150 officers signing in
at once waited 16 s and every page stalled meanwhile (issue 14). A hash made with other
parameters still verifies (they are written in the hash) and is re-made at the next login."""

from django.contrib.auth.hashers import Argon2PasswordHasher as DjangoArgon2


class Argon2PasswordHasher(DjangoArgon2):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
