namespace LibreView.Tests.Csv;

/// <summary>
/// The real LibreView exports in ../shared/data/libreview-csv/ (next to the repository) with the counts
/// per record type its SOURCES.md lists. The files are read in place, never copied into the repository.
/// </summary>
public static class RealExports
{
    public sealed record Export(string FileName, string Device, int[] RowsPerRecordType, int Rows)
    {
        public string Path => System.IO.Path.Combine(Folder, FileName);

        public override string ToString() => FileName;
    }

    public static readonly Export Glyco = new("glyco_sample_glucose_mmol_DMY24.csv", "FreeStyle LibreLink",
        [8372, 1962, 0, 0, 0, 16, 749], 11099);

    public static readonly Export Warren = new("warren8824_uk_mmol_insulin_food_DMY24.csv", "FreeStyle LibreLink",
        [2349, 760, 0, 0, 148, 88, 270], 3615);

    public static readonly Export Martynk = new("martynk_libre2_reader_mmol_DMY24.csv", "FreeStyle Libre 2",
        [370, 119, 0, 0, 0, 10, 317], 816);

    public static IReadOnlyList<Export> All { get; } = [Glyco, Warren, Martynk];

    /// <summary>For xUnit theories: one row per real export file name.</summary>
    public static TheoryData<string> FileNames => new(All.Select(e => e.FileName));

    public static Export Named(string fileName) => All.Single(e => e.FileName == fileName);

    public static string Folder => FolderLazy.Value;

    private static readonly Lazy<string> FolderLazy = new(FindFolder);

    private static string FindFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Dashboard.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException($"No Dashboard.sln above {AppContext.BaseDirectory}: cannot locate the repository root.");
        }

        var folder = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "data", "libreview-csv"));
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException(
                $"The real LibreView exports are missing: expected them in {folder} (../shared/data/libreview-csv next to the repository).");
        }

        return folder;
    }
}
