namespace Dashboard.Core.Linking;

public enum LinkState
{
    Success,
    Error,
    PendingProviderMfa,
}

/// <param name="Method"><c>sms</c> or <c>email</c>: where the code went.</param>
/// <param name="Hint">The masked phone number or address LibreView showed.</param>
public sealed record ProviderMfa(string Method, string Hint)
{
    /// <summary>The other method the code can be sent by, if the account has one (the widget offers it).</summary>
    public string? OtherMethod { get; init; }
}

/// <summary>Junction's <c>ProviderLinkResponse</c>, before it is written as JSON.</summary>
public sealed record LinkResult(
    LinkState State,
    string Provider,
    bool Connected,
    string? ProviderId = null,
    string? RedirectUrl = null,
    string? ErrorType = null,
    string? Error = null,
    ProviderMfa? ProviderMfa = null)
{
    public static LinkResult Failed(string provider, string errorType, string? message = null) =>
        new(LinkState.Error, provider, false, ErrorType: errorType, Error: message ?? LinkErrorTypes.Message(errorType));
}
