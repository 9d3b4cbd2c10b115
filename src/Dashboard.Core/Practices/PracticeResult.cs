namespace Dashboard.Core.Practices;

/// <summary>Why a practice or binding change was refused; the API maps each to an HTTP status.</summary>
public enum PracticeRefusal
{
    None,

    /// <summary>No such organisation, team or practice (for this caller).</summary>
    NotFound,

    /// <summary>The organisation's plan does not allow custom practices or bindings.</summary>
    PlanRequired,

    /// <summary>The request itself is wrong: empty Practice ID, a region the teams do not serve, …</summary>
    Invalid,

    /// <summary>The organisation already has a practice with that id (case-insensitive).</summary>
    Duplicate,

    /// <summary>The practice is not an active custom practice this team can use.</summary>
    NotBindable,

    /// <summary>LibreView does not show the practice to our account yet.</summary>
    NotVisibleYet,

    /// <summary>LibreView could not be asked (no practice account, sign-in failed, upstream error).</summary>
    LibreViewUnavailable,

    /// <summary>A team binding still uses the practice, so it cannot be removed.</summary>
    InUse,
}

/// <summary>The outcome of a practice or binding change: the new state, or a refusal with a plain-words reason.</summary>
public sealed record PracticeResult<T>(T? Value, PracticeRefusal Refusal, string? Reason)
    where T : class
{
    public bool Succeeded => Refusal == PracticeRefusal.None;

    public static PracticeResult<T> Ok(T value) => new(value, PracticeRefusal.None, null);

    public static PracticeResult<T> Refused(PracticeRefusal refusal, string reason) => new(null, refusal, reason);
}
