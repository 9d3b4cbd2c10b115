using System.Text.RegularExpressions;
using Dashboard.EndToEnd.Tests.Infrastructure;
using Dashboard.TestSupport;
using LibreView.Simulator.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Patients;

/// <summary>
/// The re-connect invitation from end to end over real parts: support sends it from the patient page, the console's
/// outbox mails it over SMTP to a real server (smtp4dev), and the patient follows the link from that mail, days-valid
/// unlike a link token, through the landing page into the Link widget.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class InvitationTests(BrowserFixture browser)
{
    [GeneratedRegex(@"https?://\S+/invite\?code=inv_[A-Za-z0-9_\-]+")]
    private static partial Regex InvitationLink();

    [Fact]
    public async Task Support_mails_a_reconnect_invitation_and_the_patient_reconnects_from_the_link_in_the_mail()
    {
        await using var mail = await MailSink.StartAsync();
        var settings = mail.Settings.ToDictionary(s => s.Key, s => s.Value!);
        settings["Email:PollInterval"] = "00:00:01";
        await using var app = new ConsoleAppFixture(settings);
        await app.InitializeAsync();
        var simulator = app.Services.GetRequiredService<SimulatorState>();
        var patient = await ExpiredPatients.CreateAsync(app);
        var homeAddress = $"home.{Guid.NewGuid().ToString("N")[..8]}@example.org";

        await using var staffContext = await NewContextAsync(app);
        var staffPage = await staffContext.NewPageAsync();
        await staffPage.SignInAsync(SeededPeople.Support, $"/patients/{patient.UserId}");
        await Assertions.Expect(staffPage.GetByTestId("status-chip")).ToHaveTextAsync("Password expired");
        await Assertions.Expect(staffPage.GetByTestId("send-invitation")).ToBeEnabledAsync();
        await staffPage.GetByLabel("Patient's e-mail").FillAsync(homeAddress);
        await staffPage.GetByTestId("send-invitation").ClickAsync();
        var answer = staffPage.Locator("[data-testid=issued-invitation], [data-testid=invitation-error]").First;
        await answer.WaitForAsync();
        var refusal = staffPage.GetByTestId("invitation-error");
        Assert.True(await refusal.CountAsync() == 0, $"the invitation was refused: {(await refusal.CountAsync() > 0 ? await refusal.TextContentAsync() : "")}");
        await Assertions.Expect(staffPage.GetByTestId("invitation-qr")).ToBeVisibleAsync();
        await Assertions.Expect(staffPage.GetByTestId("invitation-state")).ToHaveTextAsync("Sent");
        await staffPage.ExpectNoSeriousViolationsAsync("a patient page with a sent invitation");

        // The mail went out over SMTP; the patient reads it, changes the password in LibreView and follows the link.
        var message = Assert.Single(await mail.WaitForMessagesToAsync(homeAddress));
        var link = InvitationLink().Match(message.Body);
        Assert.True(link.Success, $"no invitation link in the mail: {message.Body}");
        Assert.Equal(await staffPage.GetByTestId("invitation-link").InputValueAsync(), link.Value);
        simulator.SetPassword(patient.Email, ExpiredPatients.NewPassword);

        await using (var patientContext = await NewContextAsync(app))
        {
            var patientPage = await patientContext.NewPageAsync();
            await patientPage.GotoAsync(link.Value);
            await Assertions.Expect(patientPage.GetByTestId("invitation-steps")).ToBeVisibleAsync();
            await patientPage.ExpectNoSeriousViolationsAsync("the invitation's landing page");
            await patientPage.GetByTestId("invitation-continue").ClickAsync();
            await patientPage.GetByLabel("LibreView email").FillAsync(patient.Email);
            await patientPage.GetByLabel("LibreView password").FillAsync(ExpiredPatients.NewPassword);
            await patientPage.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
            await Assertions.Expect(patientPage.GetByTestId("mfa-prompt")).ToBeVisibleAsync();
            await patientPage.GetByLabel("Verification code").FillAsync(simulator.LastMfaCode(patient.Email)!);
            await patientPage.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
            await Assertions.Expect(patientPage.GetByTestId("link-success")).ToBeVisibleAsync();

            // The same link again: the invitation has done its work.
            await patientPage.GotoAsync(link.Value);
            await Assertions.Expect(patientPage.GetByTestId("invitation-connected")).ToBeVisibleAsync();
        }

        // No reload: the staff page follows the store, the connection and the invitation's state alike.
        await Assertions.Expect(staffPage.GetByTestId("status-chip")).ToHaveTextAsync("Connected", new() { Timeout = 15_000 });
        await Assertions.Expect(staffPage.GetByTestId("invitation-state")).ToHaveTextAsync("Connected", new() { Timeout = 15_000 });
    }

    private async Task<IBrowserContext> NewContextAsync(ConsoleAppFixture app)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }
}
