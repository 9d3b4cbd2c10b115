using Microsoft.EntityFrameworkCore;
using Dashboard.Core.Glucose;
using Dashboard.Core.Preferences;
using Dashboard.Core.Teams;
using Dashboard.Core.Tests.Support;

namespace Dashboard.Core.Tests.Preferences;

public sealed class StaffPreferencesTests : IAsyncLifetime
{
    private CoreStore _store = null!;

    public async Task InitializeAsync() => _store = await CoreStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Theory]
    [InlineData(DeploymentRegion.Eu, GlucoseUnit.MmolPerL)]
    [InlineData(DeploymentRegion.Us, GlucoseUnit.MgPerDl)]
    public void The_default_unit_follows_the_teams_deployment_region(DeploymentRegion region, GlucoseUnit unit)
    {
        Assert.Equal(unit, GlucoseUnitDefaults.For(region));
        Assert.Equal(unit, GlucoseUnitDefaults.Resolve(null, region));
        Assert.Equal(GlucoseUnit.MgPerDl, GlucoseUnitDefaults.Resolve(GlucoseUnit.MgPerDl, DeploymentRegion.Eu));
    }

    [Fact]
    public async Task A_persons_unit_is_kept_by_their_address_in_any_case_and_can_go_back_to_the_default()
    {
        var preferences = _store.Get<StaffPreferences>();
        Assert.Null((await preferences.GetAsync("vic@example.org")).GlucoseUnit);

        await preferences.SetGlucoseUnitAsync(" Vic@Example.org ", GlucoseUnit.MmolPerL);

        Assert.Equal(GlucoseUnit.MmolPerL, (await preferences.GetAsync("VIC@example.org")).GlucoseUnit);
        Assert.Null((await preferences.GetAsync("someone.else@example.org")).GlucoseUnit);

        await preferences.SetGlucoseUnitAsync("vic@example.org", null);

        Assert.Null((await preferences.GetAsync("vic@example.org")).GlucoseUnit);
    }

    [Fact]
    public async Task The_unit_is_stored_with_the_readings_ordinals_so_nothing_on_disk_changes_meaning()
    {
        await _store.Get<StaffPreferences>().SetGlucoseUnitAsync("vic@example.org", GlucoseUnit.MmolPerL);

        await using var db = _store.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Dashboard.Core.Storage.DashboardDbContext>>().CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"GlucoseUnit\" FROM \"StaffPreferences\"";
        Assert.Equal(1L, Convert.ToInt64(await command.ExecuteScalarAsync())); // MgPerDl = 0, MmolPerL = 1, as Readings.MeasuredUnit
    }

    [Theory]
    [InlineData("Europe/Berlin", true)]
    [InlineData("America/New_York", true)]
    [InlineData("Mars/Olympus_Mons", false)]
    [InlineData("", false)]
    public async Task Only_a_known_time_zone_is_remembered(string zone, bool kept)
    {
        var preferences = _store.Get<StaffPreferences>();

        Assert.Equal(kept, await preferences.SetTimeZoneAsync("vic@example.org", zone));

        Assert.Equal(kept ? zone : null, (await preferences.GetAsync("vic@example.org")).TimeZone);
    }
}
