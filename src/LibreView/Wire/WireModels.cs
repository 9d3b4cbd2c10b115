using System.Text.Json.Serialization;

namespace LibreView.Wire;

// The JSON shapes the simulator writes and the client reads. Property names follow the real captures,
// including their mixed casing (PascalCase glucose fields, camelCase elsewhere).

public sealed record WireTicket(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires")] long Expires,
    [property: JsonPropertyName("duration")] long Duration);

public sealed record WireGlucoseItem
{
    [JsonPropertyName("FactoryTimestamp")] public string FactoryTimestamp { get; init; } = "";
    [JsonPropertyName("Timestamp")] public string Timestamp { get; init; } = "";
    [JsonPropertyName("type")] public int Type { get; init; }
    [JsonPropertyName("ValueInMgPerDl")] public double ValueInMgPerDl { get; init; }
    [JsonPropertyName("TrendArrow")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TrendArrow { get; init; }
    [JsonPropertyName("TrendMessage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TrendMessage { get; init; }
    [JsonPropertyName("MeasurementColor")] public int MeasurementColor { get; init; }
    [JsonPropertyName("GlucoseUnits")] public int GlucoseUnits { get; init; }
    [JsonPropertyName("Value")] public double Value { get; init; }
    [JsonPropertyName("isHigh")] public bool IsHigh { get; init; }
    [JsonPropertyName("isLow")] public bool IsLow { get; init; }
}

/// <summary>A logged entry of the history endpoint: food, insulin or a free-text note.</summary>
public sealed record WireNoteEntry
{
    [JsonPropertyName("FactoryTimestamp")] public string FactoryTimestamp { get; init; } = "";
    [JsonPropertyName("Timestamp")] public string Timestamp { get; init; } = "";
    /// <summary><c>food</c>, <c>insulin</c> or <c>note</c>.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "";
    [JsonPropertyName("carbs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Carbs { get; init; }
    /// <summary><c>rapid</c> or <c>long</c>.</summary>
    [JsonPropertyName("insulinType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InsulinType { get; init; }
    [JsonPropertyName("units")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Units { get; init; }
    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }
}

/// <summary><c>data</c> of <c>GET /{region}/llu/connections/{patientId}/history</c>.</summary>
public sealed record WireHistoryPage(
    [property: JsonPropertyName("from")] DateTimeOffset From,
    [property: JsonPropertyName("to")] DateTimeOffset To,
    [property: JsonPropertyName("glucose")] IReadOnlyList<WireGlucoseItem> Glucose,
    [property: JsonPropertyName("notes")] IReadOnlyList<WireNoteEntry> Notes,
    [property: JsonPropertyName("nextCursor")] string? NextCursor);

public sealed record WirePractice(
    [property: JsonPropertyName("practiceId")] string PracticeId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("region")] string Region);

public sealed record WirePracticePatient(
    [property: JsonPropertyName("patientId")] string PatientId,
    [property: JsonPropertyName("firstName")] string FirstName,
    [property: JsonPropertyName("lastName")] string LastName,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("practiceId")] string PracticeId);

public sealed record WireLoginRequest(
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("password")] string Password,
    [property: JsonPropertyName("trustedDeviceToken")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? TrustedDeviceToken = null);

public sealed record WireCodeRequest([property: JsonPropertyName("code")] string Code);
