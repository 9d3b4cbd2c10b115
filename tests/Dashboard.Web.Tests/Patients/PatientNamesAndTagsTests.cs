using System.Net;
using Bunit;
using Dashboard.Core.Patients;
using Dashboard.Core.Storage;
using Dashboard.Web.Components.Pages.Patients;
using Dashboard.Web.Components.Pages.Triage;
using Dashboard.Web.Tests.Review;
using Dashboard.Web.Tests.Security;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Web.Tests.Patients;

/// <summary>
/// Staff-typed names and tags where staff look for patients (issue 17 item 5): the patient list and the triage show the
/// name above the client id, filter by a tag named in the URL, and their CSV exports carry the name and keep the tag.
/// </summary>
public sealed class PatientNamesAndTagsTests : ConsoleTestContext, IAsyncLifetime
{
    private readonly TestStore _store = new();
    private Guid _tagged;
    private Guid _untagged;

    public PatientNamesAndTagsTests()
    {
        AddAuthorization().SetConsolePerson("support", ReviewPatients.ViewerEmail);
    }

    public async Task InitializeAsync()
    {
        await _store.AddToAsync(Services, seedDemo: true, staffMember: ReviewPatients.ViewerEmail);
        _tagged = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 14, 120));
        _untagged = await ReviewPatients.AddAsync(Services, ReviewPatients.Every(15, 14, 120));
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        db.PatientProfiles.Add(new PatientProfile { UserId = _tagged, DisplayName = "Ada Lovelace", Source = PatientProfileSources.Staff, UpdatedAt = DateTime.UtcNow });
        db.PatientTags.Add(new PatientTag { UserId = _tagged, Tag = "pump-start", CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await _store.DisposeAsync();
    }

    private IRenderedComponent<TComponent> RenderAt<TComponent>(string url) where TComponent : IComponent
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        return Render<TComponent>();
    }

    [Fact]
    public void The_patient_list_filters_by_the_tag_in_the_url_shows_the_name_and_its_export_keeps_the_tag()
    {
        var page = RenderAt<PatientList>("/patients?tag=Pump-Start");

        page.WaitForAssertion(() => Assert.Contains($"/patients/{_tagged}", page.Markup));
        Assert.DoesNotContain($"/patients/{_untagged}", page.Markup);
        var link = page.FindAll("a.patient-name").Single(a => a.GetAttribute("href") == $"/patients/{_tagged}");
        Assert.Equal("Ada Lovelace", link.QuerySelector("span")!.TextContent.Trim());
        Assert.StartsWith("patient-", link.QuerySelector("[data-testid=patient-client-id]")!.TextContent.Trim());
        Assert.Equal("/patients/export.csv?tag=pump-start", page.Find("[data-testid=export-csv]").GetAttribute("href"));
        Assert.NotNull(page.Find("[data-testid=tag-filter]"));
    }

    [Fact]
    public void The_patient_list_finds_a_patient_by_their_display_name()
    {
        var page = RenderAt<PatientList>("/patients?q=lovelace");

        page.WaitForAssertion(() => Assert.Contains($"/patients/{_tagged}", page.Markup));
        Assert.DoesNotContain($"/patients/{_untagged}", page.Markup);
    }

    [Fact]
    public void The_triage_filters_by_the_tag_in_the_url_and_its_export_keeps_it()
    {
        var page = RenderAt<TriagePage>("/triage?tag=pump-start");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=triage-row]")), TimeSpan.FromSeconds(10));
        var users = page.FindAll("[data-testid=triage-row]").Select(r => r.GetAttribute("data-user")).ToList();
        Assert.Equal([_tagged.ToString()], users);
        Assert.Contains("Ada Lovelace", page.Find("[data-testid=triage-patient]").TextContent);
        Assert.Equal("/triage/export.csv?tag=pump-start", page.Find("[data-testid=triage-csv]").GetAttribute("href"));
    }
}

/// <summary>Both CSV exports over the signed-in console: a <c>display_name</c> column, and the tag filter honoured.</summary>
public sealed class NamedExportTests
{
    [Fact]
    public async Task The_patient_and_triage_exports_carry_the_display_name_and_honour_the_tag()
    {
        await using var host = new ConsoleSignInHost();
        await host.StartAsync();
        var named = await ReviewPatients.AddAsync(host.Services, ReviewPatients.Every(15, 14, 120));
        await ReviewPatients.AddAsync(host.Services, ReviewPatients.Every(15, 14, 120));
        string namedClientId;
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            namedClientId = await db.Users.Where(u => u.Id == named).Select(u => u.ClientUserId).SingleAsync();
            db.PatientProfiles.Add(new PatientProfile { UserId = named, DisplayName = "Smith, Jo", Source = PatientProfileSources.Staff, UpdatedAt = DateTime.UtcNow });
            db.PatientTags.Add(new PatientTag { UserId = named, Tag = "pump-start", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        using var admin = host.Browser();
        await admin.SignInAsync("admin@example.org", "Admin-Passw0rd!");

        foreach (var (url, header) in new[] { ("/patients/export.csv?tag=pump-start", "client_user_id,display_name,team,"), ("/triage/export.csv?tag=PUMP-START", "client_user_id,display_name,team,days,") })
        {
            var answer = await admin.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var lines = (await answer.Content.ReadAsStringAsync()).TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
            Assert.StartsWith(header, lines[0]);
            var row = Assert.Single(lines.Skip(1));
            // The comma in the name is quoted, so the row keeps its columns.
            Assert.StartsWith($"{namedClientId},\"Smith, Jo\",", row);
        }
    }
}
