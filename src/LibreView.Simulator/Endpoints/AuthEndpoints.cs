using System.Text.Json;
using LibreView.Simulator.Accounts;
using LibreView.Wire;

namespace LibreView.Simulator.Endpoints;

/// <summary>Login and its continuations (reference §2.2, §2.3).</summary>
internal static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder e)
    {
        e.MapPost("/{region}/auth/login", async (string region, HttpContext context, AuthFlow flow) =>
        {
            var request = await ReadBody<WireLoginRequest>(context);
            return request is null || string.IsNullOrWhiteSpace(request.Email)
                ? Envelope.NotAuthenticated()
                : flow.Login(region, request);
        });

        foreach (var document in new[] { LibreStatus.StepTermsOfUse, LibreStatus.StepPrivacyPolicy })
        {
            e.MapPost($"/{{region}}/auth/continue/{document}", (string region, HttpContext context, AuthFlow flow) =>
            {
                var (account, claims) = flow.Authenticate(context, region, document);
                return account is null || claims is null ? Envelope.ExpiredJwt() : flow.AcceptDocument(region, document, claims, account);
            });
        }

        // The step ticket of the login, or the newer one sendcode gave, both work (§2.3 row 4).
        e.MapPost("/{region}/auth/continue/2fa/sendcode", (string region, HttpContext context, AuthFlow flow) =>
        {
            var (account, _) = flow.Authenticate(context, region, LibreStatus.StepTwoFactor);
            return account is null ? Envelope.ExpiredJwt() : flow.SendCode(region, account);
        });

        e.MapPost("/{region}/auth/continue/2fa/result", async (string region, HttpContext context, AuthFlow flow) =>
        {
            var (account, _) = flow.Authenticate(context, region, LibreStatus.StepTwoFactor);
            if (account is null) return Envelope.ExpiredJwt();
            return flow.Result(region, account, await ReadBody<WireCodeRequest>(context));
        });
    }

    internal static async Task<T?> ReadBody<T>(HttpContext context) where T : class
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
