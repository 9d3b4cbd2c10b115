using Bunit;
using Dashboard.Core.Access;
using Dashboard.Core.Practices;
using Dashboard.Core.Teams;
using Dashboard.Web.Components.Pages.PracticeAccounts;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Practices;

/// <summary>
/// The practice accounts page with one configured account and a LibreView that asks for a code: what Core says about
/// the sign-in (where the code went, why a step did not go on) is worded in the console's language. The whole sign-in
/// against the simulator is checked in Chromium (PracticeAccountsPageTests of the end-to-end tests).
/// </summary>
public sealed class PracticeAccountsPageTests : ConsoleTestContext, IAsyncLifetime
{
    private const string Admin = "admin@example.org";
    private readonly TestStore _store = new();

    public PracticeAccountsPageTests() => AddAuthorization().SetConsolePerson(ConsoleRoles.Admin, Admin);

    public async Task InitializeAsync()
    {
        await _store.AddToAsync(Services, seedDemo: true, staffMember: Admin + " as admin");
        Services.Configure<PracticeAccountOptions>(o => o.PracticeAccounts.Add(new PracticeAccount
        {
            Environment = TeamEnvironment.Sandbox, Region = "us", Email = "practice@example.org", Password = "secret",
        }));
        Services.AddSingleton<LibreView.Client.ILibreViewClient, AsksForACode>();
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public void A_practice_account_s_code_hint_and_a_refused_code_are_in_German()
    {
        InCulture.Run("de", () =>
        {
            var page = Render<PracticeAccountsPage>();
            page.WaitForElement("[data-testid=practice-account-sign-in]").Click();

            page.WaitForAssertion(() => Assert.Equal("LibreView hat einen Code gesendet (E-Mail an p***@example.org). Geben Sie ihn hier ein.",
                page.Find("[data-testid=practice-account-code-prompt]").TextContent.Trim()));
            page.Find("input[data-testid=practice-account-code]").Input("12");
            page.Find("[data-testid=practice-account-code-form]").Submit();

            page.WaitForAssertion(() => Assert.Equal("Geben Sie den 6-stelligen Code aus der E-Mail von LibreView ein.",
                page.Find("[data-testid=practice-account-signin-error]").TextContent.Trim()));
        });
    }

    /// <summary>A LibreView that answers every interactive sign-in with a code sent by e-mail.</summary>
    private sealed class AsksForACode : LibreView.Client.ILibreViewClient
    {
        private static readonly LibreView.Client.MfaChallenge Challenge = new("us", "step", DateTimeOffset.UtcNow.AddMinutes(10), "email", "p***@example.org",
            true, new LibreView.Client.MfaTarget("email", "p***@example.org"), null, []);

        public Task<LibreView.Client.LibreViewResult<LibreView.Client.LibreViewSession>> LoginAsync(LibreView.Client.LibreViewCredentials credentials, LibreView.Client.LoginPurpose purpose, CancellationToken ct = default) =>
            Task.FromResult(LibreView.Client.LibreViewResult<LibreView.Client.LibreViewSession>.Failure(
                new LibreView.Client.LibreViewError(LibreView.Client.LibreViewErrorKind.MfaRequired, "code sent") { Mfa = Challenge }));

        public Task<LibreView.Client.LibreViewResult<LibreView.Client.MfaChallenge>> SendCodeAsync(LibreView.Client.MfaChallenge challenge, bool usePrimaryMethod, CancellationToken ct = default) =>
            throw new NotSupportedException();

        public Task<LibreView.Client.LibreViewResult<LibreView.Client.LibreViewSession>> CompleteMfaAsync(LibreView.Client.MfaChallenge challenge, string code, CancellationToken ct = default) =>
            throw new NotSupportedException();

        public Task<LibreView.Client.LibreViewResult<LibreView.Client.LibreViewAccount>> GetAccountAsync(
            LibreView.Client.LibreViewSession session, LibreView.Client.LibreViewCredentials? renewWith = null, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<LibreView.Client.LibreViewResult<LibreView.Client.DailyLog>> GetDailyLogAsync(
            LibreView.Client.LibreViewSession session, string? patientId, DateTime from, DateTime to,
            LibreView.Client.LibreViewCredentials? renewWith = null, Action<LibreView.Client.DailyLogDay>? onDay = null, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<LibreView.Client.LibreViewResult<LibreView.Client.PracticePatient>> FindPatientAsync(
            LibreView.Client.LibreViewSession session, string email, string? practiceId,
            LibreView.Client.LibreViewCredentials? renewWith = null, CancellationToken ct = default) => throw new NotSupportedException();
    }
}
