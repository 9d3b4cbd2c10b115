using LibreView.Simulator;
using LibreView.Simulator.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.EndToEnd.Tests.Infrastructure;

/// <summary>A linked patient whose LibreView password has since expired, as the sync finds it: the start of every re-connect test.</summary>
public static class ExpiredPatients
{
    public const string OldPassword = "Libre-Passw0rd!";
    public const string NewPassword = "Libre-Passw0rd-2026!";

    public sealed record ExpiredPatient(string ClientUserId, string UserId, string Email);

    public static async Task<ExpiredPatient> CreateAsync(ConsoleAppFixture app)
    {
        var simulator = app.Services.GetRequiredService<SimulatorState>();
        var email = $"expired.{Guid.NewGuid().ToString("N")[..8]}@example.org";
        simulator.CreateAccount(new AccountSeed { Email = email, Password = OldPassword, Region = "us", Mfa = MfaMethods.Email });
        var api = new ConsoleApi(app);
        var clientUserId = "reconnect-" + Guid.NewGuid().ToString("N")[..8];
        var userId = await api.CreateUserAsync(clientUserId);
        await api.LinkWithPasswordAsync(userId, email, OldPassword, () => simulator.LastMfaCode(email)!);

        // LibreView expires the password; the next sync finds out by itself.
        simulator.ExpirePassword(email);
        await api.RefreshAsync(userId);
        await api.WaitForConnectionErrorAsync(userId, "provider_password_expired");
        return new ExpiredPatient(clientUserId, userId, email);
    }
}
