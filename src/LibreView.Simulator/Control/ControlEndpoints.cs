using System.Text.Json;
using System.Text.Json.Serialization;
using LibreView.Simulator.Accounts;

namespace LibreView.Simulator.Control;

/// <summary>
/// The control API under <c>/_sim</c>, for tests and demos only: accounts, practices, sharing, passwords, MFA,
/// the last two-factor code (sent only by <c>sendcode</c>), late uploads, trusted devices, faults and blocks per region,
/// request counts per endpoint (and to unlisted paths), settings and reset.
/// </summary>
internal static class ControlEndpoints
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Map(IEndpointRouteBuilder e)
    {
        var sim = e.MapGroup("/_sim");

        sim.MapGet("/accounts", (SimulatorState s) => Ok(s.Accounts.Select(a => a.ToView())));
        sim.MapGet("/accounts/{email}", (string email, SimulatorState s) =>
            s.FindByEmail(email) is { } a ? Ok(a.ToView()) : NotFound($"No account {email}"));
        sim.MapPost("/accounts", (HttpContext c, SimulatorState s) =>
            Body<AccountSeed>(c, seed => Results.Json(s.CreateAccount(seed).ToView(), Json, statusCode: StatusCodes.Status201Created)));
        sim.MapPost("/accounts/{email}/password", (string email, HttpContext c, SimulatorState s) =>
            Body<PasswordChange>(c, p => Done(() => s.SetPassword(email, p.Password, p.ExpiresAt))));
        sim.MapPost("/accounts/{email}/expire-password", (string email, SimulatorState s) => Done(() => s.ExpirePassword(email)));
        sim.MapPost("/accounts/{email}/mfa", (string email, HttpContext c, SimulatorState s) =>
            Body<MfaChange>(c, m => Done(() => s.SetMfa(email, m.Method, m.Target))));
        sim.MapPost("/accounts/{email}/documents", (string email, HttpContext c, SimulatorState s) =>
            Body<DocumentsChange>(c, d => Done(() => s.SetDocumentsAccepted(email, d.TermsAccepted, d.PrivacyPolicyAccepted))));
        sim.MapPost("/accounts/{email}/uploads", (string email, HttpContext c, SimulatorState s) =>
            Body<UploadsChange>(c, u => Done(() => s.SetUploadsPaused(email, u.Paused))));
        sim.MapPost("/accounts/{email}/expire-trusted-devices", (string email, SimulatorState s) => Done(() => s.ExpireTrustedDevices(email)));
        sim.MapGet("/requests", (SimulatorState s) => Ok(new { byEndpoint = s.Requests.ByEndpoint, unlisted = s.Requests.Unlisted }));
        sim.MapGet("/mfa/{email}", (string email, SimulatorState s) =>
            s.LastMfaCode(email) is { } code ? Ok(new { code }) : NotFound($"No code was sent to {email}"));

        sim.MapGet("/practices", (SimulatorState s) => Ok(s.Practices));
        sim.MapPost("/practices", (HttpContext c, SimulatorState s) =>
            Body<PracticeSeed>(c, p => Results.Json(s.CreatePractice(p), Json, statusCode: StatusCodes.Status201Created)));
        sim.MapGet("/shares", (SimulatorState s) => Ok(s.Shares));
        sim.MapPost("/shares", (HttpContext c, SimulatorState s) =>
            Body<ShareSeed>(c, share => Results.Json(s.AddShare(share), Json, statusCode: StatusCodes.Status201Created)));
        sim.MapDelete("/shares/{region}/{practiceId}/{email}", (string region, string practiceId, string email, SimulatorState s) =>
            s.RemoveShare(email, practiceId, region) ? Results.NoContent() : NotFound("No such share"));

        sim.MapGet("/faults", (SimulatorState s) => Ok(s.Faults.All));
        sim.MapPut("/faults/{region}", (string region, HttpContext c, SimulatorState s) =>
            Body<FaultSettings>(c, f => Done(() => s.Faults.Set(region, f))));
        sim.MapDelete("/faults", (SimulatorState s) => Done(s.Faults.Clear));

        sim.MapGet("/settings", (SimulatorState s) => Ok(s.Settings));
        sim.MapPut("/settings", (HttpContext c, SimulatorState s) => Body<JsonElement>(c, patch => Done(() => s.ReplaceSettings(Patched(s.Settings, patch)))));
        sim.MapPost("/reset", (SimulatorState s) => Done(s.Reset));
    }

    private sealed record PasswordChange(string Password, DateTimeOffset? ExpiresAt);
    private sealed record MfaChange(string Method, string? Target);
    private sealed record DocumentsChange(bool TermsAccepted, bool PrivacyPolicyAccepted);
    private sealed record UploadsChange(bool Paused);

    /// <summary>The live settings with the fields present in <paramref name="patch"/> changed.</summary>
    private static SimulatorSettings Patched(SimulatorSettings settings, JsonElement patch)
    {
        var merged = JsonSerializer.SerializeToNode(settings, Json)!.AsObject();
        foreach (var p in patch.EnumerateObject())
            merged[JsonNamingPolicy.CamelCase.ConvertName(p.Name)] = System.Text.Json.Nodes.JsonNode.Parse(p.Value.GetRawText());
        return merged.Deserialize<SimulatorSettings>(Json)!;
    }

    private static IResult Ok(object value) => Results.Json(value, Json);

    private static IResult NotFound(string message) => Results.Json(new { error = message }, Json, statusCode: StatusCodes.Status404NotFound);

    private static IResult Done(Action action) => Guarded(() =>
    {
        action();
        return Results.NoContent();
    });

    /// <summary>Reads the JSON body and runs <paramref name="handle"/>; bad input is 400, unknown names 404, duplicates 409.</summary>
    private static async Task<IResult> Body<T>(HttpContext context, Func<T, IResult> handle)
    {
        T? body;
        try
        {
            body = await context.Request.ReadFromJsonAsync<T>(Json, context.RequestAborted);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Results.Json(new { error = $"Unreadable body: {e.Message}" }, Json, statusCode: StatusCodes.Status400BadRequest);
        }
        return body is null ? Results.Json(new { error = "A JSON body is required" }, Json, statusCode: 400) : Guarded(() => handle(body));
    }

    private static IResult Guarded(Func<IResult> run)
    {
        try
        {
            return run();
        }
        catch (SimulatorNotFoundException e)
        {
            return NotFound(e.Message);
        }
        catch (SimulatorConflictException e)
        {
            return Results.Json(new { error = e.Message }, Json, statusCode: StatusCodes.Status409Conflict);
        }
        catch (Exception e) when (e is ArgumentException or TimeZoneNotFoundException)
        {
            return Results.Json(new { error = e.Message }, Json, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
