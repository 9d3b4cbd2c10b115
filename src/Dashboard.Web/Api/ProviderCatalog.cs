using Dashboard.Core.Connections;
using Dashboard.Core.Events;

namespace Dashboard.Web.Api;

/// <summary>Junction's <c>ClientFacingProvider</c>: name, slug and a logo URL the app serves.</summary>
internal sealed record ProviderSummary(string Name, string Slug, string Logo);

/// <summary>Junction's <c>ClientFacingProviderDetailed</c> (<c>GET /v2/providers</c>).</summary>
internal sealed record ProviderDetailed(string Name, string Slug, string Description, string Logo, string AuthType, IReadOnlyList<string> SupportedResources);

/// <summary>Junction's <c>SourceLink</c> (<c>GET /v2/link/providers</c>).</summary>
internal sealed record SourceLink(int Id, string Name, string Slug, string Description, string Logo, string? OauthUrl, string AuthType, IReadOnlyDictionary<string, object> FormComponents);

/// <summary>Junction's <c>ResourceAvailability</c> of one resource.</summary>
internal sealed record ResourceAvailability(string Status);

/// <summary>The providers this product links, as Junction describes a provider; the one place their public facts live.</summary>
internal static class ProviderCatalog
{
    /// <summary>The resources a LibreView connection delivers (DESIGN §6), in Junction's resource names.</summary>
    public static IReadOnlyList<string> Resources => EventPayloads.Resources;

    /// <summary>The logo as this request reached the app (webhooks, which have no request, use the configured public address).</summary>
    public static string LogoUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{EventPayloads.LogoPath}";

    public static ProviderSummary Summary(string slug, HttpContext http) => new(Providers.DisplayName(slug), slug, LogoUrl(http));

    public static string AuthType(string slug) => slug == Providers.FreeStyleLibre ? "email" : "password";

    public static string Description(string slug) => slug == Providers.FreeStyleLibre
        ? "FreeStyle Libre CGM data that a patient shares with the team's LibreView practice; the patient links by email."
        : "FreeStyle Libre CGM data from the patient's own LibreView account; the patient links with email and password (and a LibreView code).";

    public static ProviderDetailed Detailed(string slug, HttpContext http) =>
        new(Providers.DisplayName(slug), slug, Description(slug), LogoUrl(http), AuthType(slug), Resources);

    public static SourceLink Link(string slug, HttpContext http) => new(
        Providers.All.ToList().IndexOf(slug) + 1, Providers.DisplayName(slug), slug, Description(slug), LogoUrl(http), null, AuthType(slug),
        slug == Providers.FreeStyleLibre
            ? new Dictionary<string, object> { ["email"] = new { type = "email", required = true } }
            : new Dictionary<string, object> { ["username"] = new { type = "email", required = true }, ["password"] = new { type = "password", required = true } });

    /// <summary>Every resource available while the connection is healthy, none while it is in error.</summary>
    public static IReadOnlyDictionary<string, ResourceAvailability> Availability(ConnectionStatus status) =>
        Resources.ToDictionary(r => r, _ => new ResourceAvailability(status == ConnectionStatus.Connected ? "available" : "unavailable"));
}
