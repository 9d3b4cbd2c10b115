using Dashboard.Core.Access;
using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using Dashboard.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Notifications;

/// <summary>
/// Tells an organisation's support members when a patient's connection breaks in a way only the patient can fix
/// (wrong or expired password, two-factor needed again): a notification each, and mail at once or in a daily digest,
/// as each member chose (<see cref="NotificationSetting"/>). Viewers and admins who are not support get none.
/// </summary>
public sealed class BrokenConnectionNotices(MailOutbox outbox, IConsoleAddresses addresses, TimeProvider time)
{
    /// <summary>The connection errors that notify: the ones the patient must act on.</summary>
    public static bool Notifies(string errorType) =>
        errorType is SyncErrorTypes.CredentialError or SyncErrorTypes.PasswordExpired or SyncErrorTypes.TokenRefreshFailed;

    public static string Describe(string errorType) => errorType switch
    {
        SyncErrorTypes.CredentialError => "LibreView no longer accepts the password",
        SyncErrorTypes.PasswordExpired => "the LibreView password has expired",
        SyncErrorTypes.TokenRefreshFailed => "LibreView asks for two-factor sign-in again",
        _ => errorType,
    };

    /// <summary>
    /// Adds the notifications (and immediate mail) for a connection that just broke to <paramref name="unitOfWork"/>,
    /// unsaved: the sync's own commit stores them with the status change, so a broken connection is told exactly once.
    /// </summary>
    internal async Task ConnectionBrokeAsync(DashboardDbContext unitOfWork, Guid organizationId, Guid teamId, Guid userId,
        string clientUserId, string provider, string errorType, CancellationToken ct)
    {
        if (!Notifies(errorType))
        {
            return;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var recipients = await unitOfWork.StaffMemberships.AsNoTracking()
            .Where(m => m.OrganizationId == organizationId && m.Role == ConsoleRoles.Support)
            .Select(m => new
            {
                m.Id,
                m.Email,
                Delivery = unitOfWork.Set<NotificationSetting>().Where(s => s.MembershipId == m.Id).Select(s => s.Delivery).FirstOrDefault(),
            })
            .ToListAsync(ct);
        foreach (var member in recipients)
        {
            var immediate = member.Delivery is null or NotificationDelivery.Immediate;
            unitOfWork.StaffNotifications.Add(new StaffNotification
            {
                OrganizationId = organizationId,
                MembershipId = member.Id,
                TeamId = teamId,
                UserId = userId,
                ClientUserId = clientUserId,
                Provider = provider,
                ErrorType = errorType,
                CreatedAt = now,
                MailedAt = immediate ? now : null,
            });
            if (immediate)
            {
                outbox.Enqueue(unitOfWork, member.Email, $"Connection broken: {clientUserId}",
                    $"""
                    The {Providers.DisplayName(provider)} connection of patient {clientUserId} stopped syncing: {Describe(errorType)}.

                    The patient must act before their data flows again. Send them a re-connect invitation from their page:
                    {PatientPage(userId)}
                    """);
            }
        }
    }

    public string PatientPage(Guid userId) => addresses.Absolute($"patients/{userId}") ?? $"/patients/{userId} in the console";
}
