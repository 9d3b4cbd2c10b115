using Dashboard.Core.Storage;
using Dashboard.Web;
using Dashboard.Web.Configuration;

var builder = WebApplication.CreateBuilder(args);
builder.AddRepositoryDevelopmentSettings();
if (!builder.HasRequiredSettings())
{
    return 1;
}
builder.AddDashboardWeb();

var app = builder.Build();
await app.Services.InitializeStoreAsync();
app.UseDashboardWeb();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so tests can host the app with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
