using System.Globalization;
using Dashboard.Core.Access;
using Dashboard.Core.Connections;
using Dashboard.Core.Linking;
using Microsoft.Data.Sqlite;

namespace Dashboard.Benchmarks.Measurements;

/// <summary>
/// Fills a migrated store for the patient list with fast raw SQL: one organisation in scope with eight teams, a
/// second organisation (10 % more patients) that must stay out of scope, connections with a realistic mix of
/// providers, regions and health, and about <c>readings</c> glucose readings spread over the connected patients
/// (generated inside SQLite by a recursive CTE). Values are written in the formats EF Core uses on SQLite.
/// </summary>
public static class PatientListData
{
    private const string EfDateTime = "yyyy-MM-dd HH:mm:ss.FFFFFFF";
    private static readonly DateTime Origin = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    // Health mix of connections: connected, credential error, password expired, awaiting share, other error.
    private static readonly (double Share, (string Status, string? ErrorType) Value)[] HealthMix =
    [
        (0.85, ("connected", null)),
        (0.06, ("error", LinkErrorTypes.ProviderCredentialError)),
        (0.04, ("error", LinkErrorTypes.ProviderPasswordExpired)),
        (0.03, ("error", LinkErrorTypes.UserNotFound)),
        (0.02, ("error", LinkErrorTypes.ProviderApiError)),
    ];

    // Region mix (LibreView regions, most patients in the big ones).
    private static readonly (double Share, string Value)[] RegionMix =
    [
        (0.45, "us"), (0.25, "eu"), (0.10, "de"), (0.06, "fr"), (0.05, "ca"), (0.04, "au"), (0.03, "eu2"), (0.02, "jp"),
    ];

    public sealed record Generated(StaffScope Scope, IReadOnlyList<Guid> TeamIds, long Readings, TimeSpan Took, TimeSpan Cpu);

    public static Generated Fill(string connectionString, int patients, long readings, int seed = 7)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var cpu = Environment.CpuUsage.TotalTime;
        var random = new Random(seed);
        // Pooled connections of the migration keep the file open; switching the journal needs them closed.
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;");

        using (var transaction = connection.BeginTransaction())
        {
            var scope = Organisation(connection, transaction, "Benchmark Clinic", ["Sandbox US", "Production US", "Production EU",
                "Pediatrics", "Adult Type 1", "Adult Type 2", "Pregnancy", "Research"]);
            var other = Organisation(connection, transaction, "Other Clinic", ["Other US", "Other EU"]);
            Patients(connection, transaction, random, scope.TeamIds, patients, "patient");
            Patients(connection, transaction, random, other.TeamIds, patients / 10, "other");
            transaction.Commit();

            var connected = Scalar(connection, "SELECT COUNT(DISTINCT UserId) FROM Connections WHERE Status = 'connected'");
            var perConnection = Math.Max(1, (int)(readings / Math.Max(1, connected)));
            Readings(connection, perConnection);
            Execute(connection, "ANALYZE; PRAGMA journal_mode=WAL;");
            var stored = Scalar(connection, "SELECT COUNT(*) FROM Readings");
            return new Generated(scope, scope.TeamIds, stored, System.Diagnostics.Stopwatch.GetElapsedTime(started), Environment.CpuUsage.TotalTime - cpu);
        }
    }

    /// <summary>Adds patients (with connections, no readings) to existing teams, e.g. of a running console's store.</summary>
    public static void AddPatients(string connectionString, IReadOnlyList<Guid> teamIds, int count, string prefix, int seed = 11)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        Patients(connection, transaction, new Random(seed), teamIds, count, prefix);
        transaction.Commit();
    }

    private static StaffScope Organisation(SqliteConnection connection, SqliteTransaction transaction, string name, string[] teams)
    {
        var organisationId = Guid.NewGuid();
        Execute(connection, transaction, "INSERT INTO Organizations (Id, Name, Plan, CreatedAt) VALUES ($id, $name, 'scale', $at)",
            ("$id", Text(organisationId)), ("$name", name), ("$at", Origin.ToString(EfDateTime, CultureInfo.InvariantCulture)));
        var teamIds = new List<Guid>();
        foreach (var team in teams)
        {
            var teamId = Guid.NewGuid();
            teamIds.Add(teamId);
            Execute(connection, transaction, """
                INSERT INTO Teams (Id, OrganizationId, Name, Environment, DeploymentRegion, CreatedAt, RejectDuplicateConnection)
                VALUES ($id, $org, $name, $env, $region, $at, 1)
                """,
                ("$id", Text(teamId)), ("$org", Text(organisationId)), ("$name", team),
                ("$env", team.StartsWith("Sandbox", StringComparison.Ordinal) ? "sandbox" : "production"),
                ("$region", team.Contains("EU", StringComparison.Ordinal) ? "eu" : "us"),
                ("$at", Origin.ToString(EfDateTime, CultureInfo.InvariantCulture)));
        }
        return new StaffScope(organisationId, name, teamIds);
    }

    /// <summary>Users, each with one connection (a few with none, a few with both providers).</summary>
    private static void Patients(SqliteConnection connection, SqliteTransaction transaction, Random random,
        IReadOnlyList<Guid> teamIds, int count, string prefix)
    {
        using var user = Prepared(connection, transaction,
            "INSERT INTO Users (Id, TeamId, ClientUserId, CreatedAt) VALUES ($id, $team, $client, $at)",
            "$id", "$team", "$client", "$at");
        using var link = Prepared(connection, transaction, """
            INSERT INTO Connections (Id, UserId, Provider, Region, PracticeId, ExternalUserId, Status, ErrorType, ErrorMessage, ErroredAt, CreatedAt)
            VALUES ($id, $user, $provider, $region, $practice, $external, $status, $error, $message, $erroredAt, $at)
            """,
            "$id", "$user", "$provider", "$region", "$practice", "$external", "$status", "$error", "$message", "$erroredAt", "$at");

        for (var i = 0; i < count; i++)
        {
            var userId = Guid.NewGuid();
            var created = Origin.AddMinutes(random.Next(0, 300 * 24 * 60));
            Run(user, Text(userId), Text(teamIds[random.Next(teamIds.Count)]), $"{prefix}-{i:D6}", Date(created));

            var roll = random.NextDouble();
            var providers = roll < 0.04 ? [] : roll < 0.07 ? Providers.All : new[] { random.NextDouble() < 0.7 ? Providers.FreeStyleLibre : Providers.AbbottLibreView };
            foreach (var provider in providers)
            {
                var (status, error) = Pick(random, HealthMix);
                var region = Pick(random, RegionMix);
                var linked = created.AddMinutes(random.Next(1, 60 * 24 * 14));
                Run(link, Text(Guid.NewGuid()), Text(userId), provider, region,
                    random.NextDouble() < 0.3 ? $"PRACTICE-{random.Next(1, 40):D3}" : null,
                    $"ext-{random.Next():x8}", status, error,
                    error is null ? null : "LibreView refused the stored credentials.",
                    error is null ? null : Date(linked.AddDays(random.Next(1, 60))), Date(linked));
            }
        }
    }

    /// <summary>Readings for every patient with a working connection, 5 minutes apart, generated inside SQLite in the unique index's order.</summary>
    /// <summary>
    /// Each patient's own glucose: a saw-tooth around a centre of 100–205 mg/dL with a swing of ±25–130 mg/dL, both taken
    /// from hex digits of the connection's id, clamped to the sensor's 40–400 range. Patients then differ as a clinic's
    /// do (time in range, lows, GRI and so the triage order and flags spread out) instead of all sharing one series.
    /// </summary>
    private const string PatientGlucose = """
        MAX(40, MIN(400, ROUND(
            100 + 6 * (instr('0123456789ABCDEF', substr(c.Id, 1, 1)) - 1) + (instr('0123456789ABCDEF', substr(c.Id, 2, 1)) - 1)
            + (25 + 6 * (instr('0123456789ABCDEF', substr(c.Id, 3, 1)) - 1) + (instr('0123456789ABCDEF', substr(c.Id, 4, 1)) - 1))
              * (((n.i * 37 + unicode(c.Id)) % 200) - 100) / 100.0)))
        """;

    private static void Readings(SqliteConnection connection, int perConnection)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, $"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {perConnection - 1})
            INSERT INTO Readings (UserId, ConnectionId, Timestamp, Kind, ValueMgdl, MeasuredValue, MeasuredUnit, DeviceSerial, Source)
            SELECT c.UserId, c.Id, {new DateTime(2026, 6, 1).Ticks} + n.i * {TimeSpan.FromMinutes(5).Ticks}, 0,
                {PatientGlucose}, {PatientGlucose}, 0, 'MH00BENCH', 'libreview'
            FROM (SELECT UserId, MIN(Id) AS Id FROM Connections WHERE Status = 'connected' GROUP BY UserId ORDER BY UserId) AS c
            CROSS JOIN n
            """);
        transaction.Commit();
    }

    private static T Pick<T>(Random random, (double Share, T Value)[] mix)
    {
        var roll = random.NextDouble();
        foreach (var (share, value) in mix)
        {
            if ((roll -= share) < 0)
            {
                return value;
            }
        }
        return mix[^1].Value;
    }

    private static string Text(Guid id) => id.ToString().ToUpperInvariant();

    private static string Date(DateTime at) => at.ToString(EfDateTime, CultureInfo.InvariantCulture);

    private static SqliteCommand Prepared(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql) => Execute(connection, null, sql);

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
