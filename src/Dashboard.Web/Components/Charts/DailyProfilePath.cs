using System.Globalization;
using System.Text;
using Dashboard.Core.Glucose.Review;

namespace Dashboard.Web.Components.Charts;

/// <summary>
/// The geometry of <see cref="DailyProfileChart"/>: a day is 1,440 units wide (one per minute) and 100 high (0 at the
/// bottom, the axis maximum at the top), stretched to the tile by the browser. Readings more than
/// <see cref="GapMinutes"/> apart are not joined, so a sensor gap shows as a gap rather than a straight line.
/// </summary>
public static class DailyProfilePath
{
    public const int Width = 1440;
    public const int Height = 100;

    /// <summary>Two hours: more than the widest bucket of a 48-point day (30 minutes), so only real gaps break the line.</summary>
    public const double GapMinutes = 120;

    /// <summary>The SVG path data of the line: "M x y L x y …", a new "M" after each gap; empty without points.</summary>
    public static string Of(IReadOnlyList<SeriesPoint> points, double axisMax)
    {
        var path = new StringBuilder(points.Count * 12);
        for (var i = 0; i < points.Count; i++)
        {
            var joined = i > 0 && points[i].X - points[i - 1].X <= GapMinutes;
            if (path.Length > 0) path.Append(' ');
            path.Append(joined ? 'L' : 'M')
                .Append(Number(Math.Clamp(points[i].X, 0, Width)))
                .Append(' ')
                .Append(Y(points[i].Y, axisMax));
        }

        return path.ToString();
    }

    /// <summary>The drawing's y of a glucose value: values above the axis maximum are drawn at the top.</summary>
    public static string Y(double value, double axisMax) => Number(Height - Math.Clamp(value / axisMax, 0, 1) * Height);

    public static string BandHeight(TargetBand band, double axisMax) =>
        Number((Math.Clamp(band.High / axisMax, 0, 1) - Math.Clamp(band.Low / axisMax, 0, 1)) * Height);

    private static string Number(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
