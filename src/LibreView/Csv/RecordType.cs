namespace LibreView.Csv;

/// <summary>The "Record Type" column of a LibreView "Glucose Data" export.</summary>
public enum RecordType
{
    /// <summary>Automatic reading stored by the sensor (every 15 min on Libre 1/2, 5 min on Libre 3).</summary>
    Historic = 0,
    /// <summary>A reading taken by scanning the sensor.</summary>
    Scan = 1,
    /// <summary>A blood glucose test strip reading.</summary>
    Strip = 2,
    /// <summary>A blood ketone test strip reading (always mmol/L).</summary>
    Ketone = 3,
    /// <summary>Rapid- and/or long-acting insulin units.</summary>
    Insulin = 4,
    /// <summary>Food: carbohydrates in grams or servings, or a non-numeric food entry.</summary>
    Food = 5,
    /// <summary>A free-text note (LibreView also writes empty type 6 rows for device events).</summary>
    Note = 6,
}
