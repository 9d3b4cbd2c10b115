using System.Reflection;
using System.Text.RegularExpressions;
using Dashboard.Core.Audit;
using Dashboard.TestSupport;

namespace Dashboard.Web.Tests.Audit;

/// <summary>The guard over <see cref="AuditCoverage"/>: every audited action has a per-action test, and every listed test is real.</summary>
public sealed class AuditCoverageTests
{
    [Fact]
    public void Every_action_of_the_audit_list_has_a_per_action_test()
    {
        var covered = AuditCoverage.Tests.Select(t => t.Action).ToHashSet();

        var missing = AuditActions.All.Where(a => !covered.Contains(a)).ToList();

        Assert.True(missing.Count == 0,
            $"No per-action audit test for: {string.Join(", ", missing)}. Add one that performs the action through its real entry point, and list it in AuditCoverage.Tests.");
    }

    [Fact]
    public void Every_listed_action_is_in_the_audit_list()
    {
        Assert.All(AuditCoverage.Tests, t => Assert.Contains(t.Action, AuditActions.All));
    }

    public static TheoryData<string, string, string> Listed()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var test in AuditCoverage.Tests) data.Add(test.Action, test.File, test.Method);
        return data;
    }

    [Theory]
    [MemberData(nameof(Listed))]
    public void Each_listed_test_exists_as_a_test_and_looks_for_its_action(string action, string file, string method)
    {
        var path = Path.Combine(RepositoryRoot.Path, file);
        Assert.True(File.Exists(path), $"{file} does not exist");
        var source = File.ReadAllText(path);

        var declaration = new Regex(@"\[(Fact|Theory)[^\]]*\]\s*(\[[^\]]*\]\s*)*public\s+(async\s+)?(Task|void)\s+" + Regex.Escape(method) + @"\s*\(");
        var found = declaration.Match(source);
        Assert.True(found.Success, $"{file} has no [Fact] or [Theory] named {method}");

        // The test's own text (up to the next test) names the action by its AuditActions constant.
        var next = Regex.Match(source[(found.Index + found.Length)..], @"\[(Fact|Theory)");
        var body = next.Success ? source.Substring(found.Index, found.Length + next.Index) : source[found.Index..];
        var constant = typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Single(f => f.IsLiteral && (string?)f.GetRawConstantValue() == action).Name;
        Assert.True(body.Contains("AuditActions." + constant, StringComparison.Ordinal),
            $"{method} in {file} never names AuditActions.{constant}: a per-action test looks for its own action's entry");
    }
}
