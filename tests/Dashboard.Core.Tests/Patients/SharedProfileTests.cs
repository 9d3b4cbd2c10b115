using Dashboard.Core.Connections;
using Dashboard.Core.Patients;
using Dashboard.Core.Sync;
using Dashboard.Core.Tests.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Patients;

/// <summary>
/// The name and date of birth LibreView shares fill a patient's profile when they link (issue 17 item 5): the patient's
/// own account through <c>abbott_libreview</c>, the practice patient through <c>freestyle_libre</c>; what staff typed wins.
/// </summary>
public sealed class SharedProfileTests
{
    // The simulator's accounts are born at epoch second 396144000 (reference §3.1: epoch seconds).
    private static readonly DateOnly SimulatedBirth = new(1982, 7, 22);

    private static Task<PatientProfile?> ProfileOfAsync(SyncHarness h, Guid userId) =>
        h.WithDbAsync(db => db.PatientProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId));

    private static LibreView.Simulator.Accounts.SimAccount NamedAccount(SyncHarness h, string email, string firstName, string lastName) =>
        h.State.CreateAccount(new LibreView.Simulator.AccountSeed
        {
            Email = email, Password = SyncHarness.Password, Region = "us", FirstName = firstName, LastName = lastName,
        });

    [Fact]
    public async Task A_password_link_takes_the_accounts_name_and_date_of_birth_and_does_not_store_them_with_the_session()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 1);
        var patient = NamedAccount(h, "ada@example.org", "Ada", "Lovelace");
        var userId = await h.NewUserAsync("p-ada");

        Assert.True((await h.LinkPasswordAsync(userId, patient.Email)).Connected);

        var profile = await ProfileOfAsync(h, userId);
        Assert.NotNull(profile);
        Assert.Equal(("Ada Lovelace", (DateOnly?)SimulatedBirth, PatientProfileSources.LibreView), (profile.DisplayName, profile.DateOfBirth, profile.Source));
        var connection = await h.ConnectionOfAsync(userId);
        var stored = h.Services.GetRequiredService<CredentialVault>().UnprotectCredentials(connection.ProtectedCredentials);
        Assert.Null(stored!.Session!.Person);
    }

    [Fact]
    public async Task A_name_staff_typed_is_kept_when_the_patient_links()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 1);
        var patient = h.AddPatient("kept@example.org");
        var userId = await h.NewUserAsync("p-kept");
        await h.WithDbAsync(async db =>
        {
            db.PatientProfiles.Add(new PatientProfile { UserId = userId, DisplayName = "Mrs K.", Source = PatientProfileSources.Staff, UpdatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });

        Assert.True((await h.LinkPasswordAsync(userId, patient.Email)).Connected);

        var profile = await ProfileOfAsync(h, userId);
        Assert.Equal(("Mrs K.", (DateOnly?)null, PatientProfileSources.Staff), (profile!.DisplayName, profile.DateOfBirth, profile.Source));
    }

    [Fact]
    public async Task A_practice_patient_found_by_the_share_recheck_gives_their_name_and_date_of_birth()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 1);
        var patient = NamedAccount(h, "grace@example.org", "Grace", "Hopper");
        var userId = await h.NewUserAsync("p-grace");
        Assert.Equal(SyncErrorTypes.UserNotFound, (await h.LinkEmailAsync(userId, patient.Email)).ErrorType);
        Assert.Null(await ProfileOfAsync(h, userId));

        h.State.AddShare(new LibreView.Simulator.ShareSeed { Patient = patient.Email, PracticeId = "tryVital-sandbox", Region = "us" });
        h.Time.Advance(TimeSpan.FromHours(1));
        await h.RunUntilIdleAsync();

        Assert.Equal(ConnectionStatus.Connected, (await h.ConnectionOfAsync(userId)).Status);
        var profile = await ProfileOfAsync(h, userId);
        Assert.Equal(("Grace Hopper", (DateOnly?)SimulatedBirth, PatientProfileSources.LibreView), (profile!.DisplayName, profile.DateOfBirth, profile.Source));
    }
}
