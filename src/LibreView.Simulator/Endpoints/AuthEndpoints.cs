using System.Text.Json;
using LibreView.Simulator.Accounts;
using LibreView.Wire;

namespace LibreView.Simulator.Endpoints;

/// <summary><c>POST /{region}/llu/auth/login</c> and <c>POST /{region}/auth/continue/{tou|pp|2fa}</c>.</summary>
internal static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapPost("/{region}/llu/auth/login", async (string region, HttpContext context, AuthFlow flow) =>
        {
            var request = await ReadBody<WireLoginRequest>(context);
            return request is null || string.IsNullOrWhiteSpace(request.Email)
                ? Envelope.NotAuthenticated()
                : flow.Login(region, request);
        });

        e.MapPost("/{region}/auth/continue/{step}", async (string region, string step, HttpContext context, AuthFlow flow) =>
        {
            var (account, claims) = flow.Authenticate(context, region, step);
            if (account is null || claims is null) return Envelope.Unauthorized();
            var code = step == LibreStatus.StepTwoFactor ? await ReadBody<WireCodeRequest>(context) : null;
            return flow.Continue(region, step, claims, account, code);
        });
    }

    private static async Task<T?> ReadBody<T>(HttpContext context) where T : class
    {
        try
        {
            return await context.Request.ReadFromJsonAsync<T>(LibreJson.Options, context.RequestAborted);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
