using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Dashboard.Core.Storage.Leasing;

/// <summary>
/// Where a kind of row keeps its lease, and who may claim it. The row is the unit of work that two instances must never
/// do at once: a connection's sync state (one row per connection), a webhook endpoint (one row per endpoint, so the
/// endpoint's deliveries keep their order), a queued mail (one row per mail).
/// </summary>
internal sealed class LeaseColumns<TRow>(Expression<Func<TRow, string?>> owner, Expression<Func<TRow, DateTime?>> until)
    where TRow : class
{
    public Expression<Func<TRow, string?>> Owner => owner;
    public Expression<Func<TRow, DateTime?>> Until => until;

    /// <summary>
    /// Whether a claimant may take back an unexpired lease in its own name. Only the sync engine sets this: it runs each
    /// connection once per cycle (its own set keeps overlapping cycles apart), so a lease of its own that is still running
    /// can only be one a failed cycle could not release, and waiting it out would stall the connection for the whole lease.
    /// The webhook dispatcher and the mail sender release in every outcome and share one owner name across overlapping
    /// passes, so for them an unexpired lease of their own means the work is in progress.
    /// </summary>
    public bool OwnerMayReclaim { get; init; }

    /// <summary>
    /// Rows the owner could claim at <paramref name="now"/>: nobody holds them or the holder's time ran out (a lease is
    /// over at its expiry instant). Also what the due-work queries filter on, so they list only what a claim can win.
    /// </summary>
    public Expression<Func<TRow, bool>> Claimable(string claimant, DateTime now)
    {
        // Lambdas over captured locals, not constants, so EF sends parameters and caches one query shape.
        Expression<Func<string?, DateTime?, bool>> rule = OwnerMayReclaim
            ? (o, u) => o == null || u <= now || o == claimant
            : (o, u) => o == null || u <= now;
        return Over(rule);
    }

    /// <summary>Rows whose lease is in <paramref name="holder"/>'s name (expired or not: nobody took it over yet).</summary>
    public Expression<Func<TRow, bool>> HeldBy(string holder)
    {
        Expression<Func<string?, DateTime?, bool>> rule = (o, _) => o == holder;
        return Over(rule);
    }

    private Expression<Func<TRow, bool>> Over(Expression<Func<string?, DateTime?, bool>> rule)
    {
        var row = owner.Parameters[0];
        var untilBody = ReplacingExpressionVisitor.Replace(until.Parameters[0], row, until.Body);
        var body = ReplacingExpressionVisitor.Replace(rule.Parameters[0], owner.Body, rule.Body);
        body = ReplacingExpressionVisitor.Replace(rule.Parameters[1], untilBody, body);
        return Expression.Lambda<Func<TRow, bool>>(body, row);
    }
}

/// <summary>
/// One lease on one row in the store (DESIGN §10), the only way work is claimed across instances sharing a database. Each
/// step is a single conditional UPDATE, atomic on SQLite and PostgreSQL alike, so of two instances only one wins a claim,
/// and an owner whose lease ran out (and was taken over) finds out before it writes: renew or release returns false.
/// </summary>
/// <param name="row">The leased row, e.g. <c>db.WebhookEndpoints.Where(e =&gt; e.Id == id)</c>.</param>
internal sealed class StoreLease<TRow>(IQueryable<TRow> row, LeaseColumns<TRow> columns, string owner, TimeSpan duration, TimeProvider time)
    where TRow : class
{
    public string Owner => owner;

    /// <summary>Takes the row if it is claimable (<see cref="LeaseColumns{TRow}.Claimable"/>) and <paramref name="onlyIf"/> still holds.</summary>
    /// <param name="onlyIf">What the work itself requires, checked in the same UPDATE (still due, not sent yet).</param>
    public async Task<bool> TryClaimAsync(Expression<Func<TRow, bool>>? onlyIf, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var candidates = onlyIf is null ? row : row.Where(onlyIf);
        DateTime? until = now + duration;
        return await candidates.Where(columns.Claimable(owner, now))
            .ExecuteUpdateAsync(set => set.SetProperty(columns.Owner, owner).SetProperty(columns.Until, until), ct) == 1;
    }

    /// <summary>Extends our hold before more work; false when another instance took it over and we must stop without writing.</summary>
    public async Task<bool> RenewAsync(CancellationToken ct)
    {
        DateTime? until = time.GetUtcNow().UtcDateTime + duration;
        return await row.Where(columns.HeldBy(owner)).ExecuteUpdateAsync(set => set.SetProperty(columns.Until, until), ct) == 1;
    }

    /// <summary>
    /// Lets the row go, in the same UPDATE as the work's outcome (<paramref name="alsoSet"/>), so the outcome is written
    /// only while the lease is ours; false when it was taken over.
    /// </summary>
    public async Task<bool> ReleaseAsync(Action<UpdateSettersBuilder<TRow>>? alsoSet = null, CancellationToken ct = default) =>
        await row.Where(columns.HeldBy(owner)).ExecuteUpdateAsync(set =>
        {
            alsoSet?.Invoke(set);
            set.SetProperty(columns.Owner, (string?)null).SetProperty(columns.Until, (DateTime?)null);
        }, ct) == 1;
}

/// <summary>Another instance took the work over (our lease ran out): stop without writing.</summary>
internal sealed class LeaseLostException(string work) : Exception($"The lease on the {work} was taken over by another instance");
