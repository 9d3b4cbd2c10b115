using Dashboard.Core.ApiKeys;
using Dashboard.Core.Connections;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Linking;

public sealed record IssuedLinkToken(string Token, DateTime ExpiresAt);

public sealed record LinkTokenCheck(LinkToken? Token, string? ErrorType)
{
    public bool IsValid => ErrorType is null;
}

/// <summary>Issues and checks the short-lived, single-use link tokens.</summary>
public sealed class LinkTokenService(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Codes one token may try against LibreView: a six-digit code cannot be guessed in five tries, so after the fifth
    /// wrong one the token is consumed and the patient needs a new link.
    /// </summary>
    public const int MaxMfaCodeAttempts = 5;

    /// <summary>A new token for a user of the team; null when the team has no such user.</summary>
    public async Task<IssuedLinkToken?> IssueAsync(Guid teamId, Guid userId, string? provider, string? redirectUrl, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await IssueAsync(db, teamId, userId, provider, redirectUrl, ct);
    }

    /// <summary>The same on the caller's context, saved with whatever else it has pending (one unit of work).</summary>
    internal async Task<IssuedLinkToken?> IssueAsync(DashboardDbContext db, Guid teamId, Guid userId, string? provider, string? redirectUrl, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.TeamId == teamId && u.Id == userId, ct))
        {
            return null;
        }
        var secret = SecretHash.NewSecret("lt_");
        var now = time.GetUtcNow().UtcDateTime;
        var token = new LinkToken
        {
            TokenHash = SecretHash.Of(secret),
            TeamId = teamId,
            UserId = userId,
            Provider = provider,
            RedirectUrl = redirectUrl,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.LinkTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new IssuedLinkToken(secret, token.ExpiresAt);
    }

    /// <summary>Finds a token and says why it cannot be used, if it cannot.</summary>
    public async Task<LinkTokenCheck> CheckAsync(string? secret, string? provider = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await CheckAsync(db, secret, provider, ct);
    }

    /// <summary>The same on the caller's context, the token tracked there so the caller may update it.</summary>
    internal async Task<LinkTokenCheck> CheckAsync(DashboardDbContext db, string? secret, string? provider, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 200)
        {
            return new(null, LinkErrorTypes.InvalidToken);
        }
        var hash = SecretHash.Of(secret.Trim());
        var token = await db.LinkTokens.Include(t => t.User).FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null)
        {
            return new(null, LinkErrorTypes.InvalidToken);
        }
        if (token.ConsumedAt is not null)
        {
            return new(token, LinkErrorTypes.TokenConsumed);
        }
        if (time.GetUtcNow().UtcDateTime >= token.ExpiresAt)
        {
            return new(token, LinkErrorTypes.TokenExpired);
        }
        if (provider is not null && token.Provider is not null && token.Provider != provider)
        {
            return new(token, LinkErrorTypes.InvalidToken);
        }
        return new(token, null);
    }

    /// <summary>
    /// Marks the token used, in the store, only if nobody used it first: a conditional update, so of any number of
    /// concurrent uses exactly one gets true. Call inside the transaction that links, as its first statement.
    /// </summary>
    internal static async Task<bool> TryConsumeAsync(DashboardDbContext db, LinkToken token, DateTime now, CancellationToken ct)
    {
        var consumed = await db.LinkTokens.Where(t => t.Id == token.Id && t.ConsumedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.ConsumedAt, now).SetProperty(t => t.PendingMfa, (string?)null), ct);
        return consumed == 1;
    }

    /// <summary>
    /// Reserves one of the token's <see cref="MaxMfaCodeAttempts"/> code attempts before the code goes to LibreView: a
    /// conditional update, so concurrent guesses cannot exceed the limit. False when the token has none left (or was used).
    /// </summary>
    internal static async Task<bool> TryReserveMfaAttemptAsync(DashboardDbContext db, LinkToken token, CancellationToken ct) =>
        await db.LinkTokens.Where(t => t.Id == token.Id && t.ConsumedAt == null && t.MfaCodeAttempts < MaxMfaCodeAttempts)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.MfaCodeAttempts, t => t.MfaCodeAttempts + 1), ct) == 1;

    /// <summary>After a wrong code: a token that has spent its last attempt is consumed, and its pending login (with the password) dropped.</summary>
    internal async Task<bool> ConsumeIfAttemptsSpentAsync(DashboardDbContext db, LinkToken token, CancellationToken ct) =>
        await db.LinkTokens.Where(t => t.Id == token.Id && t.ConsumedAt == null && t.MfaCodeAttempts >= MaxMfaCodeAttempts)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.ConsumedAt, time.GetUtcNow().UtcDateTime).SetProperty(t => t.PendingMfa, (string?)null), ct) == 1;

    /// <summary>The providers a token lets the patient choose from.</summary>
    public static IReadOnlyList<string> AllowedProviders(LinkToken token) =>
        token.Provider is null ? Providers.All : [token.Provider];
}
