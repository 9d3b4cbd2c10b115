using Dashboard.Core.Storage;

namespace Dashboard.Core.Notifications;

/// <summary>Puts mail in the outbox, inside the caller's unit of work (saved with the change it belongs to).</summary>
public sealed class MailOutbox(TimeProvider time)
{
    public OutgoingMail Enqueue(DashboardDbContext db, string to, string subject, string textBody, Guid? invitationId = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var mail = new OutgoingMail
        {
            To = to.Trim(),
            Subject = subject,
            TextBody = textBody,
            CreatedAt = now,
            NextAttemptAt = now,
            InvitationId = invitationId,
        };
        db.OutgoingMails.Add(mail);
        return mail;
    }
}
