namespace LibreView.Wire;

/// <summary>Header names of the LibreLinkUp API.</summary>
public static class LibreHeaders
{
    public const string Product = "product";
    public const string Version = "version";
    public const string AccountId = "Account-Id";
    public const string RetryAfter = "Retry-After";
}
