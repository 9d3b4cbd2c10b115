using System.Net;
using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Dashboard.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Audit;

/// <summary>Through the signed-in console over HTTP: the audit log's CSV export, the patient-list export's entry, and the first admin's organisation.</summary>
public sealed class AuditExportAndBootstrapTests
{
    [Fact]
    public async Task The_audit_export_holds_the_filtered_rows_and_the_patient_export_is_audited_once()
    {
        await using var host = new ConsoleSignInHost();
        await host.StartAsync();
        using var admin = host.Browser();
        await admin.SignInAsync("admin@example.org", "Admin-Passw0rd!");
        var organizationId = await WithDbAsync(host, db => db.Organizations.Select(o => o.Id).SingleAsync());
        var actor = new AuditActor("admin@example.org", ConsoleRoles.Admin, null);
        var memberships = host.Services.GetRequiredService<Memberships>();
        Assert.True((await memberships.InviteAsync(actor, organizationId, "new.one@example.org", ConsoleRoles.Viewer)).Succeeded);

        var since = Dashboard.TestSupport.AuditAssert.Now();
        var patients = await admin.Client.GetAsync("/patients/export.csv?status=connected");
        Assert.Equal(HttpStatusCode.OK, patients.StatusCode);
        await patients.Content.ReadAsStringAsync();
        var exported = await WithDbAsync(host, db => Dashboard.TestSupport.AuditAssert.SingleAsync(db, AuditActions.ExportPatientList, "admin@example.org", ConsoleRoles.Admin, since));
        Assert.Equal(((Guid?)organizationId, "filter: ?status=connected"), (exported.OrganizationId, exported.Details));

        var csv = await admin.Client.GetAsync("/audit/export.csv?action=" + AuditActions.InviteMember);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("at_utc,actor,role,action,team_id,client_user_id,client_ip,details", lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.Contains(",admin@example.org,admin,member.invited,", row);
        Assert.EndsWith("new.one@example.org as viewer", row);

        using var support = host.Browser();
        await support.SignInAsync("support@example.org", "Support-Passw0rd!", "/patients");
        var refused = await support.Client.GetAsync("/audit/export.csv");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("/access-denied", refused.Headers.Location?.AbsolutePath ?? "");
    }

    [Fact]
    public async Task On_an_empty_store_the_bootstrap_admin_creates_the_organisation_once_and_it_is_audited()
    {
        await using var host = new ConsoleSignInHost(new Dictionary<string, string?>
        {
            ["Seed:DemoData"] = "false",
            ["Bootstrap:AdminEmail"] = "Admin@Example.org",
            ["Bootstrap:OrganizationName"] = "Fresh Clinic",
            ["Bootstrap:Plan"] = "scale",
        });
        await host.StartAsync();
        Assert.Equal(0, await WithDbAsync(host, db => db.Organizations.CountAsync()));
        var since = Dashboard.TestSupport.AuditAssert.Now();

        using (var support = host.Browser())
        {
            // Someone else signing in first creates nothing and is not a member.
            var (page, _) = await support.SignInAsync("support@example.org", "Support-Passw0rd!", "/");
            Assert.Contains("data-testid=\"not-a-member\"", await page.Content.ReadAsStringAsync());
        }
        for (var i = 0; i < 2; i++)
        {
            using var admin = host.Browser();
            var (page, _) = await admin.SignInAsync("admin@example.org", "Admin-Passw0rd!");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        var organization = await WithDbAsync(host, db => db.Organizations.AsNoTracking().SingleAsync());
        Assert.Equal(("Fresh Clinic", Dashboard.Core.Organizations.Plan.Scale), (organization.Name, organization.Plan));
        var membership = await WithDbAsync(host, db => db.StaffMemberships.AsNoTracking().SingleAsync());
        Assert.Equal(("admin@example.org", ConsoleRoles.Admin, "admin@example.org"), (membership.Email, membership.Role, membership.Subject));
        var entry = await WithDbAsync(host, db => Dashboard.TestSupport.AuditAssert.SingleAsync(db, AuditActions.CreateOrganization, "admin@example.org", ConsoleRoles.Admin, since));
        Assert.Equal(((Guid?)organization.Id, "\"Fresh Clinic\" by Bootstrap:AdminEmail"), (entry.OrganizationId, entry.Details));
    }

    private static async Task<T> WithDbAsync<T>(ConsoleSignInHost host, Func<DashboardDbContext, Task<T>> work)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<DashboardDbContext>());
    }
}
