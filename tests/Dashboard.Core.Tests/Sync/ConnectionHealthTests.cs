using System.Text.Json;
using Dashboard.Core.Connections;
using Dashboard.Core.Events;
using Dashboard.Core.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Sync;

public sealed class ConnectionHealthTests
{
    [Fact]
    public async Task A_changed_password_stops_the_connection_once_and_a_re_link_resumes_with_no_gap_and_no_duplicate()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 10, new() { ["Sync:MaxPagesPerClaim"] = "4", ["LibreView:ReportWindowDays"] = "1" });
        var (patient, userId) = await h.LinkedPatientAsync("rotated@example.org");
        Assert.Equal(1, await h.Engine.RunOnceAsync()); // 4 of 10 days

        h.State.SetPassword(patient.Email, "New-Passw0rd!");
        await h.RunUntilIdleAsync();
        var connection = await h.ConnectionOfAsync(userId);
        Assert.Equal((ConnectionStatus.Error, SyncErrorTypes.CredentialError), (connection.Status, connection.ErrorType));
        var pull = await h.PullOfAsync(userId);
        Assert.Equal((PullStatus.Failure, 4), (pull.Status, pull.DaysDone));

        var requests = h.State.ApiRequests;
        for (var i = 0; i < 5; i++)
        {
            h.Time.Advance(TimeSpan.FromHours(2));
            Assert.Equal(0, await h.Engine.RunOnceAsync());
        }
        Assert.Equal(requests, h.State.ApiRequests);   // no polling, so no lock-out
        Assert.Single(await h.EventsOfAsync(userId), e => e.EventType == "provider.connection.error");

        var relink = await h.LinkPasswordAsync(userId, patient.Email, "New-Passw0rd!");
        Assert.True(relink.Connected, relink.Error);
        await h.RunUntilIdleAsync();

        connection = await h.ConnectionOfAsync(userId);
        Assert.Equal(ConnectionStatus.Connected, connection.Status);
        pull = await h.PullOfAsync(userId);
        Assert.Equal((PullStatus.Success, 10), (pull.Status, pull.DaysDone));
        var pullPages = h.History.Pages.Where(p => p.From < SyncHarness.Start.UtcDateTime.AddDays(-1)).Select(p => p.From).ToList();
        Assert.Equal(pullPages.Distinct().Count(), pullPages.Count); // the changed password stopped the pull before a report was asked twice
        Assert.Equal(SyncHarness.ServedKeys(patient, SyncHarness.Start.AddDays(-10), h.Time.GetUtcNow()), await h.ReadingKeysAsync(userId));
    }

    [Fact]
    public async Task An_expired_password_stops_the_connection_with_provider_password_expired()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 3);
        var (patient, userId) = await h.LinkedPatientAsync("expired@example.org");
        await h.RunUntilIdleAsync();

        // LibreView makes the patient rotate: the old ticket stops working and the next login meets the expired step.
        h.State.SetPassword(patient.Email, SyncHarness.Password, h.Time.GetUtcNow().AddSeconds(-1));
        h.Time.Advance(TimeSpan.FromMinutes(15));
        await h.RunUntilIdleAsync();
        h.Time.Advance(TimeSpan.FromMinutes(15));
        await h.RunUntilIdleAsync();

        var connection = await h.ConnectionOfAsync(userId);
        Assert.Equal((ConnectionStatus.Error, SyncErrorTypes.PasswordExpired), (connection.Status, connection.ErrorType));
        var error = Assert.Single(await h.EventsOfAsync(userId), e => e.EventType == "provider.connection.error");
        Assert.Contains("\"error_type\":\"provider_password_expired\"", error.DataJson);
        Assert.Contains("\"provider\":\"abbott_libreview\"", error.DataJson);
    }

    [Fact]
    public async Task An_email_connection_waiting_for_the_share_connects_by_itself_and_pulls_through_the_practice()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 3);
        var patient = h.AddPatient("sharer@example.org");
        var userId = await h.NewUserAsync("p1");
        var link = await h.LinkEmailAsync(userId, patient.Email);
        Assert.Equal(SyncErrorTypes.UserNotFound, link.ErrorType);

        await h.RunUntilIdleAsync();
        Assert.Equal(ConnectionStatus.Error, (await h.ConnectionOfAsync(userId)).Status);

        h.State.AddShare(new LibreView.Simulator.ShareSeed { Patient = patient.Email, PracticeId = "tryVital-sandbox", Region = "us" });
        h.Time.Advance(TimeSpan.FromHours(1));
        await h.RunUntilIdleAsync();

        var connection = await h.ConnectionOfAsync(userId);
        Assert.Equal((ConnectionStatus.Connected, patient.Id), (connection.Status, connection.ExternalUserId));
        Assert.Equal(PullStatus.Success, (await h.PullOfAsync(userId)).Status);
        var pulledFrom = h.Time.GetUtcNow().AddDays(-3);
        Assert.Equal(SyncHarness.ServedKeys(patient, pulledFrom, h.Time.GetUtcNow()), await h.ReadingKeysAsync(userId));
        Assert.Equal(["provider.connection.error", "provider.connection.created"],
            (await h.EventsOfAsync(userId)).Select(e => e.EventType).Take(2));
    }

    [Fact]
    public async Task A_renewal_that_meets_two_factor_stops_the_connection_with_token_refresh_failed_and_stops_polling()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 2);
        var patient = h.AddPatient("twofactor@example.org", mfa: LibreView.Simulator.MfaMethods.Email);
        var codesSent = h.State.Requests.Of("POST /auth/continue/2fa/sendcode");
        var userId = await h.NewUserAsync("twofactor");
        var link = await h.LinkPasswordAsync(userId, patient.Email);
        Assert.Equal(Dashboard.Core.Linking.LinkState.PendingProviderMfa, link.State);
        Assert.True((await h.CompleteMfaAsync(userId, h.State.LastMfaCode(patient.Email)!)).Connected);
        await h.RunUntilIdleAsync();

        h.State.ExpireTrustedDevices(patient.Email);
        h.Time.Advance(TimeSpan.FromHours(3)); // the 2-hour ticket ran out: the next sync must log in again
        await h.RunUntilIdleAsync();

        var connection = await h.ConnectionOfAsync(userId);
        Assert.Equal((ConnectionStatus.Error, SyncErrorTypes.TokenRefreshFailed), (connection.Status, connection.ErrorType));
        Assert.Contains("connect again", connection.ErrorMessage);
        var error = Assert.Single(await h.EventsOfAsync(userId), e => e.EventType == "provider.connection.error");
        Assert.Contains("\"error_type\":\"token_refresh_failed\"", error.DataJson);
        Assert.Equal(codesSent + 1, h.State.Requests.Of("POST /auth/continue/2fa/sendcode")); // only the link's: none at night

        var requests = h.State.ApiRequests;
        h.Time.Advance(TimeSpan.FromHours(5));
        Assert.Equal(0, await h.Engine.RunOnceAsync());
        Assert.Equal(requests, h.State.ApiRequests);
    }

    [Fact]
    public async Task New_terms_accepted_while_the_patient_links_are_recorded_in_the_patient_events_and_not_kept_with_the_session()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 1);
        var patient = h.AddPatient("documents@example.org");
        h.State.SetDocumentsAccepted(patient.Email, termsOfUse: false, privacyPolicy: false);
        var userId = await h.NewUserAsync("documents");

        Assert.True((await h.LinkPasswordAsync(userId, patient.Email)).Connected);

        var accepted = Assert.Single(await h.EventsOfAsync(userId), e => e.EventType == EventTypes.LibreViewDocumentsAccepted);
        using var data = JsonDocument.Parse(accepted.DataJson);
        Assert.Equal(["pp", "tou"], data.RootElement.GetProperty("documents").EnumerateArray().Select(d => d.GetString()!).Order());
        Assert.Contains("terms of use", data.RootElement.GetProperty("message").GetString());
        Assert.Equal(1, h.State.Requests.Of("POST /auth/continue/tou"));
        var stored = h.Services.GetRequiredService<CredentialVault>().UnprotectCredentials((await h.ConnectionOfAsync(userId)).ProtectedCredentials);
        Assert.Null(stored!.Session!.AcceptedDocuments);

        // A link that meets no document records none.
        var other = h.AddPatient("no-documents@example.org");
        var otherUser = await h.NewUserAsync("no-documents");
        Assert.True((await h.LinkPasswordAsync(otherUser, other.Email)).Connected);
        Assert.DoesNotContain(await h.EventsOfAsync(otherUser), e => e.EventType == EventTypes.LibreViewDocumentsAccepted);
    }

    [Fact]
    public async Task A_renewal_that_meets_new_terms_never_accepts_them_and_stops_the_connection_with_token_refresh_failed()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 1);
        var (patient, userId) = await h.LinkedPatientAsync("new-terms@example.org");
        await h.RunUntilIdleAsync();

        h.State.SetDocumentsAccepted(patient.Email, termsOfUse: false, privacyPolicy: true);
        h.Time.Advance(TimeSpan.FromHours(3)); // the 2-hour ticket ran out: the next sync must log in again
        await h.RunUntilIdleAsync();

        var connection = await h.ConnectionOfAsync(userId);
        Assert.Equal((ConnectionStatus.Error, SyncErrorTypes.TokenRefreshFailed), (connection.Status, connection.ErrorType));
        Assert.Contains("connect again", connection.ErrorMessage);
        Assert.Equal(0, h.State.Requests.Of("POST /auth/continue/tou"));
        Assert.DoesNotContain(await h.EventsOfAsync(userId), e => e.EventType == EventTypes.LibreViewDocumentsAccepted);
        Assert.Single(await h.EventsOfAsync(userId), e => e.EventType == EventTypes.ConnectionError);
    }

    [Fact]
    public async Task The_ongoing_sync_re_reads_whole_days_so_days_uploaded_late_arrive_once()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 2);
        var (patient, userId) = await h.LinkedPatientAsync("offline@example.org", "libre2");
        await h.RunUntilIdleAsync();

        h.State.SetUploadsPaused(patient.Email, true);
        for (var i = 0; i < 8; i++)
        {
            h.Time.Advance(TimeSpan.FromHours(4));
            await h.RunUntilIdleAsync();
        }
        var whileOffline = (await h.ReadingKeysAsync(userId)).Count;
        h.State.SetUploadsPaused(patient.Email, false);
        h.Time.Advance(TimeSpan.FromMinutes(15));
        await h.RunUntilIdleAsync();

        var stored = await h.ReadingKeysAsync(userId);
        Assert.True(stored.Count > whileOffline + 100, $"{stored.Count} readings after the upload, {whileOffline} before");
        Assert.Equal(SyncHarness.ServedKeys(patient, SyncHarness.Start.AddDays(-2), h.Time.GetUtcNow()), stored);
    }

    [Fact]
    public async Task An_expired_ticket_is_renewed_with_the_stored_login_and_the_new_session_is_stored_encrypted()
    {
        await using var h = await SyncHarness.StartAsync(historicalDays: 1);
        h.State.Settings.TicketLifetime = TimeSpan.FromMinutes(10);
        var (patient, userId) = await h.LinkedPatientAsync("renewed@example.org");
        await h.RunUntilIdleAsync();
        var vault = h.Services.GetRequiredService<CredentialVault>();
        var before = vault.UnprotectCredentials((await h.ConnectionOfAsync(userId)).ProtectedCredentials)!.Session!;

        h.Time.Advance(TimeSpan.FromMinutes(15)); // the ticket ran out 5 minutes ago
        Assert.Equal(1, await h.Engine.RunOnceAsync());

        var connection = await h.ConnectionOfAsync(userId);
        Assert.Equal(ConnectionStatus.Connected, connection.Status);
        Assert.DoesNotContain(before.Token, connection.ProtectedCredentials);
        var after = vault.UnprotectCredentials(connection.ProtectedCredentials)!.Session!;
        Assert.NotEqual(before.Token, after.Token);
        Assert.True(after.ExpiresAt > h.Time.GetUtcNow());
        Assert.Equal(SyncHarness.ServedKeys(patient, SyncHarness.Start.AddDays(-1), h.Time.GetUtcNow()), await h.ReadingKeysAsync(userId));
    }
}
