using Dashboard.Core.Linking;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Core.Users;
using LibreView.Simulator;
using LibreView.Simulator.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Demo;

/// <summary>
/// Development only: once the app listens, fills an empty demo organisation with patients in every state, through
/// the real link flows against the in-process simulator (<c>Seed:DemoPatients</c> = how many). The sync engine then
/// pulls their history; breaking some passwords in the simulator lets it find credential and expiry errors itself.
/// </summary>
internal sealed class DemoPatientsSeeder(
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    IConfiguration configuration,
    ILogger<DemoPatientsSeeder> logger) : BackgroundService
{
    public const string Prefix = "demo-";
    private const string Password = "Libre-Passw0rd!";

    private enum Fate { Connected, CredentialError, PasswordExpired, AwaitingShare, SharedWithPractice }

    private static readonly string[] Profiles = ["well_controlled", "hyperglycaemic", "frequent_hypos"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = configuration.GetValue<int>("Seed:DemoPatients");
        if (count <= 0 || !await WaitForStartAsync(stoppingToken))
        {
            return;
        }
        try
        {
            await SeedAsync(count, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Demo patients could not be seeded");
        }
    }

    private async Task<bool> WaitForStartAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource();
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await Task.WhenAny(started.Task, Task.Delay(Timeout.Infinite, ct));
        return !ct.IsCancellationRequested;
    }

    private async Task SeedAsync(int count, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        if (await db.Users.AnyAsync(u => u.ClientUserId.StartsWith(Prefix), ct))
        {
            return;
        }
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        var sim = scope.ServiceProvider.GetRequiredService<SimulatorState>();
        for (var i = 0; i < count && !ct.IsCancellationRequested; i++)
        {
            var team = teams[i % teams.Count];
            var fate = FateOf(i);
            try
            {
                await SeedPatientAsync(i, team, fate, sim, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Demo patient {Index} ({Fate}) was not seeded", i, fate);
            }
        }
        logger.LogInformation("Seeded {Count} demo patients through the link flows", count);
    }

    private static Fate FateOf(int i) => (i % 10) switch
    {
        7 => Fate.CredentialError,
        8 => Fate.PasswordExpired,
        9 => i % 20 == 9 ? Fate.AwaitingShare : Fate.SharedWithPractice,
        _ => Fate.Connected,
    };

    private async Task SeedPatientAsync(int i, Team team, Fate fate, SimulatorState sim, CancellationToken ct)
    {
        var us = team.DeploymentRegion == DeploymentRegion.Us;
        var email = $"demo{i:D3}@patients.example.org";
        sim.CreateAccount(new AccountSeed
        {
            Email = email,
            Password = Password,
            Region = us ? "us" : (i % 3 == 0 ? "de" : "eu"),
            FirstName = "Demo",
            LastName = $"Patient {i:D3}",
            Mfa = i % 4 == 0 ? MfaMethods.Email : MfaMethods.None,
            Sensor = i % 2 == 0 ? "libre3" : "libre2",
            Profile = Profiles[i % Profiles.Length],
        });

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var (_, user) = await services.GetRequiredService<PatientDirectory>().CreateAsync(team.Id, $"{Prefix}{i:D3}", ct: ct);
        var issued = await services.GetRequiredService<LinkTokenService>().IssueAsync(team.Id, user!.UserId, null, null, ct);
        if (fate is Fate.AwaitingShare or Fate.SharedWithPractice)
        {
            if (fate == Fate.SharedWithPractice)
            {
                sim.AddShare(new ShareSeed { Patient = email, PracticeId = BuiltInPracticeOf(team), Region = us ? "us" : "eu" });
            }
            await services.GetRequiredService<EmailLinking>().LinkAsync(issued!.Token, email, us ? "us" : "gb", ct);
            return;
        }

        var linking = services.GetRequiredService<PasswordLinking>();
        var result = await linking.LinkAsync(issued!.Token, email, Password, null, ct);
        if (result.State == LinkState.PendingProviderMfa)
        {
            await linking.CompleteMfaAsync(issued.Token, sim.LastMfaCode(email), ct);
        }
        // Later, LibreView stops accepting the stored password; the sync engine finds out on its own.
        if (fate == Fate.CredentialError)
        {
            sim.SetPassword(email, Password + "-changed");
        }
        else if (fate == Fate.PasswordExpired)
        {
            sim.ExpirePassword(email);
        }
    }

    private static string BuiltInPracticeOf(Team team) => Dashboard.Core.Practices.BuiltInPractices.For(team.Environment);
}
