using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Access;
using Dashboard.Core.ApiKeys;
using Dashboard.Core.Storage;
using Dashboard.Web.Components.Pages.ManagementKeys;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.OrgManagement;

/// <summary>The admin page that issues and revokes organisation management keys: shown once, stored hashed, audited.</summary>
public sealed class ManagementKeysPageTests : ConsoleTestContext, IAsyncLifetime
{
    private readonly TestStore _store = new();

    public ManagementKeysPageTests()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Ada Admin");
        auth.SetConsoleRole(ConsoleRoles.Admin);
        auth.SetClaims(new System.Security.Claims.Claim("email", TestStore.DefaultStaffMember));
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
    public void The_page_is_for_admins_only()
    {
        var authorize = Assert.Single(typeof(ManagementKeysPage).GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>());
        Assert.Equal(ConsolePolicies.ManageOrganization, authorize.Policy);
    }

    [Fact]
    public async Task A_new_key_is_shown_once_stored_as_a_hash_works_and_can_be_revoked()
    {
        var since = Dashboard.TestSupport.AuditAssert.Now();
        var page = Render<ManagementKeysPage>();
        page.WaitForElement("[data-testid=management-keys-empty]");

        page.Find("[data-testid=management-key-form] input").Input("provisioning script");
        await page.Find("[data-testid=management-key-form]").SubmitAsync();

        var secret = page.WaitForElement("[data-testid=management-key-value]").TextContent.Trim();
        Assert.StartsWith(ManagementKeys.SecretPrefix, secret);
        var stored = await WithDbAsync(db => db.ManagementKeys.AsNoTracking().SingleAsync());
        Assert.Equal(SecretHash.Of(secret), stored.KeyHash);
        Assert.DoesNotContain(secret, stored.Prefix + stored.Label + stored.KeyHash);
        Assert.Equal("provisioning script", stored.Label);
        Assert.Equal(stored.OrganizationId, await WithServiceAsync(keys => keys.FindOrganizationAsync(secret)));
        var created = await WithDbAsync(db => Dashboard.TestSupport.AuditAssert.SingleAsync(db, Dashboard.Core.Audit.AuditActions.CreateManagementKey, TestStore.DefaultStaffMember, ConsoleRoles.Admin, since));
        Assert.Equal(((Guid?)stored.OrganizationId, $"{stored.Prefix}… \"provisioning script\""), (created.OrganizationId, created.Details));

        page.Find("[data-testid=management-key-reveal] button").Click();
        Assert.Empty(page.FindAll("[data-testid=management-key-value]"));
        Assert.DoesNotContain(secret, page.Markup);

        page.Find("[data-testid=management-key-revoke]").Click();
        page.WaitForAssertion(() => Assert.Contains("revoked", page.Find("[data-testid=management-key-row]").TextContent));
        Assert.Null(await WithServiceAsync(keys => keys.FindOrganizationAsync(secret)));
        var revoked = await WithDbAsync(db => Dashboard.TestSupport.AuditAssert.SingleAsync(db, Dashboard.Core.Audit.AuditActions.RevokeManagementKey, TestStore.DefaultStaffMember, ConsoleRoles.Admin, since));
        Assert.Equal(((Guid?)stored.OrganizationId, $"{stored.Prefix}… \"provisioning script\""), (revoked.OrganizationId, revoked.Details));
    }

    [Fact]
    public async Task A_key_without_a_name_is_refused_with_a_message()
    {
        var page = Render<ManagementKeysPage>();
        page.WaitForElement("[data-testid=management-key-form]");

        await page.Find("[data-testid=management-key-form]").SubmitAsync();

        Assert.Contains("Give the key a name", page.WaitForElement("[data-testid=management-key-error]").TextContent);
        Assert.Equal(0, await WithDbAsync(db => db.ManagementKeys.CountAsync()));
    }

    [Fact]
    public async Task The_page_speaks_German() => await InCulture.RunAsync("de", async () =>
    {
        var page = Render<ManagementKeysPage>();
        page.WaitForElement("[data-testid=management-keys-empty]");

        Assert.Equal("Verwaltungsschlüssel", page.Find("h1").TextContent.Trim());
        Assert.Contains("Diese Organisation hat noch keinen Verwaltungsschlüssel.", page.Find("[data-testid=management-keys-empty]").TextContent);
        Assert.Contains("Schlüssel erstellen", page.Find("[data-testid=management-key-create]").TextContent);

        await page.Find("[data-testid=management-key-form]").SubmitAsync();
        Assert.Contains("Geben Sie dem Schlüssel einen Namen mit 1 bis", page.WaitForElement("[data-testid=management-key-error]").TextContent);
    });

    private async Task<T> WithDbAsync<T>(Func<DashboardDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<DashboardDbContext>());
    }

    private async Task<T> WithServiceAsync<T>(Func<ManagementKeys, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ManagementKeys>());
    }
}
