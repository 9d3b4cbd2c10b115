using Dashboard.Core.Access;
using Dashboard.Core.ApiKeys;
using Dashboard.Core.Audit;
using Dashboard.Core.Connections;
using Dashboard.Core.Events;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Linking;
using Dashboard.Core.Practices;
using Dashboard.Core.Sync;
using Dashboard.Core.Organizations;
using Dashboard.Core.Teams;
using Dashboard.Core.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Storage;

public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<User> Users => Set<User>();
    public DbSet<Connection> Connections => Set<Connection>();
    public DbSet<TeamApiKey> TeamApiKeys => Set<TeamApiKey>();
    public DbSet<ManagementKey> ManagementKeys => Set<ManagementKey>();
    public DbSet<Practice> Practices => Set<Practice>();
    public DbSet<TeamPracticeBinding> TeamPracticeBindings => Set<TeamPracticeBinding>();
    public DbSet<LinkToken> LinkTokens => Set<LinkToken>();
    public DbSet<StoredEvent> Events => Set<StoredEvent>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<StaffMembership> StaffMemberships => Set<StaffMembership>();
    public DbSet<StoredReading> Readings => Set<StoredReading>();
    public DbSet<StoredNote> Notes => Set<StoredNote>();
    public DbSet<ConnectionSyncState> SyncStates => Set<ConnectionSyncState>();
    public DbSet<HistoricalPull> HistoricalPulls => Set<HistoricalPull>();
    public DbSet<RegionBackoff> RegionBackoffs => Set<RegionBackoff>();
    public DbSet<Practices.PracticeAccountSession> PracticeAccountSessions => Set<Practices.PracticeAccountSession>();
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;
    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();
    public DbSet<StoreWriteProbe> StoreWriteProbes => Set<StoreWriteProbe>();
    public DbSet<Patients.PatientSummary> PatientSummaries => Set<Patients.PatientSummary>();
    public DbSet<Patients.PatientProfile> PatientProfiles => Set<Patients.PatientProfile>();
    public DbSet<Patients.PatientTag> PatientTags => Set<Patients.PatientTag>();
    public DbSet<Dashboard.Core.Preferences.StaffPreference> StaffPreferences => Set<Dashboard.Core.Preferences.StaffPreference>();
    public DbSet<Invitations.PatientInvitation> PatientInvitations => Set<Invitations.PatientInvitation>();
    public DbSet<Notifications.OutgoingMail> OutgoingMails => Set<Notifications.OutgoingMail>();
    public DbSet<Notifications.StaffNotification> StaffNotifications => Set<Notifications.StaffNotification>();
    public DbSet<Notifications.NotificationSetting> NotificationSettings => Set<Notifications.NotificationSetting>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Plan>().HaveConversion<LowerCaseEnumConverter<Plan>>().HaveMaxLength(16);
        configurationBuilder.Properties<TeamEnvironment>().HaveConversion<LowerCaseEnumConverter<TeamEnvironment>>().HaveMaxLength(16);
        configurationBuilder.Properties<DeploymentRegion>().HaveConversion<LowerCaseEnumConverter<DeploymentRegion>>().HaveMaxLength(8);
        configurationBuilder.Properties<PracticeStatus>().HaveConversion<LowerCaseEnumConverter<PracticeStatus>>().HaveMaxLength(16);
        configurationBuilder.Properties<ConnectionStatus>().HaveConversion<LowerCaseEnumConverter<ConnectionStatus>>().HaveMaxLength(16);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StoredFieldLimits.Check(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StoredFieldLimits.Check(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
}
