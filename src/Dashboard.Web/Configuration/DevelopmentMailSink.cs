using Dashboard.Core.Notifications;

namespace Dashboard.Web.Configuration;

/// <summary>
/// In Development with <c>Email:DevelopmentSink</c> (set by the launch profile, so <c>dotnet run</c> has it and test
/// hosts do not) the console starts smtp4dev and sends its mail there: real SMTP, readable on smtp4dev's page
/// (<c>Email:DevelopmentSinkWebPort</c>, 5081). An in-process sink would need a mail server and a mail reader of our
/// own; smtp4dev is both, is the same server the tests talk to, and comes with the repository's tool manifest.
/// </summary>
internal static class DevelopmentMailSink
{
    public static void AddDevelopmentMailSink(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment() || !builder.Configuration.GetValue<bool>($"{EmailOptions.Section}:DevelopmentSink"))
        {
            return;
        }
        var smtpPort = builder.Configuration.GetValue($"{EmailOptions.Section}:DevelopmentSinkSmtpPort", 2525);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{EmailOptions.Section}:Smtp:Host"] = "127.0.0.1",
            [$"{EmailOptions.Section}:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"{EmailOptions.Section}:Smtp:Security"] = "none",
            [$"{EmailOptions.Section}:Smtp:Username"] = "",
        });
        builder.Services.AddHostedService(sp => new Smtp4devHost(
            builder.Environment.ContentRootPath, builder.Configuration.GetValue($"{EmailOptions.Section}:DevelopmentSinkWebPort", 5081), smtpPort,
            sp.GetRequiredService<ILogger<Smtp4devHost>>()));
    }

    /// <summary>Starts smtp4dev in the background (the console does not wait for it: mail waits in the outbox) and stops it with the app.</summary>
    private sealed class Smtp4devHost(string contentRoot, int webPort, int smtpPort, ILogger<Smtp4devHost> logger) : BackgroundService
    {
        private Smtp4devSink? _sink;

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var root = RepositoryRoot(contentRoot);
            if (root is null)
            {
                logger.LogWarning("Email:DevelopmentSink is on, but no repository (dotnet-tools.json beside Dashboard.sln) is above {ContentRoot}: mail waits in the outbox", contentRoot);
                return;
            }
            try
            {
                _sink = await Smtp4devSink.StartAsync(root, webPort, smtpPort, restoreTools: true, stoppingToken);
                logger.LogInformation("Development mail: the console's mail is at {MailPage} (smtp4dev)", $"http://localhost:{webPort}/");
            }
            catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(failure, "Could not start smtp4dev for development mail; mail waits in the outbox. {HowTo}", Smtp4devSink.HowToGetIt);
            }
        }

        public override async Task StopAsync(CancellationToken cancellationToken)
        {
            await base.StopAsync(cancellationToken);
            if (_sink is not null)
            {
                await _sink.DisposeAsync();
            }
        }

        private static string? RepositoryRoot(string start)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "dotnet-tools.json")) && File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
                {
                    return dir.FullName;
                }
            }
            return null;
        }
    }
}
