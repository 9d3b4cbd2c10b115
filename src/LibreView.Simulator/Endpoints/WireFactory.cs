using System.Security.Cryptography;
using System.Text;
using LibreView.Simulator.Accounts;
using LibreView.Simulator.Generation;
using LibreView.Wire;

namespace LibreView.Simulator.Endpoints;

/// <summary>Generated data in LibreLinkUp's wire shapes.</summary>
internal static class WireFactory
{
    public const double MgPerMmol = 18.0182;
    private const int TargetLow = 70;
    private const int TargetHigh = 180;

    public static WireGlucoseItem Glucose(GeneratedReading r, SimAccount patient, bool withTrend) => new()
    {
        FactoryTimestamp = LibreTimestamp.Write(r.Utc.UtcDateTime),
        Timestamp = LibreTimestamp.Write(r.Local),
        Type = r.IsScan ? 1 : 0,
        ValueInMgPerDl = r.MgPerDl,
        TrendArrow = withTrend ? r.TrendArrow : null,
        TrendMessage = null,
        MeasurementColor = r.MgPerDl switch { < TargetLow => 4, <= TargetHigh => 1, <= 250 => 2, _ => 3 },
        GlucoseUnits = patient.UsesMmol ? 0 : 1,
        Value = patient.UsesMmol ? Math.Round(r.MgPerDl / MgPerMmol, 1, MidpointRounding.AwayFromZero) : r.MgPerDl,
        IsHigh = r.MgPerDl >= GlucoseModel.Hi,
        IsLow = r.MgPerDl <= GlucoseModel.Lo,
    };

    public static WireNoteEntry Note(GeneratedNote n) => new()
    {
        FactoryTimestamp = LibreTimestamp.Write(n.Utc.UtcDateTime),
        Timestamp = LibreTimestamp.Write(n.Local),
        Type = n.Kind switch
        {
            GeneratedNoteKind.Food => "food",
            GeneratedNoteKind.RapidInsulin or GeneratedNoteKind.LongInsulin => "insulin",
            _ => "note",
        },
        Carbs = n.Carbs,
        InsulinType = n.Kind switch { GeneratedNoteKind.RapidInsulin => "rapid", GeneratedNoteKind.LongInsulin => "long", _ => null },
        Units = n.Units,
        Text = n.Text,
    };

    public static WireConnection Connection(SimAccount viewer, SimAccount patient, DateTimeOffset now)
    {
        var data = patient.Data!;
        var latest = data.Latest(now) is { } r ? Glucose(r with { IsScan = true }, patient, withTrend: true) : null;
        return new WireConnection
        {
            Id = StableGuid($"connection:{viewer.Id}:{patient.Id}"),
            PatientId = patient.Id,
            Country = patient.Country,
            Status = 2,
            FirstName = patient.FirstName,
            LastName = patient.LastName,
            TargetLow = TargetLow,
            TargetHigh = TargetHigh,
            Uom = patient.UsesMmol ? 0 : 1,
            Sensor = Sensor(data, now),
            GlucoseMeasurement = latest,
            GlucoseItem = latest,
            PatientDevice = Device(patient, now),
            Created = patient.Created.ToUnixTimeSeconds(),
        };
    }

    public static WireGraph Graph(SimAccount viewer, SimAccount patient, DateTimeOffset now)
    {
        var data = patient.Data!;
        var points = data.Historic(now.AddHours(-12), now.AddTicks(1)).Select(r => Glucose(r, patient, withTrend: false)).ToList();
        return new WireGraph(Connection(viewer, patient, now), [new WireActiveSensor(Sensor(data, now), Device(patient, now))], points);
    }

    private static WireSensor Sensor(PatientDataSource data, DateTimeOffset now)
    {
        var session = data.SessionAt(now);
        return new WireSensor("", session.SerialNumber, session.Start.ToUnixTimeSeconds(), (int)SensorKind.WarmUp.TotalMinutes, data.Sensor.ProductType);
    }

    private static WirePatientDevice Device(SimAccount patient, DateTimeOffset now) =>
        new(StableGuid($"device:{patient.Id}"), patient.Data!.Sensor.DeviceTypeId, "3.6.1.7374", 60, 240, now.ToUnixTimeSeconds(), false);

    private static string StableGuid(string text) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(text))[..16]).ToString();
}
