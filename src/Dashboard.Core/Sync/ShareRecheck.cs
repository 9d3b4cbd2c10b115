using Dashboard.Core.Connections;
using Dashboard.Core.Linking;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Sync;

/// <summary>
/// A <c>freestyle_libre</c> connection waiting in <c>user_not_found</c> looks for the patient again; once they
/// share with the practice it becomes connected by itself and its historical pull is scheduled.
/// </summary>
internal sealed class ShareRecheck(IServiceScopeFactory scopes, CredentialVault vault, ISyncScheduler scheduler, SyncEvents events)
{
    public async Task RunAsync(SyncWork work, CancellationToken ct)
    {
        var connection = work.Connection;
        var email = vault.UnprotectCredentials(connection.ProtectedCredentials)?.Email;
        work.State.NextDueAt = work.Now + work.Options.ShareRecheckInterval;
        if (email is null || connection.Region is null)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<PracticeSearch>().FindAsync(work.Team, connection.Region, email, ct);
        if (found.Patient is not { } patient)
        {
            work.State.LastErrorType = found.Error ?? SyncErrorTypes.UserNotFound;
            return;
        }
        connection.Status = ConnectionStatus.Connected;
        connection.ExternalUserId = patient.PatientId;
        connection.PracticeId = patient.PracticeId;
        connection.ErrorType = null;
        connection.ErrorMessage = null;
        connection.ErroredAt = null;
        await Patients.PatientProfiles.AdoptSharedAsync(work.Db, connection.UserId, patient.Person, work.Now, ct);
        events.ConnectionCreated(work);
        await scheduler.ConnectionLinkedAsync(work.Db, connection, ct);
    }
}
