using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Dashboard.EndToEnd.Tests.Infrastructure;

/// <summary>An axe-core pass (WCAG 2.0–2.2, levels A and AA) over the page as it is now.</summary>
public static class Accessibility
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>
    /// Fails on any serious or critical violation, naming the rule, the help text and the first offending elements;
    /// <paramref name="state"/> says which page state was checked.
    /// </summary>
    public static async Task ExpectNoSeriousViolationsAsync(this IPage page, string state)
    {
        // Blazor settles a moment after the last network answer; axe should see the final DOM, not a half-drawn one.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = RunOnlyOptions.Tags(WcagTags) });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe on {state} ({page.Url}):\n" + string.Join("\n", serious.Select(v =>
            $"- {v.Impact} {v.Id}: {v.Help}\n    " + string.Join("\n    ", v.Nodes.Take(3).Select(n => $"{string.Join(" ", n.Target)} — {n.Html}")))));
    }
}
