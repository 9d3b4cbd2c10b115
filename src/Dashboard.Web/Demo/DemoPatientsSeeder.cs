using Dashboard.Core.Linking;
using Dashboard.Core.Practices;
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
    IDbContextFactory<DashboardDbContext> contexts,
    IServiceProvider services,
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
        // Resolved once the app listens: the practice accounts' LibreView client needs the simulator's address.
        var sim = services.GetRequiredService<SimulatorState>();
        var sessions = services.GetRequiredService<PracticeAccountSessions>();
        List<Team> teams;
        bool seeded;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
            seeded = await db.Users.AnyAsync(u => u.ClientUserId.StartsWith(Prefix), ct);
        }
        if (seeded)
        {
            // The simulator keeps its accounts in memory, the store keeps the connections: a restart gives the stored
            // demo patients their LibreView accounts back as they were left, or every sync would find a wrong password.
            for (var i = 0; i < count; i++)
            {
                RestoreAccount(i, teams[i % teams.Count], FateOf(i), sim);
            }
            await SignInPracticeAccountsAsync(sessions, sim, ct);
            logger.LogInformation("Restored the simulator accounts of {Count} demo patients", count);
            return;
        }
        await SignInPracticeAccountsAsync(sessions, sim, ct);
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

    /// <summary>
    /// Practice accounts always need a code without a trusted device (reference §4.1). An admin would type the code
    /// LibreView e-mailed; the demo reads it from the simulator and goes through the same sign-in.
    /// </summary>
    private async Task SignInPracticeAccountsAsync(PracticeAccountSessions sessions, SimulatorState sim, CancellationToken ct)
    {
        foreach (var (account, error) in await sessions.SignInAllAsync(a => sim.LastMfaCode(a.Email), ct))
        {
            logger.LogWarning("Demo practice account {Email} was not signed in: {Error}", account.Email, error);
        }
    }

    private static Fate FateOf(int i) => (i % 10) switch
    {
        7 => Fate.CredentialError,
        8 => Fate.PasswordExpired,
        9 => i % 20 == 9 ? Fate.AwaitingShare : Fate.SharedWithPractice,
        _ => Fate.Connected,
    };

    private static string EmailOf(int i) => $"demo{i:D3}@patients.example.org";

    /// <summary>Demo patient <paramref name="i"/>'s LibreView account, the same on every start; shared with the practice when its fate says so.</summary>
    private static void CreateAccount(int i, Team team, Fate fate, SimulatorState sim)
    {
        var us = team.DeploymentRegion == DeploymentRegion.Us;
        var email = EmailOf(i);
        sim.CreateAccount(new AccountSeed
        {
            Email = email,
            Password = Password,
            Region = us ? "us" : (i % 3 == 0 ? "de" : i % 3 == 1 ? "eu2" : "eu"),
            FirstName = "Demo",
            LastName = $"Patient {i:D3}",
            Mfa = i % 4 == 0 ? MfaMethods.Email : MfaMethods.None,
            Sensor = i % 2 == 0 ? "libre3" : "libre2",
            Profile = Profiles[i % Profiles.Length],
        });
        if (fate == Fate.SharedWithPractice)
        {
            sim.AddShare(new ShareSeed { Patient = email, PracticeId = BuiltInPracticeOf(team), Region = us ? "us" : "eu2" });
        }
    }

    /// <summary>What LibreView later does to the patient's login (after the link), which the sync engine finds out on its own.</summary>
    private static void BreakLoginAsFated(int i, Fate fate, SimulatorState sim)
    {
        if (fate == Fate.CredentialError)
        {
            sim.SetPassword(EmailOf(i), Password + "-changed");
        }
        else if (fate == Fate.PasswordExpired)
        {
            sim.ExpirePassword(EmailOf(i));
        }
    }

    private static void RestoreAccount(int i, Team team, Fate fate, SimulatorState sim)
    {
        if (sim.FindByEmail(EmailOf(i)) is not null) return;
        CreateAccount(i, team, fate, sim);
        BreakLoginAsFated(i, fate, sim);
    }

    private async Task SeedPatientAsync(int i, Team team, Fate fate, SimulatorState sim, CancellationToken ct)
    {
        var us = team.DeploymentRegion == DeploymentRegion.Us;
        var email = EmailOf(i);
        CreateAccount(i, team, fate, sim);

        // A background service resolves the request-lifetime link services through a scope of its own.
        await using var scope = scopes.CreateAsyncScope();
        var scoped = scope.ServiceProvider;
        var (_, user) = await scoped.GetRequiredService<PatientDirectory>().CreateAsync(team.Id, $"{Prefix}{i:D3}", ct: ct);
        var issued = await scoped.GetRequiredService<LinkTokenService>().IssueAsync(team.Id, user!.UserId, null, null, ct);
        if (fate is Fate.AwaitingShare or Fate.SharedWithPractice)
        {
            await scoped.GetRequiredService<EmailLinking>().LinkAsync(issued!.Token, email, us ? "us" : "gb", ct);
            return;
        }

        var linking = scoped.GetRequiredService<PasswordLinking>();
        var result = await linking.LinkAsync(issued!.Token, email, Password, null, ct);
        if (result.State == LinkState.PendingProviderMfa)
        {
            await linking.CompleteMfaAsync(issued.Token, sim.LastMfaCode(email), ct);
        }
        BreakLoginAsFated(i, fate, sim);
    }

    private static string BuiltInPracticeOf(Team team) => Dashboard.Core.Practices.BuiltInPractices.For(team.Environment);
}
