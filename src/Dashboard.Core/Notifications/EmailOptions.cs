namespace Dashboard.Core.Notifications;

/// <summary>E-mail settings (section <c>Email</c>): the SMTP server and how the outbox sends.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The sender address of every mail.</summary>
    public string From { get; set; } = "Libre Connect Dashboard <no-reply@localhost>";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>How often the outbox looks for mail to send (and for daily digests that are due).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an instance's claim on a mail lasts while it sends it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The first retry waits this long, doubling with each failure up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Development only: start a local smtp4dev as the SMTP server, whose web page shows every mail.</summary>
    public bool DevelopmentSink { get; set; }
}

public sealed class SmtpOptions
{
    /// <summary>Empty: no SMTP server is configured, and mail waits in the outbox until one is.</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary><c>none</c>, <c>starttls</c>, <c>tls</c> (TLS on connect) or <c>auto</c>.</summary>
    public string Security { get; set; } = "auto";
    public string? Username { get; set; }
    public string? Password { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
