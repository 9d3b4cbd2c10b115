namespace LibreView.Client;

/// <summary>Configuration of <see cref="LibreViewClient"/> (section <c>LibreView</c> by convention).</summary>
public sealed class LibreViewClientOptions
{
    /// <summary>
    /// Base URL with a <c>{region}</c> placeholder: <c>https://api-{region}.libreview.io</c> in production,
    /// e.g. <c>http://127.0.0.1:5090/{region}</c> against the standalone simulator.
    /// </summary>
    public string BaseUrlTemplate { get; set; } = "https://api-{region}.libreview.io";

    /// <summary>
    /// Base URLs of regions whose host does not follow the template (reference §1.1: <c>ru</c> is
    /// <c>https://api.libreview.ru</c>, <c>cn</c> is <c>https://api-cn.myfreestyle.cn</c>). Wins over the template.
    /// </summary>
    public Dictionary<string, string> RegionBaseUrls { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ru"] = "https://api.libreview.ru",
        ["cn"] = "https://api-cn.myfreestyle.cn",
    };

    /// <summary>Where a login starts when the caller names no region; LibreView redirects to the home region (§1.2).</summary>
    public string DefaultRegion { get; set; } = "us";

    /// <summary>
    /// The regions this client may talk to; a login or redirect anywhere else is <see cref="LibreViewErrorKind.UnsupportedRegion"/>.
    /// Empty (the default) means every LibreView region. (Empty rather than pre-filled, because configuration binding appends to a list.)
    /// </summary>
    public List<string> Regions { get; set; } = [];

    /// <summary>The <c>product</c> header (§1.3: <c>lv</c>, as browser-mimicking clients send); empty sends none.</summary>
    public string Product { get; set; } = "lv";

    /// <summary>The <c>newyu-lv-web-version</c> header (§1.3); empty sends none.</summary>
    public string WebVersion { get; set; } = "3.25.3.0";

    /// <summary>The <c>Origin</c> (and <c>Referer</c>) the browser sends (§1.3); empty sends none.</summary>
    public string Origin { get; set; } = "https://www.libreview.com";

    /// <summary>Ask LibreView to remember this device after a two-factor code (the request key is assumed, §10 Q3).</summary>
    public bool RememberDevice { get; set; } = true;

    /// <summary>Retries after the first attempt on 5xx, 408 and timeouts.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off delay; doubled each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of one attempt. LibreView can be slow, and a long-poll may hold.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one call including its retries.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How many region redirects a login follows.</summary>
    public int MaxRedirects { get; set; } = 3;

    /// <summary>How many login steps (tou, pp, …) one login answers before giving up.</summary>
    public int MaxLoginSteps { get; set; } = 6;

    /// <summary>Long-poll requests for one report before it counts as failed (§3.3: lvconnect 3, another client 8).</summary>
    public int MaxPollAttempts { get; set; } = 8;

    /// <summary>Wait before the second long-poll; multiplied by <see cref="PollBackoffFactor"/> each time.</summary>
    public TimeSpan PollDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public double PollBackoffFactor { get; set; } = 1.5;

    /// <summary>Rows per <c>POST /dashboard</c> page (§4.3: 50 or 100).</summary>
    public int DashboardPageSize { get; set; } = 100;

    /// <summary>Pages of <c>/dashboard</c> read at most when looking for a patient.</summary>
    public int MaxDashboardPages { get; set; } = 200;

    /// <summary>
    /// Hosts besides LibreView's own (§1.1) that the channel, long-poll and report addresses LibreView hands back may
    /// be on, over HTTPS: the report's host is not public (§3.3), so an operator can add it here if it turns out to differ.
    /// </summary>
    public List<string> ExtraHandBackHosts { get; set; } = [];

    /// <summary>
    /// Whether a URL LibreView handed back (channel, long-poll, report) may be fetched with the patient's ticket: the
    /// host of a configured base URL of a served region (same scheme and port), LibreView's API or hub host of a served
    /// region over HTTPS, or an extra host. Anything else would send the ticket to a stranger.
    /// </summary>
    internal bool MayFetchHandedBack(Uri url)
    {
        var regions = Regions.Count == 0 ? LibreView.Regions.LibreViewApiRegions.All : Regions;
        foreach (var region in regions)
        {
            var own = RegionUri(region, "/");
            if (Uri.Compare(url, own, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0) return true;
        }
        if (url.Scheme != Uri.UriSchemeHttps || !url.IsDefaultPort) return false;
        var host = url.IdnHost;
        return regions.Any(r => host.Equals($"hub-{r}.libreview.io", StringComparison.OrdinalIgnoreCase) || host.Equals($"api-{r}.libreview.io", StringComparison.OrdinalIgnoreCase))
               || ExtraHandBackHosts.Contains(host, StringComparer.OrdinalIgnoreCase);
    }

    internal bool Serves(string region) =>
        (Regions.Count == 0 ? LibreView.Regions.LibreViewApiRegions.All : Regions).Contains(region, StringComparer.OrdinalIgnoreCase);

    internal Uri RegionUri(string region, string pathAndQuery) =>
        new((RegionBaseUrls.TryGetValue(region, out var own) && !string.IsNullOrWhiteSpace(own)
            ? own
            : BaseUrlTemplate.Replace("{region}", region, StringComparison.Ordinal)).TrimEnd('/') + pathAndQuery);
}
