using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Dashboard.Core.Glucose.Metrics;

namespace Dashboard.Core.Patients;

/// <summary>
/// One patient's triage figures for one period ("last <see cref="Days"/> days"), as the metrics engine computed them
/// from the stored readings: the review's window (newest − N × 24 h, newest], unrounded, so triage shows what the
/// review shows to the digit. The flags that do not depend on the clock are kept as columns so triage can filter,
/// count and sort in SQL; "no data for ≥ 3 days" is judged at query time from <see cref="Last"/>.
/// Written by <see cref="PatientSummaries"/> right after every committed write of the patient's readings; a patient
/// without readings has rows of the empty metrics.
/// </summary>
public sealed class PatientSummary
{
    public Guid UserId { get; set; }

    /// <summary>The patient's team (a patient never changes team): triage's scope filter and counts read this table alone.</summary>
    public Guid TeamId { get; set; }

    /// <summary>
    /// The patient's client_user_id (it never changes either), copied here because every triage order breaks ties by it:
    /// with it in the summaries' index, a sort or a walk of the order reads that index alone, never the users' table.
    /// </summary>
    public required string ClientUserId { get; set; }

    /// <summary>N of "last N days" (7, 14 or 30).</summary>
    public int Days { get; set; }

    public int Readings { get; set; }

    /// <summary>First and newest reading of the window (floating local time); <see cref="Last"/> is the patient's newest automatic reading.</summary>
    public DateTime? First { get; set; }
    public DateTime? Last { get; set; }
    public double? MeanMgdl { get; set; }
    public double? SdMgdl { get; set; }
    public double? CvPercent { get; set; }
    public double? GmiPercent { get; set; }
    public double? ActivePercent { get; set; }
    public double? TimeVeryLowPercent { get; set; }
    public double? TimeLowPercent { get; set; }
    public double? TimeInRangePercent { get; set; }
    public double? TimeTightRangePercent { get; set; }
    public double? TimeHighPercent { get; set; }
    public double? TimeVeryHighPercent { get; set; }
    public double? Gri { get; set; }
    public GriZone? GriZone { get; set; }
    public int? Dt0Minutes { get; set; }

    /// <summary>Time in range of the previous period (newest − 2N days, newest − N days].</summary>
    public double? PreviousInRangePercent { get; set; }

    /// <summary>Time in range now minus the previous period's, in points (the "dropped by ≥ 15" flag and the urgency rule).</summary>
    public double? InRangeChange { get; set; }

    /// <summary>GRI, 0 without readings: the urgency rule's second key, kept so SQL sorts on a plain column.</summary>
    public double UrgencyGri { get; set; }

    public bool VeryLowOver1 { get; set; }
    public bool LowOver4 { get; set; }
    public bool InRangeUnder70 { get; set; }
    public bool InRangeDropped15 { get; set; }
    public bool ActiveUnder70 { get; set; }
    public bool GriZoneDOrE { get; set; }
    public bool MeetingTargets { get; set; }

    /// <summary>When this row was computed (UTC).</summary>
    public DateTime ComputedAt { get; set; }

    public GlucoseMetrics ToMetrics() => new(
        MetricsWindow.LastDays(Days), Readings, First, Last, MeanMgdl, SdMgdl, CvPercent, GmiPercent, ActivePercent,
        TimeVeryLowPercent, TimeLowPercent, TimeInRangePercent, TimeTightRangePercent, TimeHighPercent, TimeVeryHighPercent,
        Gri, GriZone, Dt0Minutes);
}

/// <summary>A patient's display name and date of birth, typed by staff or taken from LibreView when the account shares them.</summary>
public sealed class PatientProfile
{
    public Guid UserId { get; set; }
    public string? DisplayName { get; set; }
    public DateOnly? DateOfBirth { get; set; }

    /// <summary><see cref="PatientProfileSources"/>: who last set the name and date of birth.</summary>
    public required string Source { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public static class PatientProfileSources
{
    public const string Staff = "staff";
    public const string LibreView = "libreview";
}

/// <summary>A staff tag on a patient (e.g. "pump-start", "pregnancy"): lower-case, unique per patient.</summary>
public sealed class PatientTag
{
    public Guid UserId { get; set; }
    public required string Tag { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class PatientSummaryConfiguration : IEntityTypeConfiguration<PatientSummary>
{
    public void Configure(EntityTypeBuilder<PatientSummary> entity)
    {
        entity.ToTable("PatientSummaries");
        entity.HasKey(s => new { s.UserId, s.Days });
        entity.Property(s => s.First).HasConversion(t => t == null ? (long?)null : StoreTime.ToTicks(t.Value), t => t == null ? null : StoreTime.FromTicks(t.Value));
        entity.Property(s => s.Last).HasConversion(t => t == null ? (long?)null : StoreTime.ToTicks(t.Value), t => t == null ? null : StoreTime.FromTicks(t.Value));
        entity.Property(s => s.ClientUserId).HasMaxLength(Users.PatientDirectory.MaxClientUserIdLength);
        entity.HasOne<Users.User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        // Triage's default order within one period (the silent-patient key is judged at query time), walked in order with
        // the scope's team and the rest of the urgency keys read from the index.
        entity.HasIndex(s => new { s.Days, s.VeryLowOver1, s.UrgencyGri, s.TeamId, s.Last, s.InRangeChange, s.ClientUserId })
            .HasDatabaseName("IX_PatientSummaries_Urgency");
        // The scope's flag counts, and every other order's keys with its flags, answered from the index alone: a sort of
        // the whole scope reads no table row (issue 17: 620 ms for 100,000 patients when it did).
        entity.HasIndex(s => new
        {
            s.Days, s.TeamId, s.Last, s.VeryLowOver1, s.LowOver4, s.InRangeUnder70, s.InRangeDropped15, s.ActiveUnder70, s.GriZoneDOrE, s.MeetingTargets,
            s.Gri, s.TimeInRangePercent, s.TimeVeryLowPercent, s.TimeLowPercent, s.ActivePercent, s.InRangeChange, s.ClientUserId, s.UserId,
        }).HasDatabaseName("IX_PatientSummaries_Counts");
    }
}

internal sealed class PatientProfileConfiguration : IEntityTypeConfiguration<PatientProfile>
{
    public void Configure(EntityTypeBuilder<PatientProfile> entity)
    {
        entity.ToTable("PatientProfiles");
        entity.HasKey(p => p.UserId);
        entity.Property(p => p.DisplayName).HasMaxLength(PatientProfileRules.MaxNameLength);
        entity.Property(p => p.Source).HasMaxLength(16);
        entity.HasOne<Users.User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PatientTagConfiguration : IEntityTypeConfiguration<PatientTag>
{
    public void Configure(EntityTypeBuilder<PatientTag> entity)
    {
        entity.ToTable("PatientTags");
        entity.HasKey(t => new { t.UserId, t.Tag });
        entity.Property(t => t.Tag).HasMaxLength(PatientProfileRules.MaxTagLength);
        entity.HasIndex(t => t.Tag);
        entity.HasOne<Users.User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
