using Microsoft.Extensions.Configuration.Json;

namespace Dashboard.Web.Configuration;

internal static class RepositorySettings
{
    public const string FileName = "appsettings.Development.json";

    /// <summary>
    /// In Development the repository's top-level <c>appsettings.Development.json</c> (shared by the app,
    /// the simulator and the dev sign-in) is layered right after the project's own appsettings files,
    /// so environment variables and the command line still override it.
    /// </summary>
    public static void AddRepositoryDevelopmentSettings(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            return;
        }
        var path = FindUpwards(builder.Environment.ContentRootPath, FileName);
        if (path is null)
        {
            return;
        }

        var sources = builder.Configuration.Sources;
        var lastAppSettings = sources.Select((source, index) => (source, index))
            .LastOrDefault(s => s.source is JsonConfigurationSource { Path: { } p } && p.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase));
        var source = new JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        sources.Insert(lastAppSettings.source is null ? sources.Count : lastAppSettings.index + 1, source);
    }

    /// <summary>The file beside <c>Dashboard.sln</c> in the nearest folder above <paramref name="start"/>.</summary>
    private static string? FindUpwards(string start, string fileName)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, fileName);
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                return candidate;
            }
        }
        return null;
    }
}
