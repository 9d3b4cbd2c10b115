using Bunit;
using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Connections;
using Dashboard.Core.Patients;
using Dashboard.Core.Storage;
using Dashboard.TestSupport;
using Dashboard.Web.Components.Pages.Patients;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Audit;

/// <summary>Per-action audit tests for what reveals or reaches a patient, through the patient's page on the demo store.</summary>
public sealed class PatientAuditTests : ConsoleTestContext, IAsyncLifetime
{
    private readonly TestStore _store = new();

    public PatientAuditTests()
    {
        Services.AddSingleton(new Dashboard.Web.Configuration.PublicLinks(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));
        var auth = AddAuthorization();
        auth.SetAuthorized("Sam Support");
        auth.SetConsolePerson(ConsoleRoles.Support, TestStore.DefaultStaffMember);
    }

    public async Task InitializeAsync()
    {
        await _store.AddToAsync(Services, seedDemo: true);
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeComponentsAsync();
        await ((IAsyncDisposable)this).DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task Opening_a_patient_s_page_is_audited_once_with_the_person_and_the_patient()
    {
        var patient = await AddPatientAsync();
        var since = AuditAssert.Now();

        var page = Render<PatientPage>(p => p.Add(x => x.UserId, patient.Id));
        page.WaitForAssertion(() => Assert.Equal(patient.ClientUserId, page.Find("[data-testid=patient-title]").TextContent.Trim()));

        var entry = await WithDbAsync(db => AuditAssert.SingleAsync(db, AuditActions.ViewPatient, TestStore.DefaultStaffMember, ConsoleRoles.Support, since));
        Assert.Equal((patient.Id, patient.ClientUserId, (Guid?)patient.TeamId), (entry.UserId, entry.ClientUserId, entry.TeamId));
    }

    [Fact]
    public async Task A_patient_outside_the_organisation_is_not_found_and_nothing_is_audited()
    {
        var page = Render<PatientPage>(p => p.Add(x => x.UserId, Guid.NewGuid()));

        page.WaitForElement("[data-testid=patient-not-found]");
        Assert.Equal(0, await WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.ViewPatient)));
    }

    [Fact]
    public async Task Creating_a_reconnect_link_on_the_patient_s_card_is_audited_once()
    {
        var patient = await AddPatientAsync();
        var details = new PatientConnectionDetails(
            new ConnectionView(Guid.NewGuid(), Providers.AbbottLibreView, ConnectionStatus.Error, "us", null, "lv-1",
                Dashboard.Core.Linking.LinkErrorTypes.ProviderPasswordExpired, "expired", DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(-30)),
            ConnectionHealthRules.Classify(ConnectionStatus.Error, Dashboard.Core.Linking.LinkErrorTypes.ProviderPasswordExpired), null);
        var since = AuditAssert.Now();

        var card = Render<ConnectionCard>(p => p.Add(c => c.Details, details).Add(c => c.UserId, patient.Id));
        await card.Find("[data-testid=create-reconnect-link]").ClickAsync(new());
        card.WaitForElement("[data-testid=reconnect-link]");

        var entry = await WithDbAsync(db => AuditAssert.SingleAsync(db, AuditActions.CreateReconnectLink, TestStore.DefaultStaffMember, ConsoleRoles.Support, since));
        Assert.Equal((patient.Id, patient.ClientUserId, (Guid?)patient.TeamId), (entry.UserId, entry.ClientUserId, entry.TeamId));
    }

    /// <summary>A patient in one of the demo organisation's teams (the person's scope).</summary>
    private Task<Dashboard.Core.Users.User> AddPatientAsync() => WithDbAsync(async db =>
    {
        var team = await db.Teams.AsNoTracking().OrderBy(t => t.Name).FirstAsync();
        var user = new Dashboard.Core.Users.User { TeamId = team.Id, ClientUserId = "audit-patient-1", CreatedAt = DateTime.UtcNow };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    });

    private async Task<T> WithDbAsync<T>(Func<DashboardDbContext, Task<T>> work)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await work(db);
    }
}
