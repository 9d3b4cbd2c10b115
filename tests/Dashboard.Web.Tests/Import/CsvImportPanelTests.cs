using System.Text;
using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Glucose.Import;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Organizations;
using Dashboard.Core.Storage;
using Dashboard.Core.Teams;
using Dashboard.Core.Users;
using Dashboard.Web.Components.Pages.Patients;
using Dashboard.Web.Tests.Support;
using LibreView.Csv;
using LibreView.Tests.Csv;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Import;

/// <summary>The CSV import panel on a real temporary store: preview, rejected rows, bad files, confirm, cancel, roles.</summary>
public sealed class CsvImportPanelTests : ConsoleTestContext, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly TestStore _store = new();
    private BunitAuthorizationContext _auth = null!;
    private Guid _teamId;
    private Guid _userId;
    private CsvImportResult? _imported;

    public async Task InitializeAsync()
    {
        _auth = AddAuthorization();
        _auth.SetAuthorized("Sam Support");
        _auth.SetConsoleRole("support");
        await _store.AddToAsync(Services);
        await using var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var organization = new Organization { Name = "Clinic" };
        var team = new Team { Name = "Clinic A", OrganizationId = organization.Id };
        var user = new User { TeamId = team.Id, ClientUserId = "patient-1" };
        db.AddRange(organization, team, user);
        await db.SaveChangesAsync();
        (_teamId, _userId) = (team.Id, user.Id);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        // MudBlazor's services only dispose asynchronously: dispose the context here, before xUnit's synchronous Dispose.
        await DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task A_real_export_shows_its_preview_and_nothing_is_stored_before_confirm()
    {
        var export = RealExports.Warren;
        var panel = RenderPanel();

        Upload(panel, await File.ReadAllBytesAsync(export.Path), export.FileName);

        panel.WaitForElement("[data-testid=csv-import-preview]", Wait);
        Assert.Equal("FreeStyle LibreLink, serial 758d93d8-ff6a-4e0a-a62c-f31e5814c296", Text(panel, "csv-import-device"));
        Assert.Equal("mmol/L", Text(panel, "csv-import-unit"));
        Assert.Equal("DD-MM-YYYY HH:mm", Text(panel, "csv-import-date-format"));
        Assert.Equal("1 Sep 2025 20:57 to 11 Oct 2025 18:20", Text(panel, "csv-import-range")); // the console's date format (device times)
        for (var type = 0; type < 7; type++)
        {
            var cells = panel.FindAll($"[data-testid=csv-import-type-{type}] td");
            Assert.Equal(export.RowsPerRecordType[type].ToString(), cells[1].TextContent.Trim());
        }

        Assert.Contains("not imported: strip readings are not CGM readings", panel.Find("[data-testid=csv-import-type-2]").TextContent);
        Assert.Contains($"Will store {export.RowsPerRecordType[0]} automatic readings", Text(panel, "csv-import-plan"));
        Assert.Empty(panel.FindAll("[data-testid=csv-import-rejected]"));
        Assert.Equal(0, await ReadingCountAsync());
    }

    [Fact]
    public async Task Confirm_imports_into_the_store_reports_the_counts_and_raises_OnImported()
    {
        var export = RealExports.Martynk;
        var panel = RenderPanel();
        Upload(panel, await File.ReadAllBytesAsync(export.Path), export.FileName);
        panel.WaitForElement("[data-testid=csv-import-confirm]", Wait);

        await panel.Find("[data-testid=csv-import-confirm]").ClickAsync(new());

        panel.WaitForElement("[data-testid=csv-import-done]", Wait);
        Assert.Contains($"Imported {export.RowsPerRecordType[0]} automatic readings", Text(panel, "csv-import-done"));
        Assert.Empty(panel.FindAll("[data-testid=csv-import-preview]"));
        Assert.Equal(CsvImportOutcome.Imported, _imported?.Outcome);
        await using var db = await NewContextAsync();
        Assert.Equal(export.RowsPerRecordType[0], await db.Readings.CountAsync(r => r.UserId == _userId && r.Kind == ReadingKind.Automatic && r.Source == DataSources.CsvImport));
        Assert.Contains("Import another file", panel.Find("[data-testid=csv-import-choose]").TextContent);
    }

    [Fact]
    public async Task Rejected_rows_are_listed_with_their_line_numbers_and_reasons()
    {
        var text = ExportText.CurrentMgdl("13-02-2024 08:00|0|4=100", "13-02-2024 08:15|0|4=", "yesterday|0|4=100", "13-02-2024 08:30|9|4=100");
        var panel = RenderPanel();

        Upload(panel, Encoding.UTF8.GetBytes(text), "export.csv");

        panel.WaitForElement("[data-testid=csv-import-rejected]", Wait);
        Assert.Contains("3 rows were rejected", Text(panel, "csv-import-rejected-count"));
        var rows = panel.FindAll("[data-testid=csv-import-rejected] tbody tr").Select(r => r.TextContent.Trim()).ToList();
        Assert.Equal(3, rows.Count);
        Assert.StartsWith("4", rows[0]);
        Assert.EndsWith("historic glucose is empty", rows[0]);
        Assert.StartsWith("5", rows[1]);
        Assert.Contains("timestamp 'yesterday' is not a date and time", rows[1]);
        Assert.StartsWith("6", rows[2]);
        Assert.Contains("record type '9' is not one of 0–6", rows[2]);
        Assert.Contains("Will store 1 automatic readings", Text(panel, "csv-import-plan"));
        Assert.Equal(0, await ReadingCountAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_an_export_gets_a_clear_message_and_stores_nothing()
    {
        var panel = RenderPanel();

        Upload(panel, Encoding.UTF8.GetBytes("name,email\r\nAda,ada@example.org\r\n"), "contacts.csv");

        panel.WaitForElement("[data-testid=csv-import-error]", Wait);
        var message = Text(panel, "csv-import-error");
        Assert.StartsWith("contacts.csv: not a LibreView Glucose Data export", message);
        Assert.EndsWith("Nothing was stored.", message);
        Assert.Empty(panel.FindAll("[data-testid=csv-import-preview]"));
        Assert.NotEmpty(panel.FindAll("[data-testid=csv-import-choose]"));
        Assert.Equal(0, await ReadingCountAsync());
    }

    [Fact]
    public void A_file_over_50_MB_is_refused_from_its_size_before_it_is_read()
    {
        var panel = RenderPanel();

        Upload(panel, new byte[LibreViewCsvParser.MaxFileBytes + 1], "huge.csv");

        panel.WaitForElement("[data-testid=csv-import-error]", Wait);
        Assert.Equal("huge.csv is 50 MB; a LibreView export is at most 50 MB. Nothing was read or stored.", Text(panel, "csv-import-error"));
    }

    [Fact]
    public async Task Cancel_drops_the_preview_and_stores_nothing()
    {
        var panel = RenderPanel();
        Upload(panel, await File.ReadAllBytesAsync(RealExports.Martynk.Path), RealExports.Martynk.FileName);
        panel.WaitForElement("[data-testid=csv-import-cancel]", Wait);

        await panel.Find("[data-testid=csv-import-cancel]").ClickAsync(new());

        panel.WaitForElement("[data-testid=csv-import-choose]", Wait);
        Assert.Empty(panel.FindAll("[data-testid=csv-import-preview]"));
        Assert.Null(_imported);
        Assert.Equal(0, await ReadingCountAsync());
    }

    [Fact]
    public async Task A_patient_of_another_team_is_not_found_on_confirm_and_nothing_is_stored()
    {
        var panel = Render<CsvImportPanel>(p => p.Add(x => x.TeamId, Guid.NewGuid()).Add(x => x.UserId, _userId));
        Upload(panel, await File.ReadAllBytesAsync(RealExports.Martynk.Path), RealExports.Martynk.FileName);
        panel.WaitForElement("[data-testid=csv-import-confirm]", Wait);

        await panel.Find("[data-testid=csv-import-confirm]").ClickAsync(new());

        panel.WaitForElement("[data-testid=csv-import-error]", Wait);
        Assert.Contains("not found in this team; nothing was stored", Text(panel, "csv-import-error"));
        Assert.Equal(0, await ReadingCountAsync());
    }

    [Fact]
    public void A_viewer_sees_no_upload()
    {
        _auth.SetConsoleRole("viewer");

        var panel = RenderPanel();

        Assert.Empty(panel.FindAll("[data-testid=csv-import-panel]"));
        Assert.Empty(panel.FindComponents<InputFile>());
    }

    [Fact]
    public async Task A_console_import_is_audited_once_with_the_person_and_the_patient()
    {
        var export = RealExports.Martynk;
        var since = Dashboard.TestSupport.AuditAssert.Now();
        var panel = RenderPanel();
        Upload(panel, await File.ReadAllBytesAsync(export.Path), export.FileName);
        panel.WaitForElement("[data-testid=csv-import-confirm]", Wait);
        await using (var before = await NewContextAsync())
        {
            Assert.Equal(0, await before.AuditEntries.CountAsync(e => e.Action == Dashboard.Core.Audit.AuditActions.ImportCsv)); // a preview is not an import
        }

        await panel.Find("[data-testid=csv-import-confirm]").ClickAsync(new());
        panel.WaitForElement("[data-testid=csv-import-done]", Wait);

        await using var db = await NewContextAsync();
        var entry = await Dashboard.TestSupport.AuditAssert.SingleAsync(db, Dashboard.Core.Audit.AuditActions.ImportCsv, "Sam Support", "support", since);
        Assert.Equal(((Guid?)_teamId, (Guid?)_userId, "patient-1"), (entry.TeamId, entry.UserId, entry.ClientUserId));
        Assert.StartsWith($"Imported {export.RowsPerRecordType[0]} automatic readings", entry.Details);
    }

    private IRenderedComponent<CsvImportPanel> RenderPanel() =>
        Render<CsvImportPanel>(p => p
            .Add(x => x.TeamId, _teamId)
            .Add(x => x.UserId, _userId)
            .Add(x => x.OnImported, result => _imported = result));

    private static void Upload(IRenderedComponent<CsvImportPanel> panel, byte[] bytes, string fileName) =>
        panel.FindComponents<InputFile>()[^1].UploadFiles(InputFileContent.CreateFromBinary(bytes, fileName));

    private static string Text(IRenderedComponent<CsvImportPanel> panel, string testId) =>
        panel.Find($"[data-testid={testId}]").TextContent.Trim();

    private Task<DashboardDbContext> NewContextAsync() =>
        Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();

    private async Task<int> ReadingCountAsync()
    {
        await using var db = await NewContextAsync();
        return await db.Readings.CountAsync() + await db.Notes.CountAsync();
    }
}
