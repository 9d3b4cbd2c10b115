namespace Dashboard.Web.Components.Pages.Events;

/// <summary>What the add-endpoint form asks for.</summary>
public sealed record NewEndpoint(Guid TeamId, string Url, IReadOnlyCollection<string> EventTypes);
