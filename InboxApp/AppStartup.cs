using InboxApp.Api;
using InboxApp.Components;
using InboxApp.Core.Bootstrap;
using InboxApp.Features.Auth;
using InboxApp.Features.Webhooks;
using InboxApp.Features.Invitations;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace InboxApp;

public static class AppStartup
{
    /// <summary>Prints how to sign in once the server listens (the database was migrated and seeded by <see cref="StartupInitializer"/>).</summary>
    public static WebApplication PrintSignInBannerOnStart(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            if (app.Services.GetRequiredService<StartupInitializer>().Report is { } report) PrintBanner(app, report);
        });
        return app;
    }

    private static void PrintBanner(WebApplication app, BootstrapReport report)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var lines = new List<string> { "", "InboxApp is running." };
        lines.AddRange(addresses.Select(a => $"  Open: {a}"));
        lines.Add($"  Super admin: {report.SuperAdminEmail}" + (report.GeneratedSuperAdminPassword is { } p
            ? $" / {p}   (generated now and shown only once; set Bootstrap:SuperAdminPassword to choose it)"
            : " (password from Bootstrap:SuperAdminPassword or set earlier)"));
        if (report.DemoLogins.Count > 0)
        {
            lines.Add("  Demo organization \"Acme Support\" (password for all: " + report.DemoPassword + "):");
            lines.AddRange(report.DemoLogins.Select(l => $"    {l.Role,-11} {l.Email}"));
        }
        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }

    /// <summary>Bodiless error statuses under /api (unknown route 404, 405) get the error envelope too.</summary>
    public static WebApplication UseApiStatusCodeEnvelope(this WebApplication app)
    {
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (!ApiErrorMiddleware.IsApi(http.Request.Path)) return;
            var (code, message) = http.Response.StatusCode switch
            {
                // A binding failure answered without a body (the generated request delegates set 400 for some of them).
                400 => ("VALIDATION_ERROR", "The request is invalid"),
                404 => ("NOT_FOUND", "Resource not found"),
                405 => ("METHOD_NOT_ALLOWED", "Method not allowed"),
                415 => ("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json"),
                401 => ("UNAUTHORIZED", "Missing or invalid credentials"),
                403 => ("FORBIDDEN", "You do not have access to this resource"),
                _ => ("ERROR", "The request failed"),
            };
            await http.Response.WriteAsJsonAsync(new ErrorEnvelope(new ErrorBody(message, code)));
        });
        return app;
    }

    public static WebApplication MapInboxUi(this WebApplication app)
    {
        app.MapAccountUiEndpoints();
        app.MapWhatsAppWebhookEndpoints();
        app.MapInvitationUiEndpoints();
        // A connection whose access token or API key expires is closed (revoked ones: Realtime.HubConnectionRegistry).
        app.MapHub<Realtime.InboxHub>(Realtime.InboxHub.Path, o => o.CloseOnAuthenticationExpiration = true);
        Features.Jobs.JobsDashboard.MapJobsDashboard(app);
        app.MapNotFoundFallback();
        return app;
    }
}
