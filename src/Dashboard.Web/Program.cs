using Dashboard.Core.Storage;
using Dashboard.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddDashboardWeb();

var app = builder.Build();
await app.Services.InitializeStoreAsync();
app.UseDashboardWeb();
app.Run();

/// <summary>Entry point; public so tests can host the app with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
