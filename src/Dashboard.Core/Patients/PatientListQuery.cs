using Dashboard.Core.Access;
using Dashboard.Core.Connections;
using Dashboard.Core.Linking;
using Dashboard.Core.Storage;
using Dashboard.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Patients;

public sealed record PatientListFilter(
    ConnectionHealth? Health = null,
    string? ErrorType = null,
    string? Provider = null,
    Guid? TeamId = null,
    string? Region = null,
    string? Search = null,
    string? Tag = null);

public enum PatientSortColumn
{
    ClientUserId,
    Team,
    Provider,
    Status,
    Region,
    Practice,
    Created,
    LastReading,
    LastSync,
    TimeInRange,
    Active,
    PullProgress,
}

public sealed record PatientListRow(
    Guid UserId,
    string ClientUserId,
    Guid TeamId,
    string TeamName,
    Guid? ConnectionId,
    string? Provider,
    ConnectionHealth Health,
    string? ErrorType,
    string? Region,
    string? PracticeId,
    string? ExternalUserId,
    DateTime CreatedAt,
    DateTime? LastReadingAt,
    DateTime? LastSyncAt,
    double? TimeInRange14dPercent,
    double? Active14dPercent,
    PullProgress? Pull,
    string? DisplayName = null);

/// <summary>A historical pull's progress: days done of days asked, and its status word.</summary>
public sealed record PullProgress(int DaysDone, int DaysAsked, string Status)
{
    public double Fraction => DaysAsked == 0 ? 1 : (double)DaysDone / DaysAsked;
}

public sealed record PatientListPage(IReadOnlyList<PatientListRow> Rows, int Total);

/// <summary>
/// The patient list: one row per patient and connection (a patient with none shows once as not connected),
/// filtered, sorted and paged in the database, scoped to the person's organisation.
/// </summary>
public sealed class PatientListQuery(IDbContextFactory<DashboardDbContext> contexts, PatientSearchIndex searchIndex)
{
    public const int MaxPageSize = 200;

    /// <param name="knownTotal">
    /// The total of this same filter from an earlier page, when the caller has it: counting every matching row is the
    /// dearest part of a page at scale, and paging or sorting does not change it.
    /// </param>
    public async Task<PatientListPage> PageAsync(
        StaffScope scope, PatientListFilter filter, PatientSortColumn sort, bool descending, int page, int pageSize,
        CancellationToken ct = default, int? knownTotal = null)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = Filtered(db, scope, filter);
        var total = knownTotal ?? await rows.CountAsync(ct);
        var items = await Sorted(rows, sort, descending)
            .Skip(Math.Max(0, page) * Math.Clamp(pageSize, 1, MaxPageSize))
            .Take(Math.Clamp(pageSize, 1, MaxPageSize))
            .ToListAsync(ct);
        return new PatientListPage(items.Select(ToRow).ToList(), total);
    }

    /// <summary>Every row of the filter, in order, for the CSV export (streamed, not paged).</summary>
    public async IAsyncEnumerable<PatientListRow> AllAsync(
        StaffScope scope, PatientListFilter filter, PatientSortColumn sort, bool descending,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await foreach (var row in Sorted(Filtered(db, scope, filter), sort, descending).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return ToRow(row);
        }
    }

    /// <summary>The joined row; a class with settable members so EF can filter and sort on the projection.</summary>
    internal sealed class Joined
    {
        public Guid UserId { get; init; }
        public string ClientUserId { get; init; } = "";
        public string? DisplayName { get; init; }
        public Guid TeamId { get; init; }
        public string TeamName { get; init; } = "";
        public Guid? ConnectionId { get; init; }
        public string? Provider { get; init; }
        public ConnectionStatus? Status { get; init; }
        public string? ErrorType { get; init; }
        public string? Region { get; init; }
        public string? PracticeId { get; init; }
        public string? ExternalUserId { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? LastReadingAt { get; init; }
        public DateTime? LastSyncAt { get; init; }
        public double? TimeInRange { get; init; }
        public double? Active { get; init; }
        public int? PullDaysDone { get; init; }
        public int? PullDaysAsked { get; init; }
        public double? PullFraction { get; init; }
        public string? PullStatus { get; init; }
    }

    private IQueryable<Joined> Filtered(DashboardDbContext db, StaffScope scope, PatientListFilter filter)
    {
        var teamIds = scope.TeamIds.ToList();
        var rows =
            from user in db.Users.AsNoTracking()
            where teamIds.Contains(user.TeamId)
            join team in db.Teams on user.TeamId equals team.Id
            join pp in db.PatientProfiles on user.Id equals pp.UserId into profiles
            from profile in profiles.DefaultIfEmpty()
            join c in db.Connections on user.Id equals c.UserId into connections
            from connection in connections.DefaultIfEmpty()
            join st in db.SyncStates on connection.Id equals st.ConnectionId into states
            from state in states.DefaultIfEmpty()
            join hp in db.HistoricalPulls on connection.Id equals hp.ConnectionId into pulls
            from pull in pulls.DefaultIfEmpty()
            select new Joined
            {
                UserId = user.Id,
                ClientUserId = user.ClientUserId,
                DisplayName = profile == null ? null : profile.DisplayName,
                TeamId = team.Id,
                TeamName = team.Name,
                ConnectionId = connection == null ? null : connection.Id,
                Provider = connection == null ? null : connection.Provider,
                Status = connection == null ? null : connection.Status,
                ErrorType = connection == null ? null : connection.ErrorType,
                Region = connection == null ? null : connection.Region,
                PracticeId = connection == null ? null : connection.PracticeId,
                ExternalUserId = connection == null ? null : connection.ExternalUserId,
                CreatedAt = user.CreatedAt,
                LastReadingAt = state == null ? null : state.LastReadingAt,
                LastSyncAt = state == null ? null : state.LastSuccessAt,
                TimeInRange = state == null ? null : state.TimeInRange14dPercent,
                Active = state == null ? null : state.ActivePercent14d,
                PullDaysDone = pull == null ? null : pull.DaysDone,
                PullDaysAsked = pull == null ? null : pull.DaysAsked,
                PullFraction = pull == null || pull.DaysAsked == 0 ? null : (double)pull.DaysDone / pull.DaysAsked,
                PullStatus = pull == null ? null : pull.Status,
            };

        if (filter.TeamId is { } teamId)
        {
            rows = rows.Where(r => r.TeamId == teamId);
        }
        if (!string.IsNullOrEmpty(filter.Provider))
        {
            rows = rows.Where(r => r.Provider == filter.Provider);
        }
        if (!string.IsNullOrEmpty(filter.Region))
        {
            rows = rows.Where(r => r.Region == filter.Region);
        }
        if (!string.IsNullOrEmpty(filter.ErrorType))
        {
            rows = rows.Where(r => r.ErrorType == filter.ErrorType);
        }
        if (!string.IsNullOrWhiteSpace(filter.Tag))
        {
            // Tags are stored trimmed and lower-case (PatientProfileRules.Tag), so the filter is compared the same way.
            var tag = filter.Tag.Trim().ToLowerInvariant();
            rows = rows.Where(r => db.PatientTags.Any(t => t.UserId == r.UserId && t.Tag == tag));
        }
        if (Validation.InputText.Search(filter.Search) is { } text)
        {
            // The display name is matched case-insensitively by lower-casing both sides (SQLite's lower() folds ASCII
            // only, so the text as typed is tried too: "Émile" still finds "Émile"). Names are few beside the ids the
            // trigram index serves, so this part scans the profiles.
            var lowered = text.ToLowerInvariant();
            if (text.Length >= PatientSearchIndex.MinimumLength)
            {
                var matching = searchIndex.Matching(db, text);
                rows = rows.Where(r => matching.Contains(r.UserId)
                    || (r.DisplayName != null && (r.DisplayName.ToLower().Contains(lowered) || r.DisplayName.Contains(text))));
            }
            else
            {
                rows = rows.Where(r => r.ClientUserId.Contains(text) || (r.ExternalUserId != null && r.ExternalUserId.Contains(text))
                    || (r.DisplayName != null && (r.DisplayName.ToLower().Contains(lowered) || r.DisplayName.Contains(text))));
            }
        }
        return filter.Health switch
        {
            null => rows,
            ConnectionHealth.NotConnected => rows.Where(r => r.ConnectionId == null),
            ConnectionHealth.Connected => rows.Where(r => r.Status == ConnectionStatus.Connected),
            ConnectionHealth.CredentialError => rows.Where(r => r.Status == ConnectionStatus.Error && r.ErrorType == LinkErrorTypes.ProviderCredentialError),
            ConnectionHealth.PasswordExpired => rows.Where(r => r.Status == ConnectionStatus.Error && r.ErrorType == LinkErrorTypes.ProviderPasswordExpired),
            ConnectionHealth.AwaitingShare => rows.Where(r => r.Status == ConnectionStatus.Error && r.ErrorType == LinkErrorTypes.UserNotFound),
            _ => rows.Where(r => r.Status == ConnectionStatus.Error && r.ErrorType != LinkErrorTypes.ProviderCredentialError
                && r.ErrorType != LinkErrorTypes.ProviderPasswordExpired && r.ErrorType != LinkErrorTypes.UserNotFound),
        };
    }

    private static IQueryable<Joined> Sorted(IQueryable<Joined> rows, PatientSortColumn sort, bool descending)
    {
        IOrderedQueryable<Joined> ordered = (sort, descending) switch
        {
            (PatientSortColumn.Team, false) => rows.OrderBy(r => r.TeamName),
            (PatientSortColumn.Team, true) => rows.OrderByDescending(r => r.TeamName),
            (PatientSortColumn.Provider, false) => rows.OrderBy(r => r.Provider),
            (PatientSortColumn.Provider, true) => rows.OrderByDescending(r => r.Provider),
            (PatientSortColumn.Status, false) => rows.OrderBy(r => r.Status).ThenBy(r => r.ErrorType),
            (PatientSortColumn.Status, true) => rows.OrderByDescending(r => r.Status).ThenByDescending(r => r.ErrorType),
            (PatientSortColumn.Region, false) => rows.OrderBy(r => r.Region),
            (PatientSortColumn.Region, true) => rows.OrderByDescending(r => r.Region),
            (PatientSortColumn.Practice, false) => rows.OrderBy(r => r.PracticeId),
            (PatientSortColumn.Practice, true) => rows.OrderByDescending(r => r.PracticeId),
            (PatientSortColumn.Created, false) => rows.OrderBy(r => r.CreatedAt),
            (PatientSortColumn.Created, true) => rows.OrderByDescending(r => r.CreatedAt),
            // Metric columns: patients without the value go last in both directions (PatientListColumn.IsMetric).
            (PatientSortColumn.LastReading, false) => rows.OrderBy(r => r.LastReadingAt == null).ThenBy(r => r.LastReadingAt),
            (PatientSortColumn.LastReading, true) => rows.OrderBy(r => r.LastReadingAt == null).ThenByDescending(r => r.LastReadingAt),
            (PatientSortColumn.LastSync, false) => rows.OrderBy(r => r.LastSyncAt == null).ThenBy(r => r.LastSyncAt),
            (PatientSortColumn.LastSync, true) => rows.OrderBy(r => r.LastSyncAt == null).ThenByDescending(r => r.LastSyncAt),
            (PatientSortColumn.TimeInRange, false) => rows.OrderBy(r => r.TimeInRange == null).ThenBy(r => r.TimeInRange),
            (PatientSortColumn.TimeInRange, true) => rows.OrderBy(r => r.TimeInRange == null).ThenByDescending(r => r.TimeInRange),
            (PatientSortColumn.Active, false) => rows.OrderBy(r => r.Active == null).ThenBy(r => r.Active),
            (PatientSortColumn.Active, true) => rows.OrderBy(r => r.Active == null).ThenByDescending(r => r.Active),
            (PatientSortColumn.PullProgress, false) => rows.OrderBy(r => r.PullFraction == null).ThenBy(r => r.PullFraction),
            (PatientSortColumn.PullProgress, true) => rows.OrderBy(r => r.PullFraction == null).ThenByDescending(r => r.PullFraction),
            (_, true) => rows.OrderByDescending(r => r.ClientUserId),
            _ => rows.OrderBy(r => r.ClientUserId),
        };
        return ordered.ThenBy(r => r.UserId);
    }

    private static PatientListRow ToRow(Joined j) => new(
        j.UserId, j.ClientUserId, j.TeamId, j.TeamName, j.ConnectionId, j.Provider,
        ConnectionHealthRules.Classify(j.Status, j.ErrorType), j.ErrorType, j.Region, j.PracticeId, j.ExternalUserId, j.CreatedAt,
        j.LastReadingAt, j.LastSyncAt, j.TimeInRange, j.Active,
        j.PullDaysAsked is { } asked ? new PullProgress(j.PullDaysDone ?? 0, asked, j.PullStatus ?? "") : null, j.DisplayName);
}
