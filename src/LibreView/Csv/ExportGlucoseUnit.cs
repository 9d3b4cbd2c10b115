namespace LibreView.Csv;

/// <summary>The unit a glucose column of an export is written in (from its header).</summary>
public enum ExportGlucoseUnit
{
    MgPerDl,
    MmolPerL,
}
