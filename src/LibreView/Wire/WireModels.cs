using System.Text.Json.Serialization;

namespace LibreView.Wire;

// The JSON request bodies the client writes and the simulator reads, and the ticket of every answer.
// Property names follow the reference (§2, §3.3, §4.3), including their mixed casing.

public sealed record WireTicket(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires")] long Expires,
    [property: JsonPropertyName("duration")] long Duration);

public sealed record WireLoginRequest(
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("password")] string Password,
    [property: JsonPropertyName("trustedDeviceToken")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? TrustedDeviceToken = null);

/// <summary><c>POST /auth/continue/2fa/sendcode</c> (§2.3 step 2).</summary>
public sealed record WireSendCodeRequest([property: JsonPropertyName("isPrimaryMethod")] bool IsPrimaryMethod);

/// <summary><c>POST /auth/continue/2fa/result</c> (§2.3 step 4). <c>rememberDevice</c> is assumed (§10 Q3).</summary>
public sealed record WireCodeRequest(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("isPrimaryMethod")] bool IsPrimaryMethod,
    [property: JsonPropertyName("rememberDevice")] bool RememberDevice);

/// <summary><c>POST /reports</c> for one Daily Log (§3.3).</summary>
public sealed record WireReportRequest
{
    public required string PrimaryDeviceId { get; init; }
    public required int PrimaryDeviceTypeId { get; init; }
    public required IReadOnlyList<string> SecondaryDeviceIds { get; init; }
    public bool PrintReportsWithPatientInformation { get; init; }
    public required IReadOnlyList<int> ReportIds { get; init; }
    public required IReadOnlyList<int> ClientReportIDs { get; init; }
    public required IReadOnlyList<long> StartDates { get; init; }
    public required long EndDate { get; init; }
    public required string PatientId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ProfessionalId { get; init; }
    public string CultureCode { get; init; } = "en-GB";
    public string CultureCodeCommunication { get; init; } = "en-GB";
}

/// <summary><c>POST /dashboard</c> (§4.3).</summary>
public sealed record WireDashboardRequest
{
    [JsonPropertyName("columns")] public IReadOnlyList<string> Columns { get; init; } = ["firstName", "lastName", "email"];
    [JsonPropertyName("filters")] public IReadOnlyList<object> Filters { get; init; } = [];
    [JsonPropertyName("interval")] public int Interval { get; init; } = 14;
    [JsonPropertyName("view")] public string View { get; init; } = "Dashboard.allPatients";
    [JsonPropertyName("count")] public int Count { get; init; } = 100;
    [JsonPropertyName("page")] public int Page { get; init; } = 1;
    [JsonPropertyName("searching")] public object Searching { get; init; } = new { };
    [JsonPropertyName("sort")] public WireSort Sort { get; init; } = new(false, "firstName");
}

public sealed record WireSort([property: JsonPropertyName("desc")] bool Desc, [property: JsonPropertyName("key")] string Key);

/// <summary>The Daily Log report id of a device family: 500000 + the device type (§3.3).</summary>
public static class ReportIds
{
    public const int DailyLogBase = 500000;
    /// <summary>The caller-chosen tag of our one report; it becomes the key of <c>args.urls</c>.</summary>
    public const int DailyLogClientId = 5;

    public static int DailyLog(int deviceType) => DailyLogBase + deviceType;
}
