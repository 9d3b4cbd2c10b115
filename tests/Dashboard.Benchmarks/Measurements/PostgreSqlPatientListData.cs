using Dashboard.Core.Access;
using Npgsql;

namespace Dashboard.Benchmarks.Measurements;

/// <summary>
/// The patient list's data set of <see cref="PatientListData"/> on PostgreSQL, generated inside the server with
/// <c>generate_series</c> and <c>random()</c> (seeded): one organisation in scope with eight teams and a second one
/// (10 % more patients) out of scope, connections with the same provider, region and health mix, and about
/// <c>readings</c> readings 5 minutes apart over the connected patients.
/// </summary>
public static class PostgreSqlPatientListData
{
    private static readonly string[] Teams = ["Sandbox US", "Production US", "Production EU", "Pediatrics", "Adult Type 1", "Adult Type 2", "Pregnancy", "Research"];

    public static async Task<PatientListData.Generated> FillAsync(string connectionString, int patients, long readings, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var cpu = Environment.CpuUsage.TotalTime;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, "SET synchronous_commit = off; SELECT setseed(0.7);", ct);
        var scope = await OrganisationAsync(connection, "Benchmark Clinic", Teams, patients, "patient", ct);
        await OrganisationAsync(connection, "Other Clinic", ["Other US", "Other EU"], patients / 10, "other", ct);

        var connected = await ScalarAsync(connection, """SELECT count(DISTINCT "UserId") FROM "Connections" WHERE "Status" = 'connected'""", ct);
        var perConnection = Math.Max(1, readings / Math.Max(1, connected));
        await ExecuteAsync(connection, $"""
            INSERT INTO "Readings" ("UserId", "ConnectionId", "Timestamp", "Kind", "ValueMgdl", "MeasuredValue", "MeasuredUnit", "DeviceSerial", "Source")
            SELECT c."UserId", c."Id", {new DateTime(2026, 6, 1).Ticks}::bigint + n * {TimeSpan.FromMinutes(5).Ticks}::bigint, 0,
                60 + (n * 37 + abs(hashtext(c."Id"::text)) % 1000) % 220, 60 + (n * 37 + abs(hashtext(c."Id"::text)) % 1000) % 220, 0, 'MH00BENCH', 'libreview'
            FROM (SELECT DISTINCT ON ("UserId") "UserId", "Id" FROM "Connections" WHERE "Status" = 'connected' ORDER BY "UserId", "Id") c
            CROSS JOIN generate_series(0, {perConnection - 1}) n
            """, ct);
        await ExecuteAsync(connection, "VACUUM ANALYZE", ct);
        var stored = await ScalarAsync(connection, """SELECT count(*) FROM "Readings" """, ct);
        return new PatientListData.Generated(scope, scope.TeamIds, stored, System.Diagnostics.Stopwatch.GetElapsedTime(started), Environment.CpuUsage.TotalTime - cpu);
    }

    private static async Task<StaffScope> OrganisationAsync(NpgsqlConnection connection, string name, string[] teams, int patients, string prefix, CancellationToken ct)
    {
        var organisationId = Guid.NewGuid();
        var teamIds = teams.Select(_ => Guid.NewGuid()).ToList();
        await ExecuteAsync(connection, $"""
            INSERT INTO "Organizations" ("Id", "Name", "Plan", "CreatedAt") VALUES ('{organisationId}', '{name}', 'scale', '2026-01-01');
            INSERT INTO "Teams" ("Id", "OrganizationId", "Name", "Environment", "DeploymentRegion", "CreatedAt", "RejectDuplicateConnection")
            SELECT t.id::uuid, '{organisationId}', t.name, CASE WHEN t.name LIKE 'Sandbox%' THEN 'sandbox' ELSE 'production' END,
                CASE WHEN t.name LIKE '%EU%' THEN 'eu' ELSE 'us' END, '2026-01-01', true
            FROM unnest(ARRAY[{string.Join(", ", teamIds.Select(id => $"'{id}'"))}], ARRAY[{string.Join(", ", teams.Select(t => $"'{t}'"))}]) AS t(id, name);

            DROP TABLE IF EXISTS new_users;
            CREATE TEMP TABLE new_users ON COMMIT DROP AS
            SELECT gen_random_uuid() AS id, (ARRAY[{string.Join(", ", teamIds.Select(id => $"'{id}'::uuid"))}])[1 + floor(random() * {teamIds.Count})::int] AS team,
                '{prefix}-' || lpad(i::text, 6, '0') AS client, timestamp '2026-01-01' + random() * interval '300 days' AS created,
                random() AS roll, random() AS pick, random() AS health, random() AS place
            FROM generate_series(0, {patients - 1}) i;
            INSERT INTO "Users" ("Id", "TeamId", "ClientUserId", "CreatedAt") SELECT id, team, client, created FROM new_users;

            -- Dice rolled per user above (a subquery's random() may be evaluated once). 4 % without a connection, 3 % with both providers, else one (70 % FreeStyle Libre).
            INSERT INTO "Connections" ("Id", "UserId", "Provider", "Region", "PracticeId", "ExternalUserId", "Status", "ErrorType", "ErrorMessage", "ErroredAt", "CreatedAt")
            SELECT gen_random_uuid(), u.id, p.provider, r.region,
                CASE WHEN random() < 0.3 THEN 'PRACTICE-' || lpad((1 + floor(random() * 39))::text, 3, '0') END,
                'ext-' || to_hex(floor(random() * 2147483647)::int), h.status, h.error,
                CASE WHEN h.error IS NOT NULL THEN 'LibreView refused the stored credentials.' END,
                CASE WHEN h.error IS NOT NULL THEN u.created + interval '30 days' END, u.created + random() * interval '14 days'
            FROM new_users u
            CROSS JOIN LATERAL (SELECT unnest(CASE WHEN u.roll < 0.04 THEN ARRAY[]::text[] WHEN u.roll < 0.07 THEN ARRAY['abbott_libreview', 'freestyle_libre']
                WHEN u.pick < 0.7 THEN ARRAY['freestyle_libre'] ELSE ARRAY['abbott_libreview'] END) AS provider) p
            CROSS JOIN LATERAL (SELECT u.health AS h, u.place AS r) dice
            CROSS JOIN LATERAL (SELECT CASE WHEN dice.h < 0.85 THEN 'connected' ELSE 'error' END AS status,
                CASE WHEN dice.h < 0.85 THEN NULL WHEN dice.h < 0.91 THEN 'provider_credential_error' WHEN dice.h < 0.95 THEN 'provider_password_expired'
                     WHEN dice.h < 0.98 THEN 'user_not_found' ELSE 'provider_api_error' END AS error) h
            CROSS JOIN LATERAL (SELECT CASE WHEN dice.r < 0.45 THEN 'us' WHEN dice.r < 0.70 THEN 'eu' WHEN dice.r < 0.80 THEN 'de' WHEN dice.r < 0.86 THEN 'fr'
                WHEN dice.r < 0.91 THEN 'ca' WHEN dice.r < 0.95 THEN 'au' WHEN dice.r < 0.98 THEN 'eu2' ELSE 'jp' END AS region) r;
            """, ct);
        return new StaffScope(organisationId, name, teamIds);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 3600 };
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }
}
