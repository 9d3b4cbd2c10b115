using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Dashboard.Core.Storage;

/// <summary>
/// Every text the store keeps has a length limit, checked before each save whatever the engine (SQLite stores any
/// length it is given): a column's <c>HasMaxLength</c>, else <see cref="UnconfiguredMaxLength"/> (encrypted secrets,
/// event payloads). A longer value is refused with <see cref="FieldTooLongException"/> and nothing is written.
/// </summary>
public static class StoredFieldLimits
{
    public const int UnconfiguredMaxLength = 1_000_000;

    public static void Check(ChangeTracker changes)
    {
        foreach (var entry in changes.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is not string text || (entry.State == EntityState.Modified && !property.IsModified)) continue;
                var max = property.Metadata.GetMaxLength() ?? UnconfiguredMaxLength;
                if (text.Length > max)
                {
                    throw new FieldTooLongException(entry.Metadata.ClrType.Name, property.Metadata.Name, max);
                }
            }
        }
    }
}

/// <summary>A value longer than its stored field allows; the API answers it as a 422 <c>string_too_long</c>.</summary>
public sealed class FieldTooLongException(string entity, string field, int maxLength)
    : Exception($"{entity}.{field} takes at most {maxLength} characters.")
{
    public string Entity { get; } = entity;
    public string Field { get; } = field;
    public int MaxLength { get; } = maxLength;
}
