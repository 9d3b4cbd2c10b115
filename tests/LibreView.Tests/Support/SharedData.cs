namespace LibreView.Tests.Support;

/// <summary>The real captures live beside the repository in <c>../shared/data</c>; they are read there, never copied.</summary>
internal static class SharedData
{
    public static string LibreLinkUp => Folder("librelinkup");

    public static string Folder(string name)
    {
        var root = RepositoryRoot();
        var folder = Path.GetFullPath(Path.Combine(root, "..", "shared", "data", name));
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException(
                $"The shared test data folder '{folder}' is missing. The LibreView tests read the real captures from ../shared/data/{name} next to the repository root ({root}).");
        return folder;
    }

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(LibreLinkUp, relativePath));

    /// <summary>Walks up from the test binaries to the folder holding Dashboard.sln.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No Dashboard.sln above {AppContext.BaseDirectory}; cannot find the repository root.");
    }
}
