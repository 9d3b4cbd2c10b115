using System.Diagnostics.CodeAnalysis;

namespace LibreView.Client;

/// <summary>
/// The outcome of a call: a value or one <see cref="LibreViewError"/>. <see cref="Session"/> is the session to keep
/// after the call (LibreView refreshes the ticket on data responses, and the client may have logged in again).
/// </summary>
public sealed record LibreViewResult<T>
{
    public T? Value { get; private init; }
    public LibreViewError? Error { get; private init; }
    public LibreViewSession? Session { get; private init; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static LibreViewResult<T> Success(T value, LibreViewSession? session) => new() { Value = value, Session = session };

    public static LibreViewResult<T> Failure(LibreViewError error, LibreViewSession? session = null) =>
        new() { Error = error, Session = session };

    /// <summary>The value, or a <see cref="LibreViewException"/> carrying the error.</summary>
    public T GetValueOrThrow() => IsSuccess ? Value : throw new LibreViewException(Error);
}

public sealed class LibreViewException(LibreViewError error) : Exception(error.ToString())
{
    public LibreViewError Error { get; } = error;
}
