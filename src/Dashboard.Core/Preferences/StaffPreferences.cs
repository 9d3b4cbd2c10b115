using Dashboard.Core.Access;
using Dashboard.Core.Glucose;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Preferences;

/// <summary>Reads and changes one person's <see cref="StaffPreference"/>; a person without a row has every default.</summary>
public sealed class StaffPreferences(IDbContextFactory<DashboardDbContext> contexts, TimeProvider clock)
{
    /// <summary>The person's preferences; every default (nulls) when they never chose anything or have no address.</summary>
    public async Task<StaffPreference> GetAsync(string? email, CancellationToken ct = default)
    {
        if (StaffIdentity.Normalize(email) is not { } key) return new StaffPreference { Email = "" };
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.StaffPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.Email == key, ct) ?? new StaffPreference { Email = key };
    }

    /// <summary>Sets the person's glucose unit; null goes back to the team's default.</summary>
    public Task SetGlucoseUnitAsync(string email, GlucoseUnit? unit, CancellationToken ct = default)
    {
        if (unit is { } u && !Enum.IsDefined(u)) throw new ArgumentOutOfRangeException(nameof(unit), unit, "Not a glucose unit.");
        return UpdateAsync(email, p => p.GlucoseUnit = unit, ct);
    }

    /// <summary>Remembers the time zone the person's browser reports; an unknown zone is refused (false), and nothing changes.</summary>
    public async Task<bool> SetTimeZoneAsync(string email, string timeZone, CancellationToken ct = default)
    {
        if (timeZone.Length > StaffPreference.MaxTimeZoneLength || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _)) return false;
        await UpdateAsync(email, p => p.TimeZone = timeZone, ct);
        return true;
    }

    private async Task UpdateAsync(string email, Action<StaffPreference> change, CancellationToken ct)
    {
        var key = StaffIdentity.Normalize(email) ?? throw new ArgumentException("A person's preferences need their e-mail address.", nameof(email));
        await using var db = await contexts.CreateDbContextAsync(ct);
        var preference = await db.StaffPreferences.FirstOrDefaultAsync(p => p.Email == key, ct);
        if (preference is null)
        {
            preference = new StaffPreference { Email = key };
            db.StaffPreferences.Add(preference);
        }
        change(preference);
        preference.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }
}
