from django.db import models


class WorkerBeat(models.Model):
    """The last sign of life of one `vstb worker` process (vstb/core/jobs.py): a worker not
    heard from for jobs.SILENT_SECONDS has died, and its running jobs go back to the queue."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "worker"
        verbose_name_plural = "workers"

    def __str__(self) -> str:
        return f"{self.host}:{self.pid}"
