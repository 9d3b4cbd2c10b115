using System.Text.Json.Serialization;

namespace LibreView.Wire;

/// <summary>An entry of <c>GET /llu/connections</c> and the <c>connection</c> of a graph response.</summary>
public sealed record WireConnection
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("patientId")] public string PatientId { get; init; } = "";
    [JsonPropertyName("country")] public string Country { get; init; } = "";
    [JsonPropertyName("status")] public int Status { get; init; }
    [JsonPropertyName("firstName")] public string FirstName { get; init; } = "";
    [JsonPropertyName("lastName")] public string LastName { get; init; } = "";
    [JsonPropertyName("targetLow")] public double TargetLow { get; init; }
    [JsonPropertyName("targetHigh")] public double TargetHigh { get; init; }
    [JsonPropertyName("uom")] public int Uom { get; init; }
    [JsonPropertyName("sensor")] public WireSensor? Sensor { get; init; }
    [JsonPropertyName("glucoseMeasurement")] public WireGlucoseItem? GlucoseMeasurement { get; init; }
    [JsonPropertyName("glucoseItem")] public WireGlucoseItem? GlucoseItem { get; init; }
    [JsonPropertyName("patientDevice")] public WirePatientDevice? PatientDevice { get; init; }
    [JsonPropertyName("created")] public long Created { get; init; }
}

/// <param name="Activated">Unix seconds (<c>a</c>).</param>
/// <param name="WarmUpMinutes"><c>w</c>.</param>
/// <param name="ProductType"><c>pt</c>.</param>
public sealed record WireSensor(
    [property: JsonPropertyName("deviceId")] string DeviceId,
    [property: JsonPropertyName("sn")] string SerialNumber,
    [property: JsonPropertyName("a")] long Activated,
    [property: JsonPropertyName("w")] int WarmUpMinutes,
    [property: JsonPropertyName("pt")] int ProductType);

public sealed record WirePatientDevice(
    [property: JsonPropertyName("did")] string DeviceId,
    [property: JsonPropertyName("dtid")] int DeviceTypeId,
    [property: JsonPropertyName("v")] string Version,
    [property: JsonPropertyName("ll")] double LowLimit,
    [property: JsonPropertyName("hl")] double HighLimit,
    [property: JsonPropertyName("u")] long? LastUpload,
    [property: JsonPropertyName("alarms")] bool Alarms);

public sealed record WireActiveSensor(
    [property: JsonPropertyName("sensor")] WireSensor Sensor,
    [property: JsonPropertyName("device")] WirePatientDevice Device);

public sealed record WireGraph(
    [property: JsonPropertyName("connection")] WireConnection Connection,
    [property: JsonPropertyName("activeSensors")] IReadOnlyList<WireActiveSensor> ActiveSensors,
    [property: JsonPropertyName("graphData")] IReadOnlyList<WireGlucoseItem> GraphData);

public sealed record WireTwoFactor(
    [property: JsonPropertyName("primaryMethod")] string? PrimaryMethod,
    [property: JsonPropertyName("primaryValue")] string? PrimaryValue,
    [property: JsonPropertyName("secondaryMethod")] string? SecondaryMethod,
    [property: JsonPropertyName("secondaryValue")] string? SecondaryValue);

public sealed record WireUser
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("firstName")] public string? FirstName { get; init; }
    [JsonPropertyName("lastName")] public string? LastName { get; init; }
    [JsonPropertyName("email")] public string? Email { get; init; }
    [JsonPropertyName("country")] public string? Country { get; init; }
    [JsonPropertyName("accountType")] public string? AccountType { get; init; }
    [JsonPropertyName("uom")] public string? Uom { get; init; }
    [JsonPropertyName("twoFactor")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WireTwoFactor? TwoFactor { get; init; }
}

/// <summary>A login step (<c>data.step</c>); <c>props</c> differs per step and is kept raw.</summary>
public sealed record WireStep(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("componentName")] string ComponentName,
    [property: JsonPropertyName("props")] IReadOnlyDictionary<string, object?> Props);
