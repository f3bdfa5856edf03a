"""gunicorn's settings for `vstb serve` (read with `--config python:vstb.gunicorn_conf`)."""

import gunicorn.http.wsgi

# No "Server: gunicorn" banner telling a visitor which server to look up (issue 12, finding 11).
gunicorn.http.wsgi.SERVER = "VSTB"

# Every request in the log, with its address, status, size and duration in milliseconds: the
# review found production ran with no access log (issue 12, finding 15). Who made a request
# is recorded by the application's own audit trail.
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
