using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Patients;

/// <summary>What staff recorded about a patient beside the API's <see cref="ClientUserId"/>: a display name, a date of birth and tags.</summary>
public sealed record PatientProfileView(
    Guid UserId,
    string ClientUserId,
    string? DisplayName,
    DateOnly? DateOfBirth,
    string? Source,
    DateTime? UpdatedAt,
    IReadOnlyList<string> Tags);

/// <summary>The outcome of a change: the profile as it now is, or the reason nothing was stored.</summary>
public sealed record PatientProfileChange(PatientProfileView? Profile, string? Refusal)
{
    public bool Succeeded => Refusal is null;

    internal static PatientProfileChange Refused(string reason) => new(null, reason);
}

/// <summary>
/// Staff keep a patient's display name, date of birth and tags (issue 17). Every write checks the role again, stays in
/// the person's scope, validates with <see cref="PatientProfileRules"/> (a bad value is a refusal, never an exception)
/// and writes its audit entry in the same save as the change.
/// </summary>
public sealed class PatientProfiles(IDbContextFactory<DashboardDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public const string OutsideScope = "This patient is not in your organisation's teams.";

    /// <summary>The patient's profile and tags; null when the patient is outside the scope.</summary>
    public async Task<PatientProfileView?> GetAsync(StaffScope scope, Guid userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var patient = await PatientInScopeAsync(db, scope, userId, ct);
        return patient is null ? null : await ViewAsync(db, patient, ct);
    }

    /// <summary>
    /// The name and date of birth a LibreView account shares, taken when the patient links (their own account's
    /// <c>user</c>) or is found in a practice (the practice patient): they fill the profile unless staff have written it,
    /// since what staff typed is what their clinic calls the patient. Values the rules refuse are left out. Added to
    /// <paramref name="db"/>, saved with the link.
    /// </summary>
    internal static async Task AdoptSharedAsync(DashboardDbContext db, Guid userId, LibreView.Client.LibreViewPerson person, DateTime now, CancellationToken ct)
    {
        var (name, _) = PatientProfileRules.Name(person.FullName);
        var birth = PatientProfileRules.BirthDateError(person.DateOfBirth, DateOnly.FromDateTime(now)) is null ? person.DateOfBirth : null;
        if (name is null && birth is null) return;
        var profile = await db.PatientProfiles.FindAsync([userId], ct);
        if (profile is { Source: PatientProfileSources.Staff }) return;
        if (profile is null)
        {
            profile = new PatientProfile { UserId = userId, Source = PatientProfileSources.LibreView };
            db.PatientProfiles.Add(profile);
        }
        (profile.DisplayName, profile.DateOfBirth, profile.UpdatedAt) = (name, birth, now);
    }

    /// <summary>Every tag in use on the scope's patients, in order: the choices of the tag filters.</summary>
    public async Task<IReadOnlyList<string>> TagsInUseAsync(StaffScope scope, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var teamIds = scope.TeamIds.ToList();
        return await db.PatientTags.AsNoTracking()
            .Where(t => db.Users.Any(u => u.Id == t.UserId && teamIds.Contains(u.TeamId)))
            .Select(t => t.Tag).Distinct().OrderBy(t => t).ToListAsync(ct);
    }

    /// <summary>Sets (or, with empty values, clears) the display name and date of birth.</summary>
    /// <exception cref="ConsoleAccessDeniedException">The actor's role may not edit patients.</exception>
    public async Task<PatientProfileChange> SetNameAndBirthAsync(StaffScope scope, AuditActor actor, Guid userId, string? displayName, DateOnly? dateOfBirth,
        CancellationToken ct = default)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.EditPatientProfiles, actor);
        var (name, nameError) = PatientProfileRules.Name(displayName);
        var refusal = nameError ?? PatientProfileRules.BirthDateError(dateOfBirth, Today());
        if (refusal is not null)
        {
            return PatientProfileChange.Refused(Sentence(refusal));
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var patient = await PatientInScopeAsync(db, scope, userId, ct);
        if (patient is null)
        {
            return PatientProfileChange.Refused(OutsideScope);
        }
        var profile = await db.PatientProfiles.FirstOrDefaultAsync(p => p.UserId == userId, ct);
        var changed = new List<string>();
        if (profile?.DisplayName != name) changed.Add("display_name");
        if (profile?.DateOfBirth != dateOfBirth) changed.Add("date_of_birth");
        if (changed.Count == 0)
        {
            // Saving the same values changes nothing, so there is nothing to audit either.
            return new PatientProfileChange(await ViewAsync(db, patient, ct), null);
        }
        if (profile is null)
        {
            profile = new PatientProfile { UserId = userId, Source = PatientProfileSources.Staff };
            db.PatientProfiles.Add(profile);
        }
        profile.DisplayName = name;
        profile.DateOfBirth = dateOfBirth;
        profile.Source = PatientProfileSources.Staff;
        profile.UpdatedAt = time.GetUtcNow().UtcDateTime;
        // The entry names what changed, not the values: the audit log is read more widely than the patient's record.
        audit.Append(db, actor, AuditActions.ChangePatientProfile, patient.TeamId, patient.Id, patient.ClientUserId, "changed: " + string.Join(",", changed));
        if (!await TrySaveAsync(db, ct))
        {
            return PatientProfileChange.Refused(ChangedMeanwhile);
        }
        return new PatientProfileChange(await ViewAsync(db, patient, ct), null);
    }

    /// <summary>As <see cref="SetNameAndBirthAsync"/>, with the date of birth as staff typed it (<c>yyyy-MM-dd</c>, empty for none).</summary>
    /// <exception cref="ConsoleAccessDeniedException">The actor's role may not edit patients.</exception>
    public Task<PatientProfileChange> SetFromFormAsync(StaffScope scope, AuditActor actor, Guid userId, string? displayName, string? dateOfBirthText,
        CancellationToken ct = default)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.EditPatientProfiles, actor);
        var (dateOfBirth, error) = PatientProfileRules.BirthDate(dateOfBirthText);
        return error is not null
            ? Task.FromResult(PatientProfileChange.Refused(Sentence(error)))
            : SetNameAndBirthAsync(scope, actor, userId, displayName, dateOfBirth, ct);
    }

    /// <summary>Adds a tag (trimmed, lower-cased); a tag the patient already has is refused.</summary>
    /// <exception cref="ConsoleAccessDeniedException">The actor's role may not edit patients.</exception>
    public async Task<PatientProfileChange> AddTagAsync(StaffScope scope, AuditActor actor, Guid userId, string? text, CancellationToken ct = default)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.EditPatientProfiles, actor);
        var (tag, error) = PatientProfileRules.Tag(text);
        if (tag is null)
        {
            return PatientProfileChange.Refused(Sentence(error!));
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var patient = await PatientInScopeAsync(db, scope, userId, ct);
        if (patient is null)
        {
            return PatientProfileChange.Refused(OutsideScope);
        }
        if (await db.PatientTags.AnyAsync(t => t.UserId == userId && t.Tag == tag, ct))
        {
            return PatientProfileChange.Refused($"The patient already has the tag \"{tag}\".");
        }
        db.PatientTags.Add(new PatientTag { UserId = userId, Tag = tag, CreatedAt = time.GetUtcNow().UtcDateTime });
        audit.Append(db, actor, AuditActions.AddPatientTag, patient.TeamId, patient.Id, patient.ClientUserId, $"tag={tag}");
        if (!await TrySaveAsync(db, ct))
        {
            return PatientProfileChange.Refused(ChangedMeanwhile);
        }
        return new PatientProfileChange(await ViewAsync(db, patient, ct), null);
    }

    /// <summary>Removes a tag; a tag the patient does not have (say, removed meanwhile by someone else) is refused.</summary>
    /// <exception cref="ConsoleAccessDeniedException">The actor's role may not edit patients.</exception>
    public async Task<PatientProfileChange> RemoveTagAsync(StaffScope scope, AuditActor actor, Guid userId, string? text, CancellationToken ct = default)
    {
        ConsoleAccessDeniedException.ThrowUnlessAllowed(ConsolePolicies.EditPatientProfiles, actor);
        var tag = text?.Trim().ToLowerInvariant() ?? "";
        await using var db = await contexts.CreateDbContextAsync(ct);
        var patient = await PatientInScopeAsync(db, scope, userId, ct);
        if (patient is null)
        {
            return PatientProfileChange.Refused(OutsideScope);
        }
        var stored = await db.PatientTags.FirstOrDefaultAsync(t => t.UserId == userId && t.Tag == tag, ct);
        if (stored is null)
        {
            return PatientProfileChange.Refused($"The patient has no tag \"{tag}\".");
        }
        db.PatientTags.Remove(stored);
        audit.Append(db, actor, AuditActions.RemovePatientTag, patient.TeamId, patient.Id, patient.ClientUserId, $"tag={tag}");
        if (!await TrySaveAsync(db, ct))
        {
            return PatientProfileChange.Refused(ChangedMeanwhile);
        }
        return new PatientProfileChange(await ViewAsync(db, patient, ct), null);
    }

    private const string ChangedMeanwhile = "Someone changed this patient at the same moment; nothing was stored. Please try again.";

    private sealed record Patient(Guid Id, Guid TeamId, string ClientUserId);

    private static Task<Patient?> PatientInScopeAsync(DashboardDbContext db, StaffScope scope, Guid userId, CancellationToken ct)
    {
        var teamIds = scope.TeamIds.ToList();
        return db.Users.AsNoTracking().Where(u => u.Id == userId && teamIds.Contains(u.TeamId))
            .Select(u => new Patient(u.Id, u.TeamId, u.ClientUserId)).FirstOrDefaultAsync(ct);
    }

    private static async Task<PatientProfileView> ViewAsync(DashboardDbContext db, Patient patient, CancellationToken ct)
    {
        var profile = await db.PatientProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == patient.Id, ct);
        var tags = await db.PatientTags.AsNoTracking().Where(t => t.UserId == patient.Id).Select(t => t.Tag).OrderBy(t => t).ToListAsync(ct);
        return new PatientProfileView(patient.Id, patient.ClientUserId, profile?.DisplayName, profile?.DateOfBirth, profile?.Source, profile?.UpdatedAt, tags);
    }

    /// <summary>
    /// A concurrent add of the same tag (or first profile) breaks the primary key; that save, with its audit entry, is
    /// then refused as a whole rather than surfacing as an error page.
    /// </summary>
    private static async Task<bool> TrySaveAsync(DashboardDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    /// <summary>Today's date for the "not in the future" rule, from the installation's clock (UTC).</summary>
    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>The rules' reasons are phrases ("a name is at most …"); staff see them as sentences.</summary>
    private static string Sentence(string reason) => char.ToUpperInvariant(reason[0]) + reason[1..] + ".";
}
