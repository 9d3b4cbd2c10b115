namespace LibreView.Wire;

/// <summary>Header names of the LibreView web and Pro API (reference §1.3).</summary>
public static class LibreHeaders
{
    public const string Product = "product";
    public const string WebVersion = "newyu-lv-web-version";
    public const string AccountId = "account-id";
}
