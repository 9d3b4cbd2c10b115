namespace Dashboard.Core.Events.Webhooks;

/// <summary>The <c>Webhooks</c> configuration section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Runs the background dispatcher. Off, nothing is sent; events stay in the store and go out once it is on again.</summary>
    public bool Enabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a failing delivery is retried before it is dead.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);
    /// <summary>Short: a receiver that takes longer has failed the attempt and backs off on the retry schedule.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an instance holds an endpoint; renewed before every send.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>After a rotation the old secret keeps signing (a second signature) for this long.</summary>
    public TimeSpan PreviousSecretOverlap { get; set; } = TimeSpan.FromHours(24);
    public int MaxSendsPerEndpointPerCycle { get; set; } = 100;
    /// <summary>Endpoints served at once by this instance, and at most how many of them one team's.</summary>
    public int MaxParallelEndpoints { get; set; } = 64;
    public int MaxParallelEndpointsPerTeam { get; set; } = 4;

    /// <summary>How long opening a connection to an endpoint may take (within <see cref="RequestTimeout"/>).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Development only (ignored elsewhere): lets webhooks go to this machine, over plain <c>http</c> too.</summary>
    public bool AllowLoopback { get; set; }
}
