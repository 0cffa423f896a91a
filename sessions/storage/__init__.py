"""The storage engine: durable files, week journals, damaged files set aside, backups, file shapes."""
