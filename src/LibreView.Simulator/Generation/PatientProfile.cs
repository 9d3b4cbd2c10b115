namespace LibreView.Simulator.Generation;

/// <summary>How a kind of patient's glucose behaves (all in mg/dL).</summary>
/// <param name="Base">Fasting level.</param>
/// <param name="Dawn">Rise around 06:30 (dawn phenomenon).</param>
/// <param name="NightDip">Fall around 03:00.</param>
/// <param name="CarbRise">mg/dL per gram of carbohydrate at the peak of absorption.</param>
/// <param name="Coverage">Share of the carb rise the meal bolus covers; above 1 overshoots into lows.</param>
/// <param name="ExerciseDip">Fall at the peak of an exercise effect.</param>
/// <param name="Wobble">Amplitude of slow random drift.</param>
/// <param name="Noise">Amplitude of sensor noise.</param>
/// <param name="DayVariation">Amplitude of the per-day offset.</param>
public sealed record PatientProfile(
    string Name, double Base, double Dawn, double NightDip, double CarbRise, double Coverage,
    double ExerciseDip, double Wobble, double Noise, double DayVariation, int MinCarbs, int MaxCarbs, double LongInsulinUnits)
{
    public static readonly PatientProfile WellControlled =
        new("well_controlled", 115, 15, 0, 1.7, 0.95, 30, 10, 4, 10, 30, 70, 18);

    public static readonly PatientProfile Hyperglycaemic =
        new("hyperglycaemic", 175, 30, 0, 2.6, 0.55, 25, 25, 7, 30, 50, 100, 28);

    public static readonly PatientProfile FrequentHypos =
        new("frequent_hypos", 100, 5, 25, 1.6, 1.35, 45, 12, 5, 12, 30, 70, 20);

    public static readonly IReadOnlyList<PatientProfile> All = [WellControlled, Hyperglycaemic, FrequentHypos];

    public static PatientProfile Get(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown profile '{name}'; use {string.Join(", ", All.Select(p => p.Name))}");
}

/// <summary>A FreeStyle Libre sensor model.</summary>
/// <param name="HistoricInterval">Spacing of historic (automatic) readings.</param>
/// <param name="HasScans">Libre 2 readings between historic ones come from scans.</param>
/// <param name="DeviceTypeId">LibreView's <c>dtid</c>.</param>
/// <param name="ProductType">LibreView's sensor <c>pt</c>.</param>
public sealed record SensorKind(string Name, TimeSpan HistoricInterval, bool HasScans, int DeviceTypeId, int ProductType)
{
    public static readonly TimeSpan SessionLength = TimeSpan.FromDays(14);
    public static readonly TimeSpan WarmUp = TimeSpan.FromMinutes(60);

    public static readonly SensorKind Libre2 = new("libre2", TimeSpan.FromMinutes(15), true, 40067, 4);
    public static readonly SensorKind Libre3 = new("libre3", TimeSpan.FromMinutes(5), false, 40068, 5);

    public static SensorKind Get(string name) => name.Replace(" ", "").ToLowerInvariant() switch
    {
        "libre2" => Libre2,
        "libre3" => Libre3,
        _ => throw new ArgumentException($"Unknown sensor '{name}'; use libre2 or libre3"),
    };
}
