using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Core.Storage;

/// <summary>Stores enums as the lower-case words the API uses (<c>scale</c>, <c>sandbox</c>, <c>connected</c>).</summary>
public sealed class LowerCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => value.ToString().ToLowerInvariant(),
    text => Enum.Parse<TEnum>(text, true))
    where TEnum : struct, Enum;
