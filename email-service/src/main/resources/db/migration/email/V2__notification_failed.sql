-- An e-mail the mail server refused for good (an SMTP 5xx reply, such as "550 mailbox
-- unavailable") ends FAILED with the server's reply in last_error: retrying it would fail the
-- same way forever and cost every other e-mail a turn. Operators list them at
-- GET /api/admin/emails/failed.
alter table notification
    drop constraint notification_status_check,
    add constraint notification_status_check check (status in ('PENDING', 'SENT', 'FAILED')),
    add column failed_at timestamptz,
    add constraint notification_failed_at_check check ((status = 'FAILED') = (failed_at is not null));

create index notification_failed on notification (failed_at) where status = 'FAILED';
