using System.Text.Json;
using Dashboard.Core.Storage;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Api;

/// <summary>
/// Junction's envelope where nothing in the API wrote one: input the framework could not bind is a 422
/// <c>HTTPValidationError</c>, an unknown API path or method a JSON 404/405, an unhandled exception a JSON 500 without
/// a trace, a store that refuses writes a 503 (<see cref="StoreWriteFailures"/>). Only API paths (<see cref="IsApiPath"/>); the console keeps its HTML pages.
/// </summary>
internal sealed partial class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger, IOptions<JsonOptions> json)
{
    /// <summary>The display name routing gives the endpoint it picks when a path matched but its method did not.</summary>
    private const string MethodNotAllowedEndpoint = "405 HTTP Method Not Supported";

    public static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/v2", StringComparison.Ordinal) || path.StartsWithSegments("/v1", StringComparison.Ordinal);

    public async Task InvokeAsync(HttpContext http)
    {
        if (!IsApiPath(http.Request.Path))
        {
            try
            {
                await next(http);
            }
            catch (BadHttpRequestException failure) when (!http.Response.HasStarted)
            {
                http.Response.StatusCode = failure.StatusCode; // the console's status page says it
            }
            return;
        }
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
        // No API operation matched: answer here, before the console's sign-in policy would challenge the caller.
        switch (http.GetEndpoint())
        {
            case null:
                await WriteAsync(http, ApiProblems.NotFound($"No API operation answers {http.Request.Method} {http.Request.Path}."));
                return;
            case { DisplayName: MethodNotAllowedEndpoint }:
                await WriteAsync(http, ApiProblems.Error(StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", $"{http.Request.Method} is not allowed on {http.Request.Path}."));
                return;
        }
        if (http.Request.ContentLength > MaxRequestBodyBytes)
        {
            await WriteAsync(http, BodyTooLarge());
            return;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = MaxRequestBodyBytes; // a chunked body without Content-Length stops here too
        }
        try
        {
            await next(http);
        }
        catch (BadHttpRequestException failure) when (!http.Response.HasStarted)
        {
            await WriteAsync(http, failure.StatusCode == StatusCodes.Status413PayloadTooLarge ? BodyTooLarge() : ApiProblemsForBinding(http, failure));
            return;
        }
        catch (FieldTooLongException failure) when (!http.Response.HasStarted)
        {
            http.Response.Clear();
            await WriteAsync(http, ApiProblems.Invalid($"String should have at most {failure.MaxLength} characters", "string_too_long", "body", WireName(failure.Field)));
            return;
        }
        catch (Exception failure) when (!http.Response.HasStarted && StoreWriteFailures.IsUnwritable(failure))
        {
            logger.LogError(failure, "The store refused a write on {Method} {Path}", http.Request.Method, http.Request.Path);
            http.Response.Clear();
            await WriteAsync(http, ApiProblems.Error(StatusCodes.Status503ServiceUnavailable, "STORE_UNAVAILABLE", StoreWriteFailures.Message));
            return;
        }
        catch (Exception failure) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(failure, "Unhandled exception on {Method} {Path}", http.Request.Method, http.Request.Path);
            http.Response.Clear();
            await WriteAsync(http, ApiProblems.Error(StatusCodes.Status500InternalServerError, "INTERNAL_ERROR",
                "The server failed to answer this request. It has been logged; try again later."));
            return;
        }
        if (!http.Response.HasStarted && http.Response.ContentType is null && http.Response.StatusCode >= 400)
        {
            await WriteAsync(http, ApiProblems.Error(http.Response.StatusCode, "REQUEST_FAILED", $"{http.Request.Method} {http.Request.Path} failed with HTTP {http.Response.StatusCode}."));
        }
    }

    /// <summary>No API call carries more than this; larger bodies are refused before they are read.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    private static IResult BodyTooLarge() => ApiProblems.Error(StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE",
        $"The request body is larger than the API accepts ({MaxRequestBodyBytes / 1024} KB).");

    private static Task WriteAsync(HttpContext http, IResult result) => result.ExecuteAsync(http);

    /// <summary>What the framework could not bind, as FastAPI would say it: where, and which kind of fault.</summary>
    private IResult ApiProblemsForBinding(HttpContext http, BadHttpRequestException failure)
    {
        if (failure.InnerException is JsonException json)
        {
            object[] loc = ["body", .. JsonPathSegments(json.Path)];
            // System.Text.Json's reader fault (its type is internal) means the text is no JSON at all.
            return json.InnerException?.GetType().Name == "JsonReaderException"
                ? ApiProblems.Invalid("JSON decode error", "json_invalid", loc)
                : ApiProblems.Invalid("Input should be of the declared type", "type_error", loc);
        }
        if (BindFailure().Match(failure.Message) is { Success: true } bind)
        {
            var parameter = bind.Groups["name"].Value;
            var where = http.Request.RouteValues.ContainsKey(parameter) || http.Request.RouteValues.ContainsKey(WireName(parameter)) ? "path" : "query";
            return bind.Groups["type"].Value is "Guid" or "Guid?"
                ? ApiProblems.Invalid("Input should be a valid UUID", "uuid_parsing", where, WireName(parameter))
                : ApiProblems.Invalid("Input should be of the declared type", "type_error", where, WireName(parameter));
        }
        if (MissingValue().Match(failure.Message) is { Success: true } missing)
        {
            var source = missing.Groups["source"].Value;
            var where = source.Contains("header", StringComparison.OrdinalIgnoreCase) ? "header" : source.Contains("query", StringComparison.OrdinalIgnoreCase) ? "query" : "path";
            return ApiProblems.Missing(where, WireName(missing.Groups["name"].Value));
        }
        return failure.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
            ? ApiProblems.MissingBody()
            : ApiProblems.Invalid(failure.Message, "value_error", "request");
    }

    private string WireName(string parameter) => json.Value.SerializerOptions.PropertyNamingPolicy?.ConvertName(parameter) ?? parameter;

    /// <summary><c>$.a.b[2]</c> → <c>a, b, 2</c>.</summary>
    private static IEnumerable<object> JsonPathSegments(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") yield break;
        foreach (Match segment in JsonPathSegment().Matches(path))
        {
            yield return segment.Groups["index"].Success ? int.Parse(segment.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture) : segment.Groups["name"].Value;
        }
    }

    [GeneratedRegex("""Failed to bind parameter "(?<type>\S+) (?<name>\w+)" from""")]
    private static partial Regex BindFailure();

    [GeneratedRegex("""Required parameter "\S+ (?<name>\w+)" was not provided from (?<source>.+)\.""")]
    private static partial Regex MissingValue();

    [GeneratedRegex(@"\.(?<name>[A-Za-z0-9_]+)|\[(?<index>\d+)\]|\['(?<name>[^']+)'\]")]
    private static partial Regex JsonPathSegment();
}
