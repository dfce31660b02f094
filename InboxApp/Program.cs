using InboxApp;
using InboxApp.Api;
using InboxApp.Components;
using InboxApp.Core;
using InboxApp.Features.ApiReference;
using InboxApp.Security;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddInboxCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddInboxWeb();

var app = builder.Build();
app.PrintSignInBannerOnStart();

app.UseInboxProxyAndHttps();
app.UseMiddleware<UnknownApiPathMiddleware>();
app.UseMiddleware<ApiErrorMiddleware>();
app.UseApiStatusCodeEnvelope();
app.UseRateLimiter();
app.UseMiddleware<InboxApp.Features.SharedInboxLinks.SharedInboxGuardMiddleware>();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseInboxApiReference();

app.MapStaticAssets();
app.MapInboxOpenApi();
app.MapInboxApi();
app.MapInboxUi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Entry point type, visible to the test projects' WebApplicationFactory.</summary>
public partial class Program;
