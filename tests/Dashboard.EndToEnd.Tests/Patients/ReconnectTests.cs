using Dashboard.EndToEnd.Tests.Infrastructure;
using LibreView.Simulator.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Patients;

public sealed class ReconnectTests(BrowserFixture browser, ConsoleAppFixture app) : BrowserTest(browser, app)
{
    private const string NewPassword = ExpiredPatients.NewPassword;

    private SimulatorState Sim => App.Services.GetRequiredService<SimulatorState>();

    private Task<ExpiredPatients.ExpiredPatient> PatientWithExpiredPasswordAsync() => ExpiredPatients.CreateAsync(App);

    [Fact]
    public async Task Support_creates_a_reconnect_link_and_the_page_turns_connected_when_the_patient_relinks()
    {
        var patient = await PatientWithExpiredPasswordAsync();
        await InBrowserAsync(async staffPage =>
        {
            await staffPage.SignInAsync(SeededPeople.Support, $"/patients?status=password_expired&q={patient.ClientUserId}");
            // The row's link reads the name LibreView shared at the first link, above the client id.
            await staffPage.GetByRole(AriaRole.Link, new() { Name = patient.ClientUserId }).ClickAsync();

            await Assertions.Expect(staffPage.GetByTestId("status-chip")).ToHaveTextAsync("Password expired");
            await Assertions.Expect(staffPage.GetByTestId("reconnect-guidance")).ToContainTextAsync("update their account password");
            await staffPage.ExpectNoSeriousViolationsAsync("a patient page with an expired password");
            await staffPage.GetByTestId("create-reconnect-link").ClickAsync();
            var link = await staffPage.GetByLabel("Link for the patient").InputValueAsync();
            await staffPage.ExpectNoSeriousViolationsAsync("a patient page with a re-connect link");
            await Assertions.Expect(staffPage.GetByTestId("reconnect-link-validity")).ToContainTextAsync("10 minutes");

            // The patient changes the password in LibreView, then re-links in their own browser.
            Sim.SetPassword(patient.Email, NewPassword);
            await InBrowserAsync(async patientPage =>
            {
                await patientPage.GotoAsync(link);
                await patientPage.GetByLabel("LibreView email").WaitForAsync();
                await patientPage.ExpectNoSeriousViolationsAsync("the link widget's password step");
                await patientPage.GetByLabel("LibreView email").FillAsync(patient.Email);
                await patientPage.GetByLabel("LibreView password").FillAsync(NewPassword);
                await patientPage.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
                await Assertions.Expect(patientPage.GetByTestId("mfa-prompt")).ToBeVisibleAsync();
                await patientPage.ExpectNoSeriousViolationsAsync("the link widget's code step");
                await patientPage.GetByLabel("Verification code").FillAsync(Sim.LastMfaCode(patient.Email)!);
                await patientPage.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
                await Assertions.Expect(patientPage.GetByTestId("link-success")).ToBeVisibleAsync();
                await patientPage.ExpectNoSeriousViolationsAsync("the link widget's success step");
            }, "patient_relinks");

            // No reload: the staff page follows the store.
            await Assertions.Expect(staffPage.GetByTestId("status-chip")).ToHaveTextAsync("Connected", new() { Timeout = 15_000 });
            await Assertions.Expect(staffPage.GetByTestId("reconnect-guidance")).ToHaveCountAsync(0);
            await staffPage.ExpectNoSeriousViolationsAsync("a patient page after re-connecting");
        });
    }

    [Fact]
    public async Task A_viewer_sees_the_guidance_but_no_reconnect_action_and_a_direct_post_is_refused()
    {
        var patient = await PatientWithExpiredPasswordAsync();
        await InBrowserAsync(async page =>
        {
            await page.SignInAsync(SeededPeople.Viewer, $"/patients/{patient.UserId}");

            await Assertions.Expect(page.GetByTestId("reconnect-guidance")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("create-reconnect-link")).ToHaveCountAsync(0);
            var response = await page.APIRequest.PostAsync($"/patients/{patient.UserId}/reconnect-link");
            Assert.True(response.Status == 403, $"{response.Status} {response.Url} {await response.TextAsync()}");
        });
    }

    [Fact]
    public Task Another_organisations_patient_is_not_found() => InBrowserAsync(async page =>
    {
        await page.SignInAsync(SeededPeople.Support, $"/patients/{Guid.NewGuid()}");

        await Assertions.Expect(page.GetByTestId("patient-not-found")).ToBeVisibleAsync();
    });
}
