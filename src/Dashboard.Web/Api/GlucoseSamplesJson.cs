using System.Text.Json;
using Dashboard.Core.Glucose;
using Dashboard.Core.Glucose.Store;
using Dashboard.Core.Glucose.Timeseries;

namespace Dashboard.Web.Api;

/// <summary>
/// <c>GET /v2/timeseries/{user_id}/glucose</c>'s answer, a JSON array of <see cref="GlucoseSample"/>, written straight
/// from the store's reader to the response: a 14-day window is about 20,000 samples, and building them as objects and
/// strings first made the JSON the whole cost of the call. The bytes are what serializing <see cref="GlucoseSample"/>s
/// with the API's options writes (the same names, the same number format, the same escaping).
/// </summary>
internal sealed class GlucoseSamplesJson : IResult
{
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText TimezoneOffset = JsonEncodedText.Encode("timezone_offset");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Unit = JsonEncodedText.Encode("unit");
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText Automatic = JsonEncodedText.Encode(TimeseriesEndpoints.TypeOf(ReadingKind.Automatic));
    private static readonly JsonEncodedText ManualScan = JsonEncodedText.Encode(TimeseriesEndpoints.TypeOf(ReadingKind.ManualScan));

    /// <summary>Bytes gathered before they are handed to the connection.</summary>
    private const int FlushEvery = 32 * 1024;

    private readonly IAsyncEnumerator<TimeseriesReading> _readings;
    private readonly bool _any;
    private readonly GlucoseUnit _unit;

    private GlucoseSamplesJson(IAsyncEnumerator<TimeseriesReading> readings, bool any, GlucoseUnit unit)
    {
        _readings = readings;
        _any = any;
        _unit = unit;
    }

    /// <summary>
    /// Starts reading before the answer is chosen, so a store that fails to answer still fails the request with the
    /// API's error envelope rather than a cut-off 200.
    /// </summary>
    public static async Task<IResult> StartAsync(IAsyncEnumerable<TimeseriesReading> readings, GlucoseUnit unit, CancellationToken ct)
    {
        var enumerator = readings.GetAsyncEnumerator(ct);
        try
        {
            return new GlucoseSamplesJson(enumerator, await enumerator.MoveNextAsync(), unit);
        }
        catch
        {
            await enumerator.DisposeAsync();
            throw;
        }
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await using var readings = _readings;
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        var encoder = httpContext.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()
            ?.Value.SerializerOptions.Encoder;
        var body = response.BodyWriter;
        await using var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = encoder, SkipValidation = true });
        var symbol = JsonEncodedText.Encode(GlucoseUnits.Symbol(_unit), encoder);
        writer.WriteStartArray();
        for (var more = _any; more; more = await readings.MoveNextAsync())
        {
            Write(writer, readings.Current, symbol);
            if (writer.BytesPending >= FlushEvery)
            {
                writer.Flush();
                await body.FlushAsync(httpContext.RequestAborted);
            }
        }
        writer.WriteEndArray();
        writer.Flush();
        await body.FlushAsync(httpContext.RequestAborted);
    }

    private void Write(Utf8JsonWriter writer, in TimeseriesReading reading, JsonEncodedText symbol)
    {
        Span<byte> time = stackalloc byte[ApiTime.FloatingLength];
        var length = ApiTime.FormatFloating(reading.Timestamp, time);
        writer.WriteStartObject();
        writer.WriteString(Timestamp, time[..length]);
        writer.WriteNull(TimezoneOffset);
        writer.WriteString(Type, reading.Kind == ReadingKind.Automatic ? Automatic : ManualScan);
        writer.WriteString(Unit, symbol);
        writer.WriteNumber(Value, reading.ValueIn(_unit));
        writer.WriteEndObject();
    }
}
