namespace LibreView.Client;

/// <summary>Configuration of <see cref="LibreViewClient"/> (section <c>LibreView</c> by convention).</summary>
public sealed class LibreViewClientOptions
{
    /// <summary>
    /// Base URL with a <c>{region}</c> placeholder: <c>https://api-{region}.libreview.io</c> in production,
    /// e.g. <c>http://localhost:5080/_libreview/{region}</c> against the simulator.
    /// </summary>
    public string BaseUrlTemplate { get; set; } = "https://api-{region}.libreview.io";

    /// <summary>Where a login starts when the caller names no region; LibreView redirects to the home region.</summary>
    public string DefaultRegion { get; set; } = "us";

    /// <summary>
    /// The regions this client may talk to; a login or redirect anywhere else is <see cref="LibreViewErrorKind.UnsupportedRegion"/>.
    /// Empty (the default) means every LibreView region. (Empty rather than pre-filled, because configuration binding appends to a list.)
    /// </summary>
    public List<string> Regions { get; set; } = [];

    /// <summary>The <c>product</c> header.</summary>
    public string Product { get; set; } = "llu.android";

    /// <summary>The <c>version</c> header; LibreView refuses versions older than its minimum (4.16.0 in 2025).</summary>
    public string Version { get; set; } = "4.16.0";

    /// <summary>Retries after the first attempt on 5xx, 408, timeouts and short <c>Retry-After</c> 429s.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off delay; doubled each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A 429 whose <c>Retry-After</c> is at most this is waited out and retried; a longer one is returned as <see cref="LibreViewErrorKind.RateLimited"/>.</summary>
    public TimeSpan MaxRetryAfterWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of one attempt. LibreView can be slow.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one call including its retries.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How many region redirects a login follows.</summary>
    public int MaxRedirects { get; set; } = 3;

    internal bool Serves(string region) =>
        (Regions.Count == 0 ? LibreView.Regions.LibreRegions.All : Regions).Contains(region, StringComparer.OrdinalIgnoreCase);

    internal Uri RegionUri(string region, string pathAndQuery) =>
        new(BaseUrlTemplate.Replace("{region}", region, StringComparison.Ordinal).TrimEnd('/') + pathAndQuery);
}
