namespace Dashboard.EndToEnd.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<ConsoleAppFixture>
{
    public const string Name = "end-to-end";
}
