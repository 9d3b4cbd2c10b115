using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Core.Glucose.Review;

/// <summary>
/// A chart point sent to the browser, written as the compact array <c>[x, y]</c> ApexCharts reads. X is minutes of
/// the day for day charts, or milliseconds of floating local time read as if it were UTC (the chart shows it in UTC,
/// so the wall-clock time appears as is, never converted).
/// </summary>
[JsonConverter(typeof(SeriesPointJsonConverter))]
public readonly record struct SeriesPoint(double X, double Y);

/// <summary>A band point, written as <c>{"x": x, "y": [low, high]}</c> (ApexCharts rangeArea).</summary>
public readonly record struct RangePoint(
    [property: JsonPropertyName("x")] double X,
    [property: JsonIgnore] double Low,
    [property: JsonIgnore] double High)
{
    [JsonPropertyName("y")]
    public double[] Y => [Low, High];
}

internal sealed class SeriesPointJsonConverter : JsonConverter<SeriesPoint>
{
    public override SeriesPoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("A series point is an array [x, y].");
        reader.Read();
        var x = reader.GetDouble();
        reader.Read();
        var y = reader.GetDouble();
        reader.Read();
        return new SeriesPoint(x, y);
    }

    public override void Write(Utf8JsonWriter writer, SeriesPoint value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(value.X);
        writer.WriteNumberValue(value.Y);
        writer.WriteEndArray();
    }
}

/// <summary>Floating local time as chart milliseconds: the wall-clock value read as UTC (DESIGN §7: never converted).</summary>
public static class ChartTime
{
    public static double Milliseconds(DateTime floating) => (floating.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;

    public static DateTime FromMilliseconds(double milliseconds) =>
        new(DateTime.UnixEpoch.Ticks + (long)milliseconds * TimeSpan.TicksPerMillisecond, DateTimeKind.Unspecified);

    public static int MinuteOfDay(DateTime floating) => floating.Hour * 60 + floating.Minute;
}
