using System.Text;
using System.Text.Encodings.Web;
using InboxApp.Core.Partners;
using InboxApp.Security;

namespace InboxApp.Features.Partners;

/// <summary>
/// The connect page: a small self-contained HTML page (no Blazor) made to live in a partner's iframe or behind an
/// onboarding link. It runs Meta's Embedded Signup with the platform's app (or offers a sandbox number when none is
/// configured) from <c>whatsapp-connect.js</c>, and then calls onboard. Its policy allows Facebook's SDK and only the
/// partner's registered origins as frame ancestors.
/// </summary>
public static class ConnectPageHtml
{
    public static IResult Render(HttpContext http, ConnectPage page, string? cancelUrl = null)
    {
        var ancestors = page.FrameAncestors.Count == 0 ? "'none'" : string.Join(' ', page.FrameAncestors);
        SecurityHeadersMiddleware.UseOwnPolicy(http,
            "default-src 'none'; script-src 'self' https://connect.facebook.net; style-src 'self'; img-src 'self' data: https:; " +
            "connect-src 'self' https://*.facebook.com https://*.facebook.net; frame-src https://*.facebook.com; base-uri 'none'; " +
            $"form-action 'none'; frame-ancestors {ancestors}");
        http.Response.Headers.CacheControl = "no-store";
        var e = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Connect WhatsApp</title><link rel=\"stylesheet\" href=\"/whatsapp-connect.css\"></head>");
        if (page.State != ConnectPageState.READY)
        {
            var (title, reason) = page.State switch
            {
                ConnectPageState.EXPIRED => ("This connect link has expired", "Connect links are valid for a few minutes only. Close this window and start connecting again."),
                ConnectPageState.USED => ("This connect link was already used", "Each connect link works once. Close this window and start connecting again if the number is not connected."),
                _ => ("This connect link is not valid", "The link is incomplete or unknown. Close this window and start connecting again."),
            };
            html.Append("<body><main><h1>").Append(e.Encode(title)).Append("</h1><p role=\"alert\" data-state=\"")
                .Append(page.State.ToString().ToLowerInvariant()).Append("\">").Append(e.Encode(reason)).Append("</p>");
            if (cancelUrl is not null) html.Append("<p><a href=\"").Append(e.Encode(cancelUrl)).Append("\">Return to the application</a></p>");
            html.Append("</main></body></html>");
            return Results.Content(html.ToString(), "text/html; charset=utf-8", statusCode: page.State == ConnectPageState.UNKNOWN ? 404 : 410);
        }

        var onboardUrl = $"/api/v1/workspace/{page.WorkspaceSlug}/whatsapp/onboard";
        html.Append("<body data-mode=\"").Append(page.Sandbox ? "sandbox" : "meta").Append('"')
            .Append(Data("token", page.Token)).Append(Data("account-id", page.AccountId?.ToString())).Append(Data("onboard-url", onboardUrl))
            .Append(Data("app-id", page.MetaAppId)).Append(Data("config-id", page.MetaConfigId)).Append(Data("graph-version", page.GraphApiVersion))
            .Append(Data("cancel-url", cancelUrl)).Append('>')
            .Append("<main><h1>Connect WhatsApp</h1><p>Connect a WhatsApp Business number to <strong>")
            .Append(e.Encode(page.OrganizationName ?? "")).Append("</strong>.</p>");
        if (page.Sandbox)
            html.Append("<p>This server has no Meta app configured, so it connects a sandbox number: a pretend WhatsApp number that talks to simulated customers.</p>")
                .Append("<button id=\"connect-sandbox\" type=\"button\">Connect a sandbox number</button>");
        else
            html.Append("<p>Sign in with Facebook and follow Meta's steps to choose or create your WhatsApp Business account and number.</p>")
                .Append("<button id=\"connect-meta\" type=\"button\" disabled>Continue with Facebook</button>");
        html.Append("<p id=\"status\" role=\"status\" aria-live=\"polite\"></p>");
        if (cancelUrl is not null) html.Append("<p><a id=\"cancel\" href=\"").Append(e.Encode(cancelUrl)).Append("\">Cancel and return to the application</a></p>");
        html.Append("</main><script src=\"/whatsapp-connect.js\"></script></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");

        string Data(string name, string? value) => value is null ? "" : $" data-{name}=\"{e.Encode(value)}\"";
    }
}
